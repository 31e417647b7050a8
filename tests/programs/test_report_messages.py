"""The report page answers in the page's language: its messages were once
translated at import, so ru and en pages got the Kazakh text."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import translation

from programs import services
from tests.programs import helpers as h


@pytest.mark.parametrize("language", ["ru", "en", "kk"])
def test_saving_a_report_is_confirmed_in_the_pages_language(client, world, language):
    pair = h.active_pair(world)
    mentor = pair.mentor.user
    report = services.start_report(mentor, pair)
    client.force_login(mentor)
    client.cookies["django_language"] = language
    response = client.post(
        reverse("report_save", args=[report.pk]),
        {"addressee": "branch_council", "work_done": "Жұмыс"},
        follow=True,
    )
    with translation.override(language):
        expected = translation.gettext("The draft was saved.")
    assert expected in html.unescape(response.content.decode())
    if language != "en":
        assert expected != "The draft was saved."


def test_text_typed_beside_a_file_is_kept_whatever_happens(client, world):
    """Attaching a file saves the text typed above it; a refused file shows the
    page again with the text as typed (nothing lost by a second action)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    pair = h.active_pair(world)
    protege = pair.protege.user
    report = services.start_report(protege, pair)
    client.force_login(protege)
    client.cookies["django_language"] = "en"
    typed = {"addressee": "branch_council", "work_done": "МӘТІН-4471"}
    refused = client.post(
        reverse("report_upload", args=[report.pk]),
        {**typed, "file": SimpleUploadedFile("x.exe", b"MZ not a pdf")},
    )
    assert refused.status_code == 200
    assert "МӘТІН-4471" in refused.content.decode()
    report.refresh_from_db()
    assert report.work_done == ""  # a refused step changes nothing
    client.post(
        reverse("report_upload", args=[report.pk]),
        {**typed, "file": SimpleUploadedFile("есеп.pdf", h.MINIMAL_PDF)},
    )
    report.refresh_from_db()
    assert report.work_done == "МӘТІН-4471"
