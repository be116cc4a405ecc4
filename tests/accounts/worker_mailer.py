"""The mail backend of tests/accounts/test_worker.py, loaded by the worker in its own process
(EMAIL_BACKEND names it): each mail is a file in the folder WORKER_TEST_MAIL_DIR names (Django's
file backend), and while that folder holds a file named `hold` a send waits, as on a slow mail
server, after touching `sending` (so a test can kill the worker in the middle of a send)."""

import os
import time
from pathlib import Path

from django.core.mail.backends import filebased


class EmailBackend(filebased.EmailBackend):
    def __init__(self, **kwargs):
        super().__init__(file_path=os.environ["WORKER_TEST_MAIL_DIR"], **kwargs)

    def send_messages(self, email_messages):
        folder = Path(self.file_path)
        while (folder / "hold").exists():
            (folder / "sending").touch()
            time.sleep(0.05)
        return super().send_messages(email_messages)
