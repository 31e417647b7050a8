"""A real database for live processes (gunicorn nodes, Celery workers,
pg_dump): created on the PostgreSQL server of DATABASE_URL, migrated with
`manage.py migrate`, populated by tests/deploy/populate.py, committed, and
dropped at the end. Not pytest-django's transactional test database."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def database_url(name: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + name))


def base_name() -> str:
    return urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/") or "postgres"


def admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute(sql)


def create_database(name: str) -> str:
    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{name}"')
    return database_url(name)


def drop_database(name: str) -> None:
    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def process_env(url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "mentorship.settings"}, **extra)
    return env


def run(args, env, timeout=180) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, (args, result.stdout[-3000:], result.stderr[-3000:])
    return result.stdout


def free_port() -> int:
    """A free port in 18000–18999 (shared machine: a range of our own)."""
    for _ in range(200):
        port = 18000 + int.from_bytes(os.urandom(2), "big") % 1000
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                try:
                    s2 = socket.socket()
                    s2.bind(("127.0.0.1", port))
                    s2.close()
                    return port
                except OSError:
                    continue
    raise RuntimeError("no free port")


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode}: {proc.args}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on {port}")


@pytest.fixture(scope="session")
def populated_db():
    """(database URL, what populate.py built). Populated with tasks in-process
    (no broker), so nothing waits on Redis for the live workers."""
    name = f"{base_name()}_nodes_{os.getpid()}"
    url = create_database(name)
    started = time.monotonic()
    env = process_env(
        url, REDIS_URL="", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    )
    try:
        run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], env)
        migrated = time.monotonic()
        out = run([sys.executable, "-m", "tests.deploy.populate"], env)
        info = json.loads(out.split("POPULATED ", 1)[1])
        info["timings"] = {
            "migrate_s": round(migrated - started, 1),
            "populate_s": round(time.monotonic() - migrated, 1),
        }
        yield url, info
    finally:
        drop_database(name)


def inspect(url: str, **extra) -> dict:
    out = run(
        [sys.executable, "-m", "tests.deploy.inspect_db"], process_env(url, REDIS_URL="", **extra)
    )
    return json.loads(out.split("INSPECTED ", 1)[1])
