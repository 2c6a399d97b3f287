// The live board, shared by the room, the console and the projector. Notes are keyed by idea id and
// updated one by one: an update touches its note only, a snapshot is diffed against what is drawn
// and new notes are drawn in chunks per frame, so a board of 300+ notes stays fast.
// Filters (prompt, category, text) only toggle `hidden` on notes; nothing is redrawn.
import { el, excerpt, fold, nextFrame, setText, show } from "./dom.js";
import { label, t, tn, vocabulary } from "./i18n.js";

const CHUNK = 150;
const UNGROUPED = "none";

export class Board {
  /**
   * root: element holding `.board-groups`, and optionally `.board-count`, `.board-empty` and the
   * filter controls `.board-prompt`, `.board-category`, `.board-search`.
   * options.decorateNote(idea, toolsNode, note), options.decorateCluster(cluster, toolsNode): fill
   * the tools of a note or cluster (vote buttons, moderation); called on every change of it.
   */
  constructor(root, client, options = {}) {
    this.root = root;
    this.client = client;
    this.state = client.state;
    this.mode = options.mode || "room";
    this.decorateNote = options.decorateNote || (() => {});
    this.decorateCluster = options.decorateCluster || (() => {});
    this.groups = root.querySelector(".board-groups");
    this.countNode = root.querySelector(".board-count");
    this.emptyNode = root.querySelector(".board-empty");
    this.notes = new Map();
    this.tools = new Map();
    this.sections = new Map();
    this.searchText = new Map();
    this.filter = { prompt: "current", category: "", query: "" };
    this.queue = [];
    this.queued = new Set();
    this.drawing = false;
    this.countsDue = false;
    this.section(UNGROUPED);
    this.bindFilters();
  }

  // -- filters ---------------------------------------------------------------------------------

  bindFilters() {
    this.promptSelect = this.root.querySelector(".board-prompt");
    const category = this.root.querySelector(".board-category");
    const search = this.root.querySelector(".board-search");
    this.promptSelect?.addEventListener("change", () => {
      this.filter.prompt = this.promptSelect.value;
      this.refilter();
    });
    if (category) {
      category.append(...vocabulary("categories").map(([key, name]) => el("option", { value: key }, name)));
      category.addEventListener("change", () => { this.filter.category = category.value; this.refilter(); });
    }
    let typing = null;
    search?.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => { this.filter.query = fold(search.value.trim()); this.refilter(); }, 150);
    });
  }

  renderPromptOptions() {
    const select = this.promptSelect;
    if (!select) return;
    const chosen = select.value || this.filter.prompt;
    const options = [el("option", { value: "current" }, t("filter_current_prompt")),
      ...this.state.orderedPrompts().map((prompt, index) =>
        el("option", { value: String(prompt.id) }, `${index + 1}. ${excerpt(prompt.text, 70)}`)),
      el("option", { value: "all" }, t("filter_all_prompts"))];
    select.replaceChildren(...options);
    select.value = [...select.options].some((option) => option.value === chosen) ? chosen : "current";
    this.filter.prompt = select.value;
  }

  /** Show one prompt's ideas (e.g. the options of a vote that just opened). */
  showPrompt(promptId) {
    this.filter.prompt = String(promptId);
    if (this.promptSelect) this.promptSelect.value = this.filter.prompt;
    this.refilter();
  }

  /** The prompt id the board shows, or null for every prompt. */
  promptId() {
    if (this.filter.prompt === "all") return null;
    if (this.filter.prompt === "current") return this.state.live.prompt_id ?? null;
    return Number(this.filter.prompt);
  }

  matches(idea) {
    const promptId = this.promptId();
    if (promptId !== null && idea.prompt_id !== promptId) return false;
    if (this.filter.category && idea.category !== this.filter.category) return false;
    if (this.filter.query && !(this.searchText.get(idea.id) || "").includes(this.filter.query)) return false;
    return true;
  }

  refilter() {
    for (const [id, note] of this.notes) {
      const idea = this.state.ideas.get(id);
      note.hidden = !idea || !this.matches(idea);
    }
    this.scheduleCounts();
  }

  // -- changes ---------------------------------------------------------------------------------

  /** A whole snapshot: remove what is gone, draw the rest in chunks. */
  sync() {
    for (const id of [...this.notes.keys()]) if (!this.state.ideas.has(id)) this.remove(id);
    for (const key of [...this.sections.keys()]) {
      if (key !== UNGROUPED && !this.state.clusters.has(key)) this.removeCluster(key);
    }
    for (const id of this.state.clusters.keys()) this.upsertCluster(id);
    this.renderPromptOptions();
    this.enqueue([...this.state.ideas.keys()].sort((a, b) => b - a));
    this.scheduleCounts();
  }

  /** One update's change, as RoomState.apply describes it. */
  apply(change) {
    for (const id of change.removed || []) this.remove(id);
    for (const id of change.removedClusters || []) this.removeCluster(id);
    for (const id of change.clusters || []) this.upsertCluster(id);
    for (const id of change.ideas || []) this.upsert(id);
    if (change.prompts || change.live) this.renderPromptOptions();
    if (change.live) this.refilter();
  }

  enqueue(ids) {
    for (const id of ids) {
      if (!this.queued.has(id)) { this.queued.add(id); this.queue.push(id); }
    }
    if (!this.drawing && this.queue.length) { this.drawing = true; nextFrame(() => this.drawChunk()); }
  }

  drawChunk() {
    for (const id of this.queue.splice(0, CHUNK)) {
      this.queued.delete(id);
      this.upsert(id);
    }
    if (this.queue.length) nextFrame(() => this.drawChunk());
    else this.drawing = false;
  }

  upsert(id) {
    const idea = this.state.ideas.get(id);
    if (!idea) { this.remove(id); return; }
    let note = this.notes.get(id);
    if (!note) {
      note = this.createNote(id);
      this.notes.set(id, note);
    }
    this.fill(note, idea);
    this.place(note, idea);
    note.hidden = !this.matches(idea);
    this.decorateNote(idea, this.tools.get(id), note);
    this.scheduleCounts();
  }

  remove(id) {
    this.notes.get(id)?.remove();
    this.notes.delete(id);
    this.tools.delete(id);
    this.searchText.delete(id);
    this.scheduleCounts();
  }

  redecorateAll() {
    for (const [id, note] of this.notes) {
      const idea = this.state.ideas.get(id);
      if (idea) this.decorateNote(idea, this.tools.get(id), note);
    }
    for (const [key, group] of this.sections) {
      const cluster = this.state.clusters.get(key);
      if (cluster) this.decorateCluster(cluster, group.tools);
    }
  }

  // -- notes -----------------------------------------------------------------------------------

  createNote(id) {
    const tools = el("div", { class: "note-tools" });
    this.tools.set(id, tools);
    return el("li", { class: "note", "data-id": id },
      el("p", { class: "note-text" }),
      el("p", { class: "note-meta" }),
      tools);
  }

  fill(note, idea) {
    const [text, meta] = note.children;
    note.className = `note color-${idea.color || "amarillo"}`;
    note.classList.toggle("is-redacted", Boolean(idea.redacted));
    note.classList.toggle("is-hidden", Boolean(idea.hidden));
    if (idea.redacted) {
      setText(text, t("idea_redacted"));
      meta.replaceChildren();
      this.searchText.set(idea.id, "");
      return;
    }
    setText(text, idea.text);
    const parts = [];
    if (idea.hidden) parts.push(el("span", { class: "tag tag-hidden" }, t("idea_hidden_badge")));
    if (idea.actor) parts.push(el("span", { class: "note-actor" }, t("idea_actor", { actor: idea.actor })));
    if (idea.category) parts.push(el("span", { class: "tag" }, label("categories", idea.category)));
    if (idea.merged_count) parts.push(el("span", { class: "tag" }, tn("idea_merged", idea.merged_count)));
    if (this.mode !== "projector" && idea.author_name) {
      parts.push(el("span", { class: "note-author" }, t("idea_author", { name: idea.author_name })));
    }
    meta.replaceChildren(...parts);
    this.searchText.set(idea.id, fold([idea.text, idea.actor, idea.author_name,
      label("categories", idea.category)].join(" ")));
  }

  place(note, idea) {
    const group = this.section(this.state.clusters.has(idea.cluster_id) ? idea.cluster_id : UNGROUPED);
    if (note.parentNode === group.list) return;
    const last = group.list.lastElementChild;
    if (!last || Number(last.dataset.id) > idea.id) {
      group.list.append(note); // newest first: most inserts land at the end during a sync
      return;
    }
    const after = [...group.list.children].find((child) => Number(child.dataset.id) < idea.id);
    group.list.insertBefore(note, after || null);
  }

  // -- clusters --------------------------------------------------------------------------------

  section(key) {
    let group = this.sections.get(key);
    if (group) return group;
    const headingId = `cluster-${this.mode}-${key}`;
    const name = el("span", { class: "cluster-name" });
    const count = el("span", { class: "cluster-count" });
    const tools = el("div", { class: "cluster-tools" });
    const heading = el("h3", { id: headingId }, name, " ", count);
    const list = el("ul", { class: "notes", role: "list" });
    const node = el("section", { class: key === UNGROUPED ? "cluster cluster-none" : "cluster",
      "aria-labelledby": headingId, "data-cluster": key }, el("div", { class: "cluster-head" }, heading, tools), list);
    group = { node, list, name, count, heading, tools };
    this.sections.set(key, group);
    if (key === UNGROUPED) {
      setText(name, t("cluster_none"));
      this.groups.append(node);
    } else {
      // Clusters in the order they were made, the ungrouped ideas last.
      const later = [...this.sections.keys()].filter((other) => other !== UNGROUPED && other > key);
      const next = later.length ? Math.min(...later) : UNGROUPED;
      this.groups.insertBefore(node, this.sections.get(next).node);
    }
    return group;
  }

  upsertCluster(id) {
    const cluster = this.state.clusters.get(id);
    if (!cluster) return;
    const group = this.section(id);
    setText(group.name, cluster.name);
    this.decorateCluster(cluster, group.tools);
    this.scheduleCounts();
  }

  removeCluster(id) {
    const group = this.sections.get(id);
    if (!group) return;
    for (const note of [...group.list.children]) {
      const idea = this.state.ideas.get(Number(note.dataset.id));
      if (idea) this.place(note, idea);
      else note.remove();
    }
    group.node.remove();
    this.sections.delete(id);
    this.scheduleCounts();
  }

  // -- counts ----------------------------------------------------------------------------------

  scheduleCounts() {
    if (this.countsDue) return;
    this.countsDue = true;
    nextFrame(() => { this.countsDue = false; this.drawCounts(); });
  }

  drawCounts() {
    const promptId = this.promptId();
    const filtering = Boolean(this.filter.category || this.filter.query);
    let shown = 0;
    let clustersShown = 0;
    for (const [key, group] of this.sections) {
      let visible = 0;
      for (const note of group.list.children) if (!note.hidden) visible += 1;
      shown += visible;
      setText(group.count, `(${visible})`);
      if (key === UNGROUPED) continue;
      const cluster = this.state.clusters.get(key);
      const inPrompt = promptId === null || cluster?.prompt_id === promptId;
      const keepEmpty = this.mode === "console" && !filtering;
      const visibleCluster = inPrompt && (visible > 0 || keepEmpty);
      show(group.node, visibleCluster);
      if (visibleCluster) clustersShown += 1;
    }
    const ungrouped = this.sections.get(UNGROUPED);
    let ungroupedShown = 0;
    for (const note of ungrouped.list.children) if (!note.hidden) ungroupedShown += 1;
    show(ungrouped.node, ungroupedShown > 0);
    show(ungrouped.heading, clustersShown > 0);
    const total = [...this.state.ideas.values()].filter((idea) => promptId === null || idea.prompt_id === promptId).length;
    if (this.countNode) {
      setText(this.countNode, filtering ? tn("ideas_filtered", shown, { total }) : tn("ideas_count", total));
    }
    show(this.emptyNode, shown === 0 && clustersShown === 0);
    if (this.emptyNode) setText(this.emptyNode, filtering ? t("board_no_match") : t("board_empty"));
  }
}
