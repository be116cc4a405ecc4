import pytest

from catalogue.models import Band, Exercise

pytestmark = pytest.mark.usefixtures("catalogue")


def admin_urls():
    exercise = Exercise.objects.get(slug="banded-squat")
    band = Band.objects.get(name="Red")
    return [
        "/admin/catalogue/exercise/",
        "/admin/catalogue/exercise/add/",
        f"/admin/catalogue/exercise/{exercise.pk}/change/",
        "/admin/catalogue/band/",
        "/admin/catalogue/band/add/",
        f"/admin/catalogue/band/{band.pk}/change/",
    ]


def test_staff_open_every_catalogue_admin_page(client, staff):
    client.force_login(staff)
    for url in admin_urls():
        assert client.get(url).status_code == 200, url


def test_others_are_sent_to_the_admin_login(client, athlete, coach):
    for user in (None, athlete, coach):
        if user:
            client.force_login(user)
        for url in admin_urls():
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/admin/login/")


def test_the_changelist_filters_and_searches(client, staff):
    client.force_login(staff)
    response = client.get("/admin/catalogue/exercise/?band_role__exact=assist")
    assert list(response.context["cl"].queryset.values_list("slug", flat=True)) == [
        "band-assisted-nordic-curl"
    ]
    response = client.get("/admin/catalogue/exercise/?q=nordic")
    assert response.context["cl"].result_count == 2


def exercise_form(**overrides):
    data = {
        "name": "Copy",
        "slug": "banded-squat",
        "summary": "A copy.",
        "is_published": "on",
        "setup": "Somewhere.",
        "cues": "One\nTwo\nThree",
        "mistakes": "",
        "video_url": "",
        "pattern": "squat",
        "band_role": "resist",
        "anchor": "under_feet",
        "dose": "reps",
        "difficulty": "1",
    }
    return {**data, **overrides}


def test_a_duplicate_slug_is_refused_with_a_clear_message(client, staff):
    client.force_login(staff)
    response = client.post("/admin/catalogue/exercise/add/", exercise_form())
    assert response.status_code == 200
    assert "Exercise with this Slug already exists." in response.text
    assert Exercise.objects.filter(slug="banded-squat").count() == 1


def test_an_unknown_choice_is_refused_with_a_clear_message(client, staff):
    client.force_login(staff)
    response = client.post(
        "/admin/catalogue/exercise/add/", exercise_form(slug="new-one", pattern="cartwheel")
    )
    assert response.status_code == 200
    assert "Select a valid choice. cartwheel is not one of the available choices." in response.text
    assert not Exercise.objects.filter(slug="new-one").exists()


def test_a_valid_exercise_is_added_with_progressions(client, staff):
    client.force_login(staff)
    harder = Exercise.objects.get(slug="nordic-hamstring-curl")
    response = client.post(
        "/admin/catalogue/exercise/add/",
        exercise_form(slug="new-one", progressions=[harder.pk]),
    )
    assert response.status_code == 302
    assert list(Exercise.objects.get(slug="new-one").progressions.all()) == [harder]


def test_band_ranks_are_edited_in_the_list_and_duplicates_refused(client, staff):
    client.force_login(staff)
    bands = list(Band.objects.ladder())
    data = {
        "form-TOTAL_FORMS": str(len(bands) + 1),
        "form-INITIAL_FORMS": str(len(bands) + 1),
        "_save": "Save",
    }
    rows = list(Band.objects.order_by("kind", "rank"))
    for index, band in enumerate(rows):
        data[f"form-{index}-id"] = str(band.pk)
        data[f"form-{index}-rank"] = str(band.rank)
    # Move blue to rank 7: accepted.
    blue_index = next(i for i, band in enumerate(rows) if band.name == "Blue")
    data[f"form-{blue_index}-rank"] = "7"
    response = client.post("/admin/catalogue/band/", data)
    assert response.status_code == 302
    assert Band.objects.get(name="Blue").rank == 7
    # Give green the rank of red: refused, nothing saved.
    green_index = next(i for i, band in enumerate(rows) if band.name == "Green")
    data[f"form-{blue_index}-rank"] = "7"
    data[f"form-{green_index}-rank"] = "1"
    response = client.post("/admin/catalogue/band/", data)
    assert response.status_code == 200
    assert Band.objects.get(name="Green").rank == 4
