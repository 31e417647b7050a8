"""Pictures: the pair page's timeline, term and plan bars; the dashboard's
chart of pairs by state (inline SVG drawn on the server, one aggregate query)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from mentorship import charts
from programs import services
from programs.models import Pair, Participation, PlanItem, PlanVersion
from programs.queries import pictures
from programs.queries.pictures import PAIR_STATES
from programs.regulation import add_months, longest_term_end
from tests.programs import helpers as h

pytestmark = pytest.mark.django_db


def _page(client, user, pair) -> str:
    client.force_login(user)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        response = client.get(reverse("pair_detail", args=[pair.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_the_timeline_shows_the_participation_in_date_order(client, world):
    pair = h.world_pair(world)
    services.extend_term(
        by=h.as_office(world.users["regional_chair"]),
        pair=pair,
        new_end=longest_term_end(pair.registered_on),
        reasons="тәжірибе",
    )
    pair.refresh_from_db()
    html = _page(client, world.users["coordinator"], pair)
    block = html[html.index('data-testid="timeline"') :]
    block = block[: block.index("</ol>")]
    kinds = re.findall(r'data-kind="([a-z-]+)"', block)
    # proposed, consented, registered on one day, the extension, then the end still to come
    for earlier, later in [
        ("proposed", "consented"),
        ("consented", "registered"),
        ("registered", "extension"),
        ("extension", "term-end"),
    ]:
        assert kinds.index(earlier) < kinds.index(later), kinds
    dates = re.findall(r'datetime="(\d{4}-\d\d-\d\d)"', block)
    assert dates == sorted(dates)
    assert "Term extended until" in block


def test_the_term_bar_shows_the_months_elapsed(client, world):
    pair = h.world_pair(world)
    today = timezone.localdate()
    start = add_months(today, -5)
    Pair.objects.filter(pk=pair.pk).update(registered_on=start, term_ends_on=add_months(start, 12))
    Participation.objects.filter(pk=pair.participation_id).update(
        term_starts_on=start, term_ends_on=add_months(start, 12)
    )
    pair.refresh_from_db()
    bar = pictures.term_bar(pair, pair.participation)
    assert bar is not None and (bar.done, bar.total, bar.percent) == (5, 12, 42)
    html = _page(client, world.users["coordinator"], pair)
    assert f'data-testid="term-bar" data-percent="{bar.percent}"' in html
    assert f"{bar.done} of 12 months ({bar.percent} %)" in html
    assert f'width="{bar.percent}"' in html


def test_the_plan_bar_counts_the_fulfilled_items_of_the_plan_in_force(client, world):
    pair = h.world_pair(world)
    version = PlanVersion.objects.get(plan__pair=pair)
    PlanVersion.objects.filter(pk=version.pk).update(status="approved")
    today = timezone.localdate()
    for i in range(3):
        PlanItem.objects.create(
            version=version,
            task=1 + i,
            description="d",
            expected_result="r",
            due_on=today,
            fulfilled_on=today if i == 0 else None,
        )
    with CaptureQueriesContext(connection) as q:
        bar = pictures.plan_bar(version)
    assert len(q) == 1  # one aggregate, not the items loaded
    assert (bar.done, bar.total, bar.percent) == (1, 3, 33)
    html = _page(client, world.users["coordinator"], pair)
    assert "1 of 3 items fulfilled (33 %)" in html


def test_no_plan_bar_without_a_plan_in_force(world):
    assert pictures.plan_bar(None) is None


def test_the_region_chart_compares_regions_for_a_national_office(client, world):
    h.world_pair(world)
    client.force_login(world.users["central_council"])
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        html = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chart = html[html.index('data-testid="pairs-chart"') :]
    chart = chart[: chart.index("</section>")]
    assert "<svg" in chart and "<title" in chart and "<desc" in chart
    assert 'role="img"' in chart
    # the table carries the same figures: the world's region, one active pair
    table = chart[chart.index('data-testid="pairs-chart-table"') :]
    row = re.search(
        rf"<th scope=\"row\">{re.escape(world.region.name_en)}</th>(.*?)</tr>", table, re.S
    )
    assert row is not None
    assert re.findall(r">(\d+)<", row.group(1)) == ["0", "1", "0", "0", "1"]
    # drawn twice: names left of the bars, and over them on a phone
    wide = chart[chart.index('id="chart-wide-title"') :]
    narrow = wide[wide.index('id="chart-narrow-title"') :]
    wide = wide[: wide.index("</svg>")]
    assert wide.count('data-series="active"') == 1
    assert narrow[: narrow.index("</svg>")].count('data-series="active"') == 1
    assert 'class="chart-svg d-none d-sm-block"' in chart and 'class="chart-svg d-sm-none"' in chart
    # every region is compared, the one without a pair too
    assert f'<th scope="row">{world.other_region.name_en}</th>' in table
    assert "style=" not in chart  # CSP: no inline style


def test_the_chart_costs_one_query_however_many_pairs(world):
    h.world_pair(world)
    office = h.as_office(world.users["central_council"]).office
    pictures.pairs_by_state(world.users["central_council"], office)  # the user's judge, cached
    with CaptureQueriesContext(connection) as one:
        rows = pictures.pairs_by_state(world.users["central_council"], office)
    h.active_pair(world, role="tutor")
    with CaptureQueriesContext(connection) as two:
        rows2 = pictures.pairs_by_state(world.users["central_council"], office)
    assert len(one) == len(two) == 1
    assert sum(r["active"] for r in rows) == 1
    assert sum(r["active"] for r in rows2) == 2


def test_a_regional_office_compares_its_courts_and_a_court_chair_has_no_chart(client, world):
    h.world_pair(world)
    office = h.as_office(world.users["coordinator"]).office
    rows = pictures.pairs_by_state(world.users["coordinator"], office)
    assert [r["active"] for r in rows] == [1]
    assert rows[0]["label"] == world.judge.court.name
    chair = h.as_office(world.users["court_chair"]).office
    assert pictures.pairs_by_state(world.users["court_chair"], chair) is None
    client.force_login(world.users["court_chair"])
    assert 'data-testid="pairs-chart"' not in client.get(reverse("dashboard")).content.decode()


def test_on_a_phone_the_names_stand_over_bars_drawn_at_the_shown_width():
    rows = [{"label": "Абай облысы", "total": 3, "active": 2, "ended": 1}]
    wide = charts.stacked_bars(rows, PAIR_STATES)
    narrow = charts.stacked_bars(rows, PAIR_STATES, labels_above=True)
    assert (wide.width, narrow.width) == (charts.WIDTH, charts.NARROW_WIDTH)
    assert wide.rows[0].segments[0].x == charts.LABEL_WIDTH  # the name left of the bar
    bar = narrow.rows[0]
    assert bar.segments[0].x == 0 and bar.y_label < bar.y_bar  # the name over the bar
    right = bar.segments[-1].x + bar.segments[-1].width
    assert right <= charts.NARROW_WIDTH - charts.VALUE_ROOM + 1  # the total still fits
