"""The seed's earlier wording of the fields it corrected (see `PREVIOUS`)."""

from catalogue.seed.text import INTO_PAIN, LOOSE_ANCHOR, PAIN_FREE, lines

# The wording the seed used before its last correction, for the fields that changed. A database
# seeded before `seeded` values were recorded still holds it: where a field equals this old text
# the admin has not touched it, and `load_catalogue` writes the correction; anything else is an
# admin's own text and stays.
PREVIOUS = {
    "band-assisted-nordic-curl": {
        "setup": (
            "Anchor a loop high on a rack or post behind you and pass it under both armpits "
            "across your chest. Kneel on a pad facing away from the anchor while a partner or "
            "a fixed bar holds your ankles down. A thicker band carries more of your weight; "
            "step down to a thinner band as your strength improves."
        ),
        "cues": lines(
            "Keep one straight line from your knees to your head.",
            "Squeeze your glutes so your hips stay forward.",
            "Lower yourself forward as slowly as you can.",
            "Let the band take over near the bottom, where you are weakest.",
            "Return to kneeling under control, using your hands if needed.",
        ),
        "mistakes": lines(
            "Bending at the hips to shorten the lever.",
            "Dropping through the last part of the range instead of resisting all the way.",
            LOOSE_ANCHOR,
            "Staying on the same thick band after the sets feel easy.",
        ),
    },
    "nordic-hamstring-curl": {
        "summary": (
            "The full bodyweight Nordic: a controlled fall from kneeling that loads the "
            "hamstrings eccentrically and is well supported for preventing strains."
        ),
        "setup": (
            "No band. Kneel on a pad with a partner pressing your ankles to the floor, or hook "
            "your heels under a fixed bar or a loaded barbell. Start upright with your hips "
            "extended and your hands ready in front of your chest."
        ),
        "cues": lines(
            "Brace your trunk and squeeze your glutes.",
            "Tip forward as one rigid plank from the knees.",
            "Slow the fall for as long as you can.",
            "Catch yourself softly on your hands at the bottom.",
            "Push off lightly and pull yourself back to kneeling.",
        ),
        "mistakes": lines(
            "Bending at the hips to make the lowering easier.",
            "Attempting full reps before you can control the descent: "
            "build up with the band-assisted version.",
            "Hooking your heels under something that can lift or slide.",
        ),
    },
    "supine-active-band-hamstring-stretch": {
        "summary": (
            "An active stretch on your back: press the leg into the band, then ease it higher, "
            "to restore length to hamstrings that stay shortened from long hours of sitting."
        ),
        "cues": lines(
            "Keep your lower back and the other leg on the floor.",
            "Push your heel up into the band for about five seconds.",
            "Relax, then draw the leg a little closer with the band.",
            "Breathe slowly and settle into each new position.",
            "Switch legs when the time is up.",
        ),
        "mistakes": lines(
            "Bending the knee to get the leg higher.",
            "Hauling the leg into the stretch instead of easing into it.",
        ),
    },
    "standing-single-leg-band-curl": {
        "summary": (
            "One leg at a time, curl the heel up against a low-anchored band to wake up "
            "hamstrings that tend to switch off, a useful warm-up for runners."
        ),
    },
    "band-resisted-romanian-deadlift": {
        "summary": (
            "A Romanian deadlift with a band pulling the bar forward, so the hamstrings and "
            "lats must work harder to keep the load tight to your legs."
        ),
    },
    "banded-pull-through": {
        "summary": (
            "A high-rep hinge against a band anchored behind you that grooves hip extension "
            "and floods the hamstrings and their tendons with blood."
        ),
    },
    "banded-squat": {
        "summary": (
            "A squat against a loop under the feet that grows heavier as you stand; think about "
            "your hamstrings and they will share the work."
        ),
        "cues": lines(
            "Sit your hips back and down between your heels.",
            "Keep your chest up and your knees in line with your toes.",
            "Feel the backs of your thighs load at the bottom.",
            "Drive up through your whole foot and squeeze at the top.",
        ),
    },
    # Before the Diver and the Glider said range first, then speed (Askling 2013).
    "the-diver": {
        "cues": lines(
            "Tip the upper body forward from the hip of the standing leg, like a slow dive.",
            "Reach the arms forward as the free leg stretches back, keeping the pelvis level.",
            "Keep the standing knee at the same slight bend.",
            PAIN_FREE,
            "Stop before it hurts and come back up to standing under control.",
        ),
        "mistakes": lines(
            "Bending the standing knee more on the way down, which takes the stretch off the "
            "hamstring.",
            "Locking the standing knee straight.",
            "Rounding the back to reach lower instead of hinging at the hip.",
            "Letting the pelvis twist open toward the lifted leg.",
            INTO_PAIN,
        ),
    },
    "the-glider": {
        "cues": lines(
            "Keep the upper body upright and the front knee at the same slight bend.",
            "Slide the back foot slowly backward, as far as is comfortable.",
            PAIN_FREE,
            "Come back to the start by pulling on the support with your arms, "
            "not with the front leg.",
            "Slide a little further as it gets easier, only while it stays pain-free.",
        ),
        "mistakes": lines(
            "Dragging the body back to the start with the front hamstring instead of the arms.",
            "Leaning the upper body forward instead of staying upright.",
            "Trying it in shoes or on a floor with grip, so the foot sticks and then jerks.",
            INTO_PAIN,
        ),
    },
}
