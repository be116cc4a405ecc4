"""The corrected library texts reach a database seeded before them (migration 0014): the earlier
wording, word for word, becomes the corrected one; an admin's own edit stays."""

import importlib

from django.apps import apps

from programs.models import Program

corrected = importlib.import_module("programs.migrations.0014_library_texts_corrected")


def library_program(slug: str, **texts) -> Program:
    return Program.objects.create(title=slug, slug=slug, is_template=True, owner=None, **texts)


def test_the_earlier_wording_is_corrected_and_an_admins_edit_kept(no_library):
    earlier_summary, summary = corrected.CORRECTED["desk-worker-reset"]["summary"]
    earlier_goal, goal = corrected.CORRECTED["desk-worker-reset"]["goal"]
    desk = library_program("desk-worker-reset", summary=earlier_summary, goal=earlier_goal)
    earlier_run, _ = corrected.CORRECTED["runners-resilience"]["goal"]
    edited = library_program("runners-resilience", goal=f"{earlier_run} Our club's note.")
    corrected.correct(apps, None)
    desk.refresh_from_db()
    edited.refresh_from_db()
    assert (desk.summary, desk.goal) == (summary, goal)
    assert "long hours in a chair" not in desk.goal and "for fewer strains" in edited.goal
    corrected.restore(apps, None)
    desk.refresh_from_db()
    assert desk.goal == earlier_goal


def test_the_corrected_wording_is_the_librarys_own():
    from programs import library

    programs = [library.DESK_WORKER_RESET, library.RUNNERS_RESILIENCE]
    programs.append(library.IN_SEASON_MAINTENANCE)
    by_slug = {program["slug"]: program for program in programs}
    for slug, fields in corrected.CORRECTED.items():
        for field, (_, wording) in fields.items():
            assert by_slug[slug][field] == wording, (slug, field)
    maintenance = corrected.CORRECTED["in-season-nordic-maintenance"]["goal"][1]
    assert "Lacome 2020" in maintenance and "Behan 2022" in maintenance
