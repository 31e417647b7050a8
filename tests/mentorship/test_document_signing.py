"""Issued documents are signed (PAdES, the issuing body's certificate from
configuration), carry a QR code of their verification address, and /verify/
shows the stored SHA-256, the signature's validity, lets the holder of the
code download the original and tells a tampered copy from it."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from mentorship.documents import verification_url
from mentorship.signing import _load_certs, check_pdf_signature, make_test_certificates
from tests.programs import helpers as h


@pytest.fixture
def order(world):
    return h.approved_order(world, language="kk")


def test_the_pdf_carries_a_pades_signature_that_pyhanko_validates(order, signing_folder):
    pdf = bytes(order.document.pdf)
    reader = PdfFileReader(io.BytesIO(pdf))
    (signature,) = reader.embedded_signatures
    roots = _load_certs([signing_folder / "ca.cert.pem"])
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=roots))
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.coverage.name == "ENTIRE_FILE"
    assert "/ETSI.CAdES.detached" in str(signature.sig_object["/SubFilter"])
    assert order.document.hash_matches()  # the stored hash is of the signed file


def test_a_signature_by_an_untrusted_certificate_is_not_valid(order, tmp_path, settings):
    other = tmp_path / "other"
    make_test_certificates(other, key_size=1024)
    settings.DOCUMENT_TRUST_ROOTS = [str(other / "ca.cert.pem")]
    check = check_pdf_signature(bytes(order.document.pdf))
    assert check.signed and check.intact and not check.trusted and not check.valid


def test_the_qr_code_decodes_to_the_verification_address(order):
    page = PdfReader(io.BytesIO(bytes(order.document.pdf))).pages[-1]
    decoded = [
        r.text for image in page.images for r in zxingcpp.read_barcodes(image.image.convert("L"))
    ]
    url = verification_url(order.document.verification_code)
    assert decoded == [url]
    assert url.endswith(f"/verify/?code={order.document.verification_code}")


class TestVerifyPage:
    def test_it_shows_the_stored_sha256_the_valid_signature_and_a_download(self, client, order):
        document = order.document
        response = client.get(reverse("verify_document"), {"code": document.verification_code})
        page = response.content.decode()
        assert response.status_code == 200
        assert document.sha256 in page
        assert 'data-testid="verify-signature">жарамды' in page
        download = client.get(
            reverse("verify_document_pdf"), {"code": document.verification_code.lower()}
        )
        assert download.status_code == 200 and download.content == bytes(document.pdf)

    def test_an_unknown_code_downloads_nothing(self, client, order):
        assert (
            client.get(reverse("verify_document_pdf"), {"code": "AAAA-BBBB-CCCC"}).status_code
            == 404
        )
        assert client.get(reverse("verify_document_pdf")).status_code == 404

    def test_the_genuine_copy_is_identical(self, client, order):
        document = order.document
        response = client.post(
            reverse("verify_document"),
            {
                "code": document.verification_code,
                "copy": SimpleUploadedFile("order.pdf", bytes(document.pdf)),
            },
        )
        assert response.status_code == 200
        assert "(SHA-256" in response.content.decode()

    @pytest.mark.parametrize("where", ["text", "appended"])
    def test_a_tampered_pdf_fails(self, client, order, where):
        original = bytes(order.document.pdf)
        if where == "text":
            # one byte of the signed content changed
            position = original.index(b"/MediaBox") + 2
            tampered = original[:position] + b"X" + original[position + 1 :]
        else:
            # an incremental update appended after signing
            tampered = original + b"\n% appended\n"
        response = client.post(
            reverse("verify_document"),
            {
                "code": order.document.verification_code,
                "copy": SimpleUploadedFile("order.pdf", tampered),
            },
        )
        page = response.content.decode()
        assert response.status_code == 409
        assert 'data-testid="verify-copy"' in page and "alert-danger" in page
        assert not check_pdf_signature(tampered).valid

    def test_a_copy_that_is_not_a_pdf_is_refused_with_a_reason(self, client, order):
        response = client.post(
            reverse("verify_document"),
            {
                "code": order.document.verification_code,
                "copy": SimpleUploadedFile("order.pdf", b"not a pdf at all"),
            },
        )
        assert response.status_code == 200
        assert 'data-testid="verify-copy"' in response.content.decode()
