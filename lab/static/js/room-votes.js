// Voting in the participant room: the panel (budget left, results) and the +/− buttons the board
// puts on each idea or cluster of the round. Buttons stay in place between votes (aria-disabled,
// not disabled) so keyboard focus is never lost while someone spends their votes.
import { $, el, excerpt, setText, show } from "./dom.js";
import { t, tn } from "./i18n.js";
import { renderResults, renderVoteHistory, report, voteSummary } from "./panels.js";

export class RoomVotes {
  constructor(client, panel) {
    this.client = client;
    this.state = client.state;
    this.panel = panel;
    this.board = null;
    this.status = $("#vote-status", panel);
  }

  attach(board) {
    this.board = board;
  }

  /** Redraw the panel and every vote button (a vote changed, or my votes did). */
  draw() {
    const vote = this.state.vote;
    show(this.panel, Boolean(vote));
    if (!vote) {
      this.board?.redecorateAll();
      return;
    }
    const open = vote.status === "open";
    setText($(".vote-summary", this.panel), voteSummary(this.state, vote));
    setText($(".vote-remaining", this.panel), open
      ? tn("vote_remaining", vote.remaining ?? vote.budget, { budget: vote.budget, max: vote.max_per_target })
      : "");
    setText($(".vote-help", this.panel), open
      ? (vote.target === "clusters" ? t("vote_help_clusters") : t("vote_help_ideas")) : "");
    renderResults($(".vote-results", this.panel), this.state, vote);
    renderVoteHistory($("#vote-history", this.panel), this.state);
    this.board?.redecorateAll();
  }

  /** A vote update arrived: a new round shows its prompt's ideas on the board. */
  onVoteUpdate() {
    const vote = this.state.vote;
    if (vote?.status === "open" && this.board && this.board.promptId() !== vote.prompt_id) {
      this.board.showPrompt(vote.prompt_id);
    }
    if (this.status) setText(this.status, "");
    this.draw();
  }

  noteTools(idea, tools) {
    const vote = this.state.vote;
    const active = vote?.status === "open" && vote.target === "ideas" && vote.prompt_id === idea.prompt_id
      && !idea.redacted && !idea.hidden;
    this.controls(tools, active ? vote : null, idea.id, excerpt(idea.text, 50));
  }

  clusterTools(cluster, tools) {
    const vote = this.state.vote;
    const active = vote?.status === "open" && vote.target === "clusters" && vote.prompt_id === cluster.prompt_id;
    this.controls(tools, active ? vote : null, cluster.id, cluster.name);
  }

  controls(tools, vote, targetId, name) {
    let box = tools.querySelector(".vote-controls");
    if (!vote) {
      box?.remove();
      return;
    }
    if (!box || box.dataset.round !== String(vote.id)) {
      box?.remove();
      box = el("div", { class: "vote-controls", "data-round": vote.id },
        el("button", { type: "button", class: "vote-minus", "aria-label": t("vote_remove", { name }),
          onclick: (event) => this.cast(event.currentTarget, targetId, -1) }, "−"),
        el("span", { class: "vote-mine" }),
        el("button", { type: "button", class: "vote-plus", "aria-label": t("vote_add", { name }),
          onclick: (event) => this.cast(event.currentTarget, targetId, 1) }, "+"));
      tools.append(box);
    }
    const mine = vote.my_votes?.[String(targetId)] || 0;
    setText(box.querySelector(".vote-mine"), tn("my_votes", mine));
    box.querySelector(".vote-minus").setAttribute("aria-disabled", String(mine === 0));
    box.querySelector(".vote-plus").setAttribute("aria-disabled",
      String((vote.remaining ?? 0) <= 0 || mine >= vote.max_per_target));
  }

  async cast(button, targetId, delta) {
    const vote = this.state.vote;
    if (!vote || vote.status !== "open" || button.getAttribute("aria-disabled") === "true") return;
    const ack = await this.client.call("vote:cast", { round_id: vote.id, target_id: targetId, delta });
    report(this.status, ack);
    if (ack.ok) {
      this.state.setMyVotes(ack.my_votes, ack.remaining);
      this.draw();
    }
  }
}
