// Pieces every live view shows: connection state, agenda progress, the current prompt, who has
// the floor, and vote results. Each draws from the client's state and is cheap to call again.
import { el, excerpt, setText, show } from "./dom.js";
import { label, t, tn } from "./i18n.js";

const STATUS_TEXT = {
  connecting: "status_connecting",
  connected: "status_connected",
  reconnecting: "status_reconnecting",
  offline: "status_offline",
  refused: "status_refused",
  ended: "status_ended",
};

/** The connection badge (role="status" in the template) and, when the room refuses us, an alert. */
export function connectionBadge(client, badge, alertNode) {
  client.on("status", ({ status, message, code }) => {
    badge.dataset.status = status;
    setText(badge.querySelector(".badge-text") || badge, t(STATUS_TEXT[status] || "status_connecting"));
    if (!alertNode) return;
    const final = status === "refused" || status === "ended";
    show(alertNode, final);
    if (final) {
      const help = code === "forbidden" ? t("refused_join_help") : t("refused_login_help");
      alertNode.replaceChildren(el("p", {}, message || t("status_refused")), el("p", {}, help));
    }
  });
}

/** Agenda progress: "Punto 2 de 5: title" and the list of items, the current one marked. */
export function renderAgenda(node, state) {
  if (!node) return;
  const items = state.agenda;
  const index = items.findIndex((item) => item.id === state.live.agenda_item_id);
  const summary = node.querySelector(".agenda-summary");
  const list = node.querySelector(".agenda-steps");
  setText(summary, index >= 0
    ? t("agenda_step", { num: index + 1, total: items.length, title: items[index].title })
    : t("agenda_not_started"));
  list?.replaceChildren(...items.map((item, position) => {
    const current = position === index;
    return el("li", { class: current ? "is-current" : position < index ? "is-done" : "",
      "aria-current": current ? "step" : null }, item.title);
  }));
  const bar = node.querySelector(".agenda-bar");
  if (bar) bar.style.setProperty("--done", items.length ? `${((index + 1) / items.length) * 100}%` : "0%");
}

/** The prompt on screen: its text and whether it takes ideas. */
export function renderPrompt(node, state) {
  if (!node) return;
  const prompt = state.currentPrompt();
  const text = node.querySelector(".prompt-text");
  const status = node.querySelector(".prompt-status");
  const instructions = node.querySelector(".prompt-activity");
  if (!prompt) {
    setText(text, state.workshop?.status === "closed" ? t("workshop_closed") : t("no_prompt"));
    setText(status, "");
    show(status, false);
    if (instructions) setText(instructions, "");
    return;
  }
  setText(text, prompt.text);
  show(status, true);
  status.dataset.open = String(prompt.is_open);
  setText(status, prompt.is_open ? t("prompt_open") : t("prompt_closed"));
  if (instructions) {
    const activity = state.activities.find((item) => item.prompts.some((p) => p.id === prompt.id));
    setText(instructions, activity ? activity.title : "");
  }
}

/** Who has the floor, if anyone. */
export function renderSpeaking(node, state) {
  if (!node) return;
  const speaking = state.hands.speaking;
  show(node, Boolean(speaking));
  if (speaking) setText(node.querySelector(".speaking-name"), t("speaking_now", { name: speaking.name }));
}

/** What a vote option is called: an idea's text or a cluster's name. */
export function optionLabel(state, vote, targetId) {
  const id = Number(targetId);
  if (vote.target === "clusters") return state.clusters.get(id)?.name || t("option_gone");
  const idea = state.ideas.get(id);
  if (!idea) return t("option_gone");
  return idea.redacted ? t("idea_redacted") : excerpt(idea.text, 120);
}

/** Ranked results of a closed vote round into an <ol>: each option with a bar as long as its share of
 * the most voted one. The text says the same (rank, option, votes): the bar is for the eye only. */
export function renderResults(list, state, vote, limit = Infinity) {
  if (!list) return;
  const rows = (vote?.status === "closed" ? vote.results || [] : []).slice(0, limit);
  const most = Math.max(1, ...rows.map((row) => row.votes));
  list.replaceChildren(...rows.map((row) => {
    const bar = el("span", { class: "result-bar", "aria-hidden": "true" });
    bar.style.setProperty("--share", `${(row.votes / most) * 100}%`);
    return el("li", { class: row.rank === 1 && row.votes > 0 ? "is-winner" : "" },
      el("span", { class: "result-rank" }, t("result_rank", { rank: row.rank })), " ",
      el("span", { class: "result-label" }, optionLabel(state, vote, row.target_id)), " ",
      el("span", { class: "result-votes" }, tn("votes_count", row.votes)), bar);
  }));
  show(list, rows.length > 0);
}

/** Every earlier round stays at hand, folded: its question, how many voted, and its bars. */
export function renderVoteHistory(container, state) {
  if (!container) return;
  const current = state.vote?.id;
  const rounds = state.voteRounds.map((round, index) => ({ round, number: index + 1 }))
    .filter(({ round }) => round.id !== current).reverse();
  container.querySelector(".vote-history-list").replaceChildren(...rounds.map(({ round, number }) => {
    const results = el("ol", { class: "vote-results bars" });
    renderResults(results, state, round);
    return el("li", {}, el("details", {},
      el("summary", {}, t("vote_round_title", { num: number, summary: voteSummary(state, round) }), " · ",
        tn("voters_count", round.voters ?? 0)),
      results));
  }));
  show(container, rounds.length > 0);
}

/** A sentence about the current vote round for everyone. */
export function voteSummary(state, vote) {
  if (!vote) return "";
  const prompt = state.prompts.get(vote.prompt_id);
  const over = vote.target === "clusters" ? t("vote_over_clusters") : t("vote_over_ideas");
  const where = prompt ? excerpt(prompt.text, 80) : "";
  return vote.status === "open" ? t("vote_open_summary", { over, prompt: where })
    : t("vote_closed_summary", { over, prompt: where });
}

export function workshopStatus(state) {
  return label("statuses", state.workshop?.status);
}

/** Show the error of a failed ack in a status node; clears it on success. */
export function report(node, ack, success = "") {
  if (!node) return ack;
  node.classList.toggle("is-error", !ack.ok);
  setText(node, ack.ok ? success : ack.error?.message || t("action_failed"));
  return ack;
}
