// Ideas on their way to the server, kept in localStorage until their ack arrives. Each one has its
// client_id from the moment it is written, so a retry after a lost connection (or a reload) is
// the same idea: the server stores it once (docs/protocol.md §12).
// Events: "change" (the queue changed), "sent" {item, idea, duplicate}, "failed" {item, error}.

const RETRY_MS = 3000;
const KEEP_CODES = ["offline", "timeout", "invalid_ack", "not_joined", "server_error", "unavailable", "session_ended"];

export function newClientId() {
  if (window.crypto?.randomUUID) return window.crypto.randomUUID();
  // randomUUID needs a secure context; a lab network over plain http still has getRandomValues.
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function sleep(ms) {
  return new Promise((resolve) => { setTimeout(resolve, ms); });
}

export class Outbox extends EventTarget {
  constructor(client, { workshopId, userId }) {
    super();
    this.client = client;
    this.key = `cocrea.outbox.${workshopId}.${userId}`;
    this.items = this.load();
    this.flushing = false;
    this.retryTimer = null;
    client.on("ready", () => this.flush());
    // The session ended (logout, password change, account deleted): nothing of this person's stays
    // in this browser for the next one to read.
    client.on("status", ({ status }) => { if (status === "ended") this.forget(); });
    window.addEventListener("storage", (event) => {
      if (event.key === this.key) { this.items = this.load(); this.changed(); }
    });
  }

  load() {
    try {
      const items = JSON.parse(localStorage.getItem(this.key) || "[]");
      return Array.isArray(items) ? items.filter((item) => item && item.client_id && item.text) : [];
    } catch (error) {
      return [];
    }
  }

  save() {
    try {
      if (this.items.length) localStorage.setItem(this.key, JSON.stringify(this.items));
      else localStorage.removeItem(this.key);
    } catch (error) {
      // Private mode or a full storage: the queue still lives in this page.
    }
  }

  forget() {
    this.items = [];
    this.save();
    this.changed();
  }

  changed() {
    this.dispatchEvent(new CustomEvent("change", { detail: this.items.slice() }));
  }

  /** Queue a new idea and try to send it now. */
  add(fields) {
    const item = { client_id: newClientId(), queued_at: Date.now(), ...fields };
    this.items.push(item);
    this.save();
    this.changed();
    this.flush();
    return item;
  }

  remove(clientId) {
    this.items = this.items.filter((item) => item.client_id !== clientId);
    this.save();
    this.changed();
  }

  static payload(item) {
    const payload = { client_id: item.client_id, prompt_id: item.prompt_id, text: item.text };
    if (item.actor) payload.actor = item.actor;
    if (item.category) payload.category = item.category;
    if (item.color) payload.color = item.color;
    return payload;
  }

  /** Send queued ideas one by one, oldest first, while connected and in sync. */
  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.items.length && this.client.connected && this.client.state.ready) {
        const item = this.items[0];
        const ack = await this.client.call("idea:post", Outbox.payload(item));
        if (ack.ok) {
          this.client.state.putOwnIdea(ack.idea);
          this.remove(item.client_id);
          this.emit("sent", { item, idea: ack.idea, duplicate: ack.duplicate });
          continue;
        }
        const { code } = ack.error;
        if (code === "rate_limited") {
          await sleep(Math.max(1, ack.error.retry_after || 1) * 1000);
          continue;
        }
        if (KEEP_CODES.includes(code)) {
          this.scheduleRetry();
          break;
        }
        // Refused for good (prompt closed, invalid text): give the text back to its author.
        this.remove(item.client_id);
        this.emit("failed", { item, error: ack.error });
      }
    } finally {
      this.flushing = false;
    }
  }

  scheduleRetry() {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.flush(), RETRY_MS);
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }

  on(name, handler) {
    this.addEventListener(name, (event) => handler(event.detail));
    return this;
  }
}
