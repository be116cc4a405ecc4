from django.urls import path

from catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("exercises/", views.exercise_list, name="exercise-list"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise-detail"),
    path("bands/", views.band_ladder, name="band-ladder"),
    path("bands/mine/", views.my_bands, name="my-bands"),
    path("bands/<int:pk>/measurement/", views.band_measure, name="band-measure"),
    path(
        "bands/<int:pk>/measurement/remove/",
        views.band_measurement_remove,
        name="band-measurement-remove",
    ),
]
