"""A side-on video of a Nordic at a known break angle, made in the test's own Chromium (frames
drawn on a canvas, recorded by MediaRecorder), and a tap on one of its pixels: for the browser
tests of the break-point angle tool, the coach's (test_break_angle.py) and the athlete's
(test_self_break_angle.py)."""

import base64
import math
from pathlib import Path

# A side-on frame 480x270: the floor along the bottom, the knee on it and the shoulder up and
# forward, 160 px across and 120 up: a 3-4-5 triangle, 36.87 degrees to the floor.
FRAME = {"width": 480, "height": 270}
KNEE, SHOULDER = (120, 220), (280, 100)
KNOWN_ANGLE = math.degrees(math.atan2(KNEE[1] - SHOULDER[1], SHOULDER[0] - KNEE[0]))

# Draws the frames on a canvas for `seconds` and records them to webm; answers base64.
RECORD_VIDEO = """async ({width, height, knee, shoulder, seconds}) => {
  const canvas = document.createElement('canvas');
  canvas.width = width; canvas.height = height;
  const pen = canvas.getContext('2d');
  let frame = 0;
  const draw = () => {
    pen.fillStyle = '#dde3ea'; pen.fillRect(0, 0, width, height);
    pen.fillStyle = '#555'; pen.fillRect(0, knee[1] + 12, width, 4);
    pen.strokeStyle = '#333'; pen.lineWidth = 6;
    pen.beginPath(); pen.moveTo(...knee); pen.lineTo(...shoulder); pen.stroke();
    pen.fillStyle = '#c00';
    for (const [x, y] of [knee, shoulder]) { pen.beginPath(); pen.arc(x, y, 8, 0, 7); pen.fill(); }
    pen.fillStyle = '#000'; pen.fillText(String(frame++), 5, 12);  // each frame differs
  };
  draw();
  const recorder = new MediaRecorder(canvas.captureStream(30), {mimeType: 'video/webm'});
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  const timer = setInterval(draw, 33);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(timer);
  recorder.stop();
  await stopped;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}"""


def record_side_on_video(page, folder: Path) -> Path:
    """A 1.5 s webm of the frame above, made in the page's own Chromium, saved in `folder`."""
    page.goto("about:blank")
    encoded = page.evaluate(
        RECORD_VIDEO, {**FRAME, "knee": KNEE, "shoulder": SHOULDER, "seconds": 1.5}
    )
    path = folder / "nordic-side-on.webm"
    path.write_bytes(base64.b64decode(encoded))
    return path


def tap_video_pixel(page, canvas, x: int, y: int):
    """Taps the displayed frame where the video's own pixel (x, y) is shown."""
    box = canvas.bounding_box()
    page.mouse.click(
        box["x"] + x * box["width"] / FRAME["width"], box["y"] + y * box["height"] / FRAME["height"]
    )
