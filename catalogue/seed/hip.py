"""The seed's exercises led by the hip: the hinges, the bridge, the squat, the stretches and
the L-protocol (extender, diver, glider)."""

from catalogue.seed.text import INTO_PAIN, LOOSE_ANCHOR, PAIN_FREE, ROUNDED_BACK, lines

# The Diver and the Glider progress range first, then speed (Askling 2013).
SPEED_TOO_SOON = "Speeding up before the full range is pain-free: range first, then speed."

EXERCISES = [
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
        "cues": lines(
            "Unlock your knees and keep that bend.",
            "Push your hips back as your chest tips forward.",
            "Brace your trunk and keep your back flat.",
            "Stop when you feel a strong stretch in the hamstrings.",
            "Drive your hips forward and squeeze your glutes to stand tall.",
        ),
        "mistakes": lines(
            "Resting the band on the neck vertebrae instead of the traps.",
            ROUNDED_BACK,
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
        "name": "Supine active band hamstring stretch",
        "slug": "supine-active-band-hamstring-stretch",
        "summary": (
            "An active stretch on your back: press the leg away against the band, relax, then "
            "ease it a little higher; a gentle way to work on hamstring range."
        ),
        "setup": (
            "No anchor. Lie on your back, loop a light band around the arch of one foot and hold "
            "an end in each hand. Raise that leg with the knee straight until you feel the back "
            "of the thigh, keeping the other leg long on the floor."
        ),
        "cues": lines(
            "Keep your lower back and the other leg on the floor.",
            "Press the straight leg away from you against the band for about five seconds.",
            "Relax, then draw the leg a little closer with the band.",
            "Breathe slowly and settle into each new position.",
            "Switch legs when the time is up.",
        ),
        "mistakes": lines(
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
            "their full length, a quick dynamic warm-up."
        ),
        "setup": (
            "Anchor a loop to a sturdy post at ankle height and stand facing it with one hand "
            "on a wall or rack. Loop the free end around one ankle and step back until the band "
            "is taut with the leg hanging straight."
        ),
        "cues": lines(
            "Stand tall on a softly bent standing knee.",
            "Sweep the straight leg back against the band and squeeze the glute.",
            "Let the leg swing forward and up in a smooth arc.",
            "Keep each swing within a range that feels easy.",
            "Do every swing on one side, then switch.",
        ),
        "mistakes": lines(
            "Letting the band whip the leg forward past a comfortable range.",
            "Leaning back or arching the lower back to swing further.",
            LOOSE_ANCHOR,
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
        "cues": lines(
            "Set your feet a little wider than your hips with soft knees.",
            "Push your hips back and let your hands travel between your thighs.",
            "Keep your arms long: they only hold the band.",
            "Drive your hips through and squeeze your glutes to stand tall.",
            "Keep a steady rhythm through the high reps.",
        ),
        "mistakes": lines(
            "Squatting down instead of pushing the hips back.",
            "Pulling the band with the arms.",
            "Letting the band drag you backward on the way down.",
            LOOSE_ANCHOR,
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
            "A Romanian deadlift with a band pulling the bar forward, away from your legs: "
            "you hinge while keeping the load tight to your thighs and shins."
        ),
        "setup": (
            "Wrap a loop around the middle of the barbell and anchor the other end low to a rack "
            "or post in front of you, so the band tugs the bar away from your legs. Start "
            "standing with the bar at your hips."
        ),
        "cues": lines(
            "Keep the bar against your thighs and shins all the way down.",
            "Push your hips back with a slight bend in the knees.",
            "Keep your back flat and your lats tight.",
            "Lower until the hamstrings stop you, around mid-shin.",
            "Drive your hips forward to stand tall.",
        ),
        "mistakes": lines(
            "Letting the band pull the bar forward, away from your legs.",
            ROUNDED_BACK,
            LOOSE_ANCHOR,
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
        "cues": lines(
            "Press your knees gently out against the band.",
            "Drive down through your heels.",
            "Contract your glutes and hamstrings to start the lift.",
            "Stop when your knees, hips and shoulders line up.",
            "Lower your hips slowly to the floor.",
        ),
        "mistakes": lines(
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
        "cues": lines(
            "Soften your knees and keep them there.",
            "Push your hips back and let the weight slide down your thighs.",
            "Keep your back flat and your chest proud.",
            "Stop when the hamstrings are fully stretched.",
            "Bring your hips forward by tightening the glutes and hamstrings, and stand.",
        ),
        "mistakes": lines(
            ROUNDED_BACK,
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
        "cues": lines(
            "Sit your hips back and down between your heels.",
            "Keep your chest up and your knees in line with your toes.",
            "Stay tight at the bottom instead of bouncing out of it.",
            "Drive up through your whole foot and squeeze at the top.",
        ),
        "mistakes": lines(
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
        "cues": lines(
            "Keep the thigh still in your hands, pointing at the ceiling, for the whole set.",
            "Straighten the knee slowly, up to just before it starts to hurt.",
            PAIN_FREE,
            "Bend the knee back slowly to the start.",
        ),
        "mistakes": lines(
            "Letting the thigh sink toward the floor, which takes the stretch off the hamstring.",
            "Kicking the leg straight quickly instead of moving slowly.",
            INTO_PAIN,
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
        "cues": lines(
            "Tip the upper body forward from the hip of the standing leg, like a slow dive.",
            "Reach the arms forward as the free leg stretches back, keeping the pelvis level.",
            "Keep the standing knee at the same slight bend.",
            PAIN_FREE,
            "Stop before it hurts and come back up to standing under control.",
            "Range first: dive a little deeper as it allows, still slowly.",
            "Speed after: once the full range is pain-free, dive a little faster, bit by bit.",
        ),
        "mistakes": lines(
            "Bending the standing knee more on the way down, which takes the stretch off the "
            "hamstring.",
            "Locking the standing knee straight.",
            "Rounding the back to reach lower instead of hinging at the hip.",
            "Letting the pelvis twist open toward the lifted leg.",
            INTO_PAIN,
            SPEED_TOO_SOON,
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
        "cues": lines(
            "Keep the upper body upright and the front knee at the same slight bend.",
            "Slide the back foot slowly backward, as far as is comfortable.",
            PAIN_FREE,
            "Come back to the start by pulling on the support with your arms, "
            "not with the front leg.",
            "Range first: slide a little further as it gets easier, still slowly.",
            "Speed after: once the full range is pain-free, slide a little faster, bit by bit.",
        ),
        "mistakes": lines(
            "Dragging the body back to the start with the front hamstring instead of the arms.",
            "Leaning the upper body forward instead of staying upright.",
            "Trying it in shoes or on a floor with grip, so the foot sticks and then jerks.",
            INTO_PAIN,
            SPEED_TOO_SOON,
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
