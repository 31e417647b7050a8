"""#10: a service locks the rows it changes and nothing else. Another
connection holds a lock on a row the service must NOT need (the region, the
judges of the pair); with a short lock_timeout the service still completes.
Numbers come from counter rows, and the term watch commits reminder by
reminder."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from courts.models import Region
from programs import services
from programs.models import Pair, RegionCounter
from tests.programs import helpers as h


class Holder:
    """A second connection that locks one row and holds it until released."""

    def __init__(self, sql: str, params: list):
        self.sql, self.params = sql, params
        self.locked, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self):
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(self.sql, self.params)
                self.locked.set()
                self.release.wait(timeout=30)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        assert self.locked.wait(timeout=10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(timeout=30)


def quick(call):
    """Run a service with a 2 s lock timeout: waiting on a held row fails."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
        return call()


@pytest.mark.django_db(transaction=True)
def test_registering_a_pair_does_not_lock_the_region(world):
    mentor_entry, _tutor = h.roster_entries(world)
    judge = h.protege(world)
    pair = services.propose_pair(
        by=h.as_office(world.users["coordinator"]), protege=judge, entry=mentor_entry
    )
    services.answer_pair(by=judge.user, pair=pair, accept=True)
    services.answer_pair(by=mentor_entry.judge.user, pair=pair, accept=True)
    # an ordinary update of the region row elsewhere (FOR NO KEY UPDATE): the old
    # region lock (FOR UPDATE) waited for it; foreign-key checks do not
    region_row = f"SELECT 1 FROM {Region._meta.db_table} WHERE id = %s FOR NO KEY UPDATE"
    with Holder(region_row, [world.region.pk]):
        pair = quick(
            lambda: services.register_pair(by=h.as_office(world.users["branch_council"]), pair=pair)
        )
    assert pair.status == "active" and pair.register_number == 1
    assert RegionCounter.objects.get(region=world.region, kind="register").last == 1


@pytest.mark.django_db(transaction=True)
def test_a_pair_action_does_not_lock_the_judges_rows(world):
    pair = h.active_pair(world)
    judge_row = "SELECT 1 FROM courts_judge WHERE id = %s FOR NO KEY UPDATE"
    with Holder(judge_row, [pair.protege_id]), Holder(judge_row, [pair.mentor_id]):
        quick(
            lambda: services.add_plan_item(
                by=pair.mentor.user,
                pair=pair,
                task=1,
                description="Судебная практика",
                expected_result="Обзор",
                due_on=pair.term_ends_on,
            )
        )
    assert Pair.objects.get(pk=pair.pk).plan.versions.get().items.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_late_counter_starts_above_the_numbers_already_issued(world):
    first = h.active_pair(world)
    RegionCounter.objects.all().delete()  # as before the counters existed
    second = h.active_pair(world, role="tutor")
    assert (first.register_number, second.register_number) == (1, 2)


@pytest.mark.django_db(transaction=True)
def test_the_term_watch_commits_each_reminder_on_its_own(world, monkeypatch):
    """The run is not one transaction: while it goes on, another connection
    already sees each reminder it has sent (a run stopped half-way keeps them)."""
    import datetime as dt

    from mentorship.models import Reminder
    from programs.services import term_watch

    first = h.active_pair(world)
    h.active_pair(world, role="tutor")
    today = first.term_ends_on - dt.timedelta(days=5)
    seen_meanwhile = []
    real = term_watch.remind_once

    def observed(*args, **kwargs):
        sent = real(*args, **kwargs)
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {Reminder._meta.db_table}")  # noqa: S608
                seen_meanwhile.append(cursor.fetchone()[0])
        finally:
            other.close()
        return sent

    monkeypatch.setattr(term_watch, "remind_once", observed)
    counts = services.watch_terms(today)
    assert counts["term_ending"] == 2
    assert seen_meanwhile[:2] == [1, 2]
