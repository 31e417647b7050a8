"""Deployment: production settings pass check --deploy with zero warnings, and
docker-compose.yml (which cannot run here) holds the services and commands."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import yaml
from cryptography.fernet import Fernet
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_check_deploy_with_production_settings_has_no_warnings():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**env, "DJANGO_PRODUCTION": "1", "SECRET_KEY": secrets.token_urlsafe(64),
           "ALLOWED_HOSTS": "mentorship.example.kz",
           "JOURNAL_KEYS": Fernet.generate_key().decode(),
           "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://u@127.0.0.1:1/none")}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                             "WARNING"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"DJANGO_PRODUCTION": "1", "DATABASE_URL": "postgres://u@127.0.0.1:1/none"})
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_journal_keys():
    """§4.2: in production the journal key must come from the environment, not
    be derived from SECRET_KEY."""
    env = {k: v for k, v in os.environ.items() if k != "JOURNAL_KEYS"}
    env.update({"DJANGO_PRODUCTION": "1", "SECRET_KEY": secrets.token_urlsafe(64),
                "DATABASE_URL": "postgres://u@127.0.0.1:1/none"})
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "JOURNAL_KEYS must be set" in result.stderr


def test_compose_has_the_stack_and_commands():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert "gunicorn mentorship.wsgi:application" in services["web"]["command"]
    assert "migrate" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "mentorship", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "mentorship", "beat"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["DJANGO_PRODUCTION"] == "1"
        assert services[name]["build"] == "."


def test_dockerfile_serves_with_gunicorn_and_collects_static():
    text = (ROOT / "Dockerfile").read_text()
    assert "collectstatic" in text and "gunicorn" in text and "fonts-dejavu-core" in text


def test_whitenoise_serves_static_files():
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE


def test_no_asset_comes_from_a_cdn():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert "//cdn" not in text and "unpkg" not in text and "jsdelivr" not in text, template
