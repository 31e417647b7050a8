"""Under pytest-xdist, each worker process gets its own Redis database, so the
tests that drive a real Celery worker (or two web nodes) never take a message
or a lock meant for the other process. pytest-django already gives each worker
its own test database. Applied from tests/conftest.py at import, after the
settings were read and before any task is sent."""

import os
import re


def own_redis_database() -> None:
    worker = re.fullmatch(r"gw(\d+)", os.environ.get("PYTEST_XDIST_WORKER", ""))
    url = os.environ.get("REDIS_URL", "")
    if not (url and worker):
        return
    base = re.search(r"/(\d+)$", url)
    stem = url[: base.start()] if base else url.rstrip("/")
    number = ((int(base.group(1)) if base else 0) + int(worker.group(1)) + 1) % 16
    mine = f"{stem}/{number}"
    os.environ["REDIS_URL"] = mine  # for the subprocesses tests start

    from django.conf import settings

    from mentorship.celery import app

    settings.REDIS_URL = mine
    settings.CELERY_BROKER_URL = mine
    settings.CELERY_RESULT_BACKEND = mine
    app.conf.broker_url = mine
    app.conf.result_backend = mine
