"""The band ladder chart: pure SVG markup from plain data, no database."""

import re
from datetime import UTC, date, datetime
from xml.etree import ElementTree

from logbook.charts import chart_summary, ladder_chart

LADDER = [
    ("Red", "#c62828"),
    ("Black", "#263238"),
    ("Purple", "#6a1b9a"),
    ("Green", "#2e7d32"),
    ("Blue", "#1565c0"),
]
SVG = "{http://www.w3.org/2000/svg}"
START, END = date(2026, 10, 1), date(2026, 11, 1)


def nordic_chart(changes, **options) -> str:
    fields = {
        "title": "Band-assisted Nordic curl",
        "ladder": LADDER,
        "changes": changes,
        "start": START,
        "end": END,
        "role": "assist",
        **options,
    }
    return ladder_chart(**fields)


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # also proves the markup is well-formed XML


def labels(svg: str) -> list[str]:
    return [
        text.text for text in parse(svg).iter(f"{SVG}text") if "band-label" in text.get("class")
    ]


GREEN_TO_UNASSISTED = [
    (date(2026, 10, 1), "Green"),
    (datetime(2026, 10, 8, 18, 0, tzinfo=UTC), "Purple"),
    (date(2026, 10, 17), None),
]


def test_it_draws_one_grid_line_per_band_and_unassisted_on_top_for_assist():
    svg = nordic_chart(GREEN_TO_UNASSISTED)
    assert len(parse(svg).findall(f"{SVG}line")) == len(LADDER) + 1
    assert labels(svg) == ["Unassisted", "Red", "Black", "Purple", "Green", "Blue"]


def test_a_resisted_exercise_has_no_unassisted_row_and_the_thickest_band_on_top():
    svg = nordic_chart([(START, "Black")], role="resist", title="Banded good morning")
    assert len(parse(svg).findall(f"{SVG}line")) == len(LADDER)
    assert labels(svg) == ["Blue", "Green", "Purple", "Black", "Red"]
    assert "Unassisted" not in svg


def test_a_resisted_exercise_taken_off_its_band_gets_a_no_band_row_at_the_bottom():
    svg = nordic_chart([(START, "Black"), (date(2026, 10, 5), None)], role="resist")
    assert labels(svg)[-1] == "No band"
    assert "Unassisted" not in svg


def test_the_step_path_has_a_point_per_change_coloured_with_its_band():
    svg = parse(nordic_chart(GREEN_TO_UNASSISTED))
    path = svg.find(f"{SVG}path").get("d")
    # Moves to the first change, then one horizontal + vertical step per later change, then on
    # to today.
    assert re.fullmatch(r"M[\d.]+,[\d.]+(H[\d.]+V[\d.]+){2}H[\d.]+", path)
    points = svg.findall(f"{SVG}circle")
    assert len(points) == 3
    assert [point.get("fill") for point in points] == ["#2e7d32", "#6a1b9a", "#ffffff"]


def test_the_line_steps_up_the_ladder_and_runs_to_today():
    svg = parse(nordic_chart(GREEN_TO_UNASSISTED))
    ys = [float(point.get("cy")) for point in svg.findall(f"{SVG}circle")]
    xs = [float(point.get("cx")) for point in svg.findall(f"{SVG}circle")]
    assert ys[0] > ys[1] > ys[2]  # green, then purple, then unassisted: higher each time
    assert xs[0] < xs[1] < xs[2]
    assert svg.find(f"{SVG}path").get("d").endswith("H330.0")  # the right edge: today


def test_changes_outside_the_dates_are_kept_on_the_chart():
    svg = parse(nordic_chart([(date(2026, 9, 20), "Green"), (date(2026, 12, 24), "Purple")]))
    xs = [float(point.get("cx")) for point in svg.findall(f"{SVG}circle")]
    assert xs == [80.0, 330.0]


def test_a_program_starting_in_the_future_still_draws():
    svg = parse(nordic_chart([(START, "Green")], start=date(2026, 12, 1), end=date(2026, 11, 1)))
    assert len(svg.findall(f"{SVG}circle")) == 1


def test_a_band_outside_the_ladder_is_left_out_of_the_line():
    svg = parse(nordic_chart([(START, "Green"), (date(2026, 10, 3), "Mini")]))
    assert len(svg.findall(f"{SVG}circle")) == 1


def test_it_is_an_image_labelled_with_a_summary():
    svg = parse(nordic_chart(GREEN_TO_UNASSISTED))
    summary = "Band-assisted Nordic curl: green to unassisted since 17 Oct"
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == summary
    assert svg.find(f"{SVG}title").text == summary


def test_the_summary_of_one_band_and_of_none():
    changes = [(date(2026, 10, 3), "Green")]
    assert chart_summary(title="Curl", changes=changes, role="assist") == "Curl: green since 3 Oct"
    assert chart_summary(title="Curl", changes=[], role="assist") == "Curl: no band recorded yet"
    assert (
        chart_summary(title="Curl", changes=[(START, "Red"), (END, None)], role="resist")
        == "Curl: red to no band since 1 Nov"
    )


def test_it_escapes_every_text():
    svg = ladder_chart(
        title='<script>alert("x")</script> & co',
        ladder=[('Red"><script>', "#c62828"), ("Black", 'x" onload="alert(1)')],
        changes=[(START, 'Red"><script>'), (END, "Black")],
        start=START,
        end=END,
        role="assist",
    )
    assert "<script>" not in svg
    assert 'onload="' not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text.startswith('<script>alert("x")</script> & co')
    assert 'Red"><script>' in labels(svg)
    assert root.findall(f"{SVG}circle")[1].get("fill") == "#5b6572"  # a bad colour code


def test_it_has_no_style_attributes_for_the_csp():
    svg = nordic_chart(GREEN_TO_UNASSISTED)
    assert "style" not in svg
