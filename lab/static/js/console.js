// The moderator console: workshop start/close, agenda, prompts, timers, presence, hands, voting
// and board moderation. Every control sends one live event; what it changes comes back as an
// update, so the console shows what the server stored, as everyone else sees it.
import { actionButton, actions, setEnabled, wireButtons } from "./actions.js";
import { Board } from "./board.js";
import { ConsoleBoard } from "./console-board.js";
import { ConsoleVotes } from "./console-votes.js";
import { ConsolePresence } from "./console-presence.js";
import { Countdown } from "./countdown.js";
import { $, clock, el, excerpt, setText, show } from "./dom.js";
import { config, t, tn } from "./i18n.js";
import { LiveClient } from "./live-client.js";
import { MapReview } from "./map-review.js";
import { connectionBadge, renderAgenda, renderPrompt, renderSpeaking, workshopStatus } from "./panels.js";

const client = new LiveClient(config.workshop_id);
const state = client.state;
const act = actions(client, $("#console-status"));
const moderation = new ConsoleBoard(client, act, $("#moderation-bar"));
const board = new Board($("#board"), client, {
  mode: "console",
  decorateNote: (idea, tools) => moderation.noteTools(idea, tools),
  decorateCluster: (cluster, tools) => moderation.clusterTools(cluster, tools),
});
moderation.attach(board);
const votes = new ConsoleVotes(client, act, $("#voting"));
new MapReview(client, act, $("#map-review"));
const presence = new ConsolePresence(state, $(".presence"));

const announcer = $("#timer-announcer");
new Countdown($("#timer-prompt .countdown-value"), client, "prompt", announcer);
new Countdown($("#timer-speaking .countdown-value"), client, "speaking", announcer);
connectionBadge(client, $("#connection"), $("#live-alert"));

// -- workshop ------------------------------------------------------------------------------------

const dialog = $("#close-dialog");
$("#start-workshop").addEventListener("click", () => act("workshop:start"));
$("#close-workshop").addEventListener("click", () => dialog.showModal());
dialog.addEventListener("close", () => {
  if (dialog.returnValue === "confirm") act("workshop:close", undefined, t("workshop_closed_done"));
  $("#close-workshop").focus();
});

function drawWorkshop() {
  const status = state.workshop?.status;
  setText($("#workshop-state"), workshopStatus(state));
  $("#workshop-state").dataset.status = status || "";
  show($("#start-workshop"), status !== "live" && status !== "closed");
  show($("#close-workshop"), status !== "closed");
  show($("#closed-note"), status === "closed");
}

// Closing is final: every control that would move the room is switched off and says why (the
// note is its description); the projector's modes and the search boxes stay usable.
function lockIfClosed() {
  if (state.workshop?.status !== "closed") return;
  const controls = document.querySelectorAll(
    ".cockpit button, .cockpit input, .cockpit select, #moderation-bar button, #moderation-bar input, #moderation-bar select");
  for (const control of controls) {
    if (control.closest("[data-keep-after-close]") || control.hasAttribute("data-keep-after-close")) continue;
    if (control.tagName === "BUTTON") control.setAttribute("aria-disabled", "true");
    else control.disabled = true;
    control.setAttribute("aria-describedby", "closed-note");
  }
}

// -- projector -----------------------------------------------------------------------------------

for (const button of document.querySelectorAll("#projector-control [data-mode]")) {
  button.addEventListener("click", () => act("projector:mode", { mode: button.dataset.mode }));
}

function drawProjector() {
  for (const button of document.querySelectorAll("#projector-control [data-mode]")) {
    button.setAttribute("aria-pressed", String(button.dataset.mode === state.live.projector_mode));
  }
}

// -- agenda --------------------------------------------------------------------------------------

wireButtons($("#agenda"), act);

function buildAgenda() {
  $("#agenda-list").replaceChildren(...state.agenda.map((item, index) => el("li", { "data-id": item.id },
    el("span", { class: "agenda-title" }, `${index + 1}. ${item.title}`), " ",
    el("span", { class: "agenda-time muted" }), " ",
    actionButton(t("agenda_goto"), () => act("agenda:goto", { agenda_item_id: item.id }),
      { class: "small", "aria-label": t("agenda_goto_named", { title: item.title }) }))));
}

function drawAgenda() {
  renderAgenda($("#agenda"), state);
  for (const row of $("#agenda-list").children) {
    const current = Number(row.dataset.id) === state.live.agenda_item_id;
    row.classList.toggle("is-current", current);
    if (current) row.setAttribute("aria-current", "step");
    else row.removeAttribute("aria-current");
  }
  drawAgendaClock();
}

/** Seconds spent on an agenda item: earlier stretches, plus the current one while the clock runs. */
function elapsedOn(item) {
  const live = state.live;
  let seconds = Number(live.agenda_spent?.[String(item.id)] || 0);
  if (item.id === live.agenda_item_id && live.agenda_since) seconds += Math.max(0, client.now() - live.agenda_since);
  return seconds;
}

/** Planned against elapsed for the current item (the overrun stands out) and for every item. */
function drawAgendaClock() {
  const current = state.agenda.find((item) => item.id === state.live.agenda_item_id);
  const node = $("#agenda-clock");
  if (current) {
    const elapsed = elapsedOn(current);
    const over = elapsed - current.minutes * 60;
    const text = t("agenda_clock", { elapsed: clock(elapsed), planned: clock(current.minutes * 60) });
    setText(node, over > 0 ? `${text} · ${t("agenda_over", { time: clock(over) })}` : text);
    node.dataset.over = String(over > 0);
  } else setText(node, "");
  const rows = $("#agenda-list").children;
  state.agenda.forEach((item, index) => {
    const elapsed = elapsedOn(item);
    const timeNode = rows[index]?.querySelector(".agenda-time");
    if (!timeNode) return;
    setText(timeNode, elapsed > 0
      ? t("agenda_item_clock", { planned: tn("minutes", item.minutes), elapsed: clock(elapsed) })
      : tn("minutes", item.minutes));
    rows[index].classList.toggle("is-over", elapsed > item.minutes * 60);
  });
}

setInterval(() => { if (state.ready) drawAgendaClock(); }, 1000);

// -- prompts -------------------------------------------------------------------------------------

const promptRows = new Map();

function buildPrompts() {
  promptRows.clear();
  const rows = state.orderedPrompts().map((prompt, index) => {
    const name = excerpt(prompt.text, 50);
    const tags = el("span", { class: "prompt-tags" });
    const buttons = {
      show: actionButton(t("prompt_show"), () => act("prompt:show", { prompt_id: prompt.id }),
        { class: "small", "aria-label": t("prompt_show_named", { name }) }),
      open: actionButton(t("prompt_open_action"), () => act("prompt:open", { prompt_id: prompt.id, start_timer: true }),
        { class: "small primary", "aria-label": t("prompt_open_named", { name }) }),
      close: actionButton(t("prompt_close_action"), () => act("prompt:close", { prompt_id: prompt.id }),
        { class: "small", "aria-label": t("prompt_close_named", { name }) }),
      reveal: actionButton(t("prompt_reveal"), () => act("prompt:reveal", { prompt_id: prompt.id }),
        { class: "small", "aria-label": t("prompt_reveal_named", { name }) }),
    };
    const row = el("li", { "data-id": prompt.id },
      el("p", { class: "prompt-row-text" }, `${index + 1}. ${prompt.text}`), tags,
      el("div", { class: "row-actions" }, ...Object.values(buttons)));
    promptRows.set(prompt.id, { row, tags, buttons });
    return row;
  });
  $("#prompt-list").replaceChildren(...rows);
}

function drawPrompts() {
  const live = state.workshop?.status === "live";
  for (const [id, { row, tags, buttons }] of promptRows) {
    const prompt = state.prompts.get(id);
    const onScreen = state.live.prompt_id === id;
    const hidden = prompt.reveal_mode === "hidden" && !prompt.revealed;
    tags.replaceChildren(...[
      onScreen && el("span", { class: "tag tag-screen" }, t("prompt_on_screen")),
      prompt.is_open ? el("span", { class: "tag tag-open" }, t("prompt_open")) : null,
      prompt.run && !prompt.is_open ? el("span", { class: "tag tag-run" }, t("prompt_run")) : null,
      prompt.anonymous && el("span", { class: "tag" }, t("prompt_anonymous")),
      hidden && el("span", { class: "tag" }, t("prompt_hidden_until_reveal")),
      el("span", { class: "tag" }, tn("seconds", prompt.seconds)),
    ].filter(Boolean));
    row.classList.toggle("is-current", onScreen);
    row.classList.toggle("is-run", Boolean(prompt.run));
    setEnabled(buttons.open, live && !prompt.is_open);
    setEnabled(buttons.close, prompt.is_open);
    show(buttons.reveal, prompt.reveal_mode === "hidden");
    setEnabled(buttons.reveal, hidden);
  }
  $("#auto-close").checked = Boolean(state.live.auto_close);
}

$("#auto-close").addEventListener("change", (event) => act("live:auto_close", { enabled: event.target.checked }));

// -- timers --------------------------------------------------------------------------------------

for (const box of document.querySelectorAll("[data-timer-kind]")) {
  wireButtons(box, act, (button) => {
    const payload = { kind: box.dataset.timerKind };
    if (button.dataset.event === "timer:extend") payload.seconds = 30;
    return payload;
  });
}

const TIMER_ENABLED = {
  "timer:start": (timer) => timer.state === "idle" || timer.state === "expired",
  "timer:pause": (timer) => timer.state === "running",
  "timer:resume": (timer) => timer.state === "paused",
  "timer:extend": (timer) => timer.state !== "idle" || timer.remaining > 0,
  "timer:reset": (timer) => timer.state !== "idle" || timer.remaining !== timer.duration,
  "timer:stop": (timer) => timer.state === "running" || timer.state === "paused",
};

function drawTimers() {
  for (const box of document.querySelectorAll("[data-timer-kind]")) {
    const timer = state.timers[box.dataset.timerKind];
    const armed = Boolean(timer && (timer.prompt_id || timer.hand_id));
    for (const button of box.querySelectorAll("button[data-event]")) {
      setEnabled(button, Boolean(timer) && armed && TIMER_ENABLED[button.dataset.event](timer));
    }
    const about = box.querySelector(".timer-about");
    if (box.dataset.timerKind === "prompt") {
      const prompt = timer?.prompt_id && state.prompts.get(timer.prompt_id);
      setText(about, prompt ? excerpt(prompt.text, 80) : t("timer_no_prompt"));
    } else {
      setText(about, state.hands.speaking ? t("speaking_now", { name: state.hands.speaking.name }) : t("timer_no_speaker"));
    }
  }
}

// -- presence and hands --------------------------------------------------------------------------

function drawPresence() {
  presence.draw();
}

function drawHands() {
  const { queue, speaking } = state.hands;
  renderSpeaking($("#hands-speaking"), state);
  if (speaking) setText($("#hands-speaking .speaking-name"), t("speaking_now", { name: speaking.name }));
  const endTurn = $("#end-turn");
  endTurn.onclick = speaking ? () => act("hand:end_turn", { hand_id: speaking.hand_id }) : null;
  setText($("#hands-count"), tn("hands_waiting", queue.length));
  $("#hands-queue").replaceChildren(...queue.map((hand, index) => el("li", {},
    el("span", { class: "person-name" }, `${index + 1}. ${hand.name}`), " ",
    actionButton(t("hand_give_floor"), async () => {
      const ack = await act("hand:give_floor", { hand_id: hand.hand_id });
      if (ack.ok) endTurn.focus();
    }, { class: "small primary", "aria-label": t("hand_give_floor_named", { name: hand.name }) }),
    actionButton(t("hand_dismiss"), () => act("hand:dismiss", { hand_id: hand.hand_id }),
      { class: "small", "aria-label": t("hand_dismiss_named", { name: hand.name }) }))));
}

// -- drawing -------------------------------------------------------------------------------------

function drawAll() {
  buildAgenda();
  buildPrompts();
  drawWorkshop();
  drawProjector();
  drawAgenda();
  drawPrompts();
  drawTimers();
  drawPresence();
  drawHands();
  renderPrompt($("#prompt-card"), state);
  votes.draw();
  moderation.draw();
  lockIfClosed();
}

const REDRAW = {
  workshop: () => drawAll(),
  live: () => { drawAgenda(); drawPrompts(); drawProjector(); renderPrompt($("#prompt-card"), state); moderation.draw(); },
  prompt: () => { drawPrompts(); renderPrompt($("#prompt-card"), state); },
  "prompt.revealed": () => drawPrompts(),
  timer: () => drawTimers(),
  hands: () => { drawHands(); drawTimers(); },
  vote: () => votes.draw(),
  cluster: () => moderation.draw(),
  "cluster.removed": () => moderation.draw(),
  "idea.removed": () => moderation.forget(),
  "ideas.merged": () => moderation.forget(),
};

client.on("snapshot", () => { drawAll(); board.sync(); });
client.on("update", ({ type, change }) => {
  board.apply(change);
  REDRAW[type]?.();
  lockIfClosed();
});
client.on("presence", drawPresence);
client.on("vote.progress", (progress) => votes.progress(progress));
client.start();
