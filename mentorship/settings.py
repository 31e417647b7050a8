"""Settings, read from the environment with zero-setup local defaults.

Environment: DATABASE_URL, REDIS_URL, CELERY_FILESYSTEM_BROKER, REPORT_YEAR,
UPLOAD_MAX_BYTES, SECRET_KEY, DEBUG, ALLOWED_HOSTS,
EMAIL_URL-style pieces (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL), JOURNAL_KEYS,
DJANGO_PRODUCTION (1 = production hardening: HTTPS cookies, HSTS, manifest
static files), BEHIND_PROXY (1 = trust X-Forwarded-Proto from the reverse proxy;
TRUST_PROXY_HEADERS=1 is accepted as the same), throttles (VERIFY_RATE,
PASSWORD_RESET_RATE_*), PGBOUNCER (1 = transaction pooling in front of
PostgreSQL), S3_BUCKET and the S3_* pieces (attachments in object storage
instead of PostgreSQL), PROMETHEUS_MULTIPROC_DIR (metrics of several
gunicorn/Celery processes).

Everything fails closed: DEBUG only when DEBUG=1.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("DJANGO_PRODUCTION")
DEBUG = env_bool("DEBUG") and not PRODUCTION

_DEV_KEY = "dev-only-insecure-key-never-used-in-production-0123456789abcdefghij"
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _DEV_KEY)
if PRODUCTION and not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DJANGO_PRODUCTION=1")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first: their locale folders override the framework's
    # incomplete Kazakh catalogues (mentorship/locale/kk).
    "mentorship",
    "courts",
    "programs",
    "reports",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_prometheus",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "mentorship.health.MetricsEndpointMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mentorship.middleware.PrivateResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mentorship.middleware.KazakhFirstLocaleMiddleware",
    "mentorship.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mentorship.middleware.SessionTimeoutMiddleware",
    "mentorship.middleware.ActiveOfficeMiddleware",
    "mentorship.two_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "mentorship.dataversion.BumpAfterWriteMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "mentorship.urls"
WSGI_APPLICATION = "mentorship.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentorship.context_processors.offices",
                "mentorship.context_processors.navigation",
            ],
        },
    },
]

# --- Database: PostgreSQL everywhere ------------------------------------------
DATABASES: dict[str, Any]
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    from .embedded_db import embedded_database_config

    DATABASES = {
        "default": embedded_database_config(
            Path(os.environ.get("EMBEDDED_PGDATA", BASE_DIR / ".pgdata"))
        )
    }
# django-prometheus wraps the psycopg 3 backend to count queries and errors.
DATABASES["default"]["ENGINE"] = "django_prometheus.db.backends.postgresql"
DATABASES["default"].setdefault("TEST", {})
# PgBouncer in transaction pooling mode (docker-compose.yml): the server
# connection may change between transactions, so no server-side cursors (an
# iterator's WITH HOLD cursor would be looked for on another connection:
# tests/deploy/test_pgbouncer.py) and no prepared statements (Django's default
# client-side binding prepares none; `prepare_threshold: None` keeps it so if
# OPTIONS["server_side_binding"] is ever turned on). Django's persistent
# connection to PgBouncer may stay (CONN_MAX_AGE).
if env_bool("PGBOUNCER"):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth, sessions, throttling ------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Absolute lifetime 12 h from the sign-in time kept in the session (the expiry
# is a fixed moment, never renewed); idle timeout 30 min. Both are enforced by
# SessionTimeoutMiddleware.
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_RESET_ON_SUCCESS = True
# Two tiers: failures for one account from one address, and failures for one
# account from any address (guessing spread over many machines). Sign-in
# attempts from one address across many accounts (one password tried on every
# account) are throttled by LOGIN_IP_RATE (mentorship.throttle).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# A reset link is good for an hour (Django's default is three days).
PASSWORD_RESET_TIMEOUT = 60 * 60

# --- Cache: throttle counters and the worker heartbeat, shared by every web
# node: Redis when there is one, else a database table. Sessions are in
# PostgreSQL (the default engine), django-axes counts failures in PostgreSQL,
# locks are row locks, CSRF tokens and messages travel in cookies.
CACHES: dict[str, dict[str, Any]]
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("CACHE_URL", os.environ["REDIS_URL"]),
            "KEY_PREFIX": "mentorship",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "mentorship_cache",
        }
    }
# "count/seconds": verification look-ups per address; reset e-mails per
# address and per e-mail; sign-in attempts per address across accounts.
VERIFY_RATE = os.environ.get("VERIFY_RATE", "30/600")
PASSWORD_RESET_RATE_IP = os.environ.get("PASSWORD_RESET_RATE_IP", "10/3600")
PASSWORD_RESET_RATE_EMAIL = os.environ.get("PASSWORD_RESET_RATE_EMAIL", "3/3600")
LOGIN_IP_RATE = os.environ.get("LOGIN_IP_RATE", "50/900")
# --- Issued documents: verification address, signatures ---------------------------
# the address printed (and encoded in the QR code) on every issued document
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# PAdES: one key and certificate per issuing body (mentorship/signing.py)
DOCUMENT_SIGNING_DIR = os.environ.get("DOCUMENT_SIGNING_DIR", str(BASE_DIR / ".signing"))
DOCUMENT_SIGNING_KEY_PASSWORD = os.environ.get("DOCUMENT_SIGNING_KEY_PASSWORD", "")
DOCUMENT_TRUST_ROOTS = env_list("DOCUMENT_TRUST_ROOTS")
# ЭЦП (NCALayer CMS) of chairs: the roots their certificates must chain to
# (the NCA's roots in production; mentorship/ecp.py)
ECP_TRUST_ROOTS = env_list("ECP_TRUST_ROOTS")
ECP_INTERMEDIATES = env_list("ECP_INTERMEDIATES")
# sign-in with ЭЦП: how long the nonce NCALayer signs stays valid (seconds)
ECP_LOGIN_NONCE_SECONDS = int(os.environ.get("ECP_LOGIN_NONCE_SECONDS", "300"))
# attachments of one report (§16.5 reports with their supporting documents)
REPORT_MAX_ATTACHMENTS = int(os.environ.get("REPORT_MAX_ATTACHMENTS", "10"))
# Preamble: first appointment counts for a year (the Regulation's); a change of
# specialisation or region or a return from childcare leave has no limit in the
# text — this is how many months such an event still makes a judge eligible
# for admission (0 = no limit). Once admitted, the participation carries on.
OTHER_GROUND_WINDOW_MONTHS = int(os.environ.get("OTHER_GROUND_WINDOW_MONTHS", "24"))

# --- Internationalisation ------------------------------------------------------
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["mentorship.formats"]
TIME_ZONE = "Asia/Almaty"  # UTC+5 for the whole country since 1 March 2024
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor", BASE_DIR / "node_modules")]
# Report attachments: in PostgreSQL beside the issued documents (every web node
# reads them), or in S3-compatible object storage when S3_BUCKET is set.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", "attachments"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "mentorship.storage.DatabaseStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, whitenoise serves from the source folders too, so pages
# keep their styles with DEBUG off (the default) under runserver or gunicorn.
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"  # not served: attachments go through a permission-checked view
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 2**20)))


# --- Forms ---------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Audit trail (django-pghistory): triggers in the same transaction ---------
# mentorship/triggers.py installs its own _pgh_attach_context after migrate
PGHISTORY_INSTALL_CONTEXT_FUNC_ON_MIGRATE = False
PGHISTORY_APPEND_ONLY = True  # UPDATE/DELETE on event tables raise in PostgreSQL
PGHISTORY_ADMIN_MODEL = "pghistory.MiddlewareEvents"

# --- Celery --------------------------------------------------------------------
from celery.schedules import crontab  # noqa: E402

REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# First look without Redis (scripts/run.sh): an embedded broker in a folder,
# so a real worker and beat run beside runserver and scheduled jobs happen.
if not REDIS_URL and env_bool("CELERY_FILESYSTEM_BROKER"):
    _queue = BASE_DIR / ".celery" / "queue"
    _queue.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "store_processed": False,
        "control_folder": str(BASE_DIR / ".celery" / "control"),
    }
    CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = False  # per task: PDF and e-mail tasks acknowledge late
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# §17–19: the reporting year is the calendar year or the academic year
# (1 September – 31 August); the yearly job reports on the year just ended.
REPORT_YEAR = os.environ.get("REPORT_YEAR", "calendar")
# Queues: documents (PDFs: annual reports), mail (notification e-mails),
# reports (scheduled jobs: term watch, yearly reports); workers are started
# per queue (docker-compose.yml) and scale independently.
from kombu import Queue  # noqa: E402

CELERY_TASK_QUEUES_NAMES = ("documents", "mail", "reports")
# a worker started without -Q (scripts/run.sh, tests) consumes all three
CELERY_TASK_QUEUES = [Queue(name) for name in CELERY_TASK_QUEUES_NAMES]
CELERY_TASK_DEFAULT_QUEUE = "reports"
CELERY_TASK_ROUTES = {
    "reports.tasks.generate_annual_report": {"queue": "documents"},
    "mentorship.tasks.send_notification_emails": {"queue": "mail"},
    "programs.tasks.watch_terms": {"queue": "reports"},
    "courts.tasks.run_import": {"queue": "reports"},
    "reports.tasks.annual_reports_due": {"queue": "reports"},
}
CELERY_WORKER_SEND_TASK_EVENTS = False
# /healthz: each queue's worker writes a heartbeat every minute (beat).
HEARTBEAT_MAX_AGE = int(os.environ.get("HEARTBEAT_MAX_AGE", "180"))
HEALTHZ_MIN_FREE_BYTES = int(os.environ.get("HEALTHZ_MIN_FREE_BYTES", str(500 * 2**20)))
CELERY_BEAT_SCHEDULE: dict = {
    **{
        f"heartbeat-{queue}": {
            "task": "mentorship.tasks.heartbeat",
            "schedule": 60.0,
            "args": [queue],
            "options": {"queue": queue, "expires": 55},
        }
        for queue in CELERY_TASK_QUEUES_NAMES
    },
    "term-watch-daily": {
        "task": "programs.tasks.watch_terms",
        "schedule": crontab(hour=6, minute=0),
    },
    "annual-reports-yearly": {
        "task": "reports.tasks.annual_reports_due",
        # runs on the first days of January and September; the task decides
        # from REPORT_YEAR whether a reporting year has just ended
        "schedule": crontab(hour=3, minute=0, day_of_month="1-3", month_of_year="1,9"),
    },
}

# --- E-mail --------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "mentorship@localhost")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "media" / "mail"))

# --- Confidential journal (§4.2): encryption keys at rest -----------------------
# JOURNAL_KEYS: comma-separated Fernet keys, newest first. Entries are written
# with the first key and read with any; `manage.py rotate_journal_keys`
# re-encrypts every entry with the first key, after which old keys can go.
# Without it (first look, tests), a key is derived from SECRET_KEY.
JOURNAL_KEYS = env_list("JOURNAL_KEYS", "")
if not JOURNAL_KEYS:
    if PRODUCTION:
        raise RuntimeError("JOURNAL_KEYS must be set when DJANGO_PRODUCTION=1")
    import base64
    import hashlib

    JOURNAL_KEYS = [
        base64.urlsafe_b64encode(
            hashlib.sha256(b"journal:" + SECRET_KEY.encode()).digest()
        ).decode()
    ]

# --- Logging: never personal data or journal text in logs ----------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Browser policy: Content-Security-Policy (django-csp), Permissions-Policy --
# No inline script, handler or style anywhere: behaviour is in static/js.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        # Bootstrap's CSS draws its icons (select arrow, close, toggler) as
        # data: SVG images
        "img-src": ["'self'", "data:"],
        # NCALayer (ЭЦП) listens on the signer's own computer
        "connect-src": ["'self'", "wss://127.0.0.1:13579"],
    },
}
# (Permissions-Policy is set by mentorship.middleware.PrivateResponseMiddleware.)

# --- Production hardening (manage.py check --deploy: zero warnings) -----------
# BEHIND_PROXY=1: a reverse proxy that sets X-Forwarded-Proto itself (nginx in
# docker-compose.yml, overwriting the client's) is the only way in; without
# it the header is a client's word and is not trusted.
BEHIND_PROXY = env_bool("BEHIND_PROXY") or env_bool("TRUST_PROXY_HEADERS")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_CLIENT_IP_CALLABLE = "mentorship.proxy.client_ip"  # X-Real-IP from the proxy
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"


# --- Second factor (#12.5, mentorship/two_factor.py) ---------------------------
OTP_TOTP_ISSUER = "Judicial mentorship"
OTP_ATTEMPT_RATE = os.environ.get("OTP_ATTEMPT_RATE", "10/900")  # codes per account
# #12.2: the judge's one-time enrolment code (handed over by the court's HR)
ENROLMENT_CODE_HOURS = int(os.environ.get("ENROLMENT_CODE_HOURS", "72"))
ENROLMENT_RATE = os.environ.get("ENROLMENT_RATE", "10/900")  # code attempts per computer
