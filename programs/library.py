"""The library programs every coach starts from, as plain data (`programs.library_load` writes
them).

Reps are written as coaches say them: `10`, `(8, 10)` for a range, or `[12, 10, 8]` for a
different target on each set; holds give `seconds` instead. Exercises are named by catalogue
slug and bands by their seed name.
"""


def rx(exercise, sets, reps=None, *, seconds=None, band=None, rpe=None, rest=90, **extra):
    """One prescription with exactly one kind of target; extra: per_side, tempo, notes."""
    if isinstance(reps, list):
        target = {"set_reps": reps}
    elif isinstance(reps, tuple):
        target = {"reps_min": reps[0], "reps_max": reps[1]}
    elif reps is not None:
        target = {"reps_min": reps}
    else:
        target = {"seconds": seconds}
    fields = {"band": band, "rpe_target": rpe, "rest_seconds": rest, **extra}
    return {"exercise": exercise, "sets": sets, **target, **fields}


def workout(day, title, *prescriptions, notes=""):
    """One session with its own prescriptions and a note the athlete reads."""
    return {"day": day, "title": title, "prescriptions": prescriptions, "notes": notes}


def week(number, focus, sessions, *prescriptions, deload=False, maintenance=False, gate=None):
    """A week of sessions: each a (day, title) that repeats the week's prescriptions, or a
    `workout(...)` of its own. A maintenance week repeats every week after the others until
    the coach ends it; a week with a gate is a stage of a return-to-play program, repeated until
    the gate (StageGate's fields) holds and the coach signs it off."""
    workouts = [
        session if isinstance(session, dict) else workout(*session, *prescriptions)
        for session in sessions
    ]
    return {
        "number": number,
        "focus": focus,
        "is_deload": deload,
        "is_maintenance": maintenance,
        "gate": gate,
        "workouts": workouts,
    }


def rule(exercise, start_band, **fields):
    """A band rule, earned by default, with the model's defaults (3 sessions, 14 days, RPE 8)."""
    return {"exercise": exercise, "start_band": start_band, "mode": "earned", **fields}


NORDIC = "band-assisted-nordic-curl"
PRONE_CURL = "banded-prone-leg-curl"
BANDED_RDL = "band-resisted-romanian-deadlift"
CURL_HOLD = "banded-isometric-leg-curl-hold"
STRETCH = "supine-active-band-hamstring-stretch"
FLINGS = "banded-leg-flings"
BRIDGE = "glute-bridge-band-above-knees"
PULL_THROUGH = "banded-pull-through"
SINGLE_LEG_CURL = "standing-single-leg-band-curl"
GOOD_MORNING = "banded-good-morning"
BALL_CURL = "stability-ball-hamstring-curl"

LOWER_SLOWLY = "Brake the fall as long as you can, and fight hardest through the last third."
PRIME = "A primer: stop well short of failure and control every return."
AFTER_MAIN_LIFT = "Mid-session, after your main squat or deadlift work."
FINISH = "The finisher: keep the heels high and breathe through the shaking."
EASE_IN = "Press into the band, relax, then ease the leg a little higher."
EASY_SWINGS = "Easy, rhythmic swings; never force the range."
STAND_TALL = "Hinge at the hips and squeeze your glutes to stand tall."
THIGH_STILL = "A warm-up: keep the thigh still and move only the heel."
HIPS_UP = "Keep your hips up while the ball rolls in and out."

# -- Band-assisted Nordic: the Nordic volume of Petersen et al. (2011) --------------------------

ONCE = [(1, "Nordic session")]
TWICE = [(1, "Nordic session A"), (4, "Nordic session B")]
THRICE = [(1, "Nordic session A"), (3, "Nordic session B"), (5, "Nordic session C")]


def nordic(sets, reps, *, rpe=None, rest=120):
    return rx(NORDIC, sets, reps, band="Green", rpe=rpe, rest=rest, notes=LOWER_SLOWLY)


FULL_VOLUME = nordic(3, [12, 10, 8], rpe=8)
# Maintenance: one session a week, Petersen's 3 x 12/10/8 (or 2 x 6, chosen when assigning).
MAINTAIN = "Maintenance: once a week until your coach ends it"
MAINTENANCE_SESSION = [(1, "Nordic maintenance")]

BAND_ASSISTED_NORDIC = {
    "slug": "band-assisted-nordic",
    "title": "Band-assisted Nordic, 10 weeks",
    "summary": (
        "The Nordic curl volume of Petersen et al. (2011), from one session of 2 x 5 up to three "
        "sessions of 12/10/8 a week, with a band under the armpits that thins out as you improve."
    ),
    "goal": (
        "Build eccentric hamstring strength with the Nordic volume of a trial in which fewer "
        "players who did it strained a hamstring (the evidence is promising, and debated), "
        "starting on a green assist band and earning thinner bands until you lower yourself "
        "unassisted. After the 10 weeks, one session a week of 3 x 12/10/8 keeps the gain."
    ),
    "weeks": [
        week(1, "Learn the lean", ONCE, nordic(2, 5, rest=90)),
        week(2, "Two sessions a week", TWICE, nordic(2, 6, rest=90)),
        week(3, "Three sessions, three sets", THRICE, nordic(3, (6, 8), rpe=8)),
        week(4, "Stretch the sets to ten", THRICE, nordic(3, (8, 10), rpe=8)),
        week(5, "Full volume: 12, 10, 8", THRICE, FULL_VOLUME),
        week(6, "Settle into full volume", THRICE, FULL_VOLUME),
        week(7, "Earn a thinner band", THRICE, FULL_VOLUME),
        week(8, "Slow the bottom half", THRICE, FULL_VOLUME),
        week(9, "Keep every rep controlled", THRICE, FULL_VOLUME),
        week(10, "Last full week, then once a week", THRICE, FULL_VOLUME),
        week(11, MAINTAIN, MAINTENANCE_SESSION, FULL_VOLUME, maintenance=True),
    ],
    # Three good sessions and two weeks per band, and no step while the volume still rises
    # (weeks 1-5): green to purple in week 6, black in week 8, red in week 10.
    "band_rules": [
        rule(NORDIC, "Green", sessions_to_advance=3, min_days_on_band=14, hold_until_week=5)
    ],
}

# -- Leg-day primer: prime with curls, hinge against the band, finish with a hold ---------------


def leg_day(number, focus, hold_seconds):
    return week(
        number,
        focus,
        [(1, "Leg day A"), (4, "Leg day B")],
        rx(PRONE_CURL, 2, 25, band="Black", rpe=6, rest=60, tempo="2-0-1", notes=PRIME),
        rx(BANDED_RDL, 3, (8, 10), band="Purple", rpe=8, rest=120, notes=AFTER_MAIN_LIFT),
        rx(CURL_HOLD, 2, seconds=hold_seconds, band="Black", notes=FINISH),
    )


LEG_DAY_PRIMER = {
    "slug": "leg-day-primer",
    "title": "Leg-day primer, 4 weeks",
    "summary": (
        "Wraps your usual leg day: banded curls to prime, a band-resisted Romanian deadlift "
        "mid-session, and an isometric curl hold to finish."
    ),
    "goal": (
        "Get the hamstrings firing before heavy lifts and load them where they are shortest, "
        "growing the closing hold from 30 seconds to a full minute over four weeks."
    ),
    "weeks": [
        leg_day(1, "Prime, hinge, hold 30 s", 30),
        leg_day(2, "Same work, smoother reps", 30),
        leg_day(3, "Hold for 45 s", 45),
        leg_day(4, "Hold for a full minute", 60),
    ],
    # The band on a loaded bar adds up to 39 kg and more: the coach approves each step on.
    "band_rules": [rule(PRONE_CURL, "Black"), rule(BANDED_RDL, "Purple", coach_approves=True)],
}

# -- Desk-worker reset: length and strength back into hamstrings that sit all day ---------------


def desk_week(number, focus, strength_sets, *, deload=False):
    return week(
        number,
        focus,
        [(1, "Desk reset A"), (3, "Desk reset B"), (5, "Desk reset C")],
        rx(STRETCH, 2, seconds=30, band="Red", per_side=True, rest=15, notes=EASE_IN),
        rx(FLINGS, 2, 10, band="Red", per_side=True, rest=30, notes=EASY_SWINGS),
        rx(BRIDGE, strength_sets, (12, 15), band="Mini", rest=60),
        rx(PULL_THROUGH, strength_sets, (15, 20), band="Black", rest=60, notes=STAND_TALL),
        deload=deload,
    )


DESK_WORKER_RESET = {
    "slug": "desk-worker-reset",
    "title": "Desk-worker reset, 4 weeks",
    "summary": (
        "Three short sessions a week of active band stretches, leg flings, banded bridges and "
        "pull-throughs for people who sit for much of the day."
    ),
    "goal": (
        "Build range and strength in the hamstrings with short sessions that fit a working "
        "day. Week 4 drops a set from the strength work so the habit sticks."
    ),
    "weeks": [
        desk_week(1, "Find the stretch", 3),
        desk_week(2, "Move through the full range", 3),
        desk_week(3, "Own the hinge", 3),
        desk_week(4, "Lighter week: keep the habit", 2, deload=True),
    ],
    "band_rules": [rule(PULL_THROUGH, "Black")],
}

# -- Runner's resilience: wake the hamstrings up and build their brakes -------------------------


def run_week(number, focus, nordic_reps):
    return week(
        number,
        focus,
        [(2, "Runner's session A"), (5, "Runner's session B")],
        rx(SINGLE_LEG_CURL, 3, 12, band="Red", per_side=True, rest=45, notes=THIGH_STILL),
        rx(NORDIC, 3, nordic_reps, band="Blue", rpe=8, rest=120, notes=LOWER_SLOWLY),
        rx(GOOD_MORNING, 3, 10, band="Purple", rpe=8, tempo="3-0-1"),
        rx(BALL_CURL, 3, (10, 12), rest=60, notes=HIPS_UP),
    )


RUNNERS_RESILIENCE = {
    "slug": "runners-resilience",
    "title": "Runner's resilience, 6 weeks",
    "summary": (
        "Two sessions a week beside your running: single-leg band curls, assisted Nordics, "
        "banded good mornings and stability-ball curls."
    ),
    "goal": (
        "Build the eccentric strength hamstrings use to brake the leg before each foot strike. "
        "The Nordic starts on a blue assist band."
    ),
    "weeks": [
        run_week(1, "Wake the hamstrings up", 5),
        run_week(2, "Control every lowering", 5),
        run_week(3, "Same work; earn the next band", 5),
        run_week(4, "More Nordic reps", (6, 8)),
        run_week(5, "Hold the new volume", (6, 8)),
        run_week(6, "Finish strong", (6, 8)),
    ],
    "band_rules": [
        rule(SINGLE_LEG_CURL, "Red"),
        rule(NORDIC, "Blue"),
        rule(GOOD_MORNING, "Purple"),
    ],
}

# -- In-season Nordic maintenance: keep what the pre-season built -----------------------------

IN_SEASON_MAINTENANCE = {
    "slug": "in-season-nordic-maintenance",
    "title": "In-season Nordic maintenance",
    "summary": (
        "One Nordic session a week through the season: 3 x 12/10/8, or a low-volume 2 x 6 "
        "chosen when it is assigned."
    ),
    "goal": (
        "Keep the eccentric strength and the longer fascicles a Nordic block built, with one "
        "session a week between matches. In season, 1 set of 4 Nordics did as well as 4 sets "
        "(Lacome 2020); after a high-volume block, a low volume kept the longer fascicles, "
        "while low volume from the start did not (Behan 2022). Petersen's maintenance was "
        "3 x 12/10/8 once a week."
    ),
    "weeks": [week(1, MAINTAIN, MAINTENANCE_SESSION, FULL_VOLUME, maintenance=True)],
    # The band keeps moving in season, one session a week: the coach sets where it starts.
    "band_rules": [rule(NORDIC, "Green", sessions_to_advance=3, min_days_on_band=14)],
}

# -- Return to play after a hamstring strain: Askling's L-protocol in three stages, then running --

EXTENDER = "the-extender"
DIVER = "the-diver"
GLIDER = "the-glider"

# The trials' doses (Askling 2013, 2014), on the injured leg only, so not per side. The Diver
# and the Glider progress range first, then speed (Askling 2013).
RANGE_THEN_SPEED = "Range first, slowly; faster only once the full range is pain-free."
EXTENDER_RX = rx(EXTENDER, 3, 12, rest=60, notes="Injured leg only. Slowly, to just before pain.")
DIVER_RX = rx(DIVER, 3, 6, rest=60, notes=f"Stand on the injured leg. {RANGE_THEN_SPEED}")
GLIDER_RX = rx(
    GLIDER,
    3,
    4,
    rest=60,
    notes=f"Injured leg in front; come back with the arms. {RANGE_THEN_SPEED}",
)
PAIN_FREE = (
    "Take each exercise only as far as it stays pain-free: no pain, or at most a mild "
    "discomfort. Log today's pain honestly: the next stage opens only when it has stayed at "
    "2/10 or less."
)
DIVER_DAYS = (1, 3, 5)
GLIDER_DAYS = (1, 4)
DIVER_DAY = (
    "Diver day: days 1, 3 and 5, every other day, so the weekend gives it two days off "
    "(days 6 and 7)."
)
GLIDER_DAY = (
    "Glider day: days 1 and 4, about every third day (a 7-day week cannot hold every third day "
    "exactly)."
)
# The app's starting point for each stage, for the coach to change: not a figure from the trials.
STAGE_GATE = {"min_sessions": 10, "pain_max": 2}


def stage(number, focus, *, diver=False, glider=False):
    """Seven days of the Extender morning and evening; the Diver and the Glider, once they are
    in, join the morning session on their days."""
    sessions = []
    for day in range(1, 8):
        extras = []
        if diver and day in DIVER_DAYS:
            extras.append(("Diver", DIVER_RX, DIVER_DAY))
        if glider and day in GLIDER_DAYS:
            extras.append(("Glider", GLIDER_RX, GLIDER_DAY))
        names = ["Extender", *(name for name, _, _ in extras)]
        title = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        notes = " ".join([*(note for _, _, note in extras), PAIN_FREE])
        morning = [EXTENDER_RX, *(prescription for _, prescription, _ in extras)]
        sessions += [
            workout(day, f"{title}, morning", *morning, notes=notes),
            workout(day, "Extender, evening", EXTENDER_RX, notes=f"Second time today. {PAIN_FREE}"),
        ]
    return week(number, focus, sessions, gate=STAGE_GATE)


# Back to running: the sources give no running dose and no maintenance dose of the L-protocol,
# so the runs are the physio's or coach's to set; the days are only where the app puts them, for
# the coach to move. Three runs are as many as the pain criterion reads (programs.stages). The
# gate asks for the athlete's report of the Askling H-test with no insecurity, Askling's return
# criterion; a strength-symmetry test is the coach's to add in the builder.
RUN_DAYS = (1, 3, 5)
RUNNING_GATE = {"min_sessions": 3, "pain_max": 2, "requires_h_test": True}
RUN = (
    "Run as your physio or coach sets it: how far, how fast and on which days is theirs to "
    "say. Stop if the hamstring hurts, and log your pain honestly afterwards. When your physio "
    "or coach has taken you through the H-test, answer its question on the stage card on Today."
)


def running_stage(number):
    return week(
        number,
        "Back to running",
        [workout(day, "Run", notes=RUN) for day in RUN_DAYS],
        gate=RUNNING_GATE,
    )


RETURN_TO_PLAY = {
    "slug": "return-to-play-l-protocol",
    "title": "Return to play after a hamstring strain",
    "summary": (
        "Askling's L-protocol in three stages: the Extender, then the Diver, then the Glider; "
        "then back to running, until the H-test feels secure. Each stage repeats week after "
        "week until pain stays at 2/10 or less, enough sessions are done and your coach signs "
        "it off."
    ),
    "goal": (
        "The L-protocol is three lengthening exercises for an injured hamstring, each taken only "
        "as far as it stays pain-free (no pain, or at most a mild discomfort). In Askling's "
        "randomised trials of athletes with an acute hamstring injury seen on MRI, elite "
        "footballers (2013) returned to full training after 28 days on average with it, against "
        "51 with conventional exercises, and elite sprinters and jumpers (2014) after 49 days, "
        "against 86. Here the exercises come in one stage at a time, with the trials' doses: "
        "the Extender 3 x 12 twice a day, the Diver 3 x 6 every other day, the Glider 3 x 4 "
        "about every third day. The Diver and the Glider widen their range first, slowly, and "
        "speed up only once the full range is pain-free. A stage repeats every week until "
        "pain has stayed at 2/10 or less in its last 3 sessions, at least 10 sessions are "
        "done, and your coach signs it off. The 10 sessions are this app's starting point for "
        "your coach to change, not a number from the trials. The last stage is back to "
        "running, as your physio or coach sets it, with Askling's H-test: a fast straight-leg "
        "raise they take you through, and you report whether you felt any insecurity. Your "
        "coach can sign it off once you report no insecurity and your last 3 runs stayed at "
        "2/10 or less. When you return to full training is your coach's call, with your "
        "physio or doctor, not the app's."
    ),
    "weeks": [
        stage(1, "The Extender"),
        stage(2, "Add the Diver", diver=True),
        stage(3, "Add the Glider", diver=True, glider=True),
        running_stage(4),
    ],
    "band_rules": [],  # no bands in the L-protocol
}

LIBRARY = [
    BAND_ASSISTED_NORDIC,
    LEG_DAY_PRIMER,
    DESK_WORKER_RESET,
    RUNNERS_RESILIENCE,
    IN_SEASON_MAINTENANCE,
    RETURN_TO_PLAY,
]
