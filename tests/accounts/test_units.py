"""Body mass in a person's units (accounts/units.py): pure, no database."""

import ast
from decimal import Decimal
from pathlib import Path

from accounts import units


def test_a_mass_reads_in_kg_or_lb_to_a_tenth():
    assert units.mass_from_kg(Decimal("80.5"), "kg") == Decimal("80.5")
    assert units.mass_from_kg(Decimal("80.5"), "lb") == Decimal("177.5")
    assert units.mass_to_kg(Decimal("150"), "lb") == Decimal("68.0")
    assert units.mass_to_kg(Decimal("72.25"), "kg") == Decimal("72.3")


def test_the_accepted_body_masses_are_whole_units_inside_20_to_300_kg():
    assert units.body_mass_limits("kg") == (Decimal(20), Decimal(300))
    assert units.body_mass_limits("lb") == (Decimal(45), Decimal(661))


def test_it_needs_no_django():
    tree = ast.parse(Path(units.__file__).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("django") for name in imported)
