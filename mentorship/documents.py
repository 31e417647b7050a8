"""Issuing documents: HTML template → PDF (WeasyPrint), stored once with its
SHA-256 and a verification code printed on it; never re-rendered."""

from __future__ import annotations

import hashlib

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .models import Document, new_verification_code

DOCUMENT_LANGUAGES = ("kk", "ru")


def url_fetcher():
    """WeasyPrint fetches nothing but ``data:`` URLs: no file of the server and
    no network address can enter a document, whatever a template or a user's
    text holds."""

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def render_pdf(template: str, context: dict, language: str) -> bytes:

    with translation.override(language):
        html = render_to_string(template, {**context, "LANGUAGE_CODE": language})
    return HTML(string=html, url_fetcher=url_fetcher()).write_pdf()


def issue_document(
    *,
    kind: str,
    number: str,
    issued_on,
    issuer: str,
    signatory: str,
    language: str,
    template: str,
    context: dict,
) -> Document:
    """Render and store a document. Call inside the business transaction."""
    if language not in DOCUMENT_LANGUAGES:
        language = "kk"
    code = new_verification_code()
    pdf = render_pdf(
        template,
        {
            **context,
            "verification_code": code,
            "number": number,
            "issued_on": issued_on,
            "issuer": issuer,
            "signatory": signatory,
        },
        language,
    )
    return Document.objects.create(
        kind=kind,
        number=number,
        issued_on=issued_on,
        issuer=issuer,
        signatory=signatory,
        language=language,
        verification_code=code,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )


def pdf_response(document, filename: str):
    """Serve an issued document's stored PDF as it was issued (never re-rendered)."""

    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
