from django.urls import include, path

from accounts import coach_invite_views, group_views, team_views, views

app_name = "accounts"
urlpatterns = [
    path("coach/teams/", team_views.team_list, name="team-list"),
    path("coach/teams/<int:pk>/", team_views.team_detail, name="team-detail"),
    path("coach/teams/<int:pk>/invite/", team_views.invite_send, name="invite-send"),
    path(
        "coach/teams/<int:pk>/invites/<int:invite_pk>/resend/",
        team_views.invite_resend,
        name="invite-resend",
    ),
    path(
        "coach/teams/<int:pk>/invites/<int:invite_pk>/revoke/",
        team_views.invite_revoke,
        name="invite-revoke",
    ),
    path(
        "coach/teams/<int:pk>/members/<int:membership_pk>/remove/",
        team_views.member_remove,
        name="member-remove",
    ),
    path("coach/teams/<int:pk>/groups/", group_views.group_create, name="group-create"),
    path(
        "coach/teams/<int:pk>/groups/<int:group_pk>/rename/",
        group_views.group_rename,
        name="group-rename",
    ),
    path(
        "coach/teams/<int:pk>/groups/<int:group_pk>/athletes/",
        group_views.group_members,
        name="group-members",
    ),
    path(
        "coach/teams/<int:pk>/groups/<int:group_pk>/delete/",
        group_views.group_delete,
        name="group-delete",
    ),
    path("accounts/invite/<slug:token>/", team_views.invite_accept, name="invite-accept"),
    path("accounts/settings/", views.settings_page, name="settings"),
    path(
        "accounts/coach-invite/<str:token>/", coach_invite_views.coach_invite, name="coach-invite"
    ),
    # Each part of clubs and people's data has its own URL module.
    path("", include("accounts.signup_urls")),
    path("", include("accounts.club_urls")),
    path("", include("accounts.privacy_urls")),
    path("", include("accounts.audit_urls")),
]
