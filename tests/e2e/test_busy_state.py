"""Browser: a button that starts slow work (here the import of courts and
judges) shows "working…", a spinner, and is disabled once the form is sent
(the form's data still sent whole), and comes back when the page is shown
again from the back-forward cache (static/js/site.js)."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.browser


def test_a_slow_button_is_busy_after_submit_and_restored_on_pageshow(
    page, live_server, world, sign_in
):
    sign_in(page, "administrator")
    sent = []

    def hold(route, request):
        # the server's answer is held back: 204 keeps the page as it is, busy
        if request.method == "POST":
            sent.append(request.post_data_buffer or b"")
            route.fulfill(status=204)
        else:
            route.continue_()

    url = live_server.url + reverse("import_reference")
    page.route(url, hold)
    page.goto(url)
    button = page.locator("main form button[type=submit]")
    original = button.inner_text()
    button.click()
    page.wait_for_function("document.querySelector('main form button[type=submit]').disabled")
    assert sent and b"csrfmiddlewaretoken" in sent[0], "the form was sent whole"
    with translation.override("kk"):
        working = translation.gettext("Working…")
    assert working in button.inner_text()
    assert button.get_attribute("aria-busy") == "true"
    assert page.locator("main form button[type=submit] .spinner-border").count() == 1
    # back from another page (the back-forward cache): the button works again
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert not button.is_disabled()
    assert button.inner_text() == original
