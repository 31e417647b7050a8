"""Browser, in Kazakh (#12.2): the HR service of a court issues a judge's
enrolment code from the judge's page; the judge, on the sign-in page, follows
"first sign-in with an enrolment code", chooses a username and a password,
and is signed in with the account linked to their record."""

import pytest
from django.urls import reverse
from django.utils import translation

from courts.models import Judge
from tests import factories as f

pytestmark = pytest.mark.browser

PASSWORD = "Жаңа-құпия-сөз-2026"


def test_hr_issues_a_code_and_the_judge_enrols_in_the_browser(
    page, live_server, world, sign_in, settings
):
    # the journey, not the throttle (tests/mentorship/test_enrolment.py has it):
    # once in a full run the live server's one attempt was refused as too many
    settings.ENROLMENT_RATE = "1000/900"
    newcomer = f.judge(world.district_court)
    sign_in(page, "hr_officer")
    page.goto(live_server.url + reverse("judge_detail", args=[newcomer.pk]))
    page.get_by_test_id("issue-enrolment-code").click()
    code = page.get_by_test_id("enrolment-code").inner_text().strip()
    assert len(code) == 14
    page.context.clear_cookies()  # the judge, on another computer

    page.goto(live_server.url + reverse("login"))
    page.get_by_test_id("enrol-link").click()
    page.fill("#id_code", code)
    page.fill("#id_username", "saule.k")
    page.fill("#id_email", "saule@example.kz")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "kk"
    with translation.override("kk"):
        welcome = translation.gettext("Your account is linked to your judge record. Welcome.")
    assert welcome in page.locator("main").inner_text()
    linked = Judge.objects.select_related("user").get(pk=newcomer.pk)
    assert linked.user is not None and linked.user.username == "saule.k"
