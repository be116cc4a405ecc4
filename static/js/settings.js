// The settings page.

// A new person's time zone is UTC until they choose one (the form marks its select with
// data-guess-zone then): preselect the zone the browser runs in, and say so. Nothing is
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

// The body mass follows the units chosen: relabelled and converted at once, and the hidden
// body_mass_units tells the server which units the number is in, so a label never says kg
// over a number read as lb. Delegated: htmx swaps the form after a save.
const KG_PER_LB = 0.45359237;
document.addEventListener("change", (event) => {
  const radio = event.target;
  const form = radio.form;
  if (radio.name !== "units" || !form?.elements.body_mass_units) return;
  const mass = form.elements.body_mass;
  const typedIn = form.elements.body_mass_units;
  const units = radio.value;
  if (typedIn.value === units) return;
  const value = Number.parseFloat(mass.value);
  if (Number.isFinite(value)) {
    const kg = typedIn.value === "lb" ? value * KG_PER_LB : value;
    mass.value = (units === "lb" ? kg / KG_PER_LB : kg).toFixed(1);
  }
  [mass.min, mass.max] = mass.getAttribute(`data-limits-${units}`).split(" ");
  typedIn.value = units;
  form.querySelector(`label[for="${mass.id}"]`).textContent = `Body mass (${units})`;
});
