def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"


def test_it_sends_athletes_to_today(athlete_client):
    response = athlete_client.get("/")
    assert response["Location"] == "/today/"


def test_it_sends_coaches_to_the_dashboard(coach_client):
    response = coach_client.get("/")
    assert response["Location"] == "/coach/"


def test_it_sends_staff_to_admin(client, staff):
    client.force_login(staff)
    response = client.get("/")
    assert response["Location"] == "/admin/"
