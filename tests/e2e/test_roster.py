"""Browser: the coordinator drafts a roster, two candidates accept in their own
sessions, the chair approves and downloads the PDF; a district chair of the
region sees the notification (§8, §4.1)."""

import datetime as dt

import pytest

from tests import factories as f

pytestmark = pytest.mark.browser


def test_roster_journey(browser, live_server, world, sign_in):
    mentor = f.judge(world.regional_court, appointed=dt.date(2011, 3, 1), last_name="Өмірзақов")
    tutor = f.judge(world.district_court, appointed=dt.date(2015, 9, 1), last_name="Нұрланова")
    for judge in (mentor, tutor):
        f.user(f"j{judge.pk}", judge_record=judge)

    def session(username):
        context = browser.new_context(locale="kk-KZ")
        page = context.new_page()
        sign_in(page, username)
        return page

    coordinator = session("coordinator")
    roster_url = f"{live_server.url}/programme/rosters/{world.region.slug}/"
    for judge, role in ((mentor, "mentor"), (tutor, "tutor")):
        coordinator.goto(f"{roster_url}?q={judge.last_name}")
        row = coordinator.get_by_test_id("roster-search").locator("tr", has_text=judge.last_name)
        row.locator("select").select_option(role)
        if role == "mentor":  # §12: added on the branch council's selection
            row.locator("input[name=council_decision_number]").fill("7")
            row.locator("input[name=council_decision_on]").fill(dt.date.today().isoformat())
        row.locator("button[type=submit]").click()
        coordinator.wait_for_load_state("load")
    assert coordinator.get_by_test_id("roster-draft").locator("tbody tr").count() == 2

    for judge in (mentor, tutor):
        page = session(f"j{judge.pk}")
        page.get_by_test_id("roster-invitation").locator("button[value=accept]").click()
        page.wait_for_load_state("load")
        assert page.get_by_test_id("roster-invitation").count() == 0
        page.context.close()

    chair = session("regional_chair")
    chair.goto(roster_url)
    chair.locator("form[action$='/approve/'] select").select_option("kk")
    chair.locator("form[action$='/approve/'] button[type=submit]").click()
    chair.wait_for_load_state("load")
    # irreversible: the confirmation page shows what the order will list
    assert "Нұрланова" in chair.get_by_test_id("order-additions").inner_text()
    chair.locator("form[method=post][action$='/approve/'] button[type=submit]").click()
    chair.wait_for_load_state("load")
    members = chair.get_by_test_id("roster-members").inner_text()
    assert "Өмірзақов" in members and "Нұрланова" in members
    link = chair.get_by_test_id("roster-orders").get_by_role("link", name="PDF")
    response = chair.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200 and response.body()[:5] == b"%PDF-"
    chair.screenshot(path="test-results/roster-approved.png", full_page=True)

    district_chair = session("court_chair")
    notices = district_chair.get_by_test_id("notifications").inner_text()
    assert "№ 1" in notices
