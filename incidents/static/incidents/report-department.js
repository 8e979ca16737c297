// The short report's "Ja, de melding hoort bij de afdeling die ik koos" only applies when the
// chosen department differs from the colleague's (the server asks for it only then). Without
// JavaScript the checkbox shows, with a label and help text saying when it is needed.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-department-confirm]");
  const data = document.getElementById("gir-colleague-departments");
  const department = document.getElementById("id_department");
  const colleague = document.getElementById("id_colleague");
  if (!box || !data || !department || !colleague) return;
  const departments = JSON.parse(data.textContent);
  const checkbox = box.querySelector("input[type=checkbox]");

  const mismatch = () => {
    const target = document.querySelector("input[name=target]:checked");
    if (!target || target.value !== "collega" || !department.value || !colleague.value) return false;
    const own = departments[colleague.value];
    return own !== undefined && String(own) !== department.value;
  };
  const update = () => {
    // A ticked box or a server error keeps it visible: nothing the person did disappears.
    const invalid = box.querySelector("[aria-invalid=true]");
    box.hidden = !(mismatch() || (checkbox && checkbox.checked) || invalid);
  };
  [department, colleague].forEach((el) => el.addEventListener("change", update));
  document.querySelectorAll("input[name=target]").forEach((el) => el.addEventListener("change", update));
  update();
});
