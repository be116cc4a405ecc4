"""Issue 25's corrected library texts reach databases seeded before them: a library program's
summary or goal still holding the earlier wording word for word gets the corrected one (an
admin's own edit is left alone). The library itself (`programs.library`) holds the texts for new
databases."""

from django.db import migrations

# slug -> field -> (earlier wording, corrected wording)
CORRECTED = {
    "desk-worker-reset": {
        "summary": (
            "Three short sessions a week of active band stretches, leg flings, banded bridges "
            "and pull-throughs for hamstrings stiff from sitting.",
            "Three short sessions a week of active band stretches, leg flings, banded bridges "
            "and pull-throughs for people who sit for much of the day.",
        ),
        "goal": (
            "Restore length and strength to hamstrings held short by long hours in a chair, "
            "easing the low back. Week 4 drops a set from the strength work so the habit sticks.",
            "Build range and strength in the hamstrings with short sessions that fit a working "
            "day. Week 4 drops a set from the strength work so the habit sticks.",
        ),
    },
    "runners-resilience": {
        "goal": (
            "Build hamstrings that brake the leg before each foot strike and keep up with strong "
            "quads, for fewer strains. The Nordic starts on a blue assist band.",
            "Build the eccentric strength hamstrings use to brake the leg before each foot "
            "strike. The Nordic starts on a blue assist band.",
        ),
    },
    "in-season-nordic-maintenance": {
        "goal": (
            "Keep the eccentric strength and the longer fascicles a Nordic block built, with one "
            "session a week between matches. Low volumes kept both in Presland 2018 and Lacome "
            "2020; Petersen's maintenance was 3 x 12/10/8 once a week.",
            "Keep the eccentric strength and the longer fascicles a Nordic block built, with one "
            "session a week between matches. In season, 1 set of 4 Nordics did as well as 4 sets "
            "(Lacome 2020); after a high-volume block, a low volume kept the longer fascicles, "
            "while low volume from the start did not (Behan 2022). Petersen's maintenance was "
            "3 x 12/10/8 once a week.",
        ),
    },
}


def correct(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    for slug, fields in CORRECTED.items():
        library = Program.objects.filter(slug=slug, owner__isnull=True, is_template=True)
        for field, (earlier, corrected) in fields.items():
            library.filter(**{field: earlier}).update(**{field: corrected})


def restore(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    for slug, fields in CORRECTED.items():
        library = Program.objects.filter(slug=slug, owner__isnull=True, is_template=True)
        for field, (earlier, corrected) in fields.items():
            library.filter(**{field: corrected}).update(**{field: earlier})


class Migration(migrations.Migration):
    dependencies = [("programs", "0013_band_track_dose")]

    operations = [migrations.RunPython(correct, restore)]
