// A countdown drawn from the server's deadline and the clock offset, four times a second, so every
// screen shows the same seconds. Screen readers hear milestones only (start, 30 s, 10 s, time up)
// through a polite live region, never every second.
import { t } from "./i18n.js";
import { secondsLeft } from "./live-client.js";
import { announce, clock, setText } from "./dom.js";

const TICK_MS = 250;
const WARN_SECONDS = 10;
const MILESTONES = [30, 10];

export class Countdown {
  /**
   * node: the element showing m:ss; kind: "prompt" | "speaking";
   * region: the live region for milestones (null: silent, e.g. a second copy of the same timer).
   */
  constructor(node, client, kind, region = null) {
    this.node = node;
    this.client = client;
    this.kind = kind;
    this.region = region;
    this.previousLeft = null;
    this.announcedUp = null;
    this.lastState = null;
    this.box = node.closest("[data-countdown]") || node;
    client.on("update", ({ type, data }) => {
      if (type === "timer" && data.kind === kind) this.onTimer(data);
    });
    client.on("snapshot", () => {
      this.previousLeft = null;
      this.lastState = this.timer?.state;
      this.draw();
    });
    setInterval(() => this.draw(), TICK_MS);
  }

  get timer() {
    return this.client.state.timers?.[this.kind];
  }

  onTimer(timer) {
    const before = this.lastState;
    const time = clock(secondsLeft(timer, this.client.now()));
    if (timer.state === "running") {
      if (before === "running") this.say(t("announce_extended", { time }));
      else if (before === "paused") this.say(t("announce_resumed", { time }));
      else this.say(t("announce_start", { time }));
      this.announcedUp = null;
    } else if (timer.state === "paused" && before !== "paused") {
      this.say(t("announce_paused", { time }));
    } else if (timer.state === "expired") {
      this.timeUp(timer);
    }
    this.lastState = timer.state;
    this.previousLeft = null;
    this.draw();
  }

  timeUp(timer) {
    const key = `${timer.duration}:${timer.prompt_id}:${timer.hand_id}`;
    if (this.announcedUp === key) return;
    this.announcedUp = key;
    this.say(t("announce_up"));
  }

  say(text) {
    if (!this.region) return;
    announce(this.region, this.kind === "speaking" ? t("announce_speaking", { text }) : text);
  }

  draw() {
    const timer = this.timer;
    const left = secondsLeft(timer, this.client.now());
    const running = timer?.state === "running";
    setText(this.node, clock(left));
    this.box.dataset.state = timer?.state || "idle";
    this.box.classList.toggle("is-warning", running && left > 0 && left <= WARN_SECONDS);
    this.box.classList.toggle("is-up", timer?.state === "expired" || (running && left <= 0));
    if (running && this.previousLeft !== null) {
      for (const mark of MILESTONES) {
        if (this.previousLeft > mark && left <= mark && left > 0) {
          this.say(mark === 30 ? t("announce_30") : t("announce_10"));
        }
      }
      if (this.previousLeft > 0 && left <= 0) this.timeUp(timer);
    }
    this.previousLeft = running ? left : null;
  }
}
