"""ЭЦП: the chair who issued a document signs its hash in the browser
(NCALayer, CMS); the server verifies the CMS, the certificate chain against
the configured trust roots (a test CA here, the NCA's roots in production)
and the IIN of the signer's judge record, and /verify/ names who signed."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from courts.iin import is_valid_iin
from mentorship.documents import add_ecp_signature
from mentorship.ecp import EcpError, verify_cms
from mentorship.errors import Refused
from mentorship.models import DocumentSignature
from tests import factories as f
from tests.ecp import cms_over, synthetic_iin
from tests.programs import helpers as h


@pytest.fixture(autouse=True)
def _ecp_roots(settings, nca):
    settings.ECP_TRUST_ROOTS = [str(nca["folder"] / "ca.cert.pem")]
    settings.ECP_INTERMEDIATES = []
    with translation.override("en"):  # the reasons are matched in English
        yield


def test_the_synthetic_iin_is_valid_and_a_wrong_check_digit_is_not(nca):
    iin = nca["iin"]
    assert is_valid_iin(iin) and iin.startswith("000101")
    assert not is_valid_iin(iin[:-1] + str((int(iin[-1]) + 1) % 10))
    assert not is_valid_iin("12345") and not is_valid_iin("١٢٣٤٥٦٧٨٩٠١٢")


class TestVerifyCms:
    def test_a_good_signature_names_the_iin_the_name_and_the_time(self, nca):
        signer = verify_cms(cms_over(b"document", nca["folder"]), b"document")
        assert signer.iin == nca["iin"]
        assert signer.name == "САРСЕНБАЕВА ӘСЕЛ НҰРЛАНҚЫЗЫ"
        assert abs(signer.signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)

    def test_another_content_is_refused(self, nca):
        with pytest.raises(EcpError, match="does not sign this document"):
            verify_cms(cms_over(b"document", nca["folder"]), b"another document")

    def test_a_certificate_of_an_untrusted_ca_is_refused(self, nca):
        with pytest.raises(EcpError, match="trusted root"):
            verify_cms(cms_over(b"document", nca["rogue"]), b"document")

    def test_a_certificate_without_an_iin_is_refused(self, nca):
        with pytest.raises(EcpError, match="IIN"):
            verify_cms(cms_over(b"document", nca["folder"], "noiin"), b"document")

    @pytest.mark.parametrize(
        "junk", ["", "not base64 !!", base64.b64encode(b"0\x03\x02\x01\x00").decode()]
    )
    def test_garbage_is_refused_with_a_reason(self, junk):
        with pytest.raises(EcpError, match="not a CMS"):
            verify_cms(junk, b"document")

    def test_no_trust_roots_configured_refuses(self, nca, settings):
        settings.ECP_TRUST_ROOTS = []
        with pytest.raises(EcpError, match="trust roots"):
            verify_cms(cms_over(b"document", nca["folder"]), b"document")


class TestSigningADocument:
    @pytest.fixture
    def order(self, world, nca):
        chair = world.users["regional_chair"]
        judge = f.judge(world.regional_court, position="chair", last_name="Сәрсенбаева")
        judge.user, judge.iin = chair, nca["iin"]
        judge.save(update_fields=["user", "iin"])
        chair.refresh_from_db()
        return h.approved_order(world)

    def test_the_issuing_chair_signs_and_verify_names_the_signer(self, world, order, nca, client):
        document = order.document
        client.force_login(world.users["regional_chair"])
        page = client.get(reverse("document_ecp", args=[document.verification_code]))
        assert page.status_code == 200 and document.sha256 in page.content.decode()
        response = client.post(
            reverse("document_ecp", args=[document.verification_code]),
            {"cms": cms_over(bytes(document.pdf), nca["folder"])},
        )
        assert response.status_code == 302
        stored = DocumentSignature.objects.get()
        assert (stored.document, stored.user, stored.signer_iin) == (
            document,
            world.users["regional_chair"],
            nca["iin"],
        )
        client.logout()
        verify = client.get(reverse("verify_document"), {"code": document.verification_code})
        section = verify.content.decode().split('data-testid="verify-ecp">')[1].split("</dd>")[0]
        assert "САРСЕНБАЕВА ӘСЕЛ" in section and nca["iin"] not in verify.content.decode()

    def test_a_cms_over_another_document_changes_nothing(self, world, order, nca):
        with pytest.raises(Refused, match="does not sign"):
            add_ecp_signature(
                by=world.users["regional_chair"],
                document=order.document,
                cms=cms_over(b"%PDF another", nca["folder"]),
            )
        assert not DocumentSignature.objects.exists()

    def test_the_iin_must_be_the_signers_own(self, world, order, nca):
        other = synthetic_iin(4321)
        world.users["regional_chair"].judge.__class__.objects.filter(
            user=world.users["regional_chair"]
        ).update(iin=other)
        chair = world.users["regional_chair"].__class__.objects.get(
            pk=world.users["regional_chair"].pk
        )
        with pytest.raises(Refused, match="IIN"):
            add_ecp_signature(
                by=chair,
                document=order.document,
                cms=cms_over(bytes(order.document.pdf), nca["folder"]),
            )
        assert not DocumentSignature.objects.exists()

    def test_only_the_issuer_signs(self, world, order, nca, client):
        with pytest.raises(Refused, match="issued"):
            add_ecp_signature(
                by=world.users["court_chair"],
                document=order.document,
                cms=cms_over(bytes(order.document.pdf), nca["folder"]),
            )
        client.force_login(world.users["court_chair"])
        url = reverse("document_ecp", args=[order.document.verification_code])
        assert client.get(url).status_code == 404

    def test_signing_twice_is_refused(self, world, order, nca):
        cms = cms_over(bytes(order.document.pdf), nca["folder"])
        add_ecp_signature(by=world.users["regional_chair"], document=order.document, cms=cms)
        with pytest.raises(Refused, match="already"):
            add_ecp_signature(by=world.users["regional_chair"], document=order.document, cms=cms)
        assert DocumentSignature.objects.count() == 1
