// Voting controls in the console: open a round over a prompt's ideas or clusters with a budget,
// follow its progress, close it, and show the ranked results.
import { $, el, excerpt, setText, show } from "./dom.js";
import { t, tn } from "./i18n.js";
import { renderResults, renderVoteHistory, voteSummary } from "./panels.js";

export class ConsoleVotes {
  constructor(client, act, section) {
    this.client = client;
    this.state = client.state;
    this.act = act;
    this.section = section;
    this.form = $("#vote-form", section);
    this.form.addEventListener("submit", (event) => { event.preventDefault(); this.open(); });
    $("#vote-close", section).addEventListener("click", () => this.close());
    $("#vote-budget", section).addEventListener("change", () => this.syncMax());
  }

  syncMax() {
    const budget = $("#vote-budget", this.section);
    const max = $("#vote-max", this.section);
    max.max = budget.value;
    if (Number(max.value) > Number(budget.value)) max.value = budget.value;
  }

  drawPromptOptions() {
    const select = $("#vote-prompt", this.section);
    const chosen = select.value || String(this.state.live.prompt_id ?? "");
    select.replaceChildren(...this.state.orderedPrompts().map((prompt, index) =>
      el("option", { value: String(prompt.id) }, `${index + 1}. ${excerpt(prompt.text, 70)}`)));
    if ([...select.options].some((option) => option.value === chosen)) select.value = chosen;
  }

  draw() {
    const vote = this.state.vote;
    const open = vote?.status === "open";
    this.drawPromptOptions();
    show(this.form, !open);
    show($("#vote-live", this.section), open);
    setText($(".vote-summary", this.section), voteSummary(this.state, vote));
    if (open) this.progress({ round_id: vote.id, voters: vote.voters || 0, votes_cast: vote.votes_cast || 0 });
    const closed = vote?.status === "closed";
    show($("#vote-results-title", this.section), closed);
    setText($("#vote-totals", this.section), closed
      ? t("vote_totals", { voters: vote.voters ?? 0, votes: vote.votes_cast ?? 0 }) : "");
    renderResults($(".vote-results", this.section), this.state, vote);
    this.drawHistory();
  }

  drawHistory() {
    renderVoteHistory($("#vote-history", this.section), this.state);
  }

  progress({ round_id: roundId, voters, votes_cast: votesCast }) {
    if (this.state.vote?.id !== roundId) return;
    setText($(".vote-progress", this.section),
      t("vote_progress", { voters: tn("voters_count", voters), votes: tn("votes_count", votesCast) }));
  }

  async open() {
    const budget = Number($("#vote-budget", this.section).value);
    const max = Number($("#vote-max", this.section).value) || budget;
    const payload = {
      prompt_id: Number($("#vote-prompt", this.section).value),
      target: this.form.querySelector("input[name=vote-target]:checked")?.value || "ideas",
      budget,
      max_per_target: Math.min(max, budget),
    };
    const ack = await this.act("vote:open", payload, t("vote_opened"));
    if (ack.ok) $("#vote-close", this.section).focus();
  }

  async close() {
    const vote = this.state.vote;
    if (vote?.status !== "open") return;
    const ack = await this.act("vote:close", { round_id: vote.id }, t("vote_closed_done"));
    if (ack.ok) $("#vote-results-title", this.section).focus();
  }
}
