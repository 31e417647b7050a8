"""List and dashboard pages cost a fixed number of queries however many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["dashboard", "court_list", "judge_list", "roster_list",
                                  "seminar_list"])
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

    mentor_entry, tutor_entry = h.roster_entries(world) if not hasattr(world, "_entries") else \
        world._entries
    world._entries = (mentor_entry, tutor_entry)
    for i in range(n):
        judge = h.protege(world)
        ProtegePreference.objects.create(protege=judge, entry=mentor_entry, rank=1)
        h.active_pair(world, protege_judge=judge,
                      entry=mentor_entry if i % 2 else tutor_entry)
        flagged = f.judge(world.district_court)
        QualityFlag.objects.create(judge=flagged, reasons="сапа", flagged_on=f.dt.date.today(),
                                   flagged_by=world.users["court_chair"])
        h.protege(world)


@pytest.mark.parametrize(("name", "actor"), [("needs_analysis", "coordinator"),
                                             ("pair_list", "coordinator"),
                                             ("pair_list", "central_council"),
                                             ("dashboard", "coordinator")])
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
            services.add_plan_item(by=protege, pair=pair, task=i % 7 + 1, description=f"№{i}",
                                   expected_result="нәтиже", due_on=due)

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
