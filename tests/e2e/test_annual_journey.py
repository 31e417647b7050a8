"""Browser: the branch council prepares the annual report for its region
(§17), downloads the PDF and the XLSX; its notification bell shows the unread
count and the notification centre marks everything read."""

import io
import zipfile

import pytest
from pypdf import PdfReader

from tests.programs import helpers as h

pytestmark = pytest.mark.browser


def test_annual_report_and_notifications(browser, live_server, world, sign_in):
    h.world_pair(world)
    context = browser.new_context(locale="kk-KZ")
    page = context.new_page()
    sign_in(page, "branch_council")
    page.goto(f"{live_server.url}/reports/annual/")
    page.get_by_test_id("annual-request").locator("button").click()
    page.wait_for_load_state("load")
    state = page.get_by_test_id("report-state")
    state.and_(page.locator("[data-state=done]")).wait_for(timeout=30000)
    pdf = page.request.get(
        live_server.url + page.get_by_test_id("annual-pdf").get_attribute("href")
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert world.region.name_kk in text
    xlsx = page.request.get(
        live_server.url + page.get_by_test_id("annual-xlsx").get_attribute("href")
    )
    assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(xlsx.body())).namelist()
    page.screenshot(path="test-results/annual-report.png", full_page=True)

    page.goto(f"{live_server.url}/")
    unread = int(page.get_by_test_id("unread-count").inner_text())
    assert unread >= 1  # the report is ready, and the pair's registration
    page.get_by_test_id("bell").click()
    page.wait_for_load_state("load")
    page.get_by_test_id("mark-all").click()
    page.wait_for_load_state("load")
    assert page.get_by_test_id("unread-count").count() == 0
