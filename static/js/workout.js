// Rest and hold timers for the workout page. Every reading comes from Date.now() stamps, never
// from counted ticks, so a timer is right again after the phone's screen was locked.
(function () {
  "use strict";
  var bar = document.getElementById("rest-timer");
  var restEndsAt = 0;
  var hold = null; // {button, input, startedAt}

  function clock(ms) {
    var seconds = Math.max(0, Math.round(ms / 1000));
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function tick() {
    var now = Date.now();
    if (restEndsAt && bar) {
      var left = restEndsAt - now;
      bar.querySelector(".rest-left").textContent = clock(left);
      if (left <= 0) {
        restEndsAt = 0;
        bar.classList.add("is-done");
        bar.querySelector(".rest-left").textContent = "go";
        if (navigator.vibrate) navigator.vibrate(200);
      }
    }
    if (hold) {
      var held = Math.floor((now - hold.startedAt) / 1000);
      hold.input.value = held;
      hold.button.textContent = "Stop " + clock(held * 1000);
    }
  }

  function startRest(seconds) {
    if (!bar || !seconds) return;
    restEndsAt = Date.now() + seconds * 1000;
    bar.hidden = false;
    bar.classList.remove("is-done");
    tick();
  }

  // A set row swapped in as logged starts the rest timer for that exercise.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var row = event.detail.elt;
    if (row && row.dataset && row.dataset.restSeconds) startRest(Number(row.dataset.restSeconds));
  });

  document.body.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest(".rest-skip")) {
      restEndsAt = 0;
      bar.hidden = true;
      return;
    }
    var button = target.closest(".hold-button");
    if (!button) return;
    if (hold && hold.button === button) {
      tick();
      hold = null;
      button.textContent = "Hold timer";
      return;
    }
    var input = document.querySelector(button.dataset.holdTarget);
    if (!input) return;
    hold = { button: button, input: input, startedAt: Date.now() };
    tick();
  });

  document.addEventListener("visibilitychange", tick);
  setInterval(tick, 250);
})();
