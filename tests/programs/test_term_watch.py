"""The daily term watch (programs.services.watch_terms): reminders 30 and 7 days
before a term ends (§5, §1.6), pairs past their term brought to the branch
council (§14), overdue plan items (§15.5) and lapsed protégé grounds (§10.1,
preamble). Every reminder goes out once however often (or however
concurrently) the job runs. The clock is moved by passing `today`."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from django.db import connection
from django.utils import timezone, translation

from courts.models import CareerEvent, Office, OfficeAssignment
from courts.rules import add_years
from mentorship.models import Notification, Reminder
from mentorship.notifications import render
from mentorship.officestyle import long_date_all
from programs import services
from programs.models import Pair
from programs.regulation import add_months
from tests import factories as f
from tests.programs import helpers as h

DAY = dt.timedelta(days=1)


def kinds(kind: str):
    return Notification.objects.filter(kind=kind)


def recipients(kind: str) -> list[int]:
    return sorted(kinds(kind).values_list("user_id", flat=True))


def ids(*users) -> list[int]:
    return sorted(u.pk for u in users)


@pytest.fixture
def entries(world):
    """The region's approved roster: (mentor entry, tutor entry)."""
    return h.roster_entries(world)


@pytest.fixture
def pair(world, entries):
    return h.active_pair(world, entry=entries[0])


def approved_plan(world, pair, *dues: dt.date):
    """The pair drafts items due on `dues`, the court chair approves (§2)."""
    items = [
        services.add_plan_item(
            by=pair.mentor.user,
            pair=pair,
            task=n % 7 + 1,
            description=f"Тапсырма {n}",
            expected_result="Нәтиже",
            due_on=due,
        )
        for n, due in enumerate(dues, start=1)
    ]
    services.submit_plan(by=pair.protege.user, pair=pair)
    services.decide_plan(by=h.as_office(world.users["court_chair"]), pair=pair, approve=True)
    return items


# --- §5, §1.6: term ending -----------------------------------------------------------


class TestTermEnding:
    def test_s5_30_days_before_the_end_protege_mentor_and_coordinator_are_reminded_once(
        self, world, pair
    ):
        day = pair.term_ends_on - dt.timedelta(days=30)
        counts = services.watch_terms(day)
        assert counts["term_ending"] == 1
        assert recipients("term_ending") == ids(
            pair.protege.user, pair.mentor.user, world.users["coordinator"]
        )
        # the other region's coordinator and the council are not told
        assert (
            not kinds("term_ending")
            .filter(user__in=[world.users["other_region"], world.users["branch_council"]])
            .exists()
        )
        params = kinds("term_ending").first().params
        assert params["days"] == "30"
        # a long-form date with the Kazakh case ending the sentence needs
        assert params["end"] == long_date_all(pair.term_ends_on, "loc")
        assert params["protege"] == pair.protege.full_name
        # again the same day, and the next day (still the 30-day reminder): nothing new
        assert services.watch_terms(day)["term_ending"] == 0
        assert services.watch_terms(day + DAY)["term_ending"] == 0
        assert kinds("term_ending").count() == 3

    def test_s5_nothing_is_sent_31_days_before_the_end(self, world, pair):
        assert services.watch_terms(pair.term_ends_on - dt.timedelta(days=31))["term_ending"] == 0
        assert not kinds("term_ending").exists()

    def test_s5_7_days_before_the_end_a_second_reminder_goes_out(self, world, pair):
        services.watch_terms(pair.term_ends_on - dt.timedelta(days=30))
        counts = services.watch_terms(pair.term_ends_on - dt.timedelta(days=7))
        assert counts["term_ending"] == 1
        assert kinds("term_ending").count() == 6
        assert sorted(n.params["days"] for n in kinds("term_ending")) == ["30"] * 3 + ["7"] * 3
        # the following days add nothing
        for days_left in (6, 1, 0):
            day = pair.term_ends_on - dt.timedelta(days=days_left)
            assert services.watch_terms(day)["term_ending"] == 0
        assert kinds("term_ending").count() == 6

    def test_s5_a_fresh_pair_5_days_before_the_end_gets_one_reminder_not_two(self, world, pair):
        counts = services.watch_terms(pair.term_ends_on - dt.timedelta(days=5))
        assert counts["term_ending"] == 1
        assert recipients("term_ending") == ids(
            pair.protege.user, pair.mentor.user, world.users["coordinator"]
        )
        assert {n.params["days"] for n in kinds("term_ending")} == {"5"}
        assert Reminder.objects.filter(key__startswith=f"term_ending:{pair.pk}:").count() == 1
        assert services.watch_terms(pair.term_ends_on - dt.timedelta(days=4))["term_ending"] == 0

    def test_s14_the_day_after_the_term_ended_the_branch_council_is_told_once(self, world, pair):
        after = pair.term_ends_on + DAY
        counts = services.watch_terms(after)
        assert counts["term_ended"] == 1
        assert counts["term_ending"] == 0
        assert recipients("term_ended") == ids(world.users["branch_council"])
        assert kinds("term_ended").first().params["end"] == long_date_all(pair.term_ends_on, "loc")
        assert services.watch_terms(after)["term_ended"] == 0
        assert services.watch_terms(after + dt.timedelta(days=10))["term_ended"] == 0
        assert kinds("term_ended").count() == 1

    def test_s14_a_completed_pair_is_not_brought_to_the_council(self, world, pair):
        Pair.objects.filter(pk=pair.pk).update(status="completed", ended_on=pair.term_ends_on)
        assert services.watch_terms(pair.term_ends_on + DAY)["term_ended"] == 0
        assert services.watch_terms(pair.term_ends_on - dt.timedelta(days=7))["term_ending"] == 0
        assert not kinds("term_ended").exists() and not kinds("term_ending").exists()

    def test_s5_extension_resets_the_reminders_for_the_new_end(self, world, pair):
        old_end = pair.term_ends_on
        services.watch_terms(old_end - dt.timedelta(days=30))
        assert kinds("term_ending").count() == 3
        new_end = add_months(old_end, 6)
        services.extend_term(
            by=h.as_office(world.users["regional_chair"]),
            pair=pair,
            new_end=new_end,
            reasons="Кәсіби даярлық",
        )
        # the old end's 7-day reminder no longer applies, nor does the term end there
        assert services.watch_terms(old_end - dt.timedelta(days=7))["term_ending"] == 0
        assert services.watch_terms(old_end + DAY)["term_ended"] == 0
        counts = services.watch_terms(new_end - dt.timedelta(days=30))
        assert counts["term_ending"] == 1
        latest = kinds("term_ending").filter(user=pair.protege.user).order_by("-pk").first()
        assert latest.params["end"] == long_date_all(new_end, "loc")
        assert latest.params["days"] == "30"
        assert services.watch_terms(new_end - dt.timedelta(days=7))["term_ending"] == 1
        assert kinds("term_ending").count() == 9

    def test_s9_a_coordinator_whose_office_ended_is_not_told(self, world, pair):
        day = pair.term_ends_on - dt.timedelta(days=30)
        OfficeAssignment.objects.filter(user=world.users["coordinator"]).update(ends_on=day - DAY)
        successor = f.user(office=Office.COORDINATOR, region=world.region)
        services.watch_terms(day)
        assert recipients("term_ending") == ids(pair.protege.user, pair.mentor.user, successor)


# --- §15.5: plan items past due ----------------------------------------------------------


class TestOverdueItems:
    def test_s15_5_an_approved_item_past_due_and_not_fulfilled_is_reminded_once(self, world, pair):
        start = pair.registered_on
        late, done = approved_plan(
            world, pair, start + dt.timedelta(days=10), start + dt.timedelta(days=20)
        )
        services.check_plan_item(by=pair.mentor.user, pair=pair, item_id=done.pk, fulfilled=True)
        assert services.watch_terms(start + dt.timedelta(days=10))["item_overdue"] == 0  # due today
        counts = services.watch_terms(start + dt.timedelta(days=11))
        assert counts["item_overdue"] == 1
        assert recipients("item_overdue") == ids(pair.protege.user, pair.mentor.user)
        assert [n.params["due"] for n in kinds("item_overdue")] == [long_date_all(late.due_on)] * 2
        assert services.watch_terms(start + dt.timedelta(days=12))["item_overdue"] == 0
        # the fulfilled item is never reminded, even once its due date has passed
        assert services.watch_terms(start + dt.timedelta(days=25))["item_overdue"] == 0
        assert kinds("item_overdue").count() == 2

    def test_s15_5_once_fulfilled_an_item_no_longer_reminds(self, world, pair):
        start = pair.registered_on
        (item,) = approved_plan(world, pair, start + dt.timedelta(days=10))
        services.check_plan_item(by=pair.mentor.user, pair=pair, item_id=item.pk, fulfilled=True)
        for offset in (11, 40, 100):
            assert services.watch_terms(start + dt.timedelta(days=offset))["item_overdue"] == 0
        assert not kinds("item_overdue").exists()

    def test_s15_5_a_draft_plan_item_is_not_reminded(self, world, pair):
        start = pair.registered_on
        services.add_plan_item(
            by=pair.mentor.user,
            pair=pair,
            task=1,
            description="Жоба",
            expected_result="Нәтиже",
            due_on=start + dt.timedelta(days=3),
        )
        assert services.watch_terms(start + dt.timedelta(days=30))["item_overdue"] == 0

    def test_s16_2_an_agreed_correction_does_not_repeat_the_overdue_reminder(self, world, pair):
        start = pair.registered_on
        approved_plan(world, pair, start + dt.timedelta(days=10))
        assert services.watch_terms(start + dt.timedelta(days=11))["item_overdue"] == 1
        services.start_correction(by=pair.mentor.user, pair=pair, reason="Толықтыру")
        services.propose_correction(by=pair.mentor.user, pair=pair)
        services.answer_correction(by=pair.protege.user, pair=pair, agree=True)
        assert services.watch_terms(start + dt.timedelta(days=12))["item_overdue"] == 0
        assert kinds("item_overdue").count() == 2


# --- §10.1, preamble: lapsed protégé grounds ----------------------------------------------


class TestLapsedGrounds:
    def test_s10_1_a_judge_whose_first_appointment_ground_lapsed_without_a_pair_is_reported(
        self, world
    ):
        today = timezone.localdate()
        appointed = add_years(today, -1) - dt.timedelta(days=10)
        judge = f.judge(world.district_court, appointed=appointed)
        counts = services.watch_terms(today)
        assert counts["ground_lapsed"] == 1
        assert recipients("ground_lapsed") == ids(world.users["coordinator"])
        params = kinds("ground_lapsed").get().params
        assert params["judge"] == judge.full_name
        assert params["since"] == long_date_all(appointed, "abl")
        assert params["lapsed"] == long_date_all(add_years(appointed, 1), "loc")
        # the ground label reads in each language
        assert set(params["ground"]) == {"kk", "ru", "en"}
        # the same day and the following days: nothing new
        for offset in (0, 1, 5):
            assert services.watch_terms(today + dt.timedelta(days=offset))["ground_lapsed"] == 0
        assert kinds("ground_lapsed").count() == 1

    def test_s10_1_a_judge_in_another_region_goes_to_that_regions_coordinator(self, world):
        today = timezone.localdate()
        f.judge(world.other_court, appointed=add_years(today, -1) - dt.timedelta(days=3))
        assert services.watch_terms(today)["ground_lapsed"] == 1
        assert recipients("ground_lapsed") == ids(world.users["other_region"])

    def test_s10_1_an_admitted_judge_is_not_reported_but_one_never_admitted_is(
        self, world, entries
    ):
        # preamble: a judge admitted while the ground held goes on in the
        # participation (also after a declined pair); one never admitted is reported
        today = timezone.localdate()
        paired, declined, never = h.protege(world), h.protege(world), h.protege(world)
        h.active_pair(world, entry=entries[0], protege_judge=paired)
        proposal = services.propose_pair(
            by=h.as_office(world.users["coordinator"]), protege=declined, entry=entries[1]
        )
        services.answer_pair(by=declined.user, pair=proposal, accept=False)
        appointed = add_years(today, -1) - dt.timedelta(days=10)
        CareerEvent.objects.filter(
            judge__in=[paired, declined, never], kind="first_appointment"
        ).update(date=appointed)
        counts = services.watch_terms(today)
        assert counts["ground_lapsed"] == 1
        assert [n.params["judge"] for n in kinds("ground_lapsed")] == [never.full_name]

    def test_s10_1_a_ground_that_lapsed_long_ago_is_not_reported(self, world):
        today = timezone.localdate()
        f.judge(world.district_court, appointed=add_years(today, -2))
        assert services.watch_terms(today)["ground_lapsed"] == 0

    def test_s9_s10_1_a_lapsed_ground_reaches_a_coordinator_designated_the_next_day(self, world):
        today = timezone.localdate()
        region = f.region("gamma")
        judge = f.judge(f.court(region), appointed=add_years(today, -1) - dt.timedelta(days=5))
        services.watch_terms(today)  # no coordinator in gamma yet
        coordinator = f.user(office=Office.COORDINATOR, region=region)
        services.watch_terms(today + DAY)
        assert [n.params["judge"] for n in kinds("ground_lapsed").filter(user=coordinator)] == [
            judge.full_name
        ]


# --- §4.2: no journal content in any notice ----------------------------------------------


def test_s4_2_reminders_never_carry_journal_text(world, pair):
    sentinel = "ҚҰПИЯ-SENTINEL-7f3a"
    services.add_journal_entry(
        by=pair.mentor.user,
        pair=pair,
        kind="meeting",
        occurred_on=timezone.localdate(),
        text=f"{sentinel} кездесу",
    )
    start = pair.registered_on
    approved_plan(world, pair, start + dt.timedelta(days=5))
    for day in (
        start + dt.timedelta(days=6),
        pair.term_ends_on - dt.timedelta(days=30),
        pair.term_ends_on - dt.timedelta(days=7),
        pair.term_ends_on + DAY,
    ):
        services.watch_terms(day)
    sent = list(Notification.objects.all())
    assert {"term_ending", "term_ended", "item_overdue"} <= {n.kind for n in sent}
    for n in sent:
        assert sentinel not in json.dumps(n.params, ensure_ascii=False), n.kind
        for lang in ("kk", "ru", "en"):
            with translation.override(lang):
                assert sentinel not in render(n.kind, n.params)
    assert not any(sentinel in r.key for r in Reminder.objects.all())


# --- concurrency: two workers run the job at the same moment ---------------------------


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_reminder_exactly_once(world):
    mentor_entry, _tutor_entry = h.roster_entries(world)
    pair = h.active_pair(world, entry=mentor_entry)
    start = pair.registered_on
    approved_plan(world, pair, start + dt.timedelta(days=5))
    day = pair.term_ends_on - dt.timedelta(days=30)  # also past the item's due date
    f.judge(world.district_court, appointed=add_years(day, -1) - dt.timedelta(days=10))
    before = Notification.objects.count()

    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(services.watch_terms(day))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert len(results) == 2
    for kind in ("term_ending", "item_overdue", "ground_lapsed"):
        assert sum(r[kind] for r in results) == 1, (kind, results)
    assert kinds("term_ending").count() == 3
    assert kinds("item_overdue").count() == 2
    assert kinds("ground_lapsed").count() == 1
    assert Notification.objects.count() - before == 6
