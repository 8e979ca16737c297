// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen-reader and keyboard users hear what went wrong.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // One click, one submission: disable submit buttons once a form is sent (double-click guard;
  // the server also refuses a repeated submission token).
  document.querySelectorAll("form[method=post], form[method=POST]").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        window.setTimeout(() => { button.disabled = true; button.setAttribute("aria-busy", "true"); }, 0);
      });
    });
  });

  // A table wider than the screen scrolls sideways: make that region reachable by keyboard.
  document.querySelectorAll(".gir-table-wrap").forEach((wrap) => {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      const caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabel");
    }
  });

  // Confirm destructive actions marked with data-confirm.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.getAttribute("data-confirm"))) event.preventDefault();
    });
  });

  // The menu is open without JavaScript (usable, if a little long, on a phone); with it, a phone
  // starts with the menu closed behind its "Menu" button.
  const menu = document.querySelector("[data-gir-menu]");
  if (menu && window.matchMedia("(max-width: 48rem)").matches) menu.removeAttribute("open");
  // Fields that only apply to some answers (data-reveal-name/-values) are hidden for the others.
  // Without JavaScript every field shows, with a help text saying when it applies.
  document.querySelectorAll("[data-reveal-name]").forEach((block) => {
    const name = block.getAttribute("data-reveal-name");
    const values = block.getAttribute("data-reveal-values").split(" ");
    const radios = document.querySelectorAll(`input[name="${name}"]`);
    const update = () => {
      const checked = document.querySelector(`input[name="${name}"]:checked`);
      block.hidden = !(checked && values.includes(checked.value));
    };
    radios.forEach((radio) => radio.addEventListener("change", update));
    update();
  });

  // A file input shown as a Dutch button: say which files were chosen.
  document.querySelectorAll(".gir-file-input").forEach((input) => {
    const status = input.parentElement.querySelector("[data-file-status]");
    if (!status) return;
    input.addEventListener("change", () => {
      const names = Array.from(input.files).map((file) => file.name);
      status.textContent = names.length ? `${status.dataset.some} ${names.join(", ")}` : status.dataset.none;
    });
  });

  // Print buttons (CSP forbids inline handlers).
  document.querySelectorAll("[data-print]").forEach((el) => {
    el.addEventListener("click", () => window.print());
  });
});
