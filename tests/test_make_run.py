"""`make run`'s worker loop, run for real by make and sh: a task worker that dies (a crash, a
kill -9) is started again, 1 s later, then 2 s, and the loop ends once the worker exits cleanly.
A stand-in `python` (a shell script in a throwaway BIN) plays manage.py, so no server starts."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The stand-in's worker dies by kill -9 first, then exits 1, then stops cleanly; its runserver
# waits long enough for the three starts (1 s and 2 s apart) and exits.
STAND_IN = """#!/bin/sh
here=$(dirname "$0")
echo "$*" >> "$here/calls"
case "$2" in
  worker)
    starts=$(grep -c ' worker ' "$here/calls")
    [ "$starts" -eq 1 ] && kill -9 $$
    [ "$starts" -eq 2 ] && exit 1
    exit 0 ;;
  runserver) sleep 6 ;;
esac
exit 0
"""


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_worker_is_started_again_with_backoff_until_it_stops_cleanly(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stand_in = bin_dir / "python"
    stand_in.write_text(STAND_IN)
    stand_in.chmod(0o755)
    (bin_dir / ".installed").touch()  # newer than pyproject.toml: nothing to install

    result = subprocess.run(
        ["make", "--no-print-directory", "run", f"BIN={bin_dir}", "PORT=8999"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    calls = (bin_dir / "calls").read_text().splitlines()
    assert [call.split()[1] for call in calls if " worker " in call] == ["worker"] * 3
    assert calls[0] == "manage.py migrate --noinput"
    restarts = [line for line in result.stderr.splitlines() if line.startswith("make run:")]
    assert restarts == [
        "make run: the task worker stopped (exit 137); starting it again in 1 s",
        "make run: the task worker stopped (exit 1); starting it again in 2 s",
    ]
