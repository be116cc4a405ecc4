"""URLs of club (included by accounts.urls, in its namespace)."""

urlpatterns = []
