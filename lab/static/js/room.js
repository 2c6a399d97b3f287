// The participant room: agenda, current prompt and countdown, the idea box (with its outbox), the
// raised hand, voting, and the live board.
import { Board } from "./board.js";
import { Countdown } from "./countdown.js";
import { $, el, excerpt, setText, show } from "./dom.js";
import { config, t } from "./i18n.js";
import { LiveClient } from "./live-client.js";
import { Outbox } from "./outbox.js";
import { connectionBadge, renderAgenda, renderPrompt, renderSpeaking, report, workshopStatus } from "./panels.js";
import { RoomVotes } from "./room-votes.js";

const MAX_IDEA = 500;

const client = new LiveClient(config.workshop_id);
const state = client.state;
const outbox = new Outbox(client, { workshopId: config.workshop_id, userId: config.user_id });
const votes = new RoomVotes(client, $("#vote-panel"));
const board = new Board($("#board"), client, {
  mode: "room",
  decorateNote: (idea, tools) => votes.noteTools(idea, tools),
  decorateCluster: (cluster, tools) => votes.clusterTools(cluster, tools),
});
votes.attach(board);

const announcer = $("#timer-announcer");
new Countdown($("#prompt-countdown .countdown-value"), client, "prompt", announcer);
new Countdown($("#speaking-countdown .countdown-value"), client, "speaking", announcer);
connectionBadge(client, $("#connection"), $("#live-alert"));

// -- the idea box --------------------------------------------------------------------------------

const form = $("#idea-form");
const textBox = $("#idea-text");
const actorBox = $("#idea-actor");
const categoryBox = $("#idea-category");
const formStatus = $("#idea-status");
const submit = $("#idea-submit");

function drawCount() {
  const count = textBox.value.length;
  setText($("#idea-count"), t("char_count", { count, max: MAX_IDEA }));
  $("#idea-count").classList.toggle("is-near", count > MAX_IDEA - 50);
}

function drawIdeaBox() {
  const prompt = state.openPrompt();
  const live = state.workshop?.status === "live";
  const open = Boolean(prompt) && live;
  show($("#actor-field"), open && prompt.asks_actor);
  show($("#category-field"), open && prompt.asks_category);
  submit.disabled = !open;
  form.dataset.open = String(open);
  let note = t("idea_box_waiting");
  if (open) note = t("idea_box_open", { prompt: excerpt(prompt.text, 90) });
  else if (state.workshop?.status === "closed") note = t("workshop_closed");
  else if (state.currentPrompt() && !state.currentPrompt().is_open) note = t("idea_box_closed");
  setText($("#idea-box-note"), note);
}

function invalid(field, message) {
  field.setAttribute("aria-invalid", "true");
  report(formStatus, { ok: false, error: { message } });
  field.focus();
}

function postIdea(event) {
  event.preventDefault();
  for (const field of [textBox, actorBox, categoryBox]) field.removeAttribute("aria-invalid");
  const prompt = state.openPrompt();
  if (!prompt || state.workshop?.status !== "live") {
    report(formStatus, { ok: false, error: { message: t("idea_box_closed") } });
    return;
  }
  const text = textBox.value.trim();
  if (!text) { invalid(textBox, t("idea_empty")); return; }
  if (text.length > MAX_IDEA) { invalid(textBox, t("idea_too_long", { max: MAX_IDEA })); return; }
  const actor = prompt.asks_actor ? actorBox.value.trim() : "";
  const category = prompt.asks_category ? categoryBox.value : "";
  if (prompt.asks_actor && !actor) { invalid(actorBox, t("idea_actor_required")); return; }
  if (prompt.asks_category && !category) { invalid(categoryBox, t("idea_category_required")); return; }
  const color = form.querySelector("input[name=color]:checked")?.value || "amarillo";
  outbox.add({ prompt_id: prompt.id, text, actor, category, color });
  report(formStatus, { ok: true }, client.connected ? t("idea_sending") : t("idea_queued_offline"));
  textBox.value = "";
  actorBox.value = "";
  drawCount();
  textBox.focus();
}

function drawOutbox(items) {
  const list = $("#outbox-list");
  list.replaceChildren(...items.map((item) => el("li", { class: "pending-item", "data-client-id": item.client_id },
    el("span", { class: "tag tag-pending" }, t("idea_pending")), " ", el("span", {}, excerpt(item.text, 140)))));
  show($("#outbox"), items.length > 0);
}

form.addEventListener("submit", postIdea);
textBox.addEventListener("input", drawCount);
textBox.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
});
outbox.on("change", drawOutbox);
outbox.on("sent", ({ idea }) => {
  report(formStatus, { ok: true }, t("idea_sent"));
  if (idea) board.upsert(idea.id);
});
outbox.on("failed", ({ item, error }) => {
  report(formStatus, { ok: false, error: { message: t("idea_failed", { text: excerpt(item.text, 60),
    message: error.message }) } });
  if (!textBox.value) { textBox.value = item.text; drawCount(); }
});

// -- the raised hand -----------------------------------------------------------------------------

const handButton = $("#hand-button");
const handStatus = $("#hand-status");

function myHand() {
  const mine = state.myHandId;
  if (mine == null) return null;
  if (state.hands.speaking?.hand_id === mine) return "speaking";
  const position = state.hands.queue.findIndex((hand) => hand.hand_id === mine);
  return position >= 0 ? position + 1 : null;
}

function drawHand() {
  const mine = myHand();
  const live = state.workshop?.status === "live";
  setText(handButton, mine === "speaking" ? t("hand_finish") : mine ? t("hand_lower") : t("hand_raise"));
  handButton.dataset.raised = String(Boolean(mine));
  handButton.disabled = !live && !mine;
  let text = live ? "" : t("hand_not_live");
  if (mine === "speaking") text = t("hand_speaking");
  else if (mine) text = t("hand_position", { num: mine, total: state.hands.queue.length });
  setText(handStatus, text);
  handStatus.classList.remove("is-error");
}

handButton.addEventListener("click", async () => {
  const ack = await client.call(myHand() ? "hand:lower" : "hand:raise");
  if (!ack.ok) { report(handStatus, ack); return; }
  if (ack.hands) {
    state.hands = ack.hands;
    state.myHandId = ack.hands.mine ?? null;
  }
  drawHand();
});

// -- drawing -------------------------------------------------------------------------------------

function drawHead() {
  setText($("#workshop-state"), workshopStatus(state));
  $("#workshop-state").dataset.status = state.workshop?.status || "";
}

function drawAll() {
  drawHead();
  renderAgenda($("#agenda"), state);
  renderPrompt($("#prompt-card"), state);
  renderSpeaking($("#speaking"), state);
  drawIdeaBox();
  drawHand();
  votes.draw();
}

const REDRAW = {
  workshop: () => { drawHead(); renderPrompt($("#prompt-card"), state); drawIdeaBox(); drawHand(); },
  live: () => { renderAgenda($("#agenda"), state); renderPrompt($("#prompt-card"), state); drawIdeaBox(); },
  prompt: () => { renderPrompt($("#prompt-card"), state); drawIdeaBox(); },
  "prompt.revealed": () => { renderPrompt($("#prompt-card"), state); votes.draw(); },
  hands: () => { renderSpeaking($("#speaking"), state); drawHand(); },
  vote: () => votes.onVoteUpdate(),
};

client.on("snapshot", () => { drawAll(); board.sync(); });
client.on("hand.mine", drawHand);
client.on("update", ({ type, change }) => {
  board.apply(change);
  REDRAW[type]?.();
});

drawCount();
drawOutbox(outbox.items);
client.start();
