"""#16: no page does Python work proportional to the rows in its scope. The
model instances a request builds (judges, career events, quality flags,
pairs) are counted: with twice the judges of a scope holding more than a
page, they do not double (a page of a paginated list at most), whatever
grows in the database."""

import datetime as dt
from collections import Counter
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db.models.signals import post_init
from django.urls import reverse

from courts.models import CareerEvent, Judge, QualityFlag
from programs.models import Pair
from tests import factories as f
from tests.perf.test_query_budget import _more_pairs

WATCHED = (Judge, CareerEvent, QualityFlag, Pair)


@contextmanager
def built_in_python():
    counts: Counter = Counter()

    def seen(sender, **_kwargs):
        counts[sender.__name__] += 1

    for model in WATCHED:
        post_init.connect(seen, sender=model, weak=False)
    try:
        yield counts
    finally:
        for model in WATCHED:
            post_init.disconnect(seen, sender=model)


def _grow(world, n: int) -> None:
    """n more qualifying judges (first appointed this year, flagged, changed
    specialisation) in the region and the court, and n/5 more pairs."""
    today = dt.date.today()
    for i in range(n):
        court = world.district_court if i % 2 else world.regional_court
        judge = f.judge(court, appointed=today - dt.timedelta(days=30 + i))
        CareerEvent.objects.create(
            judge=judge, kind="specialisation_change", date=today - dt.timedelta(days=i)
        )
        if i % 3 == 0:
            QualityFlag.objects.create(
                judge=judge, reasons="—", flagged_on=today, flagged_by=world.users["court_chair"]
            )
    _more_pairs(world, max(1, n // 20))


PAGES = [
    ("dashboard", "central_council"),
    ("dashboard", "union_chair"),
    ("dashboard", "coordinator"),
    ("dashboard", "branch_council"),
    ("dashboard", "training_centre"),
    ("dashboard", "regional_chair"),
    ("dashboard", "court_chair"),
    ("needs_analysis", "coordinator"),
    ("judge_list", "central_council"),
    ("court_list", "central_council"),
    ("quality_flags", "court_chair"),
]


@pytest.mark.parametrize(("name", "actor"), PAGES)
def test_the_rows_built_in_python_do_not_grow_with_the_scope(client, world, name, actor):
    client.force_login(world.users[actor])
    url = reverse(name)
    _grow(world, 70)  # more qualifying judges than a page holds
    client.get(url)
    cache.clear()  # measured without the cached figures (mentorship.dataversion)
    with built_in_python() as full:
        assert client.get(url).status_code == 200
    _grow(world, 70)  # twice as many
    cache.clear()
    with built_in_python() as twice:
        assert client.get(url).status_code == 200
    assert full["Judge"] > 0 or name != "needs_analysis"  # the page does list judges
    for model in WATCHED:
        label = model.__name__
        # a page (whose rows bring a varying few related objects), or a fixed
        # number of figures: not twice as many with twice the scope
        assert twice[label] <= full[label] * 1.25 + 5, (name, label, full, twice)


@pytest.mark.parametrize(("name", "actor"), [("court_detail", "central_council")])
def test_the_court_page_builds_one_page_of_judges(client, world, name, actor):
    client.force_login(world.users[actor])
    for _ in range(70):
        f.judge(world.district_court)
    with built_in_python() as counts:
        response = client.get(reverse(name, args=[world.district_court.pk]))
    assert response.status_code == 200
    assert counts["Judge"] <= 50, counts
