"""#10: every dashboard figure counts the rows of the list its link opens, for
every office, on a world with pairs in every state that a figure counts (a
court chair's "Active pairs" once counted fewer pairs than its list)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from django.utils import timezone, translation

from programs.models import Pair
from programs.regulation import add_months, default_term_end
from reports.queries import key_figures
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
]


@pytest.fixture
def varied(world):
    """Pairs in the states the figures count, with the protégé in the world's
    district court and (for one) the mentor only in the court chair's court."""
    today = timezone.localdate()
    active = h.active_pair(world)  # active, term in a year
    ending = h.active_pair(world, role="tutor")  # active, ends this month
    ends_on(ending, today.replace(day=28) if today.day <= 28 else today)
    overdue = h.active_pair(world, protege_judge=h.protege(world, months_ago=3))
    ends_on(overdue, today - dt.timedelta(days=3))
    h.proposed_world_pair(world)  # awaiting consent
    completed = h.active_pair(world, protege_judge=h.protege(world, months_ago=4))
    Pair.objects.filter(pk=completed.pk).update(status="completed", ended_on=today)
    return world, active


def ends_on(pair, day: dt.date) -> None:
    """Move the pair's twelve-month term so that it ends on `day` (§5)."""
    registered = add_months(day + dt.timedelta(days=1), -12)
    assert default_term_end(registered) == day
    Pair.objects.filter(pk=pair.pk).update(registered_on=registered, term_ends_on=day)


def rows_behind(client, link: str) -> int:
    """How many rows the page behind a figure's link lists."""
    path = urlsplit(link).path
    response = client.get(link)
    assert response.status_code == 200, link
    name = resolve(path).url_name
    context = response.context
    if name == "pair_list":
        return context["page"].paginator.count
    if name == "needs_analysis":
        return sum(1 for r in context["rows"] if not r["tutor"] and not r["mentor"])
    if name == "copies_inbox":
        return sum(1 for c in context["copies"] if c.acknowledged_at is None)
    if name == "plans_to_approve":
        return len(context["plans"])
    raise AssertionError(f"no row counter for {name}")


@pytest.mark.parametrize("actor", OFFICES)
def test_each_figure_counts_the_rows_of_its_list(client, varied, actor):
    world, _active = varied
    user = h.as_office(world.users[actor])
    figures = key_figures(user.office, user.user)
    assert figures, actor
    client.force_login(world.users[actor])
    checked = 0
    for label, number, link in figures:
        if urlsplit(link).path.endswith("/council/"):
            continue  # the council's queue: counted in the next test
        assert rows_behind(client, link) == number, (actor, str(label), link)
        checked += 1
    assert checked


@pytest.mark.parametrize("actor", ["branch_council", "training_centre"])
def test_the_queue_figures_count_the_queue(client, world, actor):
    report = h.world_report(world)  # a submitted report to the branch council
    assert report.status == "submitted"
    user = h.as_office(world.users[actor])
    with translation.override("en"):
        figures = {
            str(label): (number, link)
            for label, number, link in key_figures(user.office, user.user)
        }
    client.force_login(world.users[actor])
    queue = client.get(figures["Reports to review"][1]).context
    assert figures["Reports to review"][0] == len(queue["reports"])
    if actor == "branch_council":
        assert figures["Petitions"][0] == len(queue["petitions"])
