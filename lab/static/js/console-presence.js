// Who is in the room, as a moderator of 40 people needs it: counts by organisation type, each one
// opening to its people, and a search over names and organisations. The list is what the server
// sent last (`presence`); nothing here asks for more.
import { $, el, fold, setText, show } from "./dom.js";
import { label, t, tn } from "./i18n.js";

export class ConsolePresence {
  constructor(state, section) {
    this.state = state;
    this.section = section;
    this.open = new Set(); // organisation types the moderator expanded, kept across redraws
    this.query = "";
    const search = $("#presence-search", section);
    let typing = null;
    search.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => { this.query = fold(search.value.trim()); this.drawSearch(); }, 120);
    });
  }

  get people() {
    return this.state.presence?.people || [];
  }

  draw() {
    setText($("#presence-count", this.section), tn("presence_people", this.state.presence?.count || 0));
    this.drawTypes();
    this.drawSearch();
  }

  /** One line per organisation type with its count, most numerous first; each opens to its people. */
  drawTypes() {
    const groups = new Map();
    for (const person of this.people) {
      const key = person.role === "moderator" ? "_moderators" : person.org_type || "_none";
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(person);
    }
    const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    $("#presence-types", this.section).replaceChildren(...ordered.map(([key, people]) => {
      const name = key === "_moderators" ? t("presence_moderators")
        : key === "_none" ? t("presence_no_type") : label("org_types", key);
      const details = el("details", { open: this.open.has(key) },
        el("summary", {}, el("span", { class: "type-name" }, name), " ", el("span", { class: "type-count" }, String(people.length))),
        el("ul", { class: "plain-list people" }, ...people.map((person) => this.personRow(person))));
      details.addEventListener("toggle", () => {
        if (details.open) this.open.add(key);
        else this.open.delete(key);
      });
      return el("li", {}, details);
    }));
  }

  personRow(person) {
    return el("li", {}, el("span", { class: "person-name" }, person.name), " ",
      el("span", { class: "muted" }, person.organisation || ""));
  }

  drawSearch() {
    const searching = this.query.length > 0;
    const matches = searching
      ? this.people.filter((person) => fold(`${person.name} ${person.organisation}`).includes(this.query)) : [];
    const list = $("#presence-list", this.section);
    list.replaceChildren(...matches.slice(0, 50).map((person) => el("li", {},
      el("span", { class: "person-name" }, person.name), " ",
      el("span", { class: "muted" }, [person.organisation, label("org_types", person.org_type)].filter(Boolean).join(" · ")))));
    show(list, matches.length > 0);
    show($("#presence-none", this.section), searching && matches.length === 0);
    show($("#presence-types", this.section), !searching);
  }
}
