"""The assign page's form: whom a program goes to (a team, a group of it, athletes), from
when, and each athlete's starting band for every exercise with a band rule."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Team, athletes_of
from catalogue.models import Band
from programs.models import MaintenanceDose
from programs.start_band_finder import is_band_assisted_nordic
from web.params import PROGRAM_START_DATES


class AssignForm(forms.Form):
    """Whom to assign a program to, from when, and each athlete's starting band for every
    exercise with a band rule (prefilled from the rule)."""

    target = forms.ChoiceField(label="Assign to")
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, coach, program, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.for_coach(coach).prefetch_related(
            "memberships__athlete", "squad_groups__members"
        )
        self.teams = {str(team.pk): team for team in teams}
        self.groups = {str(group.pk): group for team in teams for group in team.squad_groups.all()}
        self.athletes = {str(user.pk): user for user in athletes_of(coach).order_by("first_name")}
        team_choices = [
            (f"team-{pk}", f"{team.name} (whole team)") for pk, team in self.teams.items()
        ]
        group_choices = [(f"group-{pk}", str(group)) for pk, group in self.groups.items()]
        athlete_choices = [(f"athlete-{pk}", str(user)) for pk, user in self.athletes.items()]
        self.fields["target"].choices = [
            ("", "Choose a team or an athlete"),
            ("Teams", team_choices),
            *([("Groups", group_choices)] if group_choices else []),
            ("Athletes", athlete_choices),
        ]
        self.rules = list(program.band_rules.select_related("exercise", "start_band"))
        self.ladder = list(Band.objects.ladder())
        for athlete in self.chosen_athletes():
            for rule in self.rules:
                self.fields[band_field(athlete, rule)] = forms.ModelChoiceField(
                    queryset=Band.objects.ladder(),
                    required=False,
                    empty_label="No band (unassisted)",
                    initial=rule.start_band,
                    label=f"{athlete}: {rule.exercise.name}",
                )
        if any(is_band_assisted_nordic(rule.exercise) for rule in self.rules):
            self.fields["find_start_band"] = forms.BooleanField(
                label="Find the start band in session 1",
                initial=True,
                required=False,
                help_text="Two reps per band, from the thickest band the athlete owns toward "
                "thinner; the starting band below is used until then.",
            )
        if program.weeks.filter(is_maintenance=True).exists():
            self.fields["maintenance"] = forms.ChoiceField(
                label="Maintenance after the last week",
                choices=MaintenanceDose.choices,
                initial=MaintenanceDose.STANDARD,
                required=False,  # left out: the standard dose
                help_text="Repeats every week until you end the program.",
                error_messages={"invalid_choice": "Choose one of the two maintenance doses."},
            )

    def clean_start_date(self):
        day = self.cleaned_data["start_date"]
        if problem := PROGRAM_START_DATES.problem(day, timezone.localdate()):
            raise ValidationError(problem)
        return day

    @property
    def maintenance_field(self):
        return self["maintenance"] if "maintenance" in self.fields else None

    def maintenance_dose(self) -> str:
        return self.cleaned_data.get("maintenance") or MaintenanceDose.STANDARD

    @property
    def find_start_band_field(self):
        return self["find_start_band"] if "find_start_band" in self.fields else None

    def find_start_band(self) -> bool:
        """Ticked; False also for a program with no band-assisted Nordic (nothing to find)."""
        return self.cleaned_data.get("find_start_band", False)

    def chosen(self) -> tuple[str, str]:
        """What was chosen, from the form or the URL: its kind (team, group, athlete) and id."""
        kind, _, pk = (self.data.get("target") or self.initial.get("target") or "").partition("-")
        return kind, pk

    def chosen_athletes(self) -> list:
        kind, pk = self.chosen()
        if kind == "athlete" and pk in self.athletes:
            return [self.athletes[pk]]
        if team := self.chosen_team():
            active = [m for m in team.memberships.all() if m.is_active]
            if kind == "group":  # the active members of its team ticked in it
                ticked = {member.athlete_id for member in self.groups[pk].members.all()}
                active = [m for m in active if m.athlete_id in ticked]
            return [m.athlete for m in active]
        return []

    def chosen_team(self):
        """The squad chosen, or the squad of the group chosen (its plan is then the team's)."""
        kind, pk = self.chosen()
        if kind == "group" and pk in self.groups:
            return self.groups[pk].team
        return self.teams.get(pk) if kind == "team" else None

    def band_fields(self):
        return [self[name] for name in self.fields if name.startswith("band-")]

    def start_bands(self, athlete) -> dict:
        return {
            rule.exercise_id: self.cleaned_data[band_field(athlete, rule)] for rule in self.rules
        }

    def clean_target(self):
        if not self.chosen_athletes():
            if self.chosen()[0] == "group":
                raise ValidationError("That group has no athletes yet: tick them on the team page.")
            raise ValidationError("Choose one of your teams or athletes.")
        return self.cleaned_data["target"]


def band_field(athlete, rule) -> str:
    return f"band-{athlete.pk}-{rule.exercise_id}"
