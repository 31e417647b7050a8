"""#16: the dashboards' figures are cached under the data version
(mentorship.dataversion); every table they count moves it on, so a cached
figure is never served after a change to what it counts."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship import dataversion
from programs.models import Pair
from tests import factories as f
from tests.programs import helpers as h

OFFICES = [
    "regional_chair",
    "court_chair",
    "coordinator",
    "branch_council",
    "training_centre",
    "hr_officer",
    "central_council",
    "union_chair",
    "judge",
]
TABLE = re.compile(r'(?:FROM|JOIN)\s+"([a-z_]+)"')


PAGES = [(actor, "dashboard") for actor in OFFICES] + [
    ("coordinator", "needs_analysis"),
    ("branch_council", "needs_analysis"),
]


def test_every_table_the_cached_parts_read_moves_the_version_on(client, world):
    """The queries a page makes when its cached part is missing and not when
    it is there are the cached part's: each table they read carries the
    trigger that moves the data version on."""
    h.active_pair(world)
    read: set[str] = set()
    for actor, name in PAGES:
        client.force_login(world.users[actor])
        url = reverse(name)
        client.get(url)  # the session's first request writes it
        cache.clear()
        with CaptureQueriesContext(connection) as missed:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as cached:
            assert client.get(url).status_code == 200
        served = {q["sql"] for q in cached.captured_queries}
        only_missed = [q["sql"] for q in missed.captured_queries if q["sql"] not in served]
        assert only_missed, (actor, name)  # the cached part made queries of its own
        # (the session's row carries the request's time: not the cached part)
        read |= {t for sql in only_missed for t in TABLE.findall(sql) if t != "django_session"}
    assert {"programs_pair", "courts_judge", "courts_careerevent"} <= read  # the capture works
    assert read <= set(dataversion.TABLES), read - set(dataversion.TABLES)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'mentorship_data_version'"
        )
        triggered = {r[0] for r in cursor.fetchall()}
    assert set(dataversion.TABLES) == triggered


def test_a_new_preference_shows_in_the_cached_needs_analysis(client, world):
    from programs.models import ProtegePreference

    mentor_entry, _tutor = h.roster_entries(world)
    judge = h.protege(world)
    client.force_login(world.users["coordinator"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("needs_analysis")).content.decode()
    assert judge.full_name in page
    assert f"1. {mentor_entry.judge.full_name}" not in page
    ProtegePreference.objects.create(protege=judge, entry=mentor_entry, rank=1)
    page = client.get(reverse("needs_analysis")).content.decode()
    assert f"1. {mentor_entry.judge.full_name}" in page


@pytest.mark.parametrize("table_write", ["orm", "sql"])
def test_a_write_moves_the_version_on_a_read_does_not(world, table_write):
    pair = h.active_pair(world)
    before = dataversion.current()
    list(Pair.objects.all())
    assert dataversion.current() == before
    if table_write == "orm":
        Pair.objects.filter(pk=pair.pk).update(ground=pair.ground)
    else:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE courts_judge SET email = email WHERE id = %s", [pair.mentor_id])
    assert dataversion.current() > before


def test_after_the_commit_the_version_moves_on_again_only_if_something_was_written(
    transactional_db,
):
    """The trigger fires before the commit; a reader between the two might
    cache the old figures under the new number: a request that wrote moves
    the number on once more after committing (BumpAfterWriteMiddleware)."""
    region = f.region()
    dataversion.bump_if_written()  # whatever the fixtures wrote
    with transaction.atomic():
        f.court(region)
        in_transaction = dataversion.current()
        dataversion.bump_if_written()  # still inside: nothing is done
        assert dataversion.current() == in_transaction
    dataversion.bump_if_written()
    committed = dataversion.current()
    assert committed > in_transaction
    dataversion.bump_if_written()  # nothing written since
    assert dataversion.current() == committed


def _shown(client, testid: str) -> int:
    page = client.get(reverse("dashboard")).content.decode()
    return int(re.search(rf'data-testid="{testid}">(\d+)<', page).group(1))


def test_the_dashboard_serves_its_figures_from_the_cache_until_they_change(client, world):
    client.force_login(world.users["coordinator"])
    client.get(reverse("dashboard"))  # the session's first request writes it
    cache.clear()
    with CaptureQueriesContext(connection) as missed:
        judges = _shown(client, "judge-count")
    with CaptureQueriesContext(connection) as cached:
        assert _shown(client, "judge-count") == judges
    assert len(cached.captured_queries) < len(missed.captured_queries)
    assert any("courts_careerevent" in q["sql"] for q in missed.captured_queries)
    assert not any("courts_careerevent" in q["sql"] for q in cached.captured_queries)
    f.judge(world.district_court)  # a new judge in the region: the figure moves
    assert _shown(client, "judge-count") == judges + 1
