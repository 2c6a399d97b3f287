// The matrix's evidence drawer: a cell's link opens the ideas behind it beside the table, without
// leaving the page. Without this script the link opens the same evidence as a page of its own.
(function () {
  "use strict";
  const drawer = document.getElementById("evidence-drawer");
  if (!drawer) return;
  const body = drawer.querySelector(".drawer-body");
  let opener = null;

  function close() {
    drawer.hidden = true;
    body.textContent = "";
    if (opener) opener.focus();
  }

  async function open(link) {
    opener = link;
    const url = new URL(link.href, window.location.href);
    url.searchParams.set("fragmento", "1");
    drawer.hidden = false;
    drawer.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, {credentials: "same-origin", headers: {"Accept": "text/html"}});
      if (!response.ok) throw new Error(String(response.status));
      // The server renders the fragment with every user text escaped; it is parsed, never run.
      const fragment = new DOMParser().parseFromString(await response.text(), "text/html");
      body.replaceChildren(...fragment.body.childNodes);
    } catch (error) {
      window.location.href = link.href;  // the evidence page shows the same, whatever went wrong here
      return;
    } finally {
      drawer.removeAttribute("aria-busy");
    }
    drawer.focus();
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-evidence]");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      open(link);
    } else if (event.target.closest("[data-close-drawer]")) {
      close();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !drawer.hidden) close();
  });
})();
