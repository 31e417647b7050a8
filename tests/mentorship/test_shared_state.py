"""Stateless web nodes (issue #17): what one node writes, every node reads.
Attachments are rows in PostgreSQL (or objects in S3 when configured), the
cache is Redis, sessions and django-axes are in PostgreSQL, the Celery queues
are split; /healthz reports each part; /metrics exports Prometheus metrics."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from mentorship.models import StoredFile
from tests.programs import helpers as h

ROOT = Path(settings.BASE_DIR)


def settings_in_subprocess(**env) -> dict:
    """Settings as a fresh process reads them from the environment."""
    code = (
        "import json, django; from django.conf import settings as s; django.setup(); "
        "print(json.dumps({'storage': s.STORAGES['default'], 'db': s.DATABASES['default'], "
        "'proxy': getattr(s, 'SECURE_PROXY_SSL_HEADER', None), "
        "'axes_ip': getattr(s, 'AXES_CLIENT_IP_CALLABLE', None), "
        "'cache': s.CACHES['default']['BACKEND']}, default=str))"
    )
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base.setdefault("DATABASE_URL", "postgres://u@127.0.0.1:1/none")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**base, "DJANGO_SETTINGS_MODULE": "mentorship.settings", **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- attachments ----------------------------------------------------------------


def test_an_attachment_is_stored_in_postgresql_not_on_the_node(world, settings, tmp_path):
    attachment = h.world_attachment(world)
    row = StoredFile.objects.get(name=attachment.file.name)
    assert bytes(row.content) == h.MINIMAL_PDF and row.size == len(h.MINIMAL_PDF)
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))  # nothing on local disk
    with attachment.file.open("rb") as f:
        assert f.read() == h.MINIMAL_PDF


def test_the_download_reads_the_stored_row(client, world):
    attachment = h.world_attachment(world)
    client.force_login(attachment.report.author)
    response = client.get(f"/programme/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == h.MINIMAL_PDF


@pytest.mark.django_db
def test_database_storage_keeps_names_unique_and_deletes():
    first = default_storage.save("reports/1/a.pdf", ContentFile(b"one"))
    second = default_storage.save("reports/1/a.pdf", ContentFile(b"two"))
    assert first == "reports/1/a.pdf" and second != first
    assert default_storage.exists(second) and default_storage.size(second) == 3
    assert default_storage.listdir("reports/1") == (
        [],
        sorted([Path(first).name, Path(second).name]),
    )
    assert default_storage.listdir("reports") == (["1"], [])
    with default_storage.open(first) as f:
        assert f.read() == b"one"
    default_storage.delete(first)
    assert not default_storage.exists(first)
    with pytest.raises(FileNotFoundError):
        default_storage.open(first)


@pytest.mark.django_db
def test_local_files_move_into_the_shared_storage(world, settings, tmp_path):
    """Attachments of a single-node install (MEDIA_ROOT) are copied once."""
    attachment = h.world_attachment(world)
    name = attachment.file.name
    StoredFile.objects.filter(name=name).delete()
    local = Path(settings.MEDIA_ROOT) / name
    local.parent.mkdir(parents=True)
    local.write_bytes(h.MINIMAL_PDF)
    call_command("move_media_to_storage")
    assert bytes(StoredFile.objects.get(name=name).content) == h.MINIMAL_PDF
    call_command("move_media_to_storage")  # idempotent
    assert StoredFile.objects.filter(name=name).count() == 1


def test_s3_storage_is_used_when_a_bucket_is_configured():
    chosen = settings_in_subprocess(
        S3_BUCKET="mentorship-attachments", S3_ENDPOINT_URL="https://s3.example.kz"
    )
    assert chosen["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["storage"]["OPTIONS"]["bucket_name"] == "mentorship-attachments"
    assert chosen["storage"]["OPTIONS"]["default_acl"] == "private"
    assert settings_in_subprocess(S3_BUCKET="")["storage"]["BACKEND"] == (
        "mentorship.storage.DatabaseStorage"
    )


# --- sessions, cache, axes, proxy, pool --------------------------------------------


def test_sessions_and_lockouts_live_in_postgresql():
    assert (
        getattr(settings, "SESSION_ENGINE", "django.contrib.sessions.backends.db")
        == "django.contrib.sessions.backends.db"
    )
    from axes.conf import settings as axes_settings

    assert axes_settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_the_cache_is_redis_when_redis_is_configured():
    assert settings_in_subprocess(REDIS_URL="redis://127.0.0.1:6379/5")["cache"] == (
        "django.core.cache.backends.redis.RedisCache"
    )


def test_the_forwarded_scheme_and_address_are_trusted_only_behind_the_proxy():
    assert settings_in_subprocess(BEHIND_PROXY="")["proxy"] is None
    behind = settings_in_subprocess(BEHIND_PROXY="1")
    assert behind["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert behind["axes_ip"] == "mentorship.proxy.client_ip"


def test_pgbouncer_mode_turns_off_server_side_cursors_and_prepared_statements():
    db = settings_in_subprocess(PGBOUNCER="1")["db"]
    assert db["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert db["OPTIONS"]["prepare_threshold"] is None
    assert db["ENGINE"] == "django_prometheus.db.backends.postgresql"
    plain = settings_in_subprocess(PGBOUNCER="")["db"]
    assert not plain.get("DISABLE_SERVER_SIDE_CURSORS")


def test_tasks_go_to_their_queues():
    from mentorship.celery import app

    def queue(task):
        return app.amqp.router.route({}, task)["queue"].name

    assert queue("reports.tasks.generate_annual_report") == "documents"
    assert queue("mentorship.tasks.send_notification_emails") == "mail"
    assert queue("programs.tasks.watch_terms") == "reports"
    assert queue("reports.tasks.annual_reports_due") == "reports"
    beats = {e["task"]: e for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "mentorship.tasks.heartbeat" in beats
    assert {
        e["options"]["queue"]
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "mentorship.tasks.heartbeat"
    } == {"documents", "mail", "reports"}


# --- health ------------------------------------------------------------------------


@pytest.fixture
def beaten(settings):
    from django.core.cache import cache

    from mentorship.health import HEARTBEAT_KEY, record_heartbeat

    for queue in settings.CELERY_TASK_QUEUES_NAMES:
        cache.delete(HEARTBEAT_KEY.format(queue=queue))

    def beat(*queues):
        for queue in queues or settings.CELERY_TASK_QUEUES_NAMES:
            record_heartbeat(queue)

    return beat


@pytest.mark.redis
@pytest.mark.django_db
def test_healthz_is_ok_when_every_part_is(client, beaten):
    beaten()
    response = client.get("/healthz/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "redis", "workers", "disk"}
    assert body["checks"]["disk"]["free_bytes"] > 0
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.redis
@pytest.mark.django_db
def test_healthz_fails_without_a_worker_heartbeat(client, beaten):
    beaten("documents", "reports")  # the mail worker is gone
    response = client.get("/healthz/")
    assert response.status_code == 503
    workers = response.json()["checks"]["workers"]
    assert not workers["ok"] and not workers["queues"]["mail"]["ok"]
    assert workers["queues"]["documents"]["ok"]


@pytest.mark.redis
@pytest.mark.django_db
def test_healthz_fails_on_an_old_heartbeat(client, beaten, settings):
    beaten()
    settings.HEARTBEAT_MAX_AGE = -1
    assert client.get("/healthz/").status_code == 503


@pytest.mark.redis
@pytest.mark.django_db
def test_healthz_fails_when_redis_is_unreachable(client, beaten, settings):
    beaten()
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == {"ok": False, "error": "ConnectionError"}


@pytest.mark.redis
@pytest.mark.django_db
def test_healthz_fails_when_the_disk_is_nearly_full(client, beaten, settings):
    beaten()
    settings.HEALTHZ_MIN_FREE_BYTES = 2**62
    response = client.get("/healthz/")
    assert response.status_code == 503 and not response.json()["checks"]["disk"]["ok"]


def test_healthz_carries_no_personal_data(client, world, beaten):
    beaten()
    text = client.get("/healthz/").content.decode()
    for user in world.users.values():
        assert user.username not in text and user.email not in text


# --- metrics -----------------------------------------------------------------------


@pytest.mark.redis
@pytest.mark.django_db
def test_metrics_export_requests_queries_and_queue_lengths(client, settings):
    import redis

    r = redis.Redis.from_url(settings.REDIS_URL)
    r.delete("documents")
    r.rpush("documents", "a", "b", "c")
    try:
        client.get("/healthz/")
        text = client.get("/metrics").content.decode()
    finally:
        r.delete("documents")
    assert "django_http_requests_total_by_method_total" in text
    assert "django_db_execute_total" in text
    assert 'celery_queue_length{queue="documents"} 3.0' in text


@pytest.mark.django_db
def test_metrics_answer_ahead_of_host_check_and_https_redirect(client, settings):
    """Prometheus scrapes a node by its address, over plain HTTP."""
    settings.ALLOWED_HOSTS = ["mentorship.example.kz"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/metrics", HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200 and b"python_info" in response.content
    assert client.get("/", HTTP_HOST="10.0.3.7:8000").status_code == 400


def test_task_durations_are_observed():
    from prometheus_client import REGISTRY

    from mentorship import health

    class Task:
        name = "programs.tasks.watch_terms"

    def count():
        return (
            REGISTRY.get_sample_value(
                "celery_task_duration_seconds_count", {"task": Task.name, "state": "SUCCESS"}
            )
            or 0
        )

    before = count()
    health.task_started(task_id="t-1")
    health.task_finished(task_id="t-1", task=Task, state="SUCCESS")
    assert count() == before + 1
