from django.contrib import admin
from django.utils import timezone

from programs import assignments
from programs.models import (
    Assignment,
    AssignmentStatus,
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

    def get_deleted_objects(self, objs, request):
        # An athlete's copy is kept by its assignment (PROTECT): say so, rather than that staff
        # lack the permission to delete assignments (which nobody has).
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set() if protected else perms_needed, protected


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
        "order",
        "exercise",
        "sets",
        "reps_min",
        "reps_max",
        "set_reps",
        "seconds",
        "per_side",
        "tempo",
        "rest_seconds",
        "rpe_target",
        "band",
        "notes",
    ]


@admin.register(Workout)
class WorkoutAdmin(admin.ModelAdmin):
    list_display = ["title", "week", "day"]
    list_select_related = ["week__program"]
    search_fields = ["title", "week__program__title"]
    raw_id_fields = ["week"]
    inlines = [PrescriptionInline]


# Status and the dates it moves change only through the services, as on the coach's page:
# a pause records its date, a resume moves the remaining workouts on.


@admin.action(description="Pause the selected assignments")
def pause_assignments(modeladmin, request, queryset):
    for assignment in queryset:
        assignments.assignment_pause(assignment=assignment, today=timezone.localdate())


@admin.action(description="Resume the selected assignments")
def resume_assignments(modeladmin, request, queryset):
    for assignment in queryset:
        assignments.assignment_resume(assignment=assignment, today=timezone.localdate())


@admin.action(description="End the selected assignments (done)")
def end_assignments(modeladmin, request, queryset):
    for assignment in queryset:
        assignments.assignment_end(assignment=assignment)


@admin.action(description="Cancel the selected assignments")
def cancel_assignments(modeladmin, request, queryset):
    for assignment in queryset:
        assignments.assignment_end(assignment=assignment, status=AssignmentStatus.CANCELLED)


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["program", "athlete", "start_date", "status", "paused_on"]
    list_filter = ["status"]
    search_fields = ["athlete__username", "program__title"]
    raw_id_fields = ["athlete", "program", "template", "assigned_by"]
    # The athlete's own plan is the coach's to change, on the plan page, where its forms check
    # every id and number (`programs.overrides`).
    readonly_fields = [
        "status",
        "paused_on",
        "start_date",
        "prescription_overrides",
        "workout_moves",
    ]
    actions = [pause_assignments, resume_assignments, end_assignments, cancel_assignments]

    def has_add_permission(self, request) -> bool:
        return False  # assigning copies the template: coaches assign from the program page

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # an assignment is ended or cancelled; its logs are the athlete's history


class BandChangeInline(admin.TabularInline):
    model = BandChange
    extra = 0
    fields = ["at", "from_band", "to_band", "action", "reason", "decided_by", "by"]
    readonly_fields = fields  # the record of band moves is history

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BandTrack)
class BandTrackAdmin(admin.ModelAdmin):
    list_display = ["assignment", "exercise", "band", "updated_at"]
    list_select_related = ["assignment__program", "exercise", "band"]
    raw_id_fields = ["assignment"]
    # A band moves with a reason the athlete reads: coaches set it on the athlete's page.
    readonly_fields = ["assignment", "exercise", "band"]
    inlines = [BandChangeInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the track and its changes are the athlete's history of bands
