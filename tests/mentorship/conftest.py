import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return condition()


@pytest.fixture
def worker(tmp_path):
    """A real Celery worker subprocess on the real broker and the test
    database; e-mails go to files in the yielded folder."""
    from mentorship.models import Notification

    db = connection.settings_dict
    host = db["HOST"] or "localhost"
    if host.startswith("/"):  # the embedded server listens on a socket
        url = f"postgres://{db['USER']}@/{db['NAME']}?host={host}"
    else:
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "mentorship",
            "worker",
            "-Q",
            ",".join(settings.CELERY_TASK_QUEUES_NAMES),
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    yield tmp_path / "mail"
    # let the worker send the e-mails enqueued meanwhile, so that no task of
    # this test stays on the broker for a later run
    wait_until(lambda: not Notification.objects.filter(emailed_at__isnull=True).exists(), 30)
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="session")
def nca(tmp_path_factory):
    """The tests' NCA and a person's certificate (tests/ecp.py)."""
    from tests.ecp import build_nca

    return build_nca(tmp_path_factory)
