// Buttons that send a live event. State-dependent buttons use aria-disabled rather than disabled,
// so a button that becomes unavailable after being pressed keeps the keyboard focus.
import { el } from "./dom.js";
import { report } from "./panels.js";

export function setEnabled(button, enabled) {
  if (!button) return;
  button.setAttribute("aria-disabled", String(!enabled));
}

export function isEnabled(button) {
  return button.getAttribute("aria-disabled") !== "true";
}

/**
 * A runner of moderator actions that reports failures in `statusNode`:
 *   act("timer:start", {kind: "prompt"}) -> the ack
 */
export function actions(client, statusNode) {
  return async function act(event, payload, success = "") {
    const ack = await client.call(event, payload);
    report(statusNode, ack, success);
    return ack;
  };
}

/** A button that runs `onPress` unless it is aria-disabled. */
export function actionButton(text, onPress, attrs = {}) {
  return el("button", {
    type: "button",
    ...attrs,
    onclick: (event) => {
      if (isEnabled(event.currentTarget)) onPress(event);
    },
  }, text);
}

/** Wire the buttons already in the page: [data-event] sends that event with [data-payload]. */
export function wireButtons(root, act, payloadFor = () => undefined) {
  for (const button of root.querySelectorAll("button[data-event]")) {
    button.addEventListener("click", () => {
      if (!isEnabled(button)) return;
      const fixed = button.dataset.payload ? JSON.parse(button.dataset.payload) : undefined;
      act(button.dataset.event, fixed ?? payloadFor(button));
    });
  }
}
