from django.urls import path

from logbook import views

app_name = "logbook"
urlpatterns = [
    path("today/", views.today, name="today"),
    path("coach/", views.coach_dashboard, name="coach-dashboard"),
]
