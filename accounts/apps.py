from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def cache_table_create(*, using: str, **kwargs) -> None:
    """The database cache's table (settings.CACHES) comes with every migrate, wherever it runs
    (`make run`, compose, the tests); `createcachetable` leaves an existing table alone."""
    call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from accounts.middleware import session_stamp_on_login
        from accounts.session_epoch import sessions_end_on_logout

        user_logged_in.connect(session_stamp_on_login, dispatch_uid="accounts_session_stamp")
        user_logged_out.connect(sessions_end_on_logout, dispatch_uid="accounts_sessions_end")
        post_migrate.connect(cache_table_create, sender=self, dispatch_uid="accounts_cache_table")
