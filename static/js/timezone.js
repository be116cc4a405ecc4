// A new person's time zone is UTC until they choose one (the settings form marks its select
// with data-guess-zone then): preselect the zone the browser runs in, and say so. Nothing is
// saved until they press Save.
const select = document.querySelector("select[data-guess-zone]");
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (select && zone && zone !== select.value) {
  const option = [...select.options].find((candidate) => candidate.value === zone);
  if (option) {
    option.selected = true;
    const hint = document.createElement("small");
    hint.className = "help";
    hint.textContent = `${zone} is your phone's time zone: save to keep it.`;
    select.after(hint);
  }
}
