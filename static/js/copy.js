// Copy buttons: <button data-copy="ID"> copies the value of the input with that id (an invite
// link). Without JavaScript or a clipboard the buttons stay hidden; the read-only input still
// lets the link be selected and copied by hand.
(function () {
  "use strict";
  if (!navigator.clipboard) return;

  function reveal(root) {
    root.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function say(button, text) {
    button.textContent = text;
    clearTimeout(button.copyTimer);
    button.copyTimer = setTimeout(function () { button.textContent = "Copy"; }, 2000);
  }

  document.body.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    var input = button && document.getElementById(button.dataset.copy);
    if (!input) return;
    navigator.clipboard.writeText(input.value).then(
      function () { say(button, "Copied"); },
      function () { input.select(); say(button, "Select and copy"); }
    );
  });

  // A click in the link selects all of it, for copying by hand.
  document.body.addEventListener("focusin", function (event) {
    if (event.target.classList.contains("copy-source")) event.target.select();
  });

  // Buttons in content that htmx swaps in (the invite list after a resend) are revealed too.
  document.body.addEventListener("htmx:load", function (event) { reveal(event.detail.elt); });
  reveal(document);
})();
