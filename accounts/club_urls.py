"""URLs of the club's page for its head (`/club/`) and of a staff invite's link (included by
accounts.urls, in its namespace)."""

from django.urls import path

from accounts import club_invite_views, club_views

urlpatterns = [
    path("club/", club_views.club_page, name="club"),
    path("club/settings/", club_views.club_settings, name="club-settings"),
    path("club/staff/<int:pk>/role/", club_views.staff_role, name="club-staff-role"),
    path("club/staff/<int:pk>/remove/", club_views.staff_remove, name="club-staff-remove"),
    path("club/invites/", club_views.invite_send, name="club-invite-send"),
    path("club/invites/<int:pk>/resend/", club_views.invite_resend, name="club-invite-resend"),
    path("club/invites/<int:pk>/revoke/", club_views.invite_revoke, name="club-invite-revoke"),
    path(
        "club/teams/<int:pk>/hand-over/",
        club_views.team_hand_over,
        name="club-team-hand-over",
    ),
    path("club/teams/<int:pk>/coaches/", club_views.team_give, name="club-team-give"),
    path(
        "club/teams/<int:pk>/coaches/<int:given_pk>/remove/",
        club_views.team_take_back,
        name="club-team-take-back",
    ),
    path(
        "club/invite/<slug:token>/",
        club_invite_views.invite_accept,
        name="club-invite-accept",
    ),
]
