// <button data-copy="ID"> copies input #ID's value (an invite link); hidden with no clipboard,
// when the read-only input (all selected on a click) is copied by hand.
(() => {
  var on = (type, f) => document.body.addEventListener(type, f);
  var reveal = (root) => root.querySelectorAll("button[data-copy]").forEach((b) => { b.hidden = false; });
  var say = (b, text) => {
    b.textContent = text;
    clearTimeout(b.timer);
    b.timer = setTimeout(() => { b.textContent = "Copy"; }, 2000);
  };
  if (!navigator.clipboard) return;
  on("click", (e) => {
    var b = e.target.closest("button[data-copy]"), input = b && document.getElementById(b.dataset.copy);
    input && navigator.clipboard.writeText(input.value).then(() => say(b, "Copied"), () => { input.select(); say(b, "Select and copy"); });
  });
  on("focusin", (e) => e.target.classList.contains("copy-source") && e.target.select());
  on("htmx:load", (e) => reveal(e.detail.elt)); // swapped in (the invites after a resend)
  reveal(document);
})();
