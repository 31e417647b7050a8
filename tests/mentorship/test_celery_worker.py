"""A real Celery worker on the real Redis broker sends notification e-mails,
each once, however often the task runs (CI: REDIS_URL is set)."""

import time
from pathlib import Path

import pytest
from django.conf import settings

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
