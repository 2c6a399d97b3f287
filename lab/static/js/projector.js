// The projector view for screen sharing: the big timer, the prompt, the join code and the board.
// Nothing to press: it follows what the moderator does.
import { Board } from "./board.js";
import { Countdown } from "./countdown.js";
import { $, setText, show } from "./dom.js";
import { config } from "./i18n.js";
import { LiveClient } from "./live-client.js";
import { connectionBadge, renderAgenda, renderPrompt, renderResults, renderSpeaking, voteSummary } from "./panels.js";

// The audience's view: what a participant sees, never a hidden idea (docs/protocol.md §2).
const client = new LiveClient(config.workshop_id, { view: "projector" });
const state = client.state;
const board = new Board($("#board"), client, { mode: "projector" });

new Countdown($("#projector-timer .countdown-value"), client, "prompt");
new Countdown($("#projector-speaking .countdown-value"), client, "speaking");
connectionBadge(client, $("#connection"), $("#live-alert"));

function drawVote() {
  const vote = state.vote;
  show($("#projector-vote"), Boolean(vote));
  setText($("#projector-vote .vote-summary"), voteSummary(state, vote));
  renderResults($("#projector-vote .vote-results"), state, vote);
}

function drawAll() {
  renderAgenda($("#agenda"), state);
  renderPrompt($("#prompt-card"), state);
  renderSpeaking($("#projector-speaking"), state);
  drawVote();
}

client.on("snapshot", () => { drawAll(); board.sync(); });
client.on("update", ({ change }) => {
  board.apply(change);
  drawAll();
});
client.start();
