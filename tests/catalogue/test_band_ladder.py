import pytest

pytestmark = pytest.mark.usefixtures("catalogue")


def test_it_lists_the_ladder_thinnest_first(client):
    response = client.get("/bands/")
    assert response.status_code == 200
    names = [row["band"].name for row in response.context["ladder"]]
    assert names == ["Red", "Black", "Purple", "Green", "Blue"]
    assert [row["band"].name for row in response.context["others"]] == ["Mini"]
    assert 'fill="#c62828"' in response.text  # colour swatch
    assert "13 mm" in response.text


def test_anonymous_visitors_read_kilograms(client):
    response = client.get("/bands/")
    assert "5-16 kg" in response.text
    assert "29-79 kg" in response.text


def test_units_switch_the_tension_display(client, athlete):
    athlete.units = "lb"
    athlete.save()
    client.force_login(athlete)
    response = client.get("/bands/")
    assert "11-35 lb" in response.text  # red: 5-16 kg
    assert "64-174 lb" in response.text  # blue: 29-79 kg
    assert "5-16 kg" not in response.text


def test_it_marks_the_bands_the_athlete_owns(client, athlete):
    from catalogue.models import Band

    athlete.owned_bands.set([Band.objects.get(name="Purple")])
    client.force_login(athlete)
    response = client.get("/bands/")
    owned = [row["band"].name for row in response.context["ladder"] if row["owned"]]
    assert owned == ["Purple"]
