"""The Celery application. With REDIS_URL unset, tasks run in-process (settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

app = Celery("mentorship")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _connect_metrics():
    """Task durations for Prometheus; with CELERY_METRICS_PORT set, the worker's
    main process serves them (every child's, via PROMETHEUS_MULTIPROC_DIR)."""
    from celery import signals

    from . import health

    signals.task_prerun.connect(health.task_started, weak=False)
    signals.task_postrun.connect(health.task_finished, weak=False)

    @signals.worker_ready.connect(weak=False)
    def serve_metrics(**kwargs):
        port = os.environ.get("CELERY_METRICS_PORT")
        if port:
            from prometheus_client import start_http_server

            start_http_server(int(port), registry=health.registry())


_connect_metrics()
