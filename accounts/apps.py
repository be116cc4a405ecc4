from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import session_stamp_on_login

        user_logged_in.connect(session_stamp_on_login, dispatch_uid="accounts_session_stamp")
