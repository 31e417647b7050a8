"""Browser: under the Content-Security-Policy (no inline script, handler or
style) the pages render, Bootstrap and htmx work, and chromium reports no
violation."""

import pytest
from django.urls import reverse

from tests.programs import helpers as h

pytestmark = pytest.mark.browser


def _violations(page):
    found = []
    page.on(
        "console",
        lambda m: (
            found.append(m.text)
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    return found


def test_pages_render_and_work_without_csp_violations(page, live_server, world, sign_in):
    found = _violations(page)
    sign_in(page, "branch_council")
    for name in (
        "dashboard",
        "roster_list",
        "seminar_list",
        "council_queue",
        "annual_list",
        "notification_centre",
        "judge_list",
    ):
        page.goto(live_server.url + reverse(name))
        assert page.locator("nav.navbar").is_visible(), name
    # Bootstrap's script runs: a dropdown opens
    page.locator(".nav-link.dropdown-toggle").first.click()
    page.wait_for_selector(".dropdown-menu.show")
    # the language select submits its form from static/js/site.js
    page.select_option("#language-select", "ru")
    page.wait_for_selector('html[lang="ru"]')
    assert not found, found


def test_htmx_polls_the_report_progress_under_the_policy(page, live_server, world, sign_in):
    from reports.models import AnnualReport

    found = _violations(page)
    start, end = h.annual_report(world).period_start, h.annual_report(world).period_end
    pending = AnnualReport.objects.create(
        region=world.region, period_start=start, period_end=end, state="running", progress=40
    )
    sign_in(page, "branch_council")
    url = live_server.url + reverse("annual_report_detail", args=[pending.pk])
    page.goto(url)
    assert page.evaluate("window.htmx.config.includeIndicatorStyles") is False
    with page.expect_request(
        lambda r: r.url.startswith(url) and r.headers.get("hx-request") == "true", timeout=6000
    ):
        pass
    assert page.locator("progress").get_attribute("value") == "40"
    assert not found, found
