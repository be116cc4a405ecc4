"""A squad as the squad grid and exports tests build one: a four-week block (Nordics on
Mondays, bridges on Thursdays) assigned to every athlete of a team at once from Monday 16
November 2026, and the athletes' rows of the grid as a person reads them."""

from datetime import date
from html.parser import HTMLParser

from accounts.models import Membership
from catalogue.models import Band, Exercise
from programs import actions, services
from programs.models import Assignment, MaintenanceDose, Prescription, Program, Workout
from tests.conftest import make_user

START = date(2026, 11, 16)


def squad_block(coach) -> Program:
    """Four weeks: Nordics (eccentric, the band tracked from green) on day 1, glute bridges on
    day 4."""
    program = services.program_create(owner=coach, title="Squad block")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    bridge = Exercise.objects.get(slug="glute-bridge-band-above-knees")
    green = Band.objects.get(name="Green")
    for _ in range(4):
        week = services.week_add(program=program)
        nordics = Workout.objects.create(week=week, day=1, title="Nordics")
        Prescription.objects.create(
            workout=nordics, exercise=nordic, order=1, sets=3, reps_min=8, band=green
        )
        bridges = Workout.objects.create(week=week, day=4, title="Bridges")
        Prescription.objects.create(workout=bridges, exercise=bridge, order=1, sets=3, reps_min=12)
    services.band_rule_set(program=program, exercise=nordic, start_band=green)
    return program


def squad_assign(team, coach, template, names: list[str]) -> list[Assignment]:
    """New athletes `names` join `team`, and the block is assigned to them all at once."""
    athletes = []
    for name in names:
        athlete = make_user(name.lower(), first_name=name)
        Membership.objects.create(team=team, athlete=athlete)
        athletes.append(athlete)
    return actions.program_assign_many(
        coach=coach,
        template=template,
        athletes=athletes,
        start_date=START,
        start_bands={},
        maintenance=MaintenanceDose.STANDARD,
        find_start_band=False,
    )


def workout(assignment, title: str, week: int = 1) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=week, title=title)


class GridReader(HTMLParser):
    """The squad grid's table as read: the day headers, and per athlete row its name and each
    cell's text (markup gone, spaces collapsed) and links."""

    def __init__(self):
        super().__init__()
        self.in_grid = False
        self.headers: list[str] = []
        self.rows: dict[str, list[tuple[str, list[str]]]] = {}
        self.text: list[str] | None = None
        self.links: list[str] = []
        self.kind = ""
        self.row: list = []
        self.name = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and "squad-grid" in (attributes.get("class") or ""):
            self.in_grid = True
        if not self.in_grid:
            return
        if tag == "tr":
            self.row, self.name = [], ""
        elif tag in ("th", "td"):
            self.text, self.links, self.kind = [], [], f"{tag}:{attributes.get('scope', '')}"
        elif tag == "a" and self.text is not None:
            self.links.append(attributes["href"])

    def handle_data(self, data):
        if self.in_grid and self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if not self.in_grid:
            return
        if tag == "table":
            self.in_grid = False
        elif tag in ("th", "td") and self.text is not None:
            text = " ".join("".join(self.text).split())
            if self.kind == "th:col":
                self.headers.append(text)
            elif self.kind == "th:row":
                self.name = text
            elif tag == "td" and self.name:
                self.row.append((text, self.links))
            self.text = None
        elif tag == "tr" and self.name:
            self.rows[self.name] = self.row


def grid_of(html: str) -> GridReader:
    reader = GridReader()
    reader.feed(html)
    return reader


def cells_of(html: str, name: str) -> list[str]:
    """The text of each day's cell in `name`'s row."""
    return [text for text, _ in grid_of(html).rows[name]]
