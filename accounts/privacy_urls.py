"""URLs of privacy (included by accounts.urls, in its namespace): a person's own data."""

from django.urls import path

from accounts import privacy_views

urlpatterns = [
    path("accounts/data/", privacy_views.data_page, name="data"),
    path("accounts/data/erase/", privacy_views.data_erase, name="data-erase"),
    path("accounts/data/<slug:token>/", privacy_views.data_download, name="data-download"),
]
