// Board moderation in the console: select notes, hide/unhide, edit, merge the selected into one,
// create clusters and group the selected into one. Tools are built once per note and updated in
// place, so focus stays where the moderator left it.
import { actionButton } from "./actions.js";
import { $, el, excerpt, setText, show } from "./dom.js";
import { t, tn, vocabulary } from "./i18n.js";
import { report } from "./panels.js";

export class ConsoleBoard {
  constructor(client, act, bar) {
    this.client = client;
    this.state = client.state;
    this.act = act;
    this.bar = bar;
    this.board = null;
    this.selected = new Set();
    $("#merge-selected", bar).addEventListener("click", () => this.merge());
    $("#group-selected", bar).addEventListener("click", () => this.group());
    $("#clear-selection", bar).addEventListener("click", () => this.clearSelection());
    $("#cluster-form", bar).addEventListener("submit", (event) => { event.preventDefault(); this.createCluster(); });
  }

  attach(board) {
    this.board = board;
  }

  /** The prompt moderation acts on: the one the board shows, else the one on screen. */
  promptId() {
    return this.board?.promptId() ?? this.state.live.prompt_id ?? null;
  }

  draw() {
    const promptId = this.promptId();
    const clusters = [...this.state.clusters.values()].filter((c) => promptId === null || c.prompt_id === promptId);
    const select = $("#group-target", this.bar);
    const chosen = select.value;
    select.replaceChildren(el("option", { value: "" }, t("cluster_none")),
      ...clusters.map((cluster) => el("option", { value: String(cluster.id) }, cluster.name)));
    if ([...select.options].some((option) => option.value === chosen)) select.value = chosen;
    this.drawSelection();
  }

  drawSelection() {
    setText($("#selection-count", this.bar), tn("selected_count", this.selected.size));
    show($("#clear-selection", this.bar), this.selected.size > 0);
  }

  /** Ideas that left the board leave the selection too. */
  forget() {
    for (const id of [...this.selected]) if (!this.state.ideas.has(id)) this.selected.delete(id);
    this.drawSelection();
  }

  clearSelection() {
    this.selected.clear();
    for (const box of document.querySelectorAll(".note-select input")) box.checked = false;
    this.drawSelection();
  }

  // -- tools on each note ----------------------------------------------------------------------

  noteTools(idea, tools) {
    if (!tools.firstChild) this.buildNoteTools(idea, tools);
    const name = excerpt(idea.text, 40);
    const hide = tools.querySelector(".note-hide");
    setText(hide, idea.hidden ? t("idea_unhide") : t("idea_hide"));
    hide.setAttribute("aria-label", t(idea.hidden ? "idea_unhide_named" : "idea_hide_named", { name }));
    tools.querySelector(".note-edit").setAttribute("aria-label", t("idea_edit_named", { name }));
    tools.querySelector(".note-select input").checked = this.selected.has(idea.id);
    setText(tools.querySelector(".note-select .visually-hidden"), name);
  }

  buildNoteTools(idea, tools) {
    const id = idea.id;
    const box = el("input", { type: "checkbox", id: `select-${id}` });
    box.addEventListener("change", () => {
      if (box.checked) this.selected.add(id);
      else this.selected.delete(id);
      this.drawSelection();
    });
    tools.append(
      el("span", { class: "note-select" }, box,
        el("label", { for: `select-${id}` }, t("idea_select"), " ", el("span", { class: "visually-hidden" }))),
      actionButton("", () => {
        const current = this.state.ideas.get(id);
        this.act("idea:hide", { idea_id: id, hidden: !current.hidden });
      }, { class: "small note-hide" }),
      actionButton(t("idea_edit"), () => this.openEditor(id, tools), { class: "small note-edit" }));
  }

  openEditor(id, tools) {
    const idea = this.state.ideas.get(id);
    if (!idea || tools.querySelector(".note-editor")) return;
    const prompt = this.state.prompts.get(idea.prompt_id);
    const text = el("textarea", { id: `edit-text-${id}`, maxlength: 500, rows: 3, required: true });
    text.value = idea.text;
    const fields = [el("div", { class: "field" }, el("label", { for: `edit-text-${id}` }, t("idea_text_label")), text)];
    let actor = null;
    let category = null;
    if (prompt?.asks_actor) {
      actor = el("input", { id: `edit-actor-${id}`, maxlength: 160 });
      actor.value = idea.actor || "";
      fields.push(el("div", { class: "field" }, el("label", { for: `edit-actor-${id}` }, t("idea_actor_label")), actor));
    }
    if (prompt?.asks_category) {
      category = el("select", { id: `edit-category-${id}` },
        ...vocabulary("categories").map(([key, name]) => el("option", { value: key }, name)));
      category.value = idea.category || vocabulary("categories")[0][0];
      fields.push(el("div", { class: "field" }, el("label", { for: `edit-category-${id}` }, t("idea_category_label")),
        category));
    }
    const editButton = tools.querySelector(".note-edit");
    const close = () => { editor.remove(); editButton.focus(); };
    const editor = el("form", { class: "note-editor", novalidate: true }, ...fields,
      el("div", { class: "row-actions" },
        el("button", { type: "submit", class: "small primary" }, t("save")),
        el("button", { type: "button", class: "small", onclick: close }, t("cancel"))));
    editor.addEventListener("submit", async (event) => {
      event.preventDefault();
      const payload = { idea_id: id, text: text.value.trim() };
      if (actor) payload.actor = actor.value.trim();
      if (category) payload.category = category.value;
      const ack = await this.act("idea:moderate", payload);
      if (ack.ok) close();
    });
    editor.addEventListener("keydown", (event) => { if (event.key === "Escape") close(); });
    tools.append(editor);
    text.focus();
  }

  clusterTools(cluster, tools) {
    if (tools.firstChild) return;
    tools.append(actionButton(t("cluster_delete"), () => this.act("cluster:delete", { cluster_id: cluster.id }),
      { class: "small", "aria-label": t("cluster_delete_named", { name: cluster.name }) }));
  }

  // -- acting on the selection -----------------------------------------------------------------

  /** Explain locally why nothing was sent. */
  say(message) {
    report($("#console-status"), { ok: false, error: { message } });
  }

  selectedIds() {
    return [...this.selected].filter((id) => this.state.ideas.has(id)).sort((a, b) => a - b);
  }

  async merge() {
    const [target, ...others] = this.selectedIds();
    if (!others.length) {
      this.say(t("merge_needs_two"));
      return;
    }
    const ack = await this.act("idea:merge", { target_id: target, idea_ids: others },
      t("merged_done", { name: excerpt(this.state.ideas.get(target)?.text, 40) }));
    if (ack.ok) this.clearSelection();
  }

  async group() {
    const ids = this.selectedIds();
    if (!ids.length) {
      this.say(t("select_first"));
      return;
    }
    const value = $("#group-target", this.bar).value;
    const clusterId = value ? Number(value) : null;
    for (const id of ids) {
      const ack = await this.act("idea:group", { idea_id: id, cluster_id: clusterId });
      if (!ack.ok) return;
    }
    this.clearSelection();
  }

  async createCluster() {
    const input = $("#cluster-name", this.bar);
    const name = input.value.trim();
    const promptId = this.promptId();
    if (!name || promptId === null) {
      this.say(promptId === null ? t("choose_prompt_first") : t("cluster_name_required"));
      input.focus();
      return;
    }
    const ack = await this.act("cluster:create", { prompt_id: promptId, name });
    if (ack.ok) {
      input.value = "";
      this.state.clusters.set(ack.cluster.id, ack.cluster);
      this.draw();
      $("#group-target", this.bar).value = String(ack.cluster.id);
    }
  }
}
