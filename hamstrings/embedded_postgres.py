"""An embedded PostgreSQL (the pgserver package) for machines with no database server.

Used when DATABASE_URL is unset: the data lives in a git-ignored folder of the project and
the server is started on first use and left running, so later commands connect at once.
"""

import warnings
from pathlib import Path


def database_settings(data_dir: Path) -> dict:
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset and falls back to /tmp: that is fine.
        warnings.simplefilter("ignore")
        import pgserver  # imported here: deployments with DATABASE_URL never need it

    server = pgserver.get_server(data_dir, cleanup_mode=None)
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or ""),
    }
