"""URLs of privacy (included by accounts.urls, in its namespace)."""

urlpatterns = []
