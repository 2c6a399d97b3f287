// The projector view for screen sharing: one mode at a time, switched by the moderator (welcome,
// question and countdown, board, results, map, closing). Nothing to press: it follows the room as its
// audience sees it, so a hidden idea never reaches it (docs/protocol.md §2).
import { Countdown } from "./countdown.js";
import { $, el, setText, show } from "./dom.js";
import { config, label, t, tn } from "./i18n.js";
import { LiveClient } from "./live-client.js";
import { connectionBadge, renderAgenda, renderPrompt, renderResults, renderSpeaking, voteSummary } from "./panels.js";

const PAGE_SECONDS = 12; // a page of notes stays this long: time to read it from the back of the room
const RESULTS_SHOWN = 10;

const client = new LiveClient(config.workshop_id, { view: "projector" });
const state = client.state;

new Countdown($("#projector-timer .countdown-value"), client, "prompt");
new Countdown($("#projector-speaking .countdown-value"), client, "speaking");
connectionBadge(client, $("#connection"), $("#live-alert"));

// -- modes ---------------------------------------------------------------------------------------

let previousMode = null;

// The maps slice draws the map for the shared screen; it is fetched as a fragment of this server's
// own HTML (user text escaped there) and refreshed while shown, since a page is never framed.
const MAP_REFRESH_MS = 30_000;

async function loadMap() {
  const holder = $(".map-fragment");
  if (!holder) return;
  try {
    const response = await fetch(holder.dataset.src, { credentials: "same-origin" });
    if (!response.ok) return;
    const fragment = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const script of fragment.querySelectorAll("script")) script.remove();
    holder.replaceChildren(...fragment.body.childNodes);
  } catch {
    // offline for a moment: the last map drawn stays, the next refresh tries again
  }
}

setInterval(() => { if (currentMode() === "map") loadMap(); }, MAP_REFRESH_MS);

function currentMode() {
  const wanted = state.live.projector_mode || "question";
  return document.querySelector(`.projector-mode[data-mode="${wanted}"]`) ? wanted : "question";
}

function drawMode() {
  const mode = currentMode();
  document.body.dataset.mode = mode;
  for (const section of document.querySelectorAll(".projector-mode")) show(section, section.dataset.mode === mode);
  if (mode === "map" && previousMode !== "map") loadMap();
  previousMode = mode;
  // After closing nobody is invited to join any more.
  const closed = state.workshop?.status === "closed";
  for (const block of document.querySelectorAll(".join-block")) show(block, !closed);
}

// -- welcome: objective, purpose and rules -------------------------------------------------------

function drawWelcome() {
  const workshop = state.workshop || {};
  const purpose = $(".workshop-purpose");
  purpose.replaceChildren(
    ...(workshop.objective ? [el("h3", {}, t("workshop_objective")), el("p", { class: "prose" }, workshop.objective)] : []),
    ...(workshop.purpose ? [el("h3", {}, t("workshop_purpose")), el("p", { class: "prose" }, workshop.purpose)] : []));
  const rules = workshop.rules || [];
  $(".rules-list").replaceChildren(...rules.map((rule) => el("li", {},
    el("strong", {}, rule.title), rule.text ? el("span", {}, ` ${rule.text}`) : null)));
  show($(".rules-title"), rules.length > 0);
}

// -- board: the prompt's ideas, a page at a time -------------------------------------------------

let page = 0;

function pageSize() {
  if (window.innerWidth >= 1600) return 12;
  if (window.innerWidth >= 1000) return 9;
  return 4;
}

function boardIdeas() {
  const promptId = state.live.prompt_id;
  return [...state.ideas.values()].filter((idea) => idea.prompt_id === promptId && !idea.redacted && !idea.hidden)
    .sort((a, b) => a.id - b.id);
}

function drawBoard() {
  const prompt = state.currentPrompt();
  setText($(".board-prompt-text"), prompt ? prompt.text : t("no_prompt"));
  const ideas = boardIdeas();
  const size = pageSize();
  const pages = Math.max(1, Math.ceil(ideas.length / size));
  page %= pages;
  const shown = ideas.slice(page * size, page * size + size);
  $(".projector-notes").replaceChildren(...shown.map((idea) => el("li", { class: `note color-${idea.color}` },
    el("span", { class: "note-text" }, idea.text),
    idea.actor ? el("span", { class: "note-meta" }, t("idea_actor", { actor: idea.actor })) : null,
    idea.category ? el("span", { class: "note-meta" }, label("categories", idea.category)) : null)));
  setText($(".board-page"), pages > 1
    ? t("board_page", { page: page + 1, pages, ideas: tn("ideas_count", ideas.length) }) : tn("ideas_count", ideas.length));
  show($(".board-none"), ideas.length === 0);
  drawClusters(ideas);
}

/** With many notes, the groups say more than any page: each cluster and how many ideas it holds. */
function drawClusters(ideas) {
  const counts = new Map();
  for (const idea of ideas) if (idea.cluster_id) counts.set(idea.cluster_id, (counts.get(idea.cluster_id) || 0) + 1);
  const clusters = [...counts.entries()].map(([id, count]) => ({ cluster: state.clusters.get(id), count }))
    .filter(({ cluster }) => cluster).sort((a, b) => b.count - a.count);
  $(".cluster-summary").replaceChildren(...clusters.map(({ cluster, count }) => el("li", {},
    el("span", { class: "cluster-name" }, cluster.name), " ", el("span", { class: "cluster-count" }, tn("ideas_count", count)))));
}

setInterval(() => {
  if (currentMode() !== "board") return;
  page += 1;
  drawBoard();
}, PAGE_SECONDS * 1000);

// -- results: bars, and how many people voted so far ---------------------------------------------

let voters = null;

function drawResults() {
  const vote = state.vote;
  show($(".vote-none"), !vote);
  setText($(".mode-results .vote-summary"), voteSummary(state, vote));
  const live = voters && vote && voters.round_id === vote.id ? voters.voters : vote?.voters ?? null;
  const count = vote?.status === "closed" ? vote.voters ?? 0 : live;
  setText($(".vote-voters"), vote && count !== null ? tn("voters_count", count) : "");
  renderResults($(".mode-results .vote-results"), state, vote, RESULTS_SHOWN);
}

client.on("vote.progress", (progress) => { voters = progress; drawResults(); });

// -- drawing -------------------------------------------------------------------------------------

function drawAll() {
  drawMode();
  drawWelcome();
  renderAgenda($("#agenda"), state);
  renderPrompt($("#prompt-card"), state);
  renderSpeaking($("#projector-speaking"), state);
  drawBoard();
  drawResults();
}

client.on("snapshot", drawAll);
client.on("update", drawAll);
window.addEventListener("resize", drawBoard);
client.start();
