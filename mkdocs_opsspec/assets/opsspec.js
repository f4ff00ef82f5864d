/*
 * mkdocs-opsspec: copy buttons for GUIDs, and findings blocks opened for printing.
 * No dependencies. Runs again after each Material instant navigation (document$).
 */
(function () {
  "use strict";

  var RESET_MS = 1500;

  function selectText(node) {
    var selection = window.getSelection && window.getSelection();
    if (!selection || !document.createRange) return false;
    var range = document.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }

  function legacyCopy(node) {
    // Fallback without the async clipboard (http pages, old browsers): select the text and
    // try execCommand; if that fails too, the text stays selected for Ctrl+C.
    if (!selectText(node)) return false;
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }

  function show(button, text) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = text;
    window.setTimeout(function () {
      button.textContent = original;
    }, RESET_MS);
  }

  function onCopy(event) {
    var button = event.currentTarget;
    var text = button.getAttribute("data-copy") || "";
    var item = button.closest(".opsspec-guid");
    var node = item && item.querySelector(".opsspec-guid-value");
    function fallback() {
      if (node && legacyCopy(node)) show(button, "Copied");
      else show(button, "Selected");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        show(button, "Copied");
      }, fallback);
    } else {
      fallback();
    }
  }

  function init() {
    var buttons = document.querySelectorAll("button.opsspec-copy");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      if (button.getAttribute("data-opsspec-ready")) continue;
      button.setAttribute("data-opsspec-ready", "1");
      button.addEventListener("click", onCopy);
      button.hidden = false;
    }
  }

  // Print the findings even when the block is collapsed; restore it afterwards.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    var blocks = document.querySelectorAll("details.opsspec-findings:not([open])");
    for (var i = 0; i < blocks.length; i++) {
      blocks[i].open = true;
      reopened.push(blocks[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (reopened.length) reopened.pop().open = false;
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
