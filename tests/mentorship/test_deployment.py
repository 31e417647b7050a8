"""Deployment: production settings pass check --deploy with zero warnings, and
docker-compose.yml (which cannot run here) holds the services and commands."""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def test_check_deploy_with_production_settings_has_no_warnings():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **env,
        "DJANGO_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "mentorship.example.kz",
        "JOURNAL_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://u@127.0.0.1:1/none"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"DJANGO_PRODUCTION": "1", "DATABASE_URL": "postgres://u@127.0.0.1:1/none"})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_journal_keys():
    """§4.2: in production the journal key must come from the environment, not
    be derived from SECRET_KEY."""
    env = {k: v for k, v in os.environ.items() if k != "JOURNAL_KEYS"}
    env.update(
        {
            "DJANGO_PRODUCTION": "1",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": "postgres://u@127.0.0.1:1/none",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "JOURNAL_KEYS must be set" in result.stderr


def test_compose_has_the_stack_and_commands():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {
        "db",
        "pgbouncer",
        "redis",
        "migrate",
        "web",
        "worker",
        "worker-mail",
        "worker-reports",
        "beat",
        "proxy",
        "prometheus",
    }
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert services["web"]["command"] == ["gunicorn", "mentorship.wsgi:application"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--no-input"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "mentorship", "beat"]
    queues = {}
    for name in ("worker", "worker-mail", "worker-reports"):
        command = services[name]["command"]
        assert command[:4] == ["celery", "-A", "mentorship", "worker"]
        queues[name] = command[command.index("-Q") + 1]
    assert sorted(queues.values()) == sorted(settings.CELERY_TASK_QUEUES_NAMES)
    for name in ("web", "worker", "worker-mail", "worker-reports", "beat"):
        env = services[name]["environment"]
        assert "@pgbouncer:6432/" in env["DATABASE_URL"] and env["PGBOUNCER"] == "1"
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["DJANGO_PRODUCTION"] == "1" and env["BEHIND_PROXY"] == "1"
        assert services[name]["build"] == "."
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
    assert "@db:5432/" in services["migrate"]["environment"]["DATABASE_URL"]
    assert services["pgbouncer"]["environment"]["POOL_MODE"] == "transaction"


def test_only_the_proxy_is_reachable_from_outside():
    """`--scale web=3` needs web without a host port; gunicorn, the workers,
    PgBouncer, PostgreSQL and Redis are on the internal network only."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert compose["networks"]["internal"]["internal"] is True
    for name, service in services.items():
        if name not in ("proxy", "prometheus"):
            assert "ports" not in service, name
        if name not in ("proxy", "prometheus", "worker", "worker-mail", "worker-reports"):
            assert service["networks"] == ["internal"], name
    assert services["proxy"]["ports"] == ["80:80", "443:443"]
    assert all(p.startswith("127.0.0.1:") for p in services["prometheus"]["ports"])
    assert "./deploy/tls:/etc/nginx/tls:ro" in services["proxy"]["volumes"]


def test_the_proxy_sets_the_forwarded_headers_and_hides_metrics():
    locations = (ROOT / "deploy" / "nginx" / "locations.conf").read_text()
    assert "proxy_set_header X-Forwarded-Proto $forwarded_proto;" in locations
    assert "proxy_set_header X-Real-IP $remote_addr;" in locations
    assert "location = /metrics {\n    return 404;" in locations
    nginx = (ROOT / "deploy" / "nginx" / "nginx.conf").read_text()
    assert "set $forwarded_proto https;" in nginx and "listen 443 ssl" in nginx
    assert "ssl_certificate     /etc/nginx/tls/fullchain.pem;" in nginx
    logging = (ROOT / "deploy" / "nginx" / "logging.conf").read_text()
    assert "$request_uri" not in logging and "$args" not in logging
    assert '"$request_method $log_path $server_protocol"' in logging


def test_gunicorn_logs_paths_without_query_strings_or_reset_tokens():
    from mentorship.gunicorn_logging import loggable_path

    assert loggable_path("/verify/?code=ABC123") == "/verify/"
    assert loggable_path("/accounts/reset/MTIz/c4x-0123abcd/") == "/accounts/reset/-/-/"
    assert loggable_path("/accounts/reset/done/") == "/accounts/reset/done/"
    conf = (ROOT / "gunicorn.conf.py").read_text()
    assert 'logger_class = "mentorship.gunicorn_logging.AccessLogger"' in conf
    assert "%(U)s" in conf and "%(r)s" not in conf and "%(q)s" not in conf


@pytest.mark.skipif(
    not shutil.which("docker-compose") and not REQUIRE_SERVICES,
    reason="Debian's docker-compose is not installed",
)
def test_docker_compose_config_validates(tmp_path):
    """`docker-compose config` parses and validates the file; it needs no engine."""
    for name in ("docker-compose.yml", "Dockerfile"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "deploy", tmp_path / "deploy")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    result = subprocess.run(
        ["docker-compose", "config"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    assert config["services"]["web"].get("ports") is None
    assert config["services"]["web"]["environment"]["BEHIND_PROXY"] == "1"


@pytest.mark.nginx
def test_the_compose_proxy_configuration_is_valid_nginx(tmp_path):
    """deploy/nginx/nginx.conf passes `nginx -t` (Debian's nginx), with a
    self-signed certificate where the compose file mounts the real one."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from tests.conftest import nginx_binary

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mentorship.example.kz")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    conf = (ROOT / "deploy" / "nginx" / "nginx.conf").read_text()
    conf = conf.replace("/etc/nginx/tls/", f"{tmp_path}/").replace(
        "/etc/nginx/mentorship/", f"{ROOT / 'deploy' / 'nginx'}/"
    )
    if not Path("/etc/nginx/mime.types").exists():
        conf = conf.replace("include /etc/nginx/mime.types;", "")
    conf = f"pid {tmp_path}/nginx.pid;\n" + conf
    (tmp_path / "nginx.conf").write_text(conf)
    result = subprocess.run(
        [
            nginx_binary(),
            "-t",
            "-q",
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "nginx.conf"),
            "-e",
            str(tmp_path / "error.log"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr + (tmp_path / "error.log").read_text()


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
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG")}
    return {
        **env,
        "DJANGO_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "mentorship.example.kz",
        "JOURNAL_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://u@127.0.0.1:1/none"),
        **extra,
    }


def _env_example() -> dict:
    out = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            key, _sep, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


def test_check_deploy_fails_with_the_placeholders_of_env_example():
    env = _production_env(**_env_example())
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "mentorship.E002" in result.stderr + result.stdout  # JOURNAL_KEYS placeholder
    assert "mentorship.E004" in result.stderr + result.stdout  # SECRET_KEY placeholder


def test_check_refuses_the_derived_development_journal_key_in_production():
    from mentorship.checks import derived_journal_key

    secret = secrets.token_urlsafe(64)
    env = _production_env(SECRET_KEY=secret, JOURNAL_KEYS=derived_journal_key(secret))
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "mentorship.E003" in result.stderr + result.stdout


def test_debug_is_off_unless_debug_is_1():
    script = "from django.conf import settings; print(settings.DEBUG)"
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    for extra, expected in (
        ({}, "False"),
        ({"DEBUG": "1"}, "True"),
        (
            {
                "DEBUG": "1",
                "DJANGO_PRODUCTION": "1",
                "SECRET_KEY": secrets.token_urlsafe(64),
                "JOURNAL_KEYS": Fernet.generate_key().decode(),
            },
            "False",
        ),
    ):
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env={**env, **extra},
            capture_output=True,
            text=True,
        )
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
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", HEADERS_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    headers = out["anonymous"]
    assert out["status"] == 200 and out["plain"] == 301  # plain HTTP goes to HTTPS
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert out["private"]["Cache-Control"] == "no-store, private"


def test_forwarded_proto_is_trusted_only_when_the_proxy_is_configured():
    script = "from django.conf import settings; print(hasattr(settings, 'SECURE_PROXY_SSL_HEADER') and settings.SECURE_PROXY_SSL_HEADER is not None)"
    for flag, expected in (("", "False"), ("1", "True")):
        env = _production_env(TRUST_PROXY_HEADERS=flag)
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.stdout.strip().splitlines()[-1] == expected, result.stderr[-500:]


def test_password_reset_links_last_about_an_hour():
    assert settings.PASSWORD_RESET_TIMEOUT == 3600
