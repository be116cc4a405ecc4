"""Seed content for the catalogue: the default band ladder and the starter exercises.

Pure data (no Django, no models) so a data migration and the tests can both import it.
Text fields that hold several items (cues, mistakes) keep one item per line.
Choice values match catalogue.models: Pattern, BandRole, Anchor, Dose, Difficulty, BandKind.
"""


def _lines(*items: str) -> str:
    """Join items into the one-per-line text the cues and mistakes fields store."""
    return "\n".join(items)


# Mistakes shared by several exercises, written once so they read the same everywhere.
_SLINGSHOT = "Letting the band snap the leg back: control the return over two or three seconds."
_LOOSE_ANCHOR = (
    "Tying the band to something that can shift, such as a coffee table: "
    "use a power rack, a tree or a sofa too heavy to drag."
)
_CURLS_ONLY = "Doing curls and never a hinge: the hamstrings also extend the hip."
_MINI_TOO_LIGHT = "Using a thin mini band: it is too light to load a hamstring curl."
_ROUNDED_BACK = "Rounding the back to reach lower instead of stopping when the hamstrings do."
# Nordics: the work is the braked fall; the way back up is the hands' job, and the heels must
# stay pinned by something that cannot move.
_CURLING_BACK_UP = "Curling back up with the hamstrings instead of pushing off with your hands."
_HEELS_LOOSE = "Hooking your heels under something that can lift, slide or roll."
# The L-protocol (after a strain): the range is only as far as it stays pain-free.
_PAIN_FREE = "Work only as far as it stays pain-free: no pain, or at most a mild discomfort."
_INTO_PAIN = "Pushing on into pain to gain range: stop before it hurts."


# The default ladder (41-inch loops), thinnest first, then one mini band for bridges.
# Tensions are strings with one decimal so they load into DecimalFields unchanged.
BANDS = [
    {
        "name": "Red",
        "colour": "red",
        "hex": "#c62828",
        "kind": "loop",
        "width_mm": 13,
        "tension_min_kg": "5.0",
        "tension_max_kg": "16.0",
        "rank": 1,
    },
    {
        "name": "Black",
        "colour": "black",
        "hex": "#263238",
        "kind": "loop",
        "width_mm": 19,
        "tension_min_kg": "11.0",
        "tension_max_kg": "29.0",
        "rank": 2,
    },
    {
        "name": "Purple",
        "colour": "purple",
        "hex": "#6a1b9a",
        "kind": "loop",
        "width_mm": 32,
        "tension_min_kg": "16.0",
        "tension_max_kg": "39.0",
        "rank": 3,
    },
    {
        "name": "Green",
        "colour": "green",
        "hex": "#2e7d32",
        "kind": "loop",
        "width_mm": 44,
        "tension_min_kg": "23.0",
        "tension_max_kg": "57.0",
        "rank": 4,
    },
    {
        "name": "Blue",
        "colour": "blue",
        "hex": "#1565c0",
        "kind": "loop",
        "width_mm": 64,
        "tension_min_kg": "29.0",
        "tension_max_kg": "79.0",
        "rank": 5,
    },
    {
        "name": "Mini",
        "colour": "yellow",
        "hex": "#f9a825",
        "kind": "mini",
        "width_mm": 10,
        "tension_min_kg": "2.0",
        "tension_max_kg": "7.0",
        "rank": 1,
    },
]


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
        "cues": _lines(
            "Press your hips into the floor and keep them there.",
            "Draw your heels up toward your seat.",
            "Pause for a moment at the top.",
            "Lower your feet over two to three seconds.",
            "Keep the band taut at the bottom of every rep.",
        ),
        "mistakes": _lines(
            _SLINGSHOT,
            "Lifting the hips or jerking the legs to get the heels up.",
            _LOOSE_ANCHOR,
            _MINI_TOO_LIGHT,
            _CURLS_ONLY,
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
        "name": "Banded good morning",
        "slug": "banded-good-morning",
        "summary": (
            "A hip hinge with the band pulling you forward, which trains the hamstrings as "
            "hip extensors and teaches you to hold a braced, neutral spine."
        ),
        "setup": (
            "Stand on the middle of a loop with your feet hip-width apart and bring the other "
            "end over your head to sit across your upper traps, well below the bony bumps of "
            "the neck. Hold the band at your shoulders so it stays put."
        ),
        "cues": _lines(
            "Unlock your knees and keep that bend.",
            "Push your hips back as your chest tips forward.",
            "Brace your trunk and keep your back flat.",
            "Stop when you feel a strong stretch in the hamstrings.",
            "Drive your hips forward and squeeze your glutes to stand tall.",
        ),
        "mistakes": _lines(
            "Resting the band on the neck vertebrae instead of the traps.",
            _ROUNDED_BACK,
            "Letting the band yank you down: lower yourself under control.",
            "Bending the knees until the hinge turns into a squat.",
        ),
        "pattern": "hip_hinge",
        "band_role": "resist",
        "anchor": "under_feet",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 2,
        "progressions": ["band-resisted-romanian-deadlift"],
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
            "your strength improves."
        ),
        "cues": _lines(
            "Keep one straight line from your knees to your head.",
            "Squeeze your glutes so your hips stay forward.",
            "Lower yourself forward as slowly as you can, braking the whole way.",
            "Keep braking through the last third: the band helps most there, "
            "but the control stays yours.",
            "Catch yourself on your hands and push the floor away to get back to kneeling.",
        ),
        "mistakes": _lines(
            "Bending at the hips to shorten the lever.",
            "Dropping through the last part of the range instead of resisting all the way.",
            _CURLING_BACK_UP,
            _HEELS_LOOSE,
            _LOOSE_ANCHOR,
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
        "cues": _lines(
            "Brace your trunk and squeeze your glutes.",
            "Tip forward as one rigid plank from the knees.",
            "Slow the fall for as long as you can.",
            "Keep braking through the last third, where the fall is hardest to hold.",
            "Catch yourself softly on your hands only when you can hold no longer.",
            "Push the floor away with your hands to get back to kneeling.",
        ),
        "mistakes": _lines(
            "Bending at the hips to make the lowering easier.",
            "Giving up in the last third and dropping to the floor.",
            _CURLING_BACK_UP,
            "Attempting full reps before you can control the descent: "
            "build up with the band-assisted version.",
            _HEELS_LOOSE,
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
            "One leg at a time, curl the heel up against a low-anchored band to wake up "
            "hamstrings that tend to switch off, a useful warm-up for runners."
        ),
        "setup": (
            "Anchor a loop to a sturdy post close to the floor and stand facing it, holding on "
            "for balance. Loop the free end around the back of one ankle and step back until "
            "the band is taut with that leg straight."
        ),
        "cues": _lines(
            "Stand tall with your hips square.",
            "Keep the working thigh pointing at the floor.",
            "Curl your heel up toward your seat.",
            "Lower the foot slowly until the leg is straight.",
            "Finish every rep on one side before you switch.",
        ),
        "mistakes": _lines(
            _SLINGSHOT,
            "Swinging the thigh forward to help the heel up.",
            _LOOSE_ANCHOR,
            _CURLS_ONLY,
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
        "name": "Supine active band hamstring stretch",
        "slug": "supine-active-band-hamstring-stretch",
        "summary": (
            "An active stretch on your back: press the leg away against the band, relax, then "
            "ease it a little higher; a gentle way to regain range after long hours of sitting."
        ),
        "setup": (
            "No anchor. Lie on your back, loop a light band around the arch of one foot and hold "
            "an end in each hand. Raise that leg with the knee straight until you feel the back "
            "of the thigh, keeping the other leg long on the floor."
        ),
        "cues": _lines(
            "Keep your lower back and the other leg on the floor.",
            "Press the straight leg away from you against the band for about five seconds.",
            "Relax, then draw the leg a little closer with the band.",
            "Breathe slowly and settle into each new position.",
            "Switch legs when the time is up.",
        ),
        "mistakes": _lines(
            "Bending the knee to get the leg higher.",
            "Hauling the leg into the stretch instead of easing into it.",
            "Letting the band do all the work instead of pressing the leg away against it.",
        ),
        "pattern": "mobility",
        "band_role": "resist",
        "anchor": "none",
        "dose": "seconds",
        "unilateral": True,
        "difficulty": 1,
        "progressions": [],
    },
    {
        "name": "Banded leg flings",
        "slug": "banded-leg-flings",
        "summary": (
            "Rhythmic leg swings with a low-anchored band that take the hamstrings through "
            "their full length, a quick reset for hips stiff from sitting."
        ),
        "setup": (
            "Anchor a loop to a sturdy post at ankle height and stand facing it with one hand "
            "on a wall or rack. Loop the free end around one ankle and step back until the band "
            "is taut with the leg hanging straight."
        ),
        "cues": _lines(
            "Stand tall on a softly bent standing knee.",
            "Sweep the straight leg back against the band and squeeze the glute.",
            "Let the leg swing forward and up in a smooth arc.",
            "Keep each swing within a range that feels easy.",
            "Do every swing on one side, then switch.",
        ),
        "mistakes": _lines(
            "Letting the band whip the leg forward past a comfortable range.",
            "Leaning back or arching the lower back to swing further.",
            _LOOSE_ANCHOR,
        ),
        "pattern": "mobility",
        "band_role": "resist",
        "anchor": "floor",
        "dose": "reps",
        "unilateral": True,
        "difficulty": 1,
        "progressions": [],
    },
    {
        "name": "Banded pull-through",
        "slug": "banded-pull-through",
        "summary": (
            "A high-rep hinge against a band anchored behind you that grooves the hip hinge and "
            "trains the glutes and hamstrings as hip extensors without a heavy load."
        ),
        "setup": (
            "Anchor a loop low on a rack, post or tree behind you. Face away from it, reach back "
            "between your legs to take the band in both hands, and walk forward until it is taut "
            "when you stand upright."
        ),
        "cues": _lines(
            "Set your feet a little wider than your hips with soft knees.",
            "Push your hips back and let your hands travel between your thighs.",
            "Keep your arms long: they only hold the band.",
            "Drive your hips through and squeeze your glutes to stand tall.",
            "Keep a steady rhythm through the high reps.",
        ),
        "mistakes": _lines(
            "Squatting down instead of pushing the hips back.",
            "Pulling the band with the arms.",
            "Letting the band drag you backward on the way down.",
            _LOOSE_ANCHOR,
        ),
        "pattern": "hip_hinge",
        "band_role": "resist",
        "anchor": "behind",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 1,
        "progressions": ["banded-good-morning"],
    },
    {
        "name": "Band-resisted Romanian deadlift",
        "slug": "band-resisted-romanian-deadlift",
        "summary": (
            "A Romanian deadlift with a band pulling the bar forward, so the hamstrings and "
            "lats must work harder to keep the load tight to your legs."
        ),
        "setup": (
            "Wrap a loop around the middle of the barbell and anchor the other end low to a rack "
            "or post in front of you, so the band tugs the bar away from your legs. Start "
            "standing with the bar at your hips."
        ),
        "cues": _lines(
            "Keep the bar against your thighs and shins all the way down.",
            "Push your hips back with a slight bend in the knees.",
            "Keep your back flat and your lats tight.",
            "Lower until the hamstrings stop you, around mid-shin.",
            "Drive your hips forward to stand tall.",
        ),
        "mistakes": _lines(
            "Letting the band pull the bar forward, away from your legs.",
            _ROUNDED_BACK,
            _LOOSE_ANCHOR,
        ),
        "pattern": "hip_hinge",
        "band_role": "resist",
        "anchor": "bar",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 3,
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
        "cues": _lines(
            "Curl your heels up until your knees are well past a right angle.",
            "Hold that position without letting the heels sink.",
            "Keep your hips pressed into the floor.",
            "Breathe steadily through the shaking.",
            "Lower slowly when the time is up.",
        ),
        "mistakes": _lines(
            "Letting the heels creep down as you tire.",
            "Releasing all at once so the band snaps the legs back.",
            _LOOSE_ANCHOR,
            _MINI_TOO_LIGHT,
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
        "name": "Glute bridge with band above knees",
        "slug": "glute-bridge-band-above-knees",
        "summary": (
            "A simple bridge for glutes and hamstrings; the band above the knees makes you "
            "push them apart and keeps them tracking over the feet."
        ),
        "setup": (
            "This is the exercise for the mini band: slip it just above both knees, with no "
            "anchor. Lie on your back with knees bent and feet flat about hip-width apart."
        ),
        "cues": _lines(
            "Press your knees gently out against the band.",
            "Drive down through your heels.",
            "Contract your glutes and hamstrings to start the lift.",
            "Stop when your knees, hips and shoulders line up.",
            "Lower your hips slowly to the floor.",
        ),
        "mistakes": _lines(
            "Tensing only once the hips are up instead of using that tension to raise them.",
            "Letting the knees fall in toward each other.",
            "Arching the lower back to push the hips higher.",
        ),
        "pattern": "bridge",
        "band_role": "resist",
        "anchor": "none",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 1,
        "progressions": ["stability-ball-hamstring-curl"],
    },
    {
        "name": "Romanian deadlift",
        "slug": "romanian-deadlift",
        "summary": (
            "The classic hip hinge with a bar or dumbbells, loading the hamstrings through "
            "hip extension; learn it light, then add weight."
        ),
        "setup": (
            "No band. Hold a light barbell or a pair of dumbbells in front of your thighs with "
            "your feet about hip-width apart. Master the pattern with a light load before "
            "adding weight."
        ),
        "cues": _lines(
            "Soften your knees and keep them there.",
            "Push your hips back and let the weight slide down your thighs.",
            "Keep your back flat and your chest proud.",
            "Stop when the hamstrings are fully stretched.",
            "Bring your hips forward by tightening the glutes and hamstrings, and stand.",
        ),
        "mistakes": _lines(
            _ROUNDED_BACK,
            "Bending the knees until the hinge turns into a squat.",
            "Letting the weight drift away from your legs.",
            "Loading up before the movement is smooth.",
        ),
        "pattern": "hip_hinge",
        "band_role": "none",
        "anchor": "none",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 2,
        "progressions": ["band-resisted-romanian-deadlift"],
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
        "cues": _lines(
            "Keep your hips high for the whole set.",
            "Pull the ball toward you by bending your knees.",
            "Squeeze your hamstrings hard when the ball is closest.",
            "Roll the ball back out slowly.",
        ),
        "mistakes": _lines(
            "Letting the hips sag as the ball rolls in.",
            "Letting the ball shoot back out instead of controlling it.",
            _CURLS_ONLY,
        ),
        "pattern": "knee_flexion",
        "band_role": "none",
        "anchor": "none",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 2,
        "progressions": [],
    },
    {
        "name": "Banded squat",
        "slug": "banded-squat",
        "summary": (
            "A squat against a loop under the feet that grows heavier as you stand. Mostly "
            "quads and glutes: the hamstrings steady the hips and knees, so pair it with curls "
            "and hinges."
        ),
        "setup": (
            "Stand on the middle of a loop with your feet shoulder-width apart and bring the "
            "other end over your head to rest across your upper back, not your neck."
        ),
        "cues": _lines(
            "Sit your hips back and down between your heels.",
            "Keep your chest up and your knees in line with your toes.",
            "Stay tight at the bottom instead of bouncing out of it.",
            "Drive up through your whole foot and squeeze at the top.",
        ),
        "mistakes": _lines(
            "Letting the band pull you into the bottom too fast.",
            "Letting the band rest on the neck instead of the upper back.",
            "Letting the knees cave in.",
        ),
        "pattern": "squat",
        "band_role": "resist",
        "anchor": "under_feet",
        "dose": "reps",
        "unilateral": False,
        "difficulty": 1,
        "progressions": [],
    },
    # Askling's L-protocol after a hamstring strain (Askling et al. 2013, 2014): three lengthening
    # exercises with no band, each taken only as far as it stays pain-free.
    {
        "name": "The Extender",
        "slug": "the-extender",
        "summary": (
            "The first exercise of Askling's L-protocol after a hamstring strain: on your back, "
            "the hip bent to a right angle, slowly straighten the knee as far as it goes without "
            "pain."
        ),
        "setup": (
            "No band. Lie on your back on a mat with the other leg straight on the floor. Bend "
            "the hip of the injured leg to about 90 degrees and hold the back of that thigh "
            "still with both hands, the knee bent and the lower leg relaxed. In Askling's "
            "protocol: 3 sets of 12, twice a day."
        ),
        "cues": _lines(
            "Keep the thigh still in your hands, pointing at the ceiling, for the whole set.",
            "Straighten the knee slowly, up to just before it starts to hurt.",
            _PAIN_FREE,
            "Bend the knee back slowly to the start.",
        ),
        "mistakes": _lines(
            "Letting the thigh sink toward the floor, which takes the stretch off the hamstring.",
            "Kicking the leg straight quickly instead of moving slowly.",
            _INTO_PAIN,
        ),
        "pattern": "mobility",
        "band_role": "none",
        "anchor": "none",
        "dose": "reps",
        "unilateral": True,
        "difficulty": 1,
        "progressions": ["the-diver"],
    },
    {
        "name": "The Diver",
        "slug": "the-diver",
        "summary": (
            "The second exercise of Askling's L-protocol: standing on the injured leg, dive the "
            "upper body forward from the hip while the arms reach forward and the other leg "
            "reaches back."
        ),
        "setup": (
            "No band. Stand on the injured leg with the knee slightly bent, about 10 to 20 "
            "degrees, and keep that bend all through the rep. Lift the other foot just off the "
            "floor. In Askling's protocol: 3 sets of 6, every other day."
        ),
        "cues": _lines(
            "Tip the upper body forward from the hip of the standing leg, like a slow dive.",
            "Reach the arms forward as the free leg stretches back, keeping the pelvis level.",
            "Keep the standing knee at the same slight bend.",
            _PAIN_FREE,
            "Stop before it hurts and come back up to standing under control.",
        ),
        "mistakes": _lines(
            "Bending the standing knee more on the way down, which takes the stretch off the "
            "hamstring.",
            "Locking the standing knee straight.",
            "Rounding the back to reach lower instead of hinging at the hip.",
            "Letting the pelvis twist open toward the lifted leg.",
            _INTO_PAIN,
        ),
        "pattern": "hip_hinge",
        "band_role": "none",
        "anchor": "none",
        "dose": "reps",
        "unilateral": True,
        "difficulty": 2,
        "progressions": ["the-glider"],
    },
    {
        "name": "The Glider",
        "slug": "the-glider",
        "summary": (
            "The third exercise of Askling's L-protocol: your weight on the injured front leg, "
            "slide the other foot back along a smooth floor, then return by pulling with the "
            "arms, not the hamstring."
        ),
        "setup": (
            "No band. Stand upright on a smooth floor with a sock on the back foot, holding a "
            "rail, a rack or a doorframe with one hand. The injured leg is in front, its knee "
            "slightly bent (about 10 to 20 degrees), and your weight is on it. In Askling's "
            "protocol: 3 sets of 4, every third day."
        ),
        "cues": _lines(
            "Keep the upper body upright and the front knee at the same slight bend.",
            "Slide the back foot slowly backward, as far as is comfortable.",
            _PAIN_FREE,
            "Come back to the start by pulling on the support with your arms, "
            "not with the front leg.",
            "Slide a little further as it gets easier, only while it stays pain-free.",
        ),
        "mistakes": _lines(
            "Dragging the body back to the start with the front hamstring instead of the arms.",
            "Leaning the upper body forward instead of staying upright.",
            "Trying it in shoes or on a floor with grip, so the foot sticks and then jerks.",
            _INTO_PAIN,
        ),
        "pattern": "hip_hinge",
        "band_role": "none",
        "anchor": "none",
        "dose": "reps",
        "unilateral": True,
        "difficulty": 2,
        "progressions": [],
    },
]


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
        "cues": _lines(
            "Keep one straight line from your knees to your head.",
            "Squeeze your glutes so your hips stay forward.",
            "Lower yourself forward as slowly as you can.",
            "Let the band take over near the bottom, where you are weakest.",
            "Return to kneeling under control, using your hands if needed.",
        ),
        "mistakes": _lines(
            "Bending at the hips to shorten the lever.",
            "Dropping through the last part of the range instead of resisting all the way.",
            _LOOSE_ANCHOR,
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
        "cues": _lines(
            "Brace your trunk and squeeze your glutes.",
            "Tip forward as one rigid plank from the knees.",
            "Slow the fall for as long as you can.",
            "Catch yourself softly on your hands at the bottom.",
            "Push off lightly and pull yourself back to kneeling.",
        ),
        "mistakes": _lines(
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
        "cues": _lines(
            "Keep your lower back and the other leg on the floor.",
            "Push your heel up into the band for about five seconds.",
            "Relax, then draw the leg a little closer with the band.",
            "Breathe slowly and settle into each new position.",
            "Switch legs when the time is up.",
        ),
        "mistakes": _lines(
            "Bending the knee to get the leg higher.",
            "Hauling the leg into the stretch instead of easing into it.",
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
        "cues": _lines(
            "Sit your hips back and down between your heels.",
            "Keep your chest up and your knees in line with your toes.",
            "Feel the backs of your thighs load at the bottom.",
            "Drive up through your whole foot and squeeze at the top.",
        ),
    },
}
