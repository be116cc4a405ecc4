from django.urls import path

from logbook.views import (
    calendar,
    free_session,
    history,
    messages,
    offline,
    progress,
    sets,
    stages,
    start_band,
    today,
    workout,
)

app_name = "logbook"
urlpatterns = [
    path("sw.js", offline.service_worker, name="service-worker"),  # at the root: scope "/"
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("today/", today.today, name="today"),
    path("calendar/", calendar.calendar, name="calendar"),
    path("calendar/link/", calendar.feed_renew, name="calendar-feed-renew"),
    path("calendar.ics", calendar.calendar_feed, name="calendar-feed"),
    path("history/", history.history, name="history"),
    path("messages/", messages.messages_page, name="messages"),
    path("progress/", progress.progress, name="progress"),
    path("progress/tests/", progress.self_test_add, name="self-test-add"),
    path("logs/<int:pk>/", history.log_detail, name="log-detail"),
    path("workouts/<int:pk>/", workout.workout_page, name="workout"),
    path("workouts/<int:pk>/start/", workout.workout_begin, name="workout-start"),
    path("workouts/<int:pk>/sets/", sets.set_create, name="set-create"),
    path("workouts/<int:pk>/finish/", workout.workout_finish, name="workout-finish"),
    path("workouts/<int:pk>/pain-stop/", workout.pain_stop, name="pain-stop"),
    path("workouts/<int:pk>/check-in/", workout.check_in, name="check-in"),
    path("workouts/<int:pk>/start-band/", start_band.start_band, name="start-band"),
    path("workouts/<int:pk>/skip/", today.skip, name="workout-skip"),
    path("assignments/<int:pk>/h-test/", stages.h_test, name="h-test"),
    path("sets/<int:pk>/undo/", sets.set_undo, name="set-undo"),
    path("sets/<int:pk>/edit/", sets.set_edit, name="set-edit"),
    path("free/", free_session.free_session_start, name="free-session-start"),
    path("free/new/", free_session.free_session_new, name="free-session-new"),
    path("free/<int:pk>/", free_session.free_session, name="free-session"),
    path("free/<int:pk>/finish/", free_session.free_session_finish, name="free-session-finish"),
]
