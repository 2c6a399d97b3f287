// Words and settings the server rendered into the page. The JS carries no text of its own: every
// string comes from Flask-Babel through the JSON blocks of the template, in the person's language.
function readJson(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : {};
}

export const config = readJson("live-config");
const strings = readJson("live-strings");

function fill(template, params) {
  return template.replace(/%\((\w+)\)[sd]/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** The translated string `key`, with %(name)s placeholders filled from `params`. */
export function t(key, params = {}) {
  const template = strings[key];
  if (typeof template !== "string") {
    console.warn("cocrea: missing string", key);
    return key;
  }
  return fill(template, params);
}

/** A counted string: strings[key] is {one, other}; %(num)d is the count. */
export function tn(key, num, params = {}) {
  const forms = strings[key];
  if (!forms || typeof forms !== "object") {
    console.warn("cocrea: missing plural string", key);
    return `${num}`;
  }
  return fill(num === 1 ? forms.one : forms.other, { num, ...params });
}

/** Label of a vocabulary key (categories, colours, roles, organisation types). */
export function label(vocabulary, key) {
  const labels = strings[vocabulary] || {};
  return labels[key] || key || "";
}

export function vocabulary(name) {
  return Object.entries(strings[name] || {});
}
