"""Browser: a court chair signs in, sees the dashboard in Kazakh, switches to Russian."""

import pytest

pytestmark = pytest.mark.browser


def test_court_chair_sees_kazakh_dashboard_and_switches_to_russian(
    page, live_server, world, sign_in
):
    sign_in(page, "court_chair")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.get_by_role("heading", name="Басты бет").is_visible()
    assert page.get_by_test_id("judge-count").inner_text() == "1"
    page.select_option("#language-select", "ru")
    page.wait_for_load_state("load")
    page.wait_for_selector('html[lang="ru"]')
    assert page.get_by_role("heading", name="Главная").is_visible()
    assert page.get_by_test_id("court-count").inner_text() == "1"
    page.screenshot(path="test-results/dashboard-ru.png", full_page=True)
