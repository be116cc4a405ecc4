from django.urls import path

from programs.views import assign, builder, library, sharing

app_name = "programs"
urlpatterns = [
    path("", library.program_list, name="list"),
    path("new/", library.program_create, name="create"),
    path("import/", sharing.program_import, name="import"),
    path("using/<slug:slug>/", library.programs_using, name="using"),
    path("<int:pk>/", library.program_detail, name="detail"),
    path("<int:pk>/copy/", library.program_copy, name="copy"),
    path("<int:pk>/export.json", sharing.program_export, name="export"),
    path("<int:pk>/assign/", assign.program_assign, name="assign"),
    path("<int:pk>/edit/", builder.builder, name="builder"),
    path("<int:pk>/details/", builder.details_edit, name="details-edit"),
    path("<int:pk>/weeks/add/", builder.week_add, name="week-add"),
    path("<int:pk>/weeks/<int:week_pk>/", builder.week_edit, name="week-edit"),
    path("<int:pk>/weeks/<int:week_pk>/card/", builder.week_card, name="week-card"),
    path("<int:pk>/weeks/<int:week_pk>/delete/", builder.week_delete, name="week-delete"),
    path("<int:pk>/weeks/<int:week_pk>/move/", builder.week_move, name="week-move"),
    path("<int:pk>/weeks/<int:week_pk>/duplicate/", builder.week_duplicate, name="week-duplicate"),
    path("<int:pk>/weeks/<int:week_pk>/workouts/add/", builder.workout_add, name="workout-add"),
    path("<int:pk>/workouts/<int:workout_pk>/", builder.workout_edit, name="workout-edit"),
    path(
        "<int:pk>/workouts/<int:workout_pk>/delete/",
        builder.workout_delete,
        name="workout-delete",
    ),
    path(
        "<int:pk>/workouts/<int:workout_pk>/prescriptions/add/",
        builder.prescription_add,
        name="prescription-add",
    ),
    path(
        "<int:pk>/prescriptions/<int:prescription_pk>/",
        builder.prescription_edit,
        name="prescription-edit",
    ),
    path(
        "<int:pk>/prescriptions/<int:prescription_pk>/delete/",
        builder.prescription_delete,
        name="prescription-delete",
    ),
    path(
        "<int:pk>/prescriptions/<int:prescription_pk>/move/",
        builder.prescription_move,
        name="prescription-move",
    ),
    path("<int:pk>/rules/", builder.rule_edit, name="rule-edit"),
    path("<int:pk>/rules/<int:rule_pk>/delete/", builder.rule_delete, name="rule-delete"),
]
