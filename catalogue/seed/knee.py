"""The seed's exercises led by the knee: the curls, the Nordics and the curl hold."""

from catalogue.seed.text import (
    CURLING_BACK_UP,
    CURLS_ONLY,
    HEELS_LOOSE,
    LOOSE_ANCHOR,
    MINI_TOO_LIGHT,
    SLINGSHOT,
    lines,
)

EXERCISES = [
    {
        "name": "Banded prone leg curl",
        "slug": "banded-prone-leg-curl",
        "summary": (
            "Lying knee flexion against a band whose pull rises as the heels come up, "
            "so the hamstrings meet the most load where they are shortest."
        ),
        "setup": (
            "Anchor a heavy 41-inch loop low on a rack upright or solid post, close to the floor. "
            "Lie face down with your feet toward the anchor and loop the free end around both "
            "ankles, then shuffle away until the band is taut with your legs straight."
        ),
        "cues": lines(
            "Press your hips into the floor and keep them there.",
            "Draw your heels up toward your seat.",
            "Pause for a moment at the top.",
            "Lower your feet over two to three seconds.",
            "Keep the band taut at the bottom of every rep.",
        ),
        "mistakes": lines(
            SLINGSHOT,
            "Lifting the hips or jerking the legs to get the heels up.",
            LOOSE_ANCHOR,
            MINI_TOO_LIGHT,
            CURLS_ONLY,
        ),
        "pattern": "knee_flexion",
        "band_role": "resist",
        "anchor": "floor",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 1,
        "progressions": ["banded-isometric-leg-curl-hold", "standing-single-leg-band-curl"],
    },
    {
        "name": "Band-assisted Nordic curl",
        "slug": "band-assisted-nordic-curl",
        "summary": (
            "A slow forward lean from kneeling with a band taking part of your weight, "
            "building eccentric hamstring strength before you can manage the full Nordic."
        ),
        "setup": (
            "Anchor a loop high on a rack or post behind you and pass it under both armpits "
            "across your chest. Kneel on a pad facing away from the anchor, with a partner "
            "holding your ankles down or your heels hooked under a fixed pad that cannot lift or "
            "roll. A thicker band carries more of your weight; step down to a thinner band as "
            "your strength improves. Studies of assisted Nordics used bands that took 5-20% of "
            "body mass (Burrows 2020)."
        ),
        "cues": lines(
            "Keep one straight line from your knees to your head.",
            "Squeeze your glutes so your hips stay forward.",
            "Lower yourself forward as slowly as you can, braking the whole way.",
            "Keep braking through the last third. If you are light, a thick band can carry "
            "most or all of your weight there: when the fall costs you nothing, go thinner.",
            "Catch yourself on your hands and push the floor away to get back to kneeling.",
        ),
        "mistakes": lines(
            "Bending at the hips to shorten the lever.",
            "Dropping through the last part of the range instead of resisting all the way.",
            CURLING_BACK_UP,
            HEELS_LOOSE,
            LOOSE_ANCHOR,
            "Staying on the same thick band after the sets feel easy.",
        ),
        "pattern": "eccentric",
        "band_role": "assist",
        "anchor": "behind",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 2,
        "progressions": ["nordic-hamstring-curl"],
    },
    {
        "name": "Nordic hamstring curl",
        "slug": "nordic-hamstring-curl",
        "summary": (
            "The full bodyweight Nordic: a slow, braked fall from kneeling that loads the "
            "hamstrings eccentrically. Promising for preventing strains, but the evidence is "
            "debated (van Dyk 2019; Impellizzeri 2021)."
        ),
        "setup": (
            "No band. Kneel on a pad with a partner holding your ankles firmly to the floor, or "
            "hook your heels under a fixed pad that cannot lift or roll, such as a Nordic bench. "
            "Start upright with your hips extended and your hands ready in front of your chest."
        ),
        "cues": lines(
            "Brace your trunk and squeeze your glutes.",
            "Tip forward as one rigid plank from the knees.",
            "Slow the fall for as long as you can.",
            "Keep braking through the last third, where the fall is hardest to hold.",
            "Catch yourself softly on your hands only when you can hold no longer.",
            "Push the floor away with your hands to get back to kneeling.",
        ),
        "mistakes": lines(
            "Bending at the hips to make the lowering easier.",
            "Giving up in the last third and dropping to the floor.",
            CURLING_BACK_UP,
            "Attempting full reps before you can control the descent: "
            "build up with the band-assisted version.",
            HEELS_LOOSE,
        ),
        "pattern": "eccentric",
        "band_role": "none",
        "anchor": "none",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 3,
        "progressions": [],
    },
    {
        "name": "Standing single-leg band curl",
        "slug": "standing-single-leg-band-curl",
        "summary": (
            "One leg at a time, curl the heel up against a low-anchored band: a light "
            "knee-bending warm-up for the hamstrings before a run."
        ),
        "setup": (
            "Anchor a loop to a sturdy post close to the floor and stand facing it, holding on "
            "for balance. Loop the free end around the back of one ankle and step back until "
            "the band is taut with that leg straight."
        ),
        "cues": lines(
            "Stand tall with your hips square.",
            "Keep the working thigh pointing at the floor.",
            "Curl your heel up toward your seat.",
            "Lower the foot slowly until the leg is straight.",
            "Finish every rep on one side before you switch.",
        ),
        "mistakes": lines(
            SLINGSHOT,
            "Swinging the thigh forward to help the heel up.",
            LOOSE_ANCHOR,
            CURLS_ONLY,
        ),
        "pattern": "knee_flexion",
        "band_role": "resist",
        "anchor": "floor",
        "dose": "reps",
        "unilateral": True,
        "difficulty": 2,
        "progressions": [],
    },
    {
        "name": "Banded isometric leg-curl hold",
        "slug": "banded-isometric-leg-curl-hold",
        "summary": (
            "Hold a banded curl at the top for 30-60 seconds to build strength where the "
            "hamstrings are shortest; a good way to finish a leg session."
        ),
        "setup": (
            "Set up as for the prone leg curl: a heavy loop anchored low to a solid post or "
            "rack and looped around both ankles while you lie face down, with the band taut "
            "before you start."
        ),
        "cues": lines(
            "Curl your heels up until your knees are well past a right angle.",
            "Hold that position without letting the heels sink.",
            "Keep your hips pressed into the floor.",
            "Breathe steadily through the shaking.",
            "Lower slowly when the time is up.",
        ),
        "mistakes": lines(
            "Letting the heels creep down as you tire.",
            "Releasing all at once so the band snaps the legs back.",
            LOOSE_ANCHOR,
            MINI_TOO_LIGHT,
        ),
        "pattern": "isometric",
        "band_role": "resist",
        "anchor": "floor",
        "dose": "seconds",
        "unilateral": False,
        "difficulty": 2,
        "progressions": [],
    },
    {
        "name": "Stability-ball hamstring curl",
        "slug": "stability-ball-hamstring-curl",
        "summary": (
            "Roll a ball in with your heels while holding your hips up, a home hamstring curl "
            "that also challenges your balance."
        ),
        "setup": (
            "No band. Lie face up with both heels resting on a stability ball and your arms "
            "out on the floor for balance. Lift your hips until your body is straight from "
            "shoulders to heels."
        ),
        "cues": lines(
            "Keep your hips high for the whole set.",
            "Pull the ball toward you by bending your knees.",
            "Squeeze your hamstrings hard when the ball is closest.",
            "Roll the ball back out slowly.",
        ),
        "mistakes": lines(
            "Letting the hips sag as the ball rolls in.",
            "Letting the ball shoot back out instead of controlling it.",
            CURLS_ONLY,
        ),
        "pattern": "knee_flexion",
        "band_role": "none",
        "anchor": "none",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 2,
        "progressions": [],
    },
]
