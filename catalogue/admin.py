from django.contrib import admin
from django.forms import BaseModelFormSet

from catalogue.models import Band, BandMeasurement, Exercise
from catalogue.services import exercise_fixed_fields, exercise_save

FIXED_NOTE = (
    "Slug, pattern and band role are fixed: programs or logged sets use this exercise. To "
    "retire it, untick “Is published”; for another band role, add a new exercise."
)


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "pattern", "band_role", "dose", "is_published"]
    list_filter = ["pattern", "band_role", "dose", "anchor", "is_published"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["progressions"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "is_published"]}),
        ("How to do it", {"fields": ["setup", "cues", "mistakes", "video_url"]}),
        (
            "Classification",
            {"fields": ["pattern", "band_role", "anchor", "dose", "unilateral", "difficulty"]},
        ),
        ("Progressions", {"fields": ["progressions"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return exercise_fixed_fields(obj) if obj is not None else ()

    def get_prepopulated_fields(self, request, obj=None):
        # A read-only slug has no input to fill from the name.
        return {} if obj is not None and exercise_fixed_fields(obj) else self.prepopulated_fields

    def get_fieldsets(self, request, obj=None):
        if obj is None or not exercise_fixed_fields(obj):
            return self.fieldsets
        (name, options), *rest = self.fieldsets
        return [(name, {**options, "description": FIXED_NOTE}), *rest]

    def save_model(self, request, obj, form, change):
        exercise_save(exercise=obj)


class BandRankFormSet(BaseModelFormSet):
    """Ranks edited in the list: refuse a rank another band of the same kind holds, in the
    database or elsewhere in the same submission (the list form has no `kind` field, so the
    model's own constraint check cannot see the clash)."""

    def clean(self):
        super().clean()
        holders = {
            (kind, rank): pk for pk, kind, rank in Band.objects.values_list("pk", "kind", "rank")
        }
        for form in self.forms:
            if "rank" not in form.changed_data or "rank" not in form.cleaned_data:
                continue
            key = (form.instance.kind, form.cleaned_data["rank"])
            if holders.get(key, form.instance.pk) != form.instance.pk:
                form.add_error(
                    "rank", "Another band of this kind has this rank; give one of them a free rank."
                )
            holders[key] = form.instance.pk


@admin.register(Band)
class BandAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "rank",
        "kind",
        "colour",
        "width_mm",
        "tension_min_kg",
        "tension_max_kg",
    ]
    list_editable = ["rank"]
    list_filter = ["kind"]
    ordering = ["kind", "rank"]
    search_fields = ["name", "colour"]
    exclude = ["owners"]

    def get_changelist_formset(self, request, **kwargs):
        return super().get_changelist_formset(request, formset=BandRankFormSet, **kwargs)


@admin.register(BandMeasurement)
class BandMeasurementAdmin(admin.ModelAdmin):
    """To look at: a coach enters and replaces their own on the bands page (through
    `catalogue.services`), where it belongs to them alone."""

    list_display = ["band", "owner", "tension_kg", "length_cm", "measured_on"]
    list_filter = ["band"]
    search_fields = ["owner__username", "owner__last_name"]
    list_select_related = ["band", "owner"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
