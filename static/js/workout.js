// Hold and rest timers from Date.now() stamps, not counted ticks: right again after the screen
// was locked. Cues are a beep and a buzz (iPhones do not vibrate).
(() => {
  var d = document, bar = d.getElementById("rest-timer"), left = bar?.querySelector(".rest-left");
  var rest, hold, audio; // rest: {end, gone}; hold: {b: button, input, start, target, cued}
  // The finish form's minutes follow the clock from the first set until the athlete types one.
  var mins = d.querySelector("[data-clock-seconds]"), from = mins && Date.now() - mins.dataset.clockSeconds * 1000;
  var clock = (s) => Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  var on = (type, f) => d.addEventListener(type, f);

  function cue(ms) {
    navigator.vibrate?.(ms);
    try {
      var o = new OscillatorNode(audio, { frequency: 880 });
      o.connect(audio.destination);
      o.start();
      o.stop(audio.currentTime + ms / 1000);
    } catch (e) { /* no sound */ }
  }

  function tick() {
    var now = Date.now();
    if (from) mins.value = Math.max(1, Math.round((now - from) / 60000));
    if (rest) {
      if (rest.end > now) left.textContent = clock(Math.ceil((rest.end - now) / 1000));
      else if (!rest.gone) rest.gone = now + 3000, left.textContent = "Go", bar.classList.add("is-done"), cue(400);
      else if (now >= rest.gone) rest = null, bar.hidden = true;
    }
    if (hold) { // down to the target, a cue, then on up; the input gets the seconds held
      var held = Math.floor((now - hold.start) / 1000), over = held - hold.target;
      hold.input.value = held;
      if (over >= 0 && !hold.cued) hold.cued = 1, hold.b.classList.add("is-over"), cue(300);
      hold.b.textContent = "Stop " + (over < 0 ? clock(Math.ceil((hold.start - now) / 1000) + hold.target) : "+" + clock(over));
    }
  }

  var stopHold = () => hold && (tick(), hold.b.textContent = "Hold timer", hold.b.classList.remove("is-over"), hold = null);

  // Rest once every side of a new set is logged (left, right, then rest); not after an edit.
  on("queue:added", (e) => {
    var row = e.target, ds = row.dataset;
    var m = mins === null && /\/sets\/$/.test(e.detail.url) && d.querySelector("#finish-form [name=minutes]");
    if (m && !m.value) mins = m, from = Date.now(); // the first set starts the clock
    if (row.contains(hold?.b)) stopHold();
    if (!bar || !/\/sets\/$/.test(e.detail.url) || !+ds.restSeconds ||
      row.parentNode.querySelector('[data-set="' + ds.set + '"]:not(.is-logged,.is-waiting)')) return;
    rest = { end: Date.now() + ds.restSeconds * 1000 };
    bar.hidden = false;
    bar.classList.remove("is-done");
    tick();
  });

  // No script, no hold timer button.
  var unhide = (root) => root.querySelectorAll(".hold-button").forEach((b) => { b.hidden = false; });
  unhide(d);
  on("htmx:load", (e) => unhide(e.target));

  on("input", (e) => { if (e.target == mins) from = mins = 0; }); // typed: theirs now

  on("click", (e) => {
    var t = e.target, b = t.closest(".hold-button"), mine = b && hold?.b == b;
    try { (audio ||= new AudioContext()).resume(); } catch (x) { /* no sound */ } // after a tap
    if (rest && t.closest(".rest-plus,.rest-minus")) {
      rest.end += t.closest(".rest-plus") ? 15000 : -15000;
      if (rest.end > Date.now()) rest.gone = 0, bar.classList.remove("is-done");
      tick();
    } else if (t.closest(".rest-skip")) {
      rest = null;
      bar.hidden = true;
    } else if (b && (stopHold(), !mine)) {
      hold = { b, input: d.querySelector(b.dataset.holdTarget), start: Date.now(), target: +b.dataset.target || 0 };
      tick();
    }
  });

  setInterval(tick, 250);
})();
