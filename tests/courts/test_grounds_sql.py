"""#16, preamble §1.4: the protégé grounds computed by PostgreSQL for a whole
scope agree with the rule (`courts.rules.protege_grounds`) judge by judge —
at the window's edges, on 29 February and at month ends, with lifted and
future quality flags, retired judges and events after the day asked about."""

import datetime as dt
import random
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from courts.models import CareerEvent, Judge, QualityFlag
from courts.queries import grounds_of, qualifying, with_ground_aliases, with_ground_dates
from courts.rules import add_months
from tests import factories as f

DAYS = [
    dt.date(2024, 2, 29),
    dt.date(2025, 2, 28),
    dt.date(2025, 3, 1),
    dt.date(2025, 1, 31),
    dt.date(2026, 8, 31),
    dt.date(2026, 12, 2),
]
KINDS = ["first_appointment", "specialisation_change", "transfer_region", "childcare_end"]


def _tricky_dates(on: dt.date) -> list[dt.date]:
    """A day either side of a year, of two years and of one month before `on`
    (the windows' edges), month ends and a day after `on`."""
    out = []
    for months in (-12, -24, -1):
        base = add_months(on, months)
        out += [base + dt.timedelta(days=d) for d in (-1, 0, 1)]
    return out + [dt.date(2023, 12, 31), dt.date(2024, 2, 29), on + dt.timedelta(days=3)]


@pytest.fixture
def judges(world):
    rng = random.Random(16)
    court = world.district_court
    made = []
    dates = sorted({d for on in DAYS for d in _tricky_dates(on)})
    for n in range(120):
        judge = f.judge(court, status="retired" if n % 17 == 0 else "serving")
        CareerEvent.objects.filter(judge=judge).delete()
        for kind in KINDS:
            # one first appointment at most (a constraint), other events repeat
            most = 1 if kind == "first_appointment" else 2
            for _ in range(rng.choice((0, 1, most))):
                CareerEvent.objects.create(judge=judge, kind=kind, date=rng.choice(dates))
        if n % 5 == 0:
            flagged = rng.choice(dates)
            QualityFlag.objects.create(
                judge=judge,
                reasons="—",
                flagged_on=flagged,
                flagged_by=world.users["court_chair"],
                lifted_on=rng.choice((None, flagged + dt.timedelta(days=30))),
            )
        made.append(judge.pk)
    return made


@pytest.mark.parametrize("window", [24, 0, 1])
def test_the_sql_grounds_agree_with_the_rule(judges, settings, window):
    settings.OTHER_GROUND_WINDOW_MONTHS = window
    scope = Judge.objects.filter(pk__in=judges)
    compared = 0
    for on in DAYS:
        in_sql = set(qualifying(scope, on).values_list("pk", flat=True))
        annotated = {j.pk: j for j in with_ground_aliases(with_ground_dates(scope, on))}
        for judge in scope.prefetch_related("career_events", "quality_flags"):
            expected = judge.protege_grounds(on)
            assert (judge.pk in in_sql) == bool(expected), (on, judge.pk, expected)
            assert grounds_of(annotated[judge.pk], on) == expected, (on, judge.pk)
            compared += 1
    assert compared == len(DAYS) * len(judges)
    # the sample is not trivial: both answers occur on every day
    for on in DAYS:
        count = qualifying(scope, on).count()
        assert 0 < count < len(judges), on


def test_qualifying_is_one_query_whatever_the_judges(judges, django_assert_num_queries):
    scope = Judge.objects.filter(pk__in=judges)
    with django_assert_num_queries(1):
        rows = list(qualifying(scope, DAYS[-1]))
    assert rows and all(isinstance(r.g_first, dt.date | None) for r in rows)


def _shown_count(client, testid: str) -> int:
    page = client.get(reverse("dashboard")).content.decode()
    return int(re.search(rf'data-testid="{testid}">(\d+)<', page).group(1))


def test_the_dashboard_counts_the_qualifying_judges_of_the_scope(client, world):
    """The figure is the rule's count; a region's is exact at once, the
    national one is refreshed every five minutes (courts.queries.protege_count)."""
    coordinator, central = world.users["coordinator"], world.users["central_council"]
    in_region = Judge.objects.filter(court__region=world.region).prefetch_related(
        "career_events", "quality_flags"
    )
    expected = sum(1 for j in in_region if j.protege_grounds(dt.date.today()))
    client.force_login(coordinator)
    assert _shown_count(client, "protege-count") == expected
    client.force_login(central)
    national = _shown_count(client, "protege-count")
    f.judge(world.district_court, appointed=dt.date.today() - dt.timedelta(days=10))
    client.force_login(coordinator)
    assert _shown_count(client, "protege-count") == expected + 1
    client.force_login(central)
    assert _shown_count(client, "protege-count") == national  # within five minutes
    cache.clear()
    assert _shown_count(client, "protege-count") == national + 1
