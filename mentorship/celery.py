"""The Celery application. With REDIS_URL unset, tasks run in-process (settings)."""

import os  # noqa: PLC0415 (the Celery app loads before Django is set up)

from celery import Celery  # noqa: PLC0415 (the Celery app loads before Django is set up)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

app = Celery("mentorship")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _connect_metrics():
    """Task durations for Prometheus; with CELERY_METRICS_PORT set, the worker's
    main process serves them (every child's, via PROMETHEUS_MULTIPROC_DIR)."""
    from celery import signals  # noqa: PLC0415 (the Celery app loads before Django is set up)

    from . import health  # noqa: PLC0415 (the Celery app loads before Django is set up)

    signals.task_prerun.connect(health.task_started, weak=False)
    signals.task_postrun.connect(health.task_finished, weak=False)

    @signals.worker_ready.connect(weak=False)
    def serve_metrics(**kwargs):
        port = os.environ.get("CELERY_METRICS_PORT")
        if port:
            from prometheus_client import start_http_server  # noqa: PLC0415 (the Celery app loads before Django is set up)

            start_http_server(int(port), registry=health.registry())


_connect_metrics()


def _connect_data_version():
    """A task's committed writes move the dashboards' data version on (#16)."""
    from celery import signals  # noqa: PLC0415 (the Celery app loads before Django is set up)

    from . import dataversion  # noqa: PLC0415 (the Celery app loads before Django is set up)

    signals.task_postrun.connect(dataversion.bump_after_task, weak=False)


_connect_data_version()
