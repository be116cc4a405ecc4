"""URLs of the club's audit trail (included by accounts.urls, in its namespace)."""

from django.urls import path

from accounts import audit_views

urlpatterns = [
    path("club/audit/", audit_views.audit_trail, name="audit"),
]
