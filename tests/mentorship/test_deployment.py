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


# --- issue 13: fail closed, and the production settings' response headers --------

def _production_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",
                                                             "DEBUG")}
    return {**env, "DJANGO_PRODUCTION": "1", "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "mentorship.example.kz",
            "JOURNAL_KEYS": Fernet.generate_key().decode(),
            "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://u@127.0.0.1:1/none"),
            **extra}


def _env_example() -> dict:
    out = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            key, _sep, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


def test_check_deploy_fails_with_the_placeholders_of_env_example():
    env = _production_env(**_env_example())
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "mentorship.E002" in result.stderr + result.stdout  # JOURNAL_KEYS placeholder
    assert "mentorship.E004" in result.stderr + result.stdout  # SECRET_KEY placeholder


def test_check_refuses_the_derived_development_journal_key_in_production():
    from mentorship.checks import derived_journal_key

    secret = secrets.token_urlsafe(64)
    env = _production_env(SECRET_KEY=secret, JOURNAL_KEYS=derived_journal_key(secret))
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0 and "mentorship.E003" in result.stderr + result.stdout


def test_debug_is_off_unless_debug_is_1():
    script = "from django.conf import settings; print(settings.DEBUG)"
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    for extra, expected in (({}, "False"), ({"DEBUG": "1"}, "True"),
                            ({"DEBUG": "1", "DJANGO_PRODUCTION": "1",
                              "SECRET_KEY": secrets.token_urlsafe(64),
                              "JOURNAL_KEYS": Fernet.generate_key().decode()}, "False")):
        result = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT,
                                env={**env, **extra}, capture_output=True, text=True)
        assert result.stdout.strip().splitlines()[-1] == expected, (extra, result.stderr[-500:])


HEADERS_SCRIPT = r"""
import json
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory
from mentorship.middleware import PrivateResponseMiddleware

from django.test import override_settings

client = Client(HTTP_HOST="mentorship.example.kz")
# the manifest of collectstatic does not exist here; everything else is production
with override_settings(STORAGES={"staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
    anonymous = client.get("/accounts/login/", secure=True)
    plain = client.get("/accounts/login/")

class SignedIn(AnonymousUser):
    is_authenticated = True

request = RequestFactory(HTTP_HOST="mentorship.example.kz").get("/", secure=True)
request.user = SignedIn()
private = PrivateResponseMiddleware(lambda r: HttpResponse("x"))(request)
print(json.dumps({"anonymous": dict(anonymous.headers), "status": anonymous.status_code,
                  "plain": plain.status_code, "private": dict(private.headers)}))
"""


def test_response_headers_of_the_production_settings():
    import json

    env = _production_env(TRUST_PROXY_HEADERS="1")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", HEADERS_SCRIPT],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    headers = out["anonymous"]
    assert out["status"] == 200 and out["plain"] == 301  # plain HTTP goes to HTTPS
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'", "form-action 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert out["private"]["Cache-Control"] == "no-store, private"


def test_forwarded_proto_is_trusted_only_when_the_proxy_is_configured():
    script = "from django.conf import settings; print(hasattr(settings, 'SECURE_PROXY_SSL_HEADER') and settings.SECURE_PROXY_SSL_HEADER is not None)"
    for flag, expected in (("", "False"), ("1", "True")):
        env = _production_env(TRUST_PROXY_HEADERS=flag)
        result = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT,
                                env=env, capture_output=True, text=True)
        assert result.stdout.strip().splitlines()[-1] == expected, result.stderr[-500:]


def test_password_reset_links_last_about_an_hour():
    assert settings.PASSWORD_RESET_TIMEOUT == 3600
