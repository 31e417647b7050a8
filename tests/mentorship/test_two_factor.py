"""#12.5 the second factor: a TOTP code (django-otp) for every office holder
on every page, for anyone opening a pair's journal and for the admin; the
first time, the app is enrolled from a QR code and ten recovery codes are
shown once; wrong, reused or malformed codes are refused with a translated
message, throttled, and change nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from courts.demo import DEMO_EMAIL_DOMAIN
from tests import factories as f
from tests.otp import current_code
from tests.programs import helpers as h


def password_only(client, user):
    client.force_login_password_only(user)
    return client


def test_an_office_holder_gives_the_code_before_any_page(client, world):
    password_only(client, world.users["branch_council"])
    for name in ("dashboard", "pair_list", "protocol_list"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("two_factor")), name
    # a POST is not carried out either
    before = TOTPDevice.objects.count()
    assert client.post(reverse("notification_centre")).status_code == 302
    assert TOTPDevice.objects.count() == before


def test_a_judge_without_an_office_reads_their_pages_but_not_the_journal(client, world):
    pair = h.active_pair(world)
    password_only(client, pair.protege.user)
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get(reverse("pair_detail", args=[pair.pk])).status_code == 200
    journal = client.get(reverse("pair_journal", args=[pair.pk]))
    assert journal.status_code == 302 and journal.url.startswith(reverse("two_factor"))
    client.post(reverse("two_factor"), {"code": current_code(pair.protege.user)})
    assert client.get(reverse("pair_journal", args=[pair.pk])).status_code == 200


def test_the_admin_needs_the_code(client, world):
    password_only(client, world.users["administrator"])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor"))


def test_enrolment_shows_the_qr_code_confirms_with_a_code_and_shows_recovery_codes(client, world):
    user = f.user("newchair", office="court_chair", court=world.small_court)
    password_only(client, user)
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("two_factor"))
    html = page.content.decode()
    assert 'data-testid="totp-qr"' in html and "<svg" in html and 'data-testid="totp-key"' in html
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    wrong = client.post(reverse("two_factor"), {"code": "000000"})
    assert "Код неверный" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("dashboard")).status_code == 302
    done = client.post(reverse("two_factor"), {"code": current_code(user, device), "next": "/"})
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_recovery_code_opens_one_sign_in(client, world):
    user = world.users["coordinator"]
    current_code(user)  # enrolled
    from mentorship.two_factor import issue_recovery_codes

    code = issue_recovery_codes(user)[0]
    password_only(client, user)
    assert client.post(reverse("two_factor"), {"code": code, "next": "/"}).url == "/"
    client.logout()
    password_only(client, user)
    again = client.post(reverse("two_factor"), {"code": code})
    assert again.status_code == 200 and client.get(reverse("dashboard")).status_code == 302
    assert StaticToken.objects.filter(token=code).count() == 0


@pytest.mark.parametrize("code", ["", "abc", "1" * 16, "12345\x00", "٣٣٣٣٣٣", "' OR 1=1 --"])
def test_a_malformed_code_is_a_message_not_an_error(client, world, code):
    user = world.users["coordinator"]
    current_code(user)
    password_only(client, user)
    response = client.post(reverse("two_factor"), {"code": code})
    assert response.status_code in (200, 400)
    assert client.get(reverse("dashboard")).status_code == 302


@override_settings(OTP_ATTEMPT_RATE="3/900")
def test_codes_are_throttled_per_account(client, world):
    user = world.users["coordinator"]
    current_code(user)
    password_only(client, user)
    client.cookies["django_language"] = "en"
    for _ in range(3):
        client.post(reverse("two_factor"), {"code": "000000"})
    blocked = client.post(reverse("two_factor"), {"code": current_code(user)})
    assert "Too many codes were tried" in blocked.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


def test_next_never_leaves_the_site(client, world):
    user = world.users["coordinator"]
    password_only(client, user)
    response = client.post(
        reverse("two_factor"), {"code": current_code(user), "next": "//evil.example"}
    )
    assert response.url == reverse("dashboard")


def test_demo_code_prints_the_code_of_a_demo_account_only(world):
    demo = f.user("demo_chair")
    demo.email = f"demo_chair@{DEMO_EMAIL_DOMAIN}"
    demo.save()
    device = TOTPDevice.objects.create(user=demo, name="demo", confirmed=True)
    out = io.StringIO()
    call_command("demo_code", "demo_chair", stdout=out)
    assert device.verify_token(out.getvalue().strip())
    with pytest.raises(CommandError):
        call_command("demo_code", world.users["coordinator"].username)
