// Progress of a report PDF run: polls the JSON status every 2 seconds and updates the page in
// place (no reload, no meta refresh: WCAG 2.2.1). Without JavaScript the page has a link to refresh.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-run-status-url]");
  if (!box) return;
  const progress = box.querySelector("progress");
  const percent = box.querySelector("[data-run-percent]");
  const statusText = document.querySelector("[data-run-status-text]");
  const done = box.querySelector("[data-run-done]");
  const failed = box.querySelector("[data-run-failed]");
  const pending = box.querySelector("[data-run-pending]");
  let tries = 0;

  const poll = () => {
    tries += 1;
    fetch(box.getAttribute("data-run-status-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => {
        if (progress) progress.value = data.progress;
        if (percent) percent.textContent = `${data.progress}%`;
        if (statusText) statusText.textContent = data.label;
        if (data.status === "done") {
          pending.hidden = true;
          done.hidden = false;
          return;
        }
        if (data.status === "failed") {
          pending.hidden = true;
          failed.hidden = false;
          return;
        }
        if (tries < 900) window.setTimeout(poll, 2000);
      })
      .catch(() => { if (tries < 900) window.setTimeout(poll, 5000); });
  };
  window.setTimeout(poll, 2000);
});
