"""Celery tasks of the programme: thin wrappers over services."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from . import services


@shared_task(time_limit=900, soft_time_limit=840)
def watch_terms(today: str | None = None) -> dict:
    """The daily term watch (services.watch_terms); idempotent."""
    return services.watch_terms(dt.date.fromisoformat(today) if today else None)
