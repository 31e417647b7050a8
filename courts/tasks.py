"""Reference-data jobs: the import runs in the worker (#16)."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True, time_limit=1800, soft_time_limit=1700)
def run_import(pk: int) -> str:
    return services.run_import_job(pk)
