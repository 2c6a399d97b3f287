// Export downloads with progress: a click on a download link fetches the file while a live region
// says how long it has been preparing and then how much has arrived; the file is then saved under
// the name the server gave. Without this script the links still download, without progress.
const strings = JSON.parse(document.getElementById("download-strings")?.textContent || "{}");
const status = document.getElementById("download-status");

function say(key, params) {
  const text = (strings[key] || key).replace(/%\((\w+)\)s/g, (whole, name) => (name in params ? String(params[name]) : whole));
  if (status) status.textContent = text;
}

function filename(response, fallback) {
  const match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
  return match ? match[1] : fallback;
}

async function download(link) {
  const file = link.dataset.label || link.textContent.trim();
  const started = Date.now();
  link.setAttribute("aria-busy", "true");
  say("preparing", { file, seconds: 0 });
  const ticker = setInterval(() => say("preparing", { file, seconds: Math.round((Date.now() - started) / 1000) }), 1000);
  try {
    const response = await fetch(link.href, { credentials: "same-origin" });
    clearInterval(ticker);
    if (!response.ok) {
      say("failed", { file, status: response.status });
      return;
    }
    const chunks = [];
    let size = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      say("receiving", { file, size: Math.round(size / 1024) });
    }
    const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get("Content-Type") || "" }));
    const save = document.createElement("a");
    save.href = url;
    save.download = filename(response, "");
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    say("done", { file });
  } catch (error) {
    clearInterval(ticker);
    say("failed", { file, status: error.message });
  } finally {
    link.removeAttribute("aria-busy");
  }
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a.download");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  download(link);
});
