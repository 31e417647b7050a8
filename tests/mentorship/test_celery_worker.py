"""A real Celery worker on the real Redis broker sends notification e-mails,
each once, however often the task runs (CI: REDIS_URL is set)."""

import time
from pathlib import Path

import pytest
from django.conf import settings

from courts.models import ImportState, Judge
from courts.services import JUDGE_COLUMNS, start_import
from mentorship.models import Notification
from mentorship.tasks import send_notification_emails
from tests import factories as f

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_sends_each_notification_email_once(worker):
    user = f.user()
    notification = Notification.objects.create(
        user=user, kind="coordinator_designated", params={"region": {"kk": "Ақмола облысы"}}
    )
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    result = send_notification_emails.delay([notification.pk])
    assert result.get(timeout=60) == 1
    again = send_notification_emails.delay([notification.pk])
    assert again.get(timeout=60) == 0
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    deadline = time.time() + 10
    while time.time() < deadline and not list(Path(worker).glob("*.log")):
        time.sleep(0.2)
    messages = [p.read_text() for p in Path(worker).glob("*.log")]
    assert len(messages) == 1 and user.email in messages[0]


def test_a_real_worker_imports_an_uploaded_file(worker):
    """#16: the upload is stored; the worker checks and writes it."""
    court = f.court(f.region("worker-region"))
    admin = f.user()
    rows = "\n".join(
        f"Воркеров{i},Асқар,,{court.code},judge,civil,serving,,first_appointment:01.09.2015"
        for i in range(5)
    )
    job = start_import(
        by=admin,
        name="j.csv",
        content=(",".join(JUDGE_COLUMNS) + "\n" + rows + "\n").encode(),
        dry_run=False,
        language="kk",
    )  # transaction=True: committed at once, so the task is already sent
    deadline = time.time() + 60
    while time.time() < deadline:
        job.refresh_from_db()
        if job.state in (ImportState.DONE, ImportState.FAILED):
            break
        time.sleep(0.3)
    assert job.state == ImportState.DONE, job.state
    assert job.result["applied"] and job.result["judges"] == 5
    assert Judge.objects.filter(last_name__startswith="Воркеров").count() == 5
