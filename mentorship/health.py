"""Health and metrics of a node: /healthz (PostgreSQL, Redis, each queue's
worker heartbeat, free disk) and /metrics (django-prometheus plus Celery task
durations and queue lengths). Neither reports personal data."""

from __future__ import annotations

import os
import shutil
import tempfile
import time

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

HEARTBEAT_KEY = "heartbeat:{queue}"


def record_heartbeat(queue: str) -> None:
    cache.set(HEARTBEAT_KEY.format(queue=queue), time.time(), timeout=24 * 60 * 60)


def _redis():

    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


def check_database() -> dict:
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def check_redis() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "configured": False}
    started = time.monotonic()
    _redis().ping()
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def check_workers() -> dict:
    """Seconds since each queue's worker last ran its heartbeat."""
    if not settings.REDIS_URL:  # tasks run in-process: no worker to watch
        return {"ok": True, "configured": False}
    now = time.time()
    queues = {}
    for queue in settings.CELERY_TASK_QUEUES_NAMES:
        seen = cache.get(HEARTBEAT_KEY.format(queue=queue))
        age = None if seen is None else round(now - float(seen), 1)
        queues[queue] = {
            "ok": age is not None and age <= settings.HEARTBEAT_MAX_AGE,
            "age_seconds": age,
        }
    return {"ok": all(q["ok"] for q in queues.values()), "queues": queues}


def check_disk() -> dict:
    """Free space where the process writes temporary files (PDF rendering,
    uploads being checked)."""
    usage = shutil.disk_usage(tempfile.gettempdir())
    return {
        "ok": usage.free >= settings.HEALTHZ_MIN_FREE_BYTES,
        "free_bytes": usage.free,
        "total_bytes": usage.total,
    }


CHECKS = {
    "database": check_database,
    "redis": check_redis,
    "workers": check_workers,
    "disk": check_disk,
}


@never_cache
def healthz(request):
    """200 when every part is healthy, 503 otherwise; JSON, no sign-in."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # a failing part is a result, not a 500
            results[name] = {"ok": False, "error": error.__class__.__name__}
    healthy = all(r["ok"] for r in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": results}, status=200 if healthy else 503
    )


# --- Prometheus ------------------------------------------------------------------


class QueueLengthCollector:
    """Messages waiting in each Celery queue (Redis list lengths), read at scrape."""

    def collect(self):

        gauge = GaugeMetricFamily(
            "celery_queue_length", "Messages waiting in a Celery queue", labels=["queue"]
        )
        if settings.REDIS_URL:
            client = _redis()
            for queue in settings.CELERY_TASK_QUEUES_NAMES:
                try:
                    gauge.add_metric([queue], client.llen(queue))
                except Exception:  # noqa: S112 - Redis down: /healthz says so
                    continue
        yield gauge


def _task_duration():

    global TASK_DURATION
    if TASK_DURATION is None:
        TASK_DURATION = Histogram(
            "celery_task_duration_seconds",
            "Celery task run time",
            ["task", "state"],
            buckets=(0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800),
        )
    return TASK_DURATION


TASK_DURATION = None
_task_started: dict[str, float] = {}


def task_started(task_id=None, **kwargs):
    _task_started[task_id] = time.monotonic()


def task_finished(task_id=None, task=None, state=None, **kwargs):
    started = _task_started.pop(task_id, None)
    if started is not None and task is not None:
        _task_duration().labels(task.name, state or "UNKNOWN").observe(time.monotonic() - started)


def registry():
    """The registry to export: every process's metrics when gunicorn or Celery
    run several (PROMETHEUS_MULTIPROC_DIR), plus the queue lengths."""

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        combined = CollectorRegistry()
        multiprocess.MultiProcessCollector(combined)
    else:
        combined = CollectorRegistry(auto_describe=True)
        combined.register(_Forward(REGISTRY))
    combined.register(QueueLengthCollector())
    return combined


class _Forward:
    def __init__(self, source):
        self.source = source

    def collect(self):
        yield from self.source.collect()


def metrics(request):
    """Prometheus text format. Not routed by the reverse proxy (nginx refuses
    /metrics); Prometheus scrapes the nodes on the internal network."""

    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)


class MetricsEndpointMiddleware:
    """Answers /metrics ahead of every other middleware: Prometheus scrapes a
    node by its address over plain HTTP on the internal network, which the
    host check and the HTTPS redirect of production would refuse. The reverse
    proxy never forwards /metrics (deploy/nginx/locations.conf)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/metrics":
            return metrics(request)
        return self.get_response(request)
