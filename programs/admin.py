from django.contrib import admin

from programs.models import (
    Assignment,
    BandChange,
    BandRule,
    BandTrack,
    Prescription,
    Program,
    ProgramWeek,
    Workout,
)


class ProgramWeekInline(admin.TabularInline):
    model = ProgramWeek
    extra = 0
    show_change_link = True


class BandRuleInline(admin.TabularInline):
    model = BandRule
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "is_template", "source", "updated_at"]
    list_filter = ["is_template", ("owner", admin.EmptyFieldListFilter)]
    search_fields = ["title", "summary", "owner__username"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["owner", "source"]
    inlines = [ProgramWeekInline, BandRuleInline]


class WorkoutInline(admin.TabularInline):
    model = Workout
    extra = 0
    show_change_link = True


@admin.register(ProgramWeek)
class ProgramWeekAdmin(admin.ModelAdmin):
    list_display = ["__str__", "program", "focus", "is_deload"]
    list_select_related = ["program"]
    search_fields = ["program__title", "focus"]
    raw_id_fields = ["program"]
    inlines = [WorkoutInline]


class PrescriptionInline(admin.TabularInline):
    model = Prescription
    extra = 0
    fields = [
        "order", "exercise", "sets", "reps_min", "reps_max", "set_reps", "seconds", "per_side",
        "tempo", "rest_seconds", "rpe_target", "band", "notes",
    ]  # fmt: skip


@admin.register(Workout)
class WorkoutAdmin(admin.ModelAdmin):
    list_display = ["title", "week", "day"]
    list_select_related = ["week__program"]
    search_fields = ["title", "week__program__title"]
    raw_id_fields = ["week"]
    inlines = [PrescriptionInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["program", "athlete", "start_date", "status"]
    list_filter = ["status"]
    search_fields = ["athlete__username", "program__title"]
    raw_id_fields = ["athlete", "program", "template", "assigned_by"]


class BandChangeInline(admin.TabularInline):
    model = BandChange
    extra = 0
    readonly_fields = ["at"]


@admin.register(BandTrack)
class BandTrackAdmin(admin.ModelAdmin):
    list_display = ["assignment", "exercise", "band", "updated_at"]
    raw_id_fields = ["assignment"]
    inlines = [BandChangeInline]
