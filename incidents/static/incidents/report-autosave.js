// Keeps the short report's draft on the server while the person types, so an expired session
// or a closed tab loses nothing. Progressive enhancement: without JavaScript the form still
// saves its draft on every submit and with the "Concept opslaan" button.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) return;
  const status = document.querySelector("[data-autosave-status]");
  let timer = null;

  const save = () => {
    const data = new FormData(form);
    data.delete("files");
    data.set("autosave", "1");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      redirect: "manual",
    }).then((response) => {
      if (status && response.status === 204) status.textContent = status.dataset.savedText;
    }).catch(() => { /* offline: the next change or the submit tries again */ });
  };

  form.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1500);
  });
});
