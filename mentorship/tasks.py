"""Celery tasks: thin, idempotent wrappers over services."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .health import record_heartbeat
from .models import Notification, UserSettings
from .notifications import render


def recipient_language(user) -> str:

    chosen = UserSettings.objects.filter(user=user).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification once, in the recipient's language; a
    notification already e-mailed is skipped, so a repeated run sends nothing
    twice."""
    sent = 0
    for pk in notification_ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True)
                .select_related("user")
                .filter(pk=pk, emailed_at__isnull=True)
                .first()
            )
            if notification is None or not notification.user.email:
                continue
            with translation.override(recipient_language(notification.user)):
                send_mail(
                    _("Judicial mentorship"),
                    render(notification.kind, notification.params),
                    settings.DEFAULT_FROM_EMAIL,
                    [notification.user.email],
                )
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent


@shared_task(ignore_result=True)
def heartbeat(queue: str) -> None:
    """Beat sends one to each queue every minute; the worker that takes it
    records the time, which /healthz reads (mentorship.health)."""

    record_heartbeat(queue)
