from django.urls import path

from accounts import team_views

app_name = "accounts"
urlpatterns = [
    path("coach/teams/", team_views.team_list, name="team-list"),
    path("coach/teams/<int:pk>/", team_views.team_detail, name="team-detail"),
    path("coach/teams/<int:pk>/invite/", team_views.invite_send, name="invite-send"),
    path(
        "coach/teams/<int:pk>/members/<int:membership_pk>/remove/",
        team_views.member_remove,
        name="member-remove",
    ),
    path("accounts/invite/<slug:token>/", team_views.invite_accept, name="invite-accept"),
]
