import os

import pytest

from tests import factories as f
from tests.xdist_services import own_redis_database

own_redis_database()

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.fixture(autouse=True)
def _eager_celery(request):
    """Tasks run in-process in tests, except where a test drives a real worker."""
    from mentorship.celery import app

    eager = "redis" not in request.keywords
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def signing_folder(tmp_path_factory):
    """A test CA and the default body certificate, generated once per session
    (per xdist worker): every issued document is signed with it."""
    from mentorship.signing import make_test_certificates

    folder = tmp_path_factory.mktemp("signing")
    make_test_certificates(folder)
    return folder


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path, signing_folder):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DOCUMENT_SIGNING_DIR = str(signing_folder)
    settings.DOCUMENT_TRUST_ROOTS = [str(signing_folder / "ca.cert.pem")]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # the test process keeps its cache in memory, as before Redis became the
    # cache (a shared Redis would carry counters from test to test); the live
    # processes of tests/deploy use Redis
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    # Whitenoise's manifest storage needs collectstatic; tests use the plain one.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # throttle counters: a fresh in-process cache per test (the Redis and
    # database caches are exercised in tests/mentorship/test_hardening.py)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(tmp_path),
        }
    }


@pytest.fixture
def client():
    """Django's test client whose `force_login` also passes the second factor
    (tests/otp.py); `force_login_password_only` stops before it."""
    from tests.otp import VerifiedClient

    return VerifiedClient()


@pytest.fixture
def world(db):
    """Two regions, each with a regional court and district courts, judges and
    one user per office. Region B is 'another region' for scope tests."""
    from courts.models import CourtLevel, Office

    class W:
        pass

    w = W()
    w.region = f.region("alpha")
    w.other_region = f.region("beta")
    w.regional_court = f.court(w.region, level=CourtLevel.REGIONAL)
    w.district_court = f.court(w.region)
    w.small_court = f.court(w.region, small=True)
    w.other_court = f.court(w.other_region)
    w.judge = f.judge(w.district_court)
    w.other_judge = f.judge(w.other_court)
    w.users = {
        "regional_chair": f.user("regional_chair", office=Office.REGIONAL_CHAIR, region=w.region),
        "court_chair": f.user("court_chair", office=Office.COURT_CHAIR, court=w.district_court),
        "coordinator": f.user("coordinator", office=Office.COORDINATOR, region=w.region),
        "branch_council": f.user("branch_council", office=Office.BRANCH_COUNCIL, region=w.region),
        "training_centre": f.user(
            "training_centre", office=Office.TRAINING_CENTRE, region=w.region
        ),
        "hr_officer": f.user("hr_officer", office=Office.HR_OFFICER, court=w.district_court),
        "central_council": f.user("central_council", office=Office.CENTRAL_COUNCIL),
        "union_chair": f.user("union_chair", office=Office.UNION_CHAIR),
        "administrator": f.user("administrator", office=Office.ADMINISTRATOR),
        "judge": f.user("judge", judge_record=w.judge),
        "other_region": f.user("other_region", office=Office.COORDINATOR, region=w.other_region),
    }
    return w


def nginx_binary() -> str | None:
    import shutil

    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None
    )


def pytest_collection_modifyitems(config, items):
    browser = os.path.exists("/usr/bin/chromium")
    for item in items:
        if "browser" in item.keywords and not browser:
            item.add_marker(pytest.mark.skip(reason="Debian chromium is not installed"))
        if "redis" in item.keywords and not os.environ.get("REDIS_URL"):
            item.add_marker(pytest.mark.skip(reason="REDIS_URL is not set"))
        if "server_db" in item.keywords and not os.environ.get("DATABASE_URL"):
            item.add_marker(pytest.mark.skip(reason="DATABASE_URL is not set"))
        if "nginx" in item.keywords and not nginx_binary():
            item.add_marker(pytest.mark.skip(reason="Debian nginx is not installed"))


_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if REQUIRE_SERVICES and _skipped:
        print(f"\nREQUIRE_SERVICES=1 but {len(_skipped)} tests were skipped:")
        for nodeid in _skipped[:20]:
            print("  ", nodeid)
        session.exitstatus = 1


@pytest.fixture
def _workers_alive(settings):
    """/healthz answers 200 only when each queue's worker has beaten lately
    (tests/mentorship/test_health.py); here its access is what is checked."""
    from mentorship.health import record_heartbeat

    for queue in settings.CELERY_TASK_QUEUES_NAMES:
        record_heartbeat(queue)
