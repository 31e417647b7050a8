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
        reverse("report_detail", args=[report.pk]),
        {"action": "save", "addressee": "branch_council", "work_done": "Жұмыс"},
        follow=True,
    )
    with translation.override(language):
        expected = translation.gettext("The draft was saved.")
    assert expected in html.unescape(response.content.decode())
    if language != "en":
        assert expected != "The draft was saved."
