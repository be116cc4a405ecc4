"""URLs of audit (included by accounts.urls, in its namespace)."""

urlpatterns = []
