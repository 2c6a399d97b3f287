// Forms whose answer takes a while (computing a diagnosis): once sent, the button says so and
// cannot send it twice, and a live region tells screen-reader users the page is working.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-busy]");
  if (!form || event.defaultPrevented) return;
  const button = form.querySelector("button[type=submit]");
  if (button) {
    button.textContent = form.dataset.busy;
    button.setAttribute("aria-disabled", "true");
    button.addEventListener("click", (click) => click.preventDefault());
  }
  form.setAttribute("aria-busy", "true");
  const status = document.getElementById("busy-status");
  if (status) status.textContent = form.dataset.busy;
});
