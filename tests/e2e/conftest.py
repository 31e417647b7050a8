import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def sign_in(live_server):
    def _sign_in(page, username, password="correct-horse-battery"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state("load")
        if "/accounts/two-factor/" in page.url:  # an office holder: the app's code (#12.5)
            from django.contrib.auth import get_user_model

            from tests.otp import current_code

            user = get_user_model().objects.get(username=username)
            page.fill("#id_code", current_code(user))
            page.get_by_test_id("otp-submit").click()
            if page.get_by_test_id("recovery-codes").count():  # enrolled just now
                page.locator("main a.btn-primary").click()
        page.wait_for_url(f"{live_server.url}/")

    return _sign_in
