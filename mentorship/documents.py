"""Issuing documents: HTML template → PDF (WeasyPrint), signed by the issuing
body (PAdES, mentorship/signing.py), stored once with its SHA-256 and a
verification code printed on it with a QR code of its verification address;
never re-rendered."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .ecp import EcpError, verify_cms
from .errors import Refused
from .models import Document, DocumentSignature, new_verification_code
from .officestyle import Signatory
from .permissions import user_of
from .signing import sign_pdf

DOCUMENT_LANGUAGES = ("kk", "ru")


def url_fetcher():
    """WeasyPrint fetches nothing but ``data:`` URLs: no file of the server and
    no network address can enter a document, whatever a template or a user's
    text holds."""

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def render_layout(template: str, context: dict, language: str):
    """The laid-out document (WeasyPrint's pages and boxes), before it becomes a PDF."""
    with translation.override(language):
        html = render_to_string(template, {**context, "LANGUAGE_CODE": language})
    return HTML(string=html, url_fetcher=url_fetcher()).render()


def render_pdf(template: str, context: dict, language: str) -> bytes:
    return render_layout(template, context, language).write_pdf()


def verification_url(code: str) -> str:
    """The address printed on a document and encoded in its QR code."""
    return f"{settings.SITE_URL}/verify/?{urlencode({'code': code})}"


def qr_data_uri(payload: str) -> str:
    """A QR code (segno) as a PNG ``data:`` URL, the one kind WeasyPrint fetches."""
    return segno.make(payload, error="m").png_data_uri(scale=6, border=2)


def issue_document(
    *,
    kind: str,
    number: str,
    issued_on,
    issuer: str,
    signatory: Signatory | str,
    language: str,
    template: str,
    context: dict,
    body: str = "default",
    place: str = "",
    issued_by=None,
) -> Document:
    """Render, sign (with the certificate of ``body``) and store a document.
    Call inside the business transaction."""
    if language not in DOCUMENT_LANGUAGES:
        language = "kk"
    if not isinstance(signatory, Signatory):
        signatory = Signatory(position="", name=str(signatory))
    code = new_verification_code()
    url = verification_url(code)
    pdf = render_pdf(
        template,
        {
            **context,
            "verification_code": code,
            "verification_url": url,
            "qr": qr_data_uri(url),
            "number": number,
            "issued_on": issued_on,
            "issuer": issuer,
            "signatory": signatory,
            "place": place,
        },
        language,
    )
    pdf = sign_pdf(pdf, body=body, reason=f"{issuer} № {number}"[:200], location=place)
    return Document.objects.create(
        kind=kind,
        number=number,
        issued_on=issued_on,
        issuer=issuer,
        signatory=str(signatory),
        language=language,
        verification_code=code,
        pdf=pdf,
        issued_by=issued_by,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )


def pdf_response(document, filename: str):
    """Serve an issued document's stored PDF as it was issued (never re-rendered)."""

    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@transaction.atomic
def add_ecp_signature(*, by, document: Document, cms: bytes | str) -> DocumentSignature:
    """The chair who issued the document signs its hash with their ЭЦП in the
    browser (NCALayer, CMS): the signature must sign this very PDF, chain to
    a configured trust root, and name the IIN of the signer's judge record."""

    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.issued_by_id is None or document.issued_by_id != by.pk:
        raise Refused(_("Only the signatory who issued the document adds an ЭЦП to it."))
    judge = getattr(by, "judge", None)
    if judge is None or not judge.iin:
        raise Refused(
            _("Your judge record holds no IIN: ask the HR service to enter it, then sign.")
        )
    try:
        signer = verify_cms(cms, bytes(document.pdf))
    except EcpError as exc:
        raise Refused(str(exc)) from exc
    if signer.iin != judge.iin:
        raise Refused(_("The certificate's IIN is not the IIN of your judge record."))
    try:
        with transaction.atomic():
            return DocumentSignature.objects.create(
                document=document,
                user=user_of(by),
                position=document.signatory,
                signer_name=signer.name or document.signatory,
                signer_iin=signer.iin,
                signed_at=signer.signed_at,
                certificate=signer.certificate.dump(),
                cms=cms.encode() if isinstance(cms, str) else cms,
            )
    except IntegrityError as exc:
        raise Refused(_("You have already signed this document with your ЭЦП.")) from exc
