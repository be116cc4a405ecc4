// The break-point angle from a side-on video (templates/components/break_angle.html). The file
// is opened with URL.createObjectURL and played here: it is never sent anywhere. The coach
// scrubs to the break, taps the knee and then the shoulder (or hip) on the paused frame, and
// the angle of that line to the frame's horizontal (the floor) fills the field, in whole
// degrees: 90 kneeling upright, 0 flat.
const FRAME_SECONDS = 1 / 30; // a phone's usual rate; a video carries no frame rate to read

function angleToFloor(knee, shoulder) {
  const degrees = (Math.atan2(Math.abs(knee.y - shoulder.y), Math.abs(shoulder.x - knee.x)) * 180) / Math.PI;
  return Math.round(degrees);
}

function setUp(tool) {
  const field = document.getElementById(tool.dataset.field);
  const method = document.getElementById(tool.dataset.method);
  const picker = tool.querySelector("input[type=file]");
  const frame = tool.querySelector(".break-angle-frame");
  const video = tool.querySelector("video");
  const canvas = tool.querySelector("canvas");
  const scrub = tool.querySelector("input[type=range]");
  const clock = tool.querySelector("output");
  const status = tool.querySelector("[role=status]");
  const controls = [scrub, ...tool.querySelectorAll("button")];
  const pen = canvas.getContext("2d");
  let points = [];
  let url = null;
  let time = 0; // exact: the slider rounds to its step

  const say = (text) => { status.textContent = text; };
  const showFor = () => { tool.hidden = method ? method.value !== "breakpoint" : false; };

  // Light strokes over dark ones, sized in screen pixels, so marks show on any footage.
  function stroke(from, to, dash, unit) {
    pen.setLineDash(dash.map((length) => length * unit));
    [["#1d232b", 4], ["#ffd400", 2]].forEach(([colour, width]) => {
      pen.strokeStyle = colour; pen.lineWidth = width * unit;
      pen.beginPath(); pen.moveTo(from.x, from.y); pen.lineTo(to.x, to.y); pen.stroke();
    });
    pen.setLineDash([]);
  }

  function draw() {
    pen.clearRect(0, 0, canvas.width, canvas.height);
    const unit = canvas.width / (canvas.getBoundingClientRect().width || canvas.width);
    if (points.length === 2) {
      const [knee, shoulder] = points;
      stroke({ x: 0, y: knee.y }, { x: canvas.width, y: knee.y }, [6, 4], unit); // the floor
      stroke(knee, shoulder, [], unit);
    }
    pen.font = `bold ${14 * unit}px sans-serif`;
    pen.lineWidth = 3 * unit;
    points.forEach((point, index) => {
      pen.fillStyle = "#ffd400"; pen.strokeStyle = "#1d232b";
      pen.beginPath(); pen.arc(point.x, point.y, 7 * unit, 0, 2 * Math.PI); pen.stroke(); pen.fill();
      const name = index ? "shoulder" : "knee";
      const toLeft = point.x > canvas.width * 0.7; // keep the word inside the frame
      const x = point.x + (toLeft ? -10 : 10) * unit;
      pen.textAlign = toLeft ? "right" : "left";
      pen.strokeText(name, x, point.y - 8 * unit);
      pen.fillText(name, x, point.y - 8 * unit);
    });
  }

  function measure() {
    draw();
    if (points.length < 2) return say(points.length ? "Now tap the shoulder (or the hip)." : "Move to the break, then tap the knee.");
    if (Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y) < canvas.width / 30) {
      points.pop(); // two taps on one spot give no line to read
      draw();
      return say("Tap the shoulder (or the hip) away from the knee.");
    }
    const angle = angleToFloor(...points);
    field.value = angle;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    say(`${angle} degrees to the floor, put in the field above. Tap near a point to move it.`);
  }

  function seek(seconds) {
    time = Math.min(Math.max(seconds, 0), video.duration);
    scrub.value = time;
    clock.textContent = `${time.toFixed(2)} s`;
    video.currentTime = time;
  }

  function ready() {
    if (!video.videoWidth) return unplayable(); // sound without a picture: nothing to tap
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    scrub.max = video.duration;
    controls.forEach((control) => { control.disabled = false; });
    frame.hidden = false;
    seek(0);
    measure();
  }

  picker.addEventListener("change", () => {
    if (!picker.files.length) return;
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(picker.files[0]);
    points = [];
    video.src = url;
    say("Opening the video...");
  });

  video.addEventListener("loadedmetadata", () => {
    if (Number.isFinite(video.duration)) return ready();
    // A recorded webm may not say how long it is until read to its end.
    video.addEventListener("durationchange", function known() {
      if (!Number.isFinite(video.duration)) return;
      video.removeEventListener("durationchange", known);
      ready();
    });
    video.currentTime = 1e7;
  });
  function unplayable() {
    frame.hidden = true;
    controls.forEach((control) => { control.disabled = true; });
    say("This phone cannot play that video here: type the angle instead.");
  }
  video.addEventListener("error", unplayable);

  scrub.addEventListener("input", () => seek(Number(scrub.value)));
  tool.querySelectorAll("[data-step]").forEach((button) => {
    button.addEventListener("click", () => seek(time + Number(button.dataset.step) * FRAME_SECONDS));
  });
  tool.querySelector("[data-restart]").addEventListener("click", () => { points = []; measure(); });

  canvas.addEventListener("click", (event) => {
    const box = canvas.getBoundingClientRect();
    const tap = {
      x: ((event.clientX - box.left) * canvas.width) / box.width,
      y: ((event.clientY - box.top) * canvas.height) / box.height,
    };
    if (points.length < 2) points.push(tap);
    else {
      // Both placed: the tap moves whichever point is nearer.
      const away = points.map((point) => Math.hypot(point.x - tap.x, point.y - tap.y));
      points[away[0] <= away[1] ? 0 : 1] = tap;
    }
    measure();
  });

  if (method) method.addEventListener("change", showFor);
  showFor();
}

document.querySelectorAll("[data-break-angle]").forEach(setUp);
