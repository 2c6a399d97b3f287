// The connection to the live room (docs/protocol.md): acks with timeouts, sequence tracking and
// resync, reconnection, and the server clock. Views listen to its events:
//   "status"   {status: connecting|connected|reconnecting|offline|refused|ended, message}
//   "snapshot" the state was (re)loaded: draw everything
//   "update"   {type, data, change}: one sequenced change, already applied to `state`
//   "presence", "vote.progress": unsequenced messages (moderators)
//   "ready"    after each snapshot: the room is in sync (the outbox sends then)
import { t } from "./i18n.js";
import { RoomState } from "./live-state.js";

const ACK_TIMEOUT_MS = 8000;
const CLOCK_SAMPLES = 5;
const CLOCK_REFRESH_MS = 5 * 60 * 1000;
// A refused or unanswered snapshot is asked again after a pause that doubles up to a ceiling, with
// jitter: a room that reconnects at once must not ask an overloaded server again all together.
const RESYNC_RETRY_MS = 1500;
const RESYNC_RETRY_MAX_MS = 15000;
const FINAL_CODES = ["unauthenticated", "forbidden", "not_found"];

function failure(code, message) {
  return { ok: false, error: { code, message } };
}

export class LiveClient extends EventTarget {
  /** options.view: "projector" asks to see the room as its audience does (docs/protocol.md §2). */
  constructor(workshopId, options = {}) {
    super();
    this.workshopId = workshopId;
    this.state = new RoomState();
    this.lastSeq = -1;
    this.syncing = false;
    this.generation = 0;
    this.buffered = [];
    this.resyncFailures = 0;
    this.status = "connecting";
    this.offset = 0;
    this.bestRoundTrip = Infinity;
    this.stopped = false;
    this.socket = window.io({
      auth: options.view ? { workshop: workshopId, view: options.view } : { workshop: workshopId },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      autoConnect: false,
    });
    this.listen();
  }

  start() {
    if (navigator.onLine === false) this.setStatus("offline");
    else this.socket.connect();
    setInterval(() => { this.bestRoundTrip = Infinity; this.syncClock(); }, CLOCK_REFRESH_MS);
    return this;
  }

  get connected() {
    return this.socket.connected && this.status === "connected";
  }

  /** Server time now, in epoch seconds. */
  now() {
    return Date.now() / 1000 + this.offset;
  }

  /** Emit an event and wait for its ack; never rejects: failures come back as {ok: false, error}. */
  call(event, payload, timeout = ACK_TIMEOUT_MS) {
    if (!this.socket.connected) return Promise.resolve(failure("offline", t("not_connected")));
    return new Promise((resolve) => {
      const args = payload === undefined ? [event] : [event, payload];
      this.socket.timeout(timeout).emit(...args, (error, ack) => {
        if (error) resolve(failure("timeout", t("ack_timeout")));
        else resolve(ack && typeof ack === "object" ? ack : failure("invalid_ack", t("ack_timeout")));
      });
    });
  }

  // -- connection ------------------------------------------------------------------------------

  listen() {
    const socket = this.socket;
    socket.on("connect", () => this.onConnect());
    socket.on("disconnect", (reason) => this.onDisconnect(reason));
    socket.on("connect_error", (error) => this.onConnectError(error));
    socket.on("update", (message) => this.onUpdate(message));
    socket.on("presence", (data) => this.onPresence(data));
    socket.on("vote.progress", (data) => this.emit("vote.progress", data));
    socket.on("hand.mine", (data) => {
      if (data?.workshop_id !== this.workshopId) return;
      this.state.myHandId = data.hand_id;
      this.emit("hand.mine", data);
    });
    socket.on("session_ended", () => this.stop("ended", t("session_ended")));
    socket.io.on("reconnect_attempt", () => {
      if (!this.stopped) this.setStatus(navigator.onLine === false ? "offline" : "reconnecting");
    });
    // The browser knows first when the network is gone: stop waiting on a dead socket, and come
    // back as soon as it returns instead of after the ping timeout.
    window.addEventListener("offline", () => {
      if (this.stopped) return;
      this.setStatus("offline");
      socket.disconnect();
    });
    window.addEventListener("online", () => {
      if (this.stopped) return;
      this.setStatus("reconnecting");
      if (!socket.connected) socket.connect();
    });
  }

  onConnect() {
    this.setStatus("connected");
    this.bestRoundTrip = Infinity;
    this.resync();
    this.syncClock();
  }

  onDisconnect(reason) {
    if (this.stopped) return;
    this.syncing = false;
    this.generation += 1;
    this.setStatus(navigator.onLine === false ? "offline" : "reconnecting");
    if (reason === "io server disconnect") {
      // The server dropped us (e.g. a stale session check); try again: a refusal will tell why.
      setTimeout(() => { if (!this.stopped && !this.socket.connected) this.socket.connect(); }, 1000);
    }
  }

  onConnectError(error) {
    const code = error?.data?.code;
    if (FINAL_CODES.includes(code)) {
      this.stop("refused", error.message || t("refused"), code);
      return;
    }
    if (!this.stopped) this.setStatus(navigator.onLine === false ? "offline" : "reconnecting");
  }

  stop(status, message, code) {
    this.stopped = true;
    this.socket.disconnect();
    this.setStatus(status, message, code);
  }

  setStatus(status, message = "", code = "") {
    this.status = status;
    this.emit("status", { status, message, code });
  }

  // -- sequence and resync ---------------------------------------------------------------------

  onUpdate(message) {
    if (!message || typeof message.seq !== "number") return;
    if (this.syncing) {
      this.buffered.push(message);
      return;
    }
    if (message.seq <= this.lastSeq) return; // already in the snapshot
    if (message.seq > this.lastSeq + 1) {
      this.resync(); // a gap: something was missed; the snapshot has it
      return;
    }
    this.lastSeq = message.seq;
    const change = this.state.apply(message);
    this.emit("update", { type: message.type, data: message.data, change });
  }

  async resync() {
    if (this.syncing || !this.socket.connected) return;
    this.syncing = true;
    this.buffered = [];
    const generation = ++this.generation;
    const ack = await this.call("snapshot");
    if (generation !== this.generation) return; // disconnected meanwhile; the next connect asks again
    if (!ack.ok) {
      this.syncing = false;
      this.resyncFailures += 1;
      const pause = Math.min(RESYNC_RETRY_MAX_MS, RESYNC_RETRY_MS * 2 ** (this.resyncFailures - 1));
      setTimeout(() => this.resync(), pause * (0.5 + Math.random()));
      return;
    }
    this.resyncFailures = 0;
    const snapshot = ack.snapshot;
    this.state.load(snapshot);
    this.lastSeq = snapshot.seq;
    if (this.bestRoundTrip === Infinity) this.offset = snapshot.server_time - Date.now() / 1000;
    this.syncing = false;
    this.emit("snapshot", snapshot);
    document.body.dataset.synced = "true";  // the page has drawn the room once (tests wait for it)
    const waiting = this.buffered.sort((a, b) => a.seq - b.seq);
    this.buffered = [];
    for (const message of waiting) this.onUpdate(message);
    this.emit("ready");
  }

  // -- clock -----------------------------------------------------------------------------------

  /** NTP-style: several round trips; keep the offset of the fastest one. */
  async syncClock(samples = CLOCK_SAMPLES) {
    for (let i = 0; i < samples && this.socket.connected; i += 1) {
      const sent = Date.now() / 1000;
      const ack = await this.call("time", undefined, 3000);
      const received = Date.now() / 1000;
      if (!ack.ok) continue;
      const roundTrip = received - sent;
      if (roundTrip < this.bestRoundTrip) {
        this.bestRoundTrip = roundTrip;
        this.offset = ack.server_time - (sent + received) / 2;
      }
    }
    this.emit("clock", { offset: this.offset, roundTrip: this.bestRoundTrip });
  }

  onPresence(data) {
    this.state.presence = data;
    this.emit("presence", data);
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }

  on(name, handler) {
    this.addEventListener(name, (event) => handler(event.detail));
    return this;
  }
}

/** Seconds left on a timer view at server time `now`. */
export function secondsLeft(timer, now) {
  if (!timer) return 0;
  if (timer.state === "running") return Math.max(0, timer.deadline - now);
  if (timer.state === "expired") return 0;
  return Math.max(0, timer.remaining || 0);
}
