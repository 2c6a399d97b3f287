// The participant room: agenda, current prompt and countdown, the idea box (with its outbox), the
// raised hand, voting, and the live board.
import { Board } from "./board.js";
import { Countdown } from "./countdown.js";
import { $, el, excerpt, fold, setText, show } from "./dom.js";
import { config, t, vocabulary } from "./i18n.js";
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

let presetFor = null; // the prompt whose named category was put in the box already

/** A prompt that names a capability category (its label, in the prompt text) has it chosen already. */
function presetCategory(prompt) {
  if (!prompt?.asks_category || presetFor === prompt.id) return;
  presetFor = prompt.id;
  const text = fold(prompt.text);
  const named = vocabulary("categories").filter(([, name]) => text.includes(fold(name)));
  if (named.length === 1) categoryBox.value = named[0][0];
}

function drawIdeaBox() {
  const prompt = state.openPrompt();
  const live = state.workshop?.status === "live";
  const open = Boolean(prompt) && live;
  show($("#actor-field"), open && prompt.asks_actor);
  show($("#category-field"), open && prompt.asks_category);
  if (open) presetCategory(prompt);
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
  presetFor = null;
  presetCategory(prompt);
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

// Hands carry no person ids: this person's hand is known by its id (snapshot, ack or `hand.mine`).
function isMe(hand) {
  return Boolean(hand) && state.myHandId != null && hand.hand_id === state.myHandId;
}

function myHand() {
  const mine = state.myHandId;
  if (mine == null) return null;
  if (isMe(state.hands.speaking)) return "speaking";
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

/** The person given the floor reads it addressed to them, in an alert they cannot miss. */
function drawMyTurn() {
  const mine = isMe(state.hands.speaking);
  const alertNode = $("#my-turn");
  if (mine && alertNode.hidden && navigator.vibrate) navigator.vibrate(200);
  show(alertNode, mine);
  document.body.classList.toggle("has-turn", mine);
  show($("#speaking"), Boolean(state.hands.speaking) && !mine);
}

// -- objective, purpose and rules: shown when the workshop starts ---------------------------------

let introOpened = false;

function drawIntro() {
  const workshop = state.workshop || {};
  const intro = $("#workshop-intro");
  const parts = [["workshop_objective", workshop.objective], ["workshop_purpose", workshop.purpose]]
    .filter(([, text]) => text);
  intro.querySelector(".intro-purpose").replaceChildren(...parts.flatMap(([key, text]) =>
    [el("h3", {}, t(key)), el("p", { class: "prose" }, text)]));
  const rules = workshop.rules || [];
  intro.querySelector(".intro-rules").replaceChildren(...rules.map((rule) => el("li", {},
    el("strong", {}, rule.title), rule.text ? ` ${rule.text}` : "")));
  show(intro.querySelector(".intro-rules-title"), rules.length > 0);
  show(intro, parts.length > 0 || rules.length > 0);
  if (workshop.status === "live" && !introOpened) { // open once, when the workshop starts
    intro.open = true;
    introOpened = true;
  }
}

function drawHead() {
  setText($("#workshop-state"), workshopStatus(state));
  $("#workshop-state").dataset.status = state.workshop?.status || "";
}

function drawAll() {
  drawHead();
  drawIntro();
  renderAgenda($("#agenda"), state);
  renderPrompt($("#prompt-card"), state);
  renderSpeaking($("#speaking"), state);
  drawMyTurn();
  drawIdeaBox();
  drawHand();
  votes.draw();
}

const REDRAW = {
  workshop: () => { drawHead(); drawIntro(); renderPrompt($("#prompt-card"), state); drawIdeaBox(); drawHand(); },
  live: () => { renderAgenda($("#agenda"), state); renderPrompt($("#prompt-card"), state); drawIdeaBox(); },
  prompt: () => { renderPrompt($("#prompt-card"), state); drawIdeaBox(); },
  "prompt.revealed": () => { renderPrompt($("#prompt-card"), state); votes.draw(); },
  hands: () => { renderSpeaking($("#speaking"), state); drawMyTurn(); drawHand(); },
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
