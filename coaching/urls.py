from django.urls import path

from coaching.views import (
    athlete,
    board,
    calendar,
    exports,
    fixtures,
    flags,
    messages,
    pauses,
    plan,
    start_band,
    strength,
)

app_name = "coaching"
urlpatterns = [
    path("coach/", board.board, name="board"),
    path("coach/board/athletes/<int:pk>/", board.board_row, name="board-row"),
    path("coach/board/tracks/<int:pk>/band/", board.row_band_set, name="board-band-set"),
    path(
        "coach/board/suggestions/<int:pk>/<str:decision>/",
        board.row_suggestion_decide,
        name="board-suggestion-decide",
    ),
    path("coach/messages/", messages.inbox, name="messages"),
    path("coach/messages/announce/", messages.announce, name="announce"),
    path("coach/athletes/<int:pk>/messages/", messages.thread, name="thread"),
    path("coach/athletes/<int:pk>/", athlete.athlete_detail, name="athlete"),
    path("coach/athletes/<int:pk>/pain-pause/clear/", pauses.pause_clear, name="pain-pause-clear"),
    path("coach/athletes/<int:pk>/flags/", flags.athlete_flags, name="athlete-flags"),
    path(
        "coach/flags/<int:pk>/acknowledge/",
        flags.flag_acknowledge_view,
        name="flag-acknowledge",
    ),
    path("coach/athletes/<int:pk>/export.csv", exports.athlete_export, name="athlete-export"),
    path(
        "coach/assignments/<int:pk>/stage/sign-off/",
        athlete.stage_sign_off,
        name="stage-sign-off",
    ),
    path("coach/assignments/<int:pk>/start/", athlete.assignment_start, name="assignment-start"),
    path("coach/assignments/<int:pk>/plan/", plan.plan, name="plan"),
    path("coach/assignments/<int:pk>/plan/restore/", plan.plan_restore, name="plan-restore"),
    path("coach/assignments/<int:pk>/plan/<slug:change>/", plan.plan_change, name="plan-change"),
    path(
        "coach/assignments/<int:pk>/<str:action>/",
        athlete.assignment_action,
        name="assignment-action",
    ),
    path("coach/tracks/<int:pk>/band/", athlete.track_band_set, name="track-band-set"),
    path(
        "coach/tracks/<int:pk>/start-band/",
        start_band.start_band_switch,
        name="track-start-band",
    ),
    path("coach/teams/<int:pk>/calendar/", calendar.team_calendar, name="team-calendar"),
    path("coach/teams/<int:pk>/export.csv", exports.squad_sets_export, name="team-export"),
    path(
        "coach/teams/<int:pk>/strength-tests.csv",
        exports.squad_tests_export,
        name="team-tests-export",
    ),
    path("coach/teams/<int:pk>/fixtures/", fixtures.fixtures, name="fixtures"),
    path("coach/teams/<int:pk>/fixtures/add/", fixtures.fixture_add_view, name="fixture-add"),
    path("coach/teams/<int:pk>/fixtures/paste/", fixtures.fixtures_paste, name="fixtures-paste"),
    path("coach/fixtures/<int:pk>/edit/", fixtures.fixture_edit, name="fixture-edit"),
    path("coach/fixtures/<int:pk>/delete/", fixtures.fixture_delete_view, name="fixture-delete"),
    path("coach/teams/<int:pk>/strength-tests/", strength.squad_tests, name="squad-tests"),
    path(
        "coach/athletes/<int:pk>/strength-tests/",
        strength.athlete_test_add,
        name="athlete-test-add",
    ),
    path(
        "coach/athletes/<int:pk>/strength-tests.csv",
        exports.athlete_tests_export,
        name="athlete-tests-export",
    ),
    path("coach/logs/<int:pk>/comments/", athlete.comment_add, name="comment-add"),
    path(
        "coach/suggestions/<int:pk>/<str:decision>/",
        athlete.suggestion_decide,
        name="suggestion-decide",
    ),
    path(
        "coach/athletes/<int:pk>/pain-stops/clear/",
        athlete.pain_stops_clear,
        name="pain-stops-clear",
    ),
]
