"""A member of staff's own zip holds what they did to athletes' records (that they cleared a
pause, and when) but none of the athlete's words or measures: those are the athlete's data."""

import io
import json
import zipfile

from django.utils import timezone

from accounts.data_export import zip_build
from logbook.models import PainPause


def test_a_physios_zip_says_they_cleared_a_pause_and_not_why_it_was_raised(coach, athlete):
    pause = PainPause.objects.create(
        athlete=athlete,
        reason="Pain stop: sharp, high, left",
        cleared_at=timezone.now(),
        cleared_by=coach,
        note="Seen by the physio on Tuesday",
    )
    files = zipfile.ZipFile(io.BytesIO(zip_build(coach)))
    [row] = json.loads(files.read("logbook.painpause.json"))
    assert set(row) == {"id", "athlete", "raised_at", "cleared_at", "cleared_by"}
    assert (row["id"], row["cleared_by"], row["athlete"]) == (pause.pk, coach.pk, athlete.pk)
    text = b"".join(files.read(name) for name in files.namelist())
    assert b"sharp" not in text and b"Tuesday" not in text

    theirs = zipfile.ZipFile(io.BytesIO(zip_build(athlete)))
    [row] = json.loads(theirs.read("logbook.painpause.json"))
    assert (row["reason"], row["note"]) == (
        "Pain stop: sharp, high, left",
        "Seen by the physio on Tuesday",
    )
