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
    this.ratings = new RoomRatings(act, root);
    client.on("snapshot", (snapshot) => {
      this.entries = new Map((snapshot.map_entries || []).map((entry) => [entry.id, entry]));
      this.ratings.setAsked(Boolean(snapshot.map_ratings_asked));
      this.draw();
    });
    client.on("update", ({ type, data }) => {
      if (type === "map.rating_question" && data) this.ratings.setAsked(Boolean(data.asked));
      if (type === "map.assessment" && data && data.source === "participants") this.ratings.show(data);
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

// Asking the room to rate the workshop's actors: one button opens or closes the question; the
// medians and spreads of the answers arrive as `map.assessment` updates (names from the review list
// when known, the actor's id otherwise).
class RoomRatings {
  constructor(act, root) {
    this.act = act;
    this.text = root.dataset;
    this.state = root.querySelector(".map-rating-state");
    this.toggle = root.querySelector(".map-rating-toggle");
    this.list = root.querySelector(".map-rating-list");
    this.names = new Map();
    this.asked = false;
    if (this.toggle) this.toggle.addEventListener("click", () => this.act("map:ask_ratings", { asked: !this.asked }));
    this.setAsked(false);
  }

  setAsked(asked) {
    this.asked = asked;
    if (!this.toggle) return;
    setText(this.state, asked ? this.text.asked : this.text.notAsked);
    setText(this.toggle, asked ? this.text.close : this.text.ask);
    this.toggle.setAttribute("aria-pressed", String(asked));
  }

  show(view) {
    if (!this.list) return;
    const id = `map-rating-${view.actor_id}`;
    const line = el("li", { id, "data-actor": view.actor_id },
      el("strong", {}, view.name || `#${view.actor_id}`), " ",
      `${this.text.influence} ${view.influence} (${this.text.spread} ${view.influence_spread}), `,
      `${this.text.interest} ${view.interest} (${this.text.spread} ${view.interest_spread}), `,
      `${view.ratings} ${this.text.answers}`);
    const old = this.list.querySelector(`#${id}`);
    if (old) old.replaceWith(line); else this.list.append(line);
  }
}
