// Small DOM helpers. Text always goes in as text nodes or textContent, never as HTML.

/** el("button", {class: "x", type: "button", onclick: fn}, "text", childNode) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

export function setText(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

export function show(node, visible) {
  if (node) node.hidden = !visible;
}

/** "m:ss" of a number of seconds, rounded up so a countdown shows 0:00 only at the end. */
export function clock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-3));
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, "0")}`;
}

/** The first `max` characters of a text, for labels that name an idea. */
export function excerpt(text, max = 60) {
  const flat = (text || "").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Lower case, without accents, for searching as people type. */
export function fold(text) {
  return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** Run fn on the next frame, or soon when the tab is hidden (frames stop there). */
export function nextFrame(fn) {
  if (document.hidden) setTimeout(fn, 16);
  else requestAnimationFrame(fn);
}

/** Put a message in a live region; the same text twice is announced twice. */
export function announce(region, text) {
  if (!region) return;
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 50);
}
