"""What the seed's texts share: the one-per-line form of cues and mistakes, and the mistakes
several exercises have, written once so they read the same everywhere."""


def lines(*items: str) -> str:
    """Join items into the one-per-line text the cues and mistakes fields store."""
    return "\n".join(items)


# Mistakes shared by several exercises, written once so they read the same everywhere.
SLINGSHOT = "Letting the band snap the leg back: control the return over two or three seconds."
LOOSE_ANCHOR = (
    "Tying the band to something that can shift, such as a coffee table: "
    "use a power rack, a tree or a sofa too heavy to drag."
)
CURLS_ONLY = "Doing curls and never a hinge: the hamstrings also extend the hip."
MINI_TOO_LIGHT = "Using a thin mini band: it is too light to load a hamstring curl."
ROUNDED_BACK = "Rounding the back to reach lower instead of stopping when the hamstrings do."
# Nordics: the work is the braked fall; the way back up is the hands' job, and the heels must
# stay pinned by something that cannot move.
CURLING_BACK_UP = "Curling back up with the hamstrings instead of pushing off with your hands."
HEELS_LOOSE = "Hooking your heels under something that can lift, slide or roll."
# The L-protocol (after a strain): the range is only as far as it stays pain-free.
PAIN_FREE = "Work only as far as it stays pain-free: no pain, or at most a mild discomfort."
INTO_PAIN = "Pushing on into pain to gain range: stop before it hurts."
