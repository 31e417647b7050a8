"""List and dashboard pages cost a fixed number of queries however many rows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f


def count_queries(client, url):
    """The queries of a request with the dashboards' figures not cached (a
    change to what they count recomputes them: that request is the one whose
    cost must not grow with the rows)."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "name", ["dashboard", "court_list", "judge_list", "roster_list", "seminar_list"]
)
def test_the_page_costs_the_same_with_few_and_many_rows(client, world, name):
    client.force_login(world.users["central_council"])
    url = reverse(name)
    client.get(url)  # warm-up: the first request of a session also writes the session
    few = count_queries(client, url)
    for i in range(60):
        court = f.court(world.region) if i % 10 == 0 else world.district_court
        f.judge(court, events=(("transfer_region", f.dt.date(2026, 1, 1)),))
    many = count_queries(client, url)
    assert many == few, (name, few, many)


def _more_pairs(world, n: int):
    """n more active pairs in the region, each with its own protégé and a
    preference, plus n flagged and n new judges without a pair."""
    from courts.models import QualityFlag
    from programs.models import ProtegePreference
    from tests.programs import helpers as h

    mentor_entry, tutor_entry = (
        h.roster_entries(world) if not hasattr(world, "_entries") else world._entries
    )
    world._entries = (mentor_entry, tutor_entry)
    for i in range(n):
        judge = h.protege(world)
        ProtegePreference.objects.create(protege=judge, entry=mentor_entry, rank=1)
        h.active_pair(world, protege_judge=judge, entry=mentor_entry if i % 2 else tutor_entry)
        flagged = f.judge(world.district_court)
        QualityFlag.objects.create(
            judge=flagged,
            reasons="сапа",
            flagged_on=f.dt.date.today(),
            flagged_by=world.users["court_chair"],
        )
        h.protege(world)
        h.application(world)  # §4.1: the needs analysis lists applications too


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("needs_analysis", "coordinator"),
        ("pair_list", "coordinator"),
        ("pair_list", "central_council"),
        ("dashboard", "coordinator"),
        ("dashboard", "judge"),
    ],
)
def test_pair_pages_cost_the_same_with_few_and_many_pairs(client, world, name, actor):
    client.force_login(world.users[actor])
    url = reverse(name)
    _more_pairs(world, 2)
    client.get(url)
    few = count_queries(client, url)
    _more_pairs(world, 25)
    many = count_queries(client, url)
    assert many == few, (name, few, many)


def test_the_plan_page_costs_the_same_with_few_and_many_items_and_versions(client, world):
    import datetime as dt

    from programs import services
    from tests.programs import helpers as h

    pair = h.world_pair(world)
    protege, mentor = pair.protege.user, pair.mentor.user
    due = pair.registered_on + dt.timedelta(days=40)

    def add(n):
        for i in range(n):
            services.add_plan_item(
                by=protege,
                pair=pair,
                task=i % 7 + 1,
                description=f"№{i}",
                expected_result="нәтиже",
                due_on=due,
            )

    add(2)
    services.submit_plan(by=protege, pair=pair)
    services.decide_plan(by=h.as_office(world.users["court_chair"]), pair=pair, approve=True)
    client.force_login(mentor)
    url = reverse("pair_plan", args=[pair.pk])
    client.get(url)
    few = count_queries(client, url)
    for _round in range(3):
        services.start_correction(by=mentor, pair=pair, reason="түзету")
        add(10)
        services.propose_correction(by=mentor, pair=pair)
        services.answer_correction(by=protege, pair=pair, agree=True)
    many = count_queries(client, url)
    assert many == few


def _more_decided_pairs(world, n: int):
    """n more pairs, each with accepted reports, a pending petition of another
    pair, and an issued completion protocol with its copies."""
    from programs import services
    from tests.programs import helpers as h

    council = h.as_office(world.users["branch_council"])
    mentor_entry, tutor_entry = (
        world._entries if hasattr(world, "_entries") else h.roster_entries(world)
    )
    world._entries = (mentor_entry, tutor_entry)
    for i in range(n):
        pair = h.active_pair(world, entry=mentor_entry if i % 2 else tutor_entry)
        h.accepted_reports(world, pair)
        services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        protocol = services.create_protocol(
            by=council, region=world.region, held_on=f.dt.date.today(), members_present="А. Б."
        )
        services.add_decision(by=council, protocol=protocol, kind="completed", pairs=[pair])
        services.issue_protocol(by=council, protocol=protocol)
        other = h.active_pair(world, entry=tutor_entry if i % 2 else mentor_entry)
        services.file_petition(by=other.protege.user, pair=other, kind="no_need")
        h.accepted_reports(world, other)


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("council_queue", "branch_council"),
        ("council_queue", "training_centre"),
        ("protocol_list", "branch_council"),
        ("protocol_list", "central_council"),
        ("copies_inbox", "training_centre"),
        ("copies_inbox", "hr_officer"),
        ("notification_centre", "branch_council"),
        ("dashboard", "branch_council"),
        ("dashboard", "training_centre"),
        ("dashboard", "hr_officer"),
        ("dashboard", "court_chair"),
        ("dashboard", "union_chair"),
    ],
)
def test_council_pages_cost_the_same_with_few_and_many_decisions(client, world, name, actor):
    client.force_login(world.users[actor])
    url = reverse(name)
    _more_decided_pairs(world, 1)
    client.get(url)
    few = count_queries(client, url)
    _more_decided_pairs(world, 4)
    many = count_queries(client, url)
    assert many == few, (name, actor, few, many)


def test_personal_file_and_annual_list_cost_the_same(client, world):
    from programs.models import Pair
    from tests.programs import helpers as h

    _more_decided_pairs(world, 1)
    judge = Pair.objects.filter(status="completed").first().protege
    h.annual_report(world)
    pages = [
        ("hr_officer", reverse("personal_file", args=[judge.pk])),
        ("branch_council", reverse("annual_list")),
    ]
    few = {}
    for actor, url in pages:
        client.force_login(world.users[actor])
        client.get(url)
        few[url] = count_queries(client, url)
    _more_decided_pairs(world, 3)
    for actor, url in pages:
        client.force_login(world.users[actor])
        client.get(url)  # warm-up after signing in again
        assert count_queries(client, url) == few[url], url
