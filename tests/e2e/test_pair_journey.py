"""Browser: the coordinator proposes a pair from the needs analysis, both
judges accept, the branch council registers it, the pair drafts and submits
the plan, the protégé's court chair approves it, the protégé proposes a
correction and the mentor accepts it (§2, §4.1, §10, §12, §15.5, §16.2)."""

import datetime as dt

import pytest

from tests.programs import helpers as h

pytestmark = pytest.mark.browser


def test_pair_journey(browser, live_server, world, sign_in):
    mentor_entry, _tutor_entry = h.roster_entries(world)
    protege = h.protege(world)
    mentor = mentor_entry.judge

    def session(username):
        context = browser.new_context(locale="kk-KZ")
        page = context.new_page()
        sign_in(page, username)
        return page

    def submit(page, locator):
        locator.click()
        page.wait_for_load_state("load")

    coordinator = session("coordinator")
    coordinator.goto(f"{live_server.url}/programme/needs/")
    row = coordinator.get_by_test_id("needs").locator("tr", has_text=protege.last_name)
    submit(coordinator, row.locator("a[href*='role=mentor']"))
    candidates = coordinator.get_by_test_id("candidates")
    assert mentor.last_name in candidates.inner_text()
    submit(coordinator, candidates.locator("tr", has_text=mentor.last_name).locator("button"))
    pair_url = coordinator.url
    assert "/programme/pairs/" in pair_url

    for judge in (protege, mentor):
        page = session(judge.user.username)
        submit(page, page.get_by_test_id("my-pairs").get_by_role("link").first)
        submit(page, page.get_by_test_id("pair-answer").locator("button[value=accept]"))
        page.context.close()

    council = session("branch_council")
    council.goto(pair_url)
    submit(council, council.locator("form[action$='/register/'] button"))
    assert council.get_by_test_id("pair-status").get_attribute("data-status") == "active"

    judge_page = session(protege.user.username)
    judge_page.goto(pair_url + "plan/")
    form = judge_page.get_by_test_id("plan-item-form")
    form.locator("select[name=task]").select_option("3")
    form.locator("textarea[name=description]").fill("Азаматтық істерді қарау техникасы")
    form.locator("textarea[name=expected_result]").fill("Он іс бойынша шешім жобасы")
    form.locator("input[name=due_on]").fill((dt.date.today() + dt.timedelta(days=60)).isoformat())
    submit(judge_page, form.locator("button"))
    submit(judge_page, judge_page.locator("form[action$='/plan/submit/'] button"))
    assert judge_page.get_by_test_id("plan-open-status").get_attribute("data-status") == "submitted"

    chair = session("court_chair")
    submit(chair, chair.get_by_test_id("plans-to-decide").get_by_role("link").first)
    submit(chair, chair.get_by_test_id("plan-decision").locator("button[data-action=approve]"))
    assert "Азаматтық" in chair.get_by_test_id("plan-in-force").inner_text()

    judge_page.goto(pair_url + "plan/")
    correction = judge_page.get_by_test_id("correction-form")
    correction.locator("textarea").fill("Этика бойынша тармақ қосу")
    submit(judge_page, correction.locator("button"))
    form = judge_page.get_by_test_id("plan-item-form")
    form.locator("select[name=task]").select_option("4")
    form.locator("textarea[name=description]").fill("Судья әдебі кодексін талқылау")
    form.locator("textarea[name=expected_result]").fill("Әңгіме жазбасы")
    form.locator("input[name=due_on]").fill((dt.date.today() + dt.timedelta(days=90)).isoformat())
    submit(judge_page, form.locator("button"))
    submit(judge_page, judge_page.locator("form[action$='/plan/propose-correction/'] button"))

    mentor_page = session(mentor.user.username)
    mentor_page.goto(pair_url + "plan/")
    assert "Судья әдебі" in mentor_page.get_by_test_id("plan-changes").inner_text()
    submit(mentor_page, mentor_page.get_by_test_id("correction-answer")
           .locator("button[data-action=agree]"))
    in_force = mentor_page.get_by_test_id("plan-in-force").inner_text()
    assert "Судья әдебі" in in_force and "Азаматтық" in in_force
    assert mentor_page.get_by_test_id("plan-history").locator("tbody tr").count() == 2
    mentor_page.screenshot(path="test-results/plan-corrected.png", full_page=True)
