// A long list of colleagues is hard to scroll on a phone: a search box above it keeps only the
// names that contain what was typed (case and accents ignored). The chosen colleague and the
// empty choice always stay. Without JavaScript the box stays hidden and the full list works.
document.addEventListener("DOMContentLoaded", () => {
  const plain = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  document.querySelectorAll("[data-option-filter]").forEach((block) => {
    const select = document.getElementById(block.dataset.optionFilter);
    const input = block.querySelector("input");
    const status = block.querySelector("[data-option-filter-status]");
    if (!select || !input || !status) return;
    const options = Array.from(select.options).map((option) => ({ option, text: plain(option.text) }));
    // The person's choice, kept apart: taking options out and back makes the browser select
    // another one by itself.
    let chosen = select.value;
    select.addEventListener("change", () => {
      chosen = select.value;
    });

    const update = () => {
      const words = plain(input.value).split(/\s+/).filter(Boolean);
      let found = 0;
      const keep = options.filter(({ option, text }) => {
        const match = words.every((word) => text.includes(word));
        if (match && option.value) found += 1;
        return match || !option.value || option.value === chosen;
      });
      select.replaceChildren(...keep.map(({ option }) => option));
      select.value = chosen;
      if (!words.length) status.textContent = "";
      else if (!found) status.textContent = status.dataset.none;
      else status.textContent = (found === 1 ? status.dataset.one : status.dataset.many).replace("%s", found);
    };
    input.addEventListener("input", update);
    // Enter in the box would send the whole report: it moves to the list instead.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        select.focus();
      }
    });
    block.hidden = false;
  });
});
