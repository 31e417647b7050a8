"""Sign-in with ЭЦП (#12.5): the page issues a single-use nonce, NCALayer
signs it (here: the tests' NCA and a certificate carrying a synthetic IIN,
tests/ecp.py), the server verifies the CMS and its chain for real and signs in
the account of the judge whose IIN the certificate names, with the ЭЦП as the
session's second factor. Every refusal is a page with a reason, no sign-in,
no device, and never the IIN."""

from __future__ import annotations

import base64
import logging
import re

import pytest
from asn1crypto import cms as acms
from django.conf import settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from mentorship.ecp_login import SESSION_NONCE_KEY
from tests import factories as f
from tests.ecp import cms_over, synthetic_iin


@pytest.fixture(autouse=True)
def _ecp_roots(settings, nca):
    settings.ECP_TRUST_ROOTS = [str(nca["folder"] / "ca.cert.pem")]
    settings.ECP_INTERMEDIATES = []


@pytest.fixture
def en(client):
    """The pages in English, so that the reasons are matched in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def judge_with(world, iin: str, user=None):
    judge = f.judge(world.regional_court, position="chair")
    judge.iin, judge.user = iin, user
    judge.save(update_fields=["iin", "user"])
    return judge


@pytest.fixture
def chair(world, nca):
    """The regional chair (an office holder: a second factor is due) is the
    judge the test certificate names."""
    user = world.users["regional_chair"]
    judge_with(world, nca["iin"], user)
    return user


def nonce_of(client) -> bytes:
    """The content the page asks NCALayer to sign (base64 in data-nonce)."""
    page = client.get(reverse("ecp_login"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "js/ecp-login.js" in html and "<script>" not in html
    return base64.b64decode(re.search(r'data-nonce="([^"]+)"', html).group(1))


def signed_in(client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def refused(response, reason: str, nca) -> None:
    body = response.content.decode()
    assert response.status_code == 200, response.status_code
    section = body.split('data-testid="ecp-login-error">')[1].split("</div>")[0]
    assert reason in section, section
    assert nca["iin"] not in body


def test_the_sign_in_page_links_to_the_ecp_sign_in(en):
    assert reverse("ecp_login") in en.get(reverse("login")).content.decode()


def test_a_good_signature_of_the_nonce_signs_the_judge_in_with_the_second_factor(en, chair, nca):
    content = nonce_of(en)
    response = en.post(reverse("ecp_login"), {"cms": cms_over(content, nca["folder"])})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert signed_in(en) == chair.pk
    # an office holder: the ЭЦП stood for the second factor, no code is asked
    assert en.get(reverse("dashboard")).status_code == 200
    assert StaticDevice.objects.get(user=chair).name == "ecp"
    assert SESSION_NONCE_KEY not in en.session


def test_after_a_password_alone_the_code_is_still_asked(en, chair):
    # the ЭЦП device of an earlier sign-in does not verify a password sign-in
    StaticDevice.objects.create(user=chair, name="ecp", confirmed=True)
    en.post(reverse("login"), {"username": chair.username, "password": "correct-horse-battery"})
    assert en.get(reverse("dashboard")).url.startswith(reverse("two_factor"))


def test_the_next_page_is_kept(en, chair, nca):
    en.get(reverse("ecp_login"))
    content = nonce_of(en)
    response = en.post(
        reverse("ecp_login") + "?next=/courts/", {"cms": cms_over(content, nca["folder"])}
    )
    assert response.url == "/courts/"


def test_a_replayed_nonce_is_refused(en, chair, nca):
    cms = cms_over(nonce_of(en), nca["folder"])
    assert en.post(reverse("ecp_login"), {"cms": cms}).status_code == 302
    # the same CMS again, in the same session: the nonce was used up
    refused(en.post(reverse("ecp_login"), {"cms": cms}), "already used", nca)
    # and in a new session it signs another nonce than the one issued there
    en.logout()
    en.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    nonce_of(en)
    refused(en.post(reverse("ecp_login"), {"cms": cms}), "does not sign", nca)
    assert signed_in(en) is None


def test_a_nonce_is_used_up_by_a_failed_attempt_too(en, chair, nca, settings):
    content = nonce_of(en)
    refused(en.post(reverse("ecp_login"), {"cms": "junk"}), "not a CMS", nca)
    # the page after the refusal issued a new nonce; the old one signs nothing
    refused(
        en.post(reverse("ecp_login"), {"cms": cms_over(content, nca["folder"])}),
        "does not sign",
        nca,
    )
    assert signed_in(en) is None


def test_an_expired_nonce_is_refused(en, chair, nca):
    content = nonce_of(en)
    session = en.session
    session[SESSION_NONCE_KEY]["issued"] -= settings.ECP_LOGIN_NONCE_SECONDS + 5
    session.save()
    refused(
        en.post(reverse("ecp_login"), {"cms": cms_over(content, nca["folder"])}),
        "expired",
        nca,
    )
    assert signed_in(en) is None and not StaticDevice.objects.exists()


def test_without_a_nonce_nothing_is_verified(en, chair, nca):
    refused(
        en.post(reverse("ecp_login"), {"cms": cms_over(b"anything", nca["folder"])}),
        "expired",
        nca,
    )
    assert signed_in(en) is None


def test_a_signature_of_other_content_is_refused(en, chair, nca):
    nonce_of(en)
    response = en.post(reverse("ecp_login"), {"cms": cms_over(b"other content", nca["folder"])})
    refused(response, "does not sign", nca)
    assert signed_in(en) is None and not StaticDevice.objects.exists()


def test_a_certificate_of_an_untrusted_ca_is_refused(en, chair, nca):
    content = nonce_of(en)
    response = en.post(reverse("ecp_login"), {"cms": cms_over(content, nca["rogue"])})
    refused(response, "trusted root", nca)
    assert signed_in(en) is None and not StaticDevice.objects.exists()


def test_a_gost_signature_is_refused_with_its_reason(en, chair, nca):
    content = nonce_of(en)
    info = acms.ContentInfo.load(base64.b64decode(cms_over(content, nca["folder"])))
    signer_info = info["content"]["signer_infos"][0]
    # what NCALayer makes with a GOST key: the GOST 34.310 signature over a GOST 34.311 hash
    signer_info["digest_algorithm"] = {"algorithm": "1.2.398.3.10.1.3.1"}
    signer_info["signature_algorithm"] = {"algorithm": "1.2.398.3.10.1.1.1.2"}
    gost = base64.b64encode(info.dump(force=True)).decode()
    refused(en.post(reverse("ecp_login"), {"cms": gost}), "GOST", nca)
    assert signed_in(en) is None


def test_an_iin_of_no_judge_is_refused_and_not_logged(en, world, nca, caplog):
    judge_with(world, synthetic_iin(4321), world.users["regional_chair"])
    content = nonce_of(en)
    with caplog.at_level(logging.DEBUG):
        response = en.post(reverse("ecp_login"), {"cms": cms_over(content, nca["folder"])})
    refused(response, "No judge record", nca)
    assert "refused" in caplog.text and nca["iin"] not in caplog.text
    assert signed_in(en) is None and not StaticDevice.objects.exists()


def test_a_judge_without_an_account_is_refused(en, world, nca):
    judge_with(world, nca["iin"])
    content = nonce_of(en)
    response = en.post(reverse("ecp_login"), {"cms": cms_over(content, nca["folder"])})
    refused(response, "no account", nca)
    assert signed_in(en) is None and not StaticDevice.objects.exists()


def test_a_disabled_account_is_refused(en, chair, nca):
    chair.is_active = False
    chair.save(update_fields=["is_active"])
    content = nonce_of(en)
    response = en.post(reverse("ecp_login"), {"cms": cms_over(content, nca["folder"])})
    refused(response, "disabled", nca)
    assert signed_in(en) is None and not StaticDevice.objects.exists()


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "not base64 !!",
        "MIIB" * 3,
        "-----BEGIN PKCS7-----\n!!!\n-----END PKCS7-----",
        "0\x82\x01garbage",
        base64.b64encode(b"0\x03\x02\x01\x00").decode(),
        "ЭЦП\ufffd" * 50,
    ],
)
def test_garbage_is_a_page_with_a_reason(en, chair, nca, junk):
    nonce_of(en)
    refused(en.post(reverse("ecp_login"), {"cms": junk}), "not a CMS", nca)
    assert signed_in(en) is None


def test_attempts_from_one_computer_are_throttled(en, chair, nca, settings):
    settings.LOGIN_IP_RATE = "2/900"
    for _ in range(2):
        nonce_of(en)
        en.post(reverse("ecp_login"), {"cms": "junk"})
    content = nonce_of(en)
    response = en.post(reverse("ecp_login"), {"cms": cms_over(content, nca["folder"])})
    assert response.status_code == 429 and "Too many" in response.content.decode()
    assert signed_in(en) is None


def test_the_refusal_is_in_the_users_language(client, world, nca):
    judge_with(world, nca["iin"])
    content = nonce_of(client)  # no language chosen: Kazakh
    response = client.post(reverse("ecp_login"), {"cms": cms_over(content, nca["folder"])})
    assert "тіркелгі байланыстырылмаған" in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.post(reverse("ecp_login"), {"cms": "junk"})
    assert "Подпись не является подписью CMS." in response.content.decode()


def test_a_nul_character_is_refused_before_the_view(en, chair, nca):
    nonce_of(en)
    assert en.post(reverse("ecp_login"), {"cms": "MII\x00"}).status_code == 400
    assert signed_in(en) is None
