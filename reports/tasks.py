"""Report jobs: thin wrappers over reports.services."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from . import services


@shared_task(acks_late=True, time_limit=1800, soft_time_limit=1700)
def generate_annual_report(pk: int, language: str | None = None) -> str:
    report = services.generate_annual_report(pk, language)
    return report.state if report else "missing"


@shared_task(time_limit=300, soft_time_limit=280)
def annual_reports_due(today: str | None = None) -> list[int]:
    return services.annual_reports_due(dt.date.fromisoformat(today) if today else None)
