// The letter editor: turns a plain textarea[data-richtext] into a Trix editor with a toolbar whose
// buttons are ordinary tab stops (Trix's own toolbar keeps them out of the tab order). Without
// JavaScript the textarea stays and the server reads its plain-text conventions.
(function () {
  "use strict";
  const TOOLS = [
    ["bold", "Vet", "attribute"],
    ["italic", "Cursief", "attribute"],
    ["heading1", "Kopje", "attribute"],
    ["bullet", "Opsomming", "attribute"],
    ["number", "Genummerde lijst", "attribute"],
    ["undo", "Ongedaan maken", "action"],
    ["redo", "Opnieuw", "action"],
  ];

  function toolbar(id) {
    const bar = document.createElement("div");
    bar.id = id;
    bar.className = "gir-editor-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Opmaakknoppen");
    TOOLS.forEach(([name, label, type]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "utrecht-button utrecht-button--secondary-action gir-editor-toolbar__button";
      button.setAttribute("data-trix-" + type, name);
      button.textContent = label;
      bar.appendChild(button);
    });
    return bar;
  }

  // Trix reacts to the mouse on its toolbar only; a button pressed with Enter or Space (a click
  // without a pointer, detail 0) does the same through the editor's API.
  function keyboardToolbar(bar, editor) {
    bar.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button || event.detail !== 0) return;
      const trix = editor.editor;
      const range = trix.getSelectedRange();
      const attribute = button.getAttribute("data-trix-attribute");
      const action = button.getAttribute("data-trix-action");
      if (attribute) {
        if (trix.attributeIsActive(attribute)) trix.deactivateAttribute(attribute);
        else trix.activateAttribute(attribute);
      } else if (action === "undo" && trix.canUndo()) {
        trix.undo();
      } else if (action === "redo" && trix.canRedo()) {
        trix.redo();
      }
      editor.focus(); // back to where the person was typing
      if (attribute) trix.setSelectedRange(range);
    });
  }

  function enhance(textarea) {
    const wrap = textarea.closest("[data-richtext-for]");
    const label = document.querySelector('label[for="' + textarea.id + '"]');
    const hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = textarea.name + "_html";
    hidden.id = textarea.id + "_html";
    hidden.value = textarea.dataset.html || "";
    const editor = document.createElement("trix-editor");
    const bar = toolbar(textarea.id + "_toolbar");
    keyboardToolbar(bar, editor);
    editor.setAttribute("input", hidden.id);
    editor.setAttribute("toolbar", bar.id);
    editor.className = "gir-editor utrecht-textarea";
    if (label) {
      label.id = label.id || textarea.id + "_label";
      editor.setAttribute("aria-labelledby", label.id);
      label.setAttribute("for", hidden.id);
    }
    const described = textarea.getAttribute("aria-describedby");
    if (described) editor.setAttribute("aria-describedby", described);
    textarea.hidden = true;
    textarea.disabled = true; // only the editor's HTML is sent
    const hint = wrap.querySelector("[data-richtext-hint]");
    if (hint) hint.hidden = true;
    wrap.insertBefore(hidden, textarea);
    wrap.insertBefore(bar, textarea);
    wrap.insertBefore(editor, textarea);
    wrap.querySelectorAll("[data-insert]").forEach((button) => {
      button.addEventListener("click", () => {
        editor.editor.insertString(button.getAttribute("data-insert"));
        editor.focus();
      });
    });
  }

  // No files in a letter: refuse pasted or dropped attachments.
  document.addEventListener("trix-file-accept", (event) => event.preventDefault());
  document.addEventListener("DOMContentLoaded", () => {
    if (!window.Trix || !window.customElements) return;
    // Trix's one heading level is a letter's section heading (h2); the subject is the letter's h1.
    window.Trix.config.blockAttributes.heading1.tagName = "h2";
    // Trix defines its element just after loading (setTimeout): wait for it.
    window.customElements.whenDefined("trix-editor").then(() => {
      document.querySelectorAll("textarea[data-richtext]").forEach(enhance);
    });
  });
})();
