// The console's map review: what the board proposed for the workshop's map, confirmed or discarded
// live. Entries come in the snapshot (moderators only) and as `map.entry` updates; the texts are the
// page's, translated on the server (data-* attributes of the section).
import { actionButton } from "./actions.js";
import { el, setText } from "./dom.js";

export class MapReview {
  constructor(client, act, root) {
    if (!root) return;
    this.act = act;
    this.root = root;
    this.text = root.dataset;
    this.list = root.querySelector(".map-review-list");
    this.count = root.querySelector(".map-review-count");
    this.entries = new Map();
    client.on("snapshot", (snapshot) => {
      this.entries = new Map((snapshot.map_entries || []).map((entry) => [entry.id, entry]));
      this.draw();
    });
    client.on("update", ({ type, data }) => {
      if (type !== "map.entry" || !data || data.status === undefined) return;
      if (data.status === "proposed" && !data.idea_hidden) this.entries.set(data.id, data);
      else this.entries.delete(data.id);
      this.draw();
    });
  }

  draw() {
    const entries = [...this.entries.values()].sort((a, b) => a.id - b.id);
    setText(this.count, `${this.text.pending} ${entries.length}`);
    this.list.replaceChildren(...entries.map((entry) => this.item(entry)));
  }

  item(entry) {
    const name = entry.typed_name;
    const candidate = entry.candidate;
    const buttons = [];
    const button = (label, event, payload, aria) => buttons.push(actionButton(label,
      () => this.act(event, { entry_id: entry.id, ...payload }), { class: "small", "aria-label": `${aria || label}: ${name}` }));
    let what = this.text.new;
    if (entry.match === "exact" && candidate) {
      what = `${this.text.matches} ${candidate.name}`;
      button(this.text.confirm, "entry:confirm", {});
    } else if (entry.match === "near" && candidate) {
      what = `${this.text.near} ${candidate.name}`;
      button(`${this.text.confirmAs} ${candidate.name}`, "entry:confirm", { actor_id: candidate.id });
      button(this.text.asNew, "entry:confirm", { new_name: name });
    } else {
      button(this.text.confirm, "entry:confirm", {});
    }
    button(this.text.discard, "entry:discard", {});
    return el("li", { "data-entry": entry.id },
      el("strong", {}, name), " ", el("span", { class: "muted" }, what),
      el("div", { class: "row-actions" }, ...buttons));
  }
}
