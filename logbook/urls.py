from django.urls import path

from logbook.views import (
    athlete_pages,
    coach_athlete,
    dashboard,
    free_session,
    progress,
    workout,
)

app_name = "logbook"
urlpatterns = [
    path("today/", athlete_pages.today, name="today"),
    path("history/", athlete_pages.history, name="history"),
    path("progress/", progress.progress, name="progress"),
    path("logs/<int:pk>/", athlete_pages.log_detail, name="log-detail"),
    path("workouts/<int:pk>/", workout.workout_page, name="workout"),
    path("workouts/<int:pk>/sets/", workout.set_create, name="set-create"),
    path("workouts/<int:pk>/finish/", workout.workout_finish, name="workout-finish"),
    path("sets/<int:pk>/undo/", workout.set_undo, name="set-undo"),
    path("sets/<int:pk>/edit/", workout.set_edit, name="set-edit"),
    path("free/", athlete_pages.free_session_start, name="free-session-start"),
    path("free/<int:pk>/", free_session.free_session, name="free-session"),
    path("free/<int:pk>/finish/", free_session.free_session_finish, name="free-session-finish"),
    path("coach/", dashboard.coach_dashboard, name="coach-dashboard"),
    path("coach/athletes/<int:pk>/", coach_athlete.athlete_detail, name="coach-athlete"),
    path(
        "coach/athletes/<int:pk>/export.csv",
        coach_athlete.athlete_export,
        name="coach-athlete-export",
    ),
    path(
        "coach/assignments/<int:pk>/<str:action>/",
        coach_athlete.assignment_action,
        name="assignment-action",
    ),
    path("coach/tracks/<int:pk>/band/", coach_athlete.track_band_set, name="track-band-set"),
    path("coach/logs/<int:pk>/comments/", coach_athlete.comment_add, name="comment-add"),
]
