"""Return to play, issue 25, reaches a database whose library was loaded before it: the library
program gains its last stage, back to running (runs as the physio or coach sets them, the
athlete's H-test report in the gate), where it still has the three L-protocol stages as the
library wrote them; and the summary, goal and the Diver's and Glider's notes still in their
earlier wording, word for word, take the new one (range first, then speed; the last 3 sessions).
An admin's own edits stay, and the athletes' assigned copies are left alone. The library itself
(`programs.library`) holds all of it for new databases."""

from django.db import migrations

SLUG = "return-to-play-l-protocol"
L_PROTOCOL_STAGES = [(1, "The Extender"), (2, "Add the Diver"), (3, "Add the Glider")]
RUNNING_FOCUS = "Back to running"
RUNNING_GATE = {"min_sessions": 3, "pain_max": 2, "requires_h_test": True}
RUN_DAYS = (1, 3, 5)
RUN_TITLE = "Run"

# (earlier wording, new wording)
SUMMARY = (
    "Askling's L-protocol in three stages: the Extender, then the Diver, then the Glider. Each stage repeats week after week until pain stays at 2/10 or less, enough sessions are done and your coach signs it off.",
    "Askling's L-protocol in three stages: the Extender, then the Diver, then the Glider; then back to running, until the H-test feels secure. Each stage repeats week after week until pain stays at 2/10 or less, enough sessions are done and your coach signs it off.",
)
GOAL = (
    "The L-protocol is three lengthening exercises for an injured hamstring, each taken only as far as it stays pain-free (no pain, or at most a mild discomfort). In Askling's randomised trials of athletes with an acute hamstring injury seen on MRI, elite footballers (2013) returned to full training after 28 days on average with it, against 51 with conventional exercises, and elite sprinters and jumpers (2014) after 49 days, against 86. Here the exercises come in one stage at a time, with the trials' doses: the Extender 3 x 12 twice a day, the Diver 3 x 6 every other day, the Glider 3 x 4 about every third day. A stage repeats every week until pain has stayed at 2/10 or less through its sessions, at least 10 sessions are done, and your coach signs it off. The 10 sessions are this app's starting point for your coach to change, not a number from the trials. When you return to full training is your coach's call, with your physio or doctor, not the app's.",
    "The L-protocol is three lengthening exercises for an injured hamstring, each taken only as far as it stays pain-free (no pain, or at most a mild discomfort). In Askling's randomised trials of athletes with an acute hamstring injury seen on MRI, elite footballers (2013) returned to full training after 28 days on average with it, against 51 with conventional exercises, and elite sprinters and jumpers (2014) after 49 days, against 86. Here the exercises come in one stage at a time, with the trials' doses: the Extender 3 x 12 twice a day, the Diver 3 x 6 every other day, the Glider 3 x 4 about every third day. The Diver and the Glider widen their range first, slowly, and speed up only once the full range is pain-free. A stage repeats every week until pain has stayed at 2/10 or less in its last 3 sessions, at least 10 sessions are done, and your coach signs it off. The 10 sessions are this app's starting point for your coach to change, not a number from the trials. The last stage is back to running, as your physio or coach sets it, with Askling's H-test: a fast straight-leg raise they take you through, and you report whether you felt any insecurity. Your coach can sign it off once you report no insecurity and your last 3 runs stayed at 2/10 or less. When you return to full training is your coach's call, with your physio or doctor, not the app's.",
)
NOTES = {
    "the-diver": (
        "Stand on the injured leg. Stop before it hurts.",
        "Stand on the injured leg. Range first, slowly; faster only once the full range is pain-free.",
    ),
    "the-glider": (
        "Injured leg in front. Come back with the arms, not the leg.",
        "Injured leg in front; come back with the arms. Range first, slowly; faster only once the full range is pain-free.",
    ),
}
RUN_NOTES = "Run as your physio or coach sets it: how far, how fast and on which days is theirs to say. Stop if the hamstring hurts, and log your pain honestly afterwards. When your physio or coach has taken you through the H-test, answer its question on the stage card on Today."


def _library(apps):
    Program = apps.get_model("programs", "Program")
    return Program.objects.filter(slug=SLUG, owner__isnull=True, is_template=True)


def _texts(apps, old: int, new: int) -> None:
    Prescription = apps.get_model("programs", "Prescription")
    for field, wording in (("summary", SUMMARY), ("goal", GOAL)):
        _library(apps).filter(**{field: wording[old]}).update(**{field: wording[new]})
    for slug, wording in NOTES.items():
        Prescription.objects.filter(
            workout__week__program__in=_library(apps), exercise__slug=slug, notes=wording[old]
        ).update(notes=wording[new])


def forward(apps, schema_editor):
    ProgramWeek = apps.get_model("programs", "ProgramWeek")
    StageGate = apps.get_model("programs", "StageGate")
    Workout = apps.get_model("programs", "Workout")
    _texts(apps, 0, 1)
    for program in _library(apps):
        weeks = list(program.weeks.order_by("number").values_list("number", "focus"))
        if weeks != L_PROTOCOL_STAGES:  # added already, or the stages are an admin's own
            continue
        week = ProgramWeek.objects.create(program=program, number=4, focus=RUNNING_FOCUS)
        StageGate.objects.create(week=week, **RUNNING_GATE)
        Workout.objects.bulk_create(
            Workout(week=week, day=day, title=RUN_TITLE, notes=RUN_NOTES) for day in RUN_DAYS
        )


def backward(apps, schema_editor):
    ProgramWeek = apps.get_model("programs", "ProgramWeek")
    ProgramWeek.objects.filter(program__in=_library(apps), number=4, focus=RUNNING_FOCUS).delete()
    _texts(apps, 1, 0)


class Migration(migrations.Migration):
    dependencies = [("programs", "0014_library_texts_corrected")]

    operations = [migrations.RunPython(forward, backward)]
