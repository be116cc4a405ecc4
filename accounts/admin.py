from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from accounts import coach_invites, services
from accounts.clubs import Club, Staff, TeamStaff
from accounts.erasure import ErasureRefused, erasure_request
from accounts.models import Erasure, Membership, SquadGroup, SquadGroupMember, Team, User


class CoachInviteForm(forms.Form):
    email = forms.EmailField(label="The coach's email", max_length=254)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """People are deactivated, never deleted (their history stays): no delete here, and
    "Active" and a club seat change through the actions' services. A person's club and role
    show at the top, where staff look when they make a club's coach."""

    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "club_role",
        "is_active",
        "is_staff",
    ]
    list_filter = ["staff__role", "staff__is_active", "is_active", "is_staff"]
    list_select_related = ["staff__club"]
    readonly_fields = ["club_role"]
    actions = ["make_coach", "remove_coach", "deactivate", "reactivate", "erase"]
    fieldsets = [
        (
            None,
            {
                "fields": ["username", "password", "club_role", "is_active"],
                "description": "The club seat and Active change from the list of users, by "
                "its actions: Make coach (a club of their own), Remove coach, Deactivate, "
                "Reactivate; a club's head manages its staff on the club page. A deactivated "
                "person cannot sign in, and everything they did stays.",
            },
        ),
        ("Personal info", {"fields": ["first_name", "last_name", "email"]}),
        ("Training", {"fields": ["units", "timezone", "body_mass_kg", "height_cm"]}),
        ("Mail", {"fields": ["mail_messages", "mail_flag_digest", "mail_training_reminder"]}),
        ("Staff", {"fields": ["is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Important dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        """Set on a new account; afterwards only through the actions, which check their rules."""
        return ["club_role", "is_active"] if obj else ["club_role"]

    @admin.display(description="Club role")
    def club_role(self, user: User) -> str:
        seat = getattr(user, "staff", None)
        if seat is None:
            return "-"
        state = "" if seat.is_active else " (left)"
        return f"{seat.get_role_display()}, {seat.club}{state}"

    def act(self, request, queryset, action, done: str) -> None:
        """Call the action's service on each person; a refusal is shown with its reason and
        leaves the others to go through."""
        for user in queryset.order_by("username"):
            try:
                action(user)
            except services.RoleRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                self.message_user(request, done.format(user=user), messages.SUCCESS)

    def get_urls(self):
        invite = self.admin_site.admin_view(self.invite_coach)
        return [
            path("invite-coach/", invite, name="accounts_user_invite_coach"),
            *super().get_urls(),  # last: its "<id>/" would take "invite-coach/"
        ]

    def invite_coach(self, request):
        """Staff invite a club's coach by address (linked from the list of users)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CoachInviteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            try:
                coach_invites.coach_invite_send(
                    email=email, invited_by=request.user, base_url=request.build_absolute_uri("/")
                )
            except coach_invites.CoachInviteRefused as refusal:
                form.add_error("email", str(refusal))
            else:
                self.message_user(request, f"Invite sent to {email}: the link works for a week.")
                return redirect("admin:accounts_user_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": "Invite a coach",
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/accounts/user/invite_coach.html", context)

    @admin.action(description="Make coach")
    def make_coach(self, request, queryset) -> None:
        self.act(
            request,
            queryset,
            lambda user: services.coach_grant(user=user),
            "{user} is now a coach.",
        )

    @admin.action(description="Remove coach")
    def remove_coach(self, request, queryset) -> None:
        self.act(
            request,
            queryset,
            lambda user: services.coach_revoke(user=user),
            "{user} is no longer a coach.",
        )

    @admin.action(description="Deactivate (cannot sign in; history stays)")
    def deactivate(self, request, queryset) -> None:
        self.act(
            request,
            queryset,
            lambda user: services.user_deactivate(user=user, by=request.user),
            "{user} is deactivated: they can no longer sign in; their history stays.",
        )

    @admin.action(description="Reactivate")
    def reactivate(self, request, queryset) -> None:
        self.act(
            request,
            queryset,
            lambda user: services.user_reactivate(user=user),
            "{user} can sign in again.",
        )

    @admin.action(description="Erase (after the grace period)")
    def erase(self, request, queryset) -> None:
        """The path a person's own request takes (`accounts.erasure`): the account closes now
        and the daily job erases it once the grace period has passed."""
        for user in queryset.order_by("username"):
            if user.pk == request.user.pk:
                self.message_user(request, "You cannot erase yourself here.", messages.ERROR)
                continue
            try:
                erasure = erasure_request(user=user, by=request.user)
            except ErasureRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
                continue
            when = timezone.localtime(erasure.erase_after)
            self.message_user(
                request,
                f"{user} is closed now; their data is erased on {when:%-d %b %Y}.",
                messages.SUCCESS,
            )


class StaffInline(admin.TabularInline):
    """Staff leave by going inactive; a seat is never deleted (what they did stays theirs)."""

    model = Staff
    extra = 0
    can_delete = False
    autocomplete_fields = ["user"]


@admin.register(Club)
class ClubAdmin(admin.ModelAdmin):
    list_display = ["name", "sso_domain", "sign_off_physio_only", "created_at"]
    search_fields = ["name", "sso_domain"]
    inlines = [StaffInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TeamStaffInline(admin.TabularInline):
    model = TeamStaff
    extra = 0
    autocomplete_fields = ["user"]


class MembershipInline(admin.TabularInline):
    """Members join by invite and leave by going inactive; a row is never deleted."""

    model = Membership
    extra = 0
    can_delete = False
    autocomplete_fields = ["athlete"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "club", "coach", "created_at"]
    list_select_related = ["club", "coach"]
    search_fields = ["name", "coach__username", "club__name"]
    autocomplete_fields = ["club", "coach"]
    inlines = [TeamStaffInline, MembershipInline]

    def get_deleted_objects(self, objs, request):
        """A team with history is refused on the delete page, which names what it holds (in
        counts, not a row per invite); only a team nothing points at can go."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        history = [
            f"{team}: {', '.join(found)}" for team in objs if (found := services.team_history(team))
        ]
        return deleted, counts, perms_needed, history or protected

    def delete_model(self, request, obj) -> None:
        services.team_delete(team=obj)

    def delete_queryset(self, request, queryset) -> None:
        for team in queryset:
            services.team_delete(team=team)


class SquadGroupMemberInline(admin.TabularInline):
    model = SquadGroupMember
    extra = 0
    autocomplete_fields = ["athlete"]


@admin.register(SquadGroup)
class SquadGroupAdmin(admin.ModelAdmin):
    """A team's groups. One with athletes is kept: its member rows PROTECT it, so the delete
    page names them instead of deleting them (the coach unticks them on the team page first)."""

    list_display = ["name", "team", "created_at"]
    list_select_related = ["team"]
    search_fields = ["name", "team__name"]
    autocomplete_fields = ["team"]
    inlines = [SquadGroupMemberInline]


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """Who was erased, or will be, and when: read only. An erasure is asked for by the person
    or by the users' Erase action, and carried out by the daily job (`privacy_daily`)."""

    list_display = ["user", "requested_at", "requested_by", "erase_after", "erased_at"]
    list_select_related = ["user", "requested_by"]
    list_filter = [("erased_at", admin.EmptyFieldListFilter)]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
