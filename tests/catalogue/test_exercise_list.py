import pytest

from catalogue.models import Exercise

pytestmark = pytest.mark.usefixtures("catalogue")


def slugs(response) -> set[str]:
    return {exercise.slug for exercise in response.context["exercises"]}


def test_it_lists_the_published_exercises(client):
    Exercise.objects.filter(slug="banded-squat").update(is_published=False)
    response = client.get("/exercises/")
    assert response.status_code == 200
    assert slugs(response) == set(
        Exercise.objects.filter(is_published=True).values_list("slug", flat=True)
    )
    assert len(slugs(response)) == 16
    assert "Banded squat" not in response.text


def test_each_row_shows_name_pattern_band_role_and_dose(client):
    response = client.get("/exercises/?q=isometric")
    assert "Banded isometric leg-curl hold" in response.text
    assert "Isometric" in response.text
    assert "Resist" in response.text
    assert "Seconds (hold)" in response.text


def test_it_filters_by_band_role(client):
    response = client.get("/exercises/?band_role=assist")
    assert slugs(response) == {"band-assisted-nordic-curl"}


def test_it_filters_by_pattern(client):
    response = client.get("/exercises/?pattern=hip_hinge")
    assert slugs(response) == set(
        Exercise.objects.filter(pattern="hip_hinge").values_list("slug", flat=True)
    )
    assert "romanian-deadlift" in slugs(response)
    assert "banded-prone-leg-curl" not in slugs(response)


def test_it_filters_by_anchor(client):
    response = client.get("/exercises/?anchor=bar")
    assert slugs(response) == {"band-resisted-romanian-deadlift"}


def test_it_searches_name_and_summary(client):
    Exercise.objects.filter(slug="banded-squat").update(summary="Zygomorphic test word.")
    assert slugs(client.get("/exercises/?q=nordic")) == {
        "band-assisted-nordic-curl",
        "nordic-hamstring-curl",
    }
    assert slugs(client.get("/exercises/?q=zygomorphic")) == {"banded-squat"}


def test_filters_combine(client):
    response = client.get("/exercises/?q=curl&band_role=resist&anchor=floor")
    expected = set(
        Exercise.objects.filter(
            band_role="resist", anchor="floor", name__icontains="curl"
        ).values_list("slug", flat=True)
    )
    assert expected  # the seed has such curls, so the test means something
    assert slugs(response) == expected
    assert "band-assisted-nordic-curl" not in slugs(response)


def test_an_unknown_choice_is_refused_with_a_clear_message(client):
    response = client.get("/exercises/?pattern=cartwheel&band_role=assist")
    assert response.status_code == 200
    assert "Select a valid choice. cartwheel is not one of the available choices." in (
        response.text
    )
    # The valid filter still applies.
    assert slugs(response) == {"band-assisted-nordic-curl"}


def test_htmx_gets_only_the_list_partial(client):
    response = client.get("/exercises/?band_role=assist", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="exercise-list"')
    assert "<html" not in response.text
    assert "Band-assisted Nordic curl" in response.text
    assert response["Vary"].count("HX-Request") == 1


def test_htmx_history_restore_gets_the_whole_page(client):
    response = client.get(
        "/exercises/?band_role=assist",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.text


def test_the_form_works_without_javascript(client):
    response = client.get("/exercises/?band_role=assist")
    assert '<form method="get" action="/exercises/"' in response.text
    assert 'hx-push-url="true"' in response.text


def test_staff_see_drafts(client, staff):
    Exercise.objects.filter(slug="banded-squat").update(is_published=False)
    client.force_login(staff)
    assert "banded-squat" in slugs(client.get("/exercises/"))


@pytest.mark.parametrize("extra", [3, 183])
def test_the_query_count_does_not_grow_with_exercises(
    client, athlete, extra, django_assert_num_queries
):
    for number in range(extra):
        Exercise.objects.create(
            name=f"Drill {number}",
            slug=f"drill-{number}",
            summary="A drill.",
            setup="Anywhere.",
            cues="Move.",
            pattern="mobility",
            band_role="none",
            anchor="none",
        )
    assert Exercise.objects.count() in (20, 200)
    client.force_login(athlete)
    # user, exercises: the same two queries for 20 and for 200 exercises.
    with django_assert_num_queries(2):
        response = client.get("/exercises/")
    assert len(response.context["exercises"]) == Exercise.objects.count()
