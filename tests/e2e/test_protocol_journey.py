"""Browser: the protégé and the mentor submit their written reports, the branch
council accepts both, records a meeting and issues a completion protocol, and
downloads its PDF; HR acknowledges the copy and finds the decision in the
judge's personal file (§13, §14, §16.8)."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from tests.programs import helpers as h

pytestmark = pytest.mark.browser


def test_protocol_journey(browser, live_server, world, sign_in):
    pair = h.active_pair(world)
    pair_url = f"{live_server.url}/programme/pairs/{pair.pk}/"

    def session(username):
        context = browser.new_context(locale="kk-KZ")
        page = context.new_page()
        sign_in(page, username)
        return page

    def submit(page, locator):
        locator.click()
        page.wait_for_load_state("load")

    for judge in (pair.protege, pair.mentor):
        page = session(judge.user.username)
        page.goto(pair_url)
        submit(page, page.get_by_test_id("report-start"))
        form = page.get_by_test_id("report-form")
        form.locator("select[name=addressee]").select_option("branch_council")
        for field in ("work_done", "knowledge_gained", "effectiveness", "proposals"):
            form.locator(f"textarea[name={field}]").fill(f"{field}: Қазақ тіліндегі мәтін")
        submit(page, form.locator("button[value=submit]"))
        assert page.get_by_test_id("report-status").get_attribute("data-status") == "submitted"
        page.context.close()

    council = session("branch_council")
    council.goto(f"{live_server.url}/programme/council/")
    links = council.get_by_test_id("queue-reports").get_by_role("link")
    assert links.count() == 2
    for _ in range(2):
        submit(council, council.get_by_test_id("queue-reports").get_by_role("link").first)
        submit(council, council.get_by_test_id("report-decision").locator("button[value=accept]"))
        council.goto(f"{live_server.url}/programme/council/")
    council.goto(f"{live_server.url}/programme/protocols/")
    form = council.get_by_test_id("protocol-form")
    form.locator("input[name=held_on]").fill(dt.date.today().isoformat())
    form.locator("textarea[name=members_present]").fill("Әбенов Ә. Ә., Сейітова Г. Қ.")
    submit(council, form.locator("button"))
    decision = council.get_by_test_id("decision-form")
    decision.locator("select[name=kind]").select_option("completed")
    decision.locator(f"input[name=pairs][value='{pair.pk}']").check()
    submit(council, decision.locator("button"))
    assert pair.protege.last_name in council.get_by_test_id("decisions").inner_text()
    submit(council, council.get_by_test_id("issue-form").locator("button"))
    assert pair.protege.last_name in council.get_by_test_id("issue-decisions").inner_text()
    submit(council, council.get_by_test_id("issue-confirm").locator("button"))
    assert council.get_by_test_id("protocol-status").get_attribute("data-status") == "issued"
    href = council.get_by_test_id("protocol-pdf").get_attribute("href")
    pdf = council.request.get(live_server.url + href)
    assert pdf.status == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert pair.protege.last_name in text and "№ 1" in text

    hr = session("hr_officer")
    hr.goto(f"{live_server.url}/programme/copies/")
    submit(hr, hr.get_by_test_id("copies-inbox").locator("button"))
    assert "✓" in hr.get_by_test_id("copies-inbox").inner_text()
    hr.goto(f"{live_server.url}/courts/judges/{pair.protege.pk}/")
    submit(hr, hr.get_by_test_id("personal-file-link"))
    assert "№ 1" in hr.get_by_test_id("personal-file").inner_text()
    hr.screenshot(path="test-results/personal-file.png", full_page=True)

    council.goto(pair_url)
    assert council.get_by_test_id("pair-status").get_attribute("data-status") == "completed"
