"""Browser at 390×844 (a phone): no page is wider than the screen — tables
become stacked rows labelled by their column, or scroll in their own box —
and the roster search's role select shows its value."""

import pytest
from django.urls import reverse

from tests.programs import helpers as h

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _widths(page, base, paths) -> dict[str, int]:
    out = {}
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("load")
        out[path] = page.evaluate("document.documentElement.scrollWidth")
    return out


def test_no_page_is_wider_than_a_phone(browser, live_server, world, sign_in):
    pair = h.world_pair(world)
    h.pending_entry(world)
    h.protege(world)  # a judge without a pair: the needs analysis has a row to offer
    h.mentor_candidate(world)  # found by the roster search
    context = browser.new_context(viewport=PHONE, locale="kk-KZ")
    page = context.new_page()
    sign_in(page, "coordinator")
    roster = reverse("roster_detail", args=[world.region.slug])
    widths = _widths(
        page,
        live_server.url,
        [
            reverse("dashboard"),
            reverse("needs_analysis"),
            f"{roster}?q=Сәрсенбаев",
            reverse("pair_list"),
            reverse("pair_detail", args=[pair.pk]),
            reverse("pair_plan", args=[pair.pk]),
            reverse("court_list"),
            reverse("judge_list"),
            reverse("seminar_list"),
        ],
    )
    # the role select of the roster search shows its value (it was squeezed to nothing)
    page.goto(f"{live_server.url}{roster}?q=Сәрсенбаев")
    select = page.get_by_test_id("roster-search").locator("select[name=role]").first
    assert select.bounding_box()["width"] >= 100
    council = browser.new_context(viewport=PHONE, locale="kk-KZ").new_page()
    sign_in(council, "branch_council")
    widths |= _widths(
        council,
        live_server.url,
        [reverse("protocol_list"), reverse("council_queue"), reverse("annual_list")],
    )
    too_wide = {path: w for path, w in widths.items() if w > PHONE["width"]}
    assert not too_wide, too_wide
    # a stacked cell is labelled by its column (static/js/site.js)
    page.goto(live_server.url + reverse("needs_analysis"))
    assert page.locator("[data-testid=needs] td[data-label]").count() > 0
