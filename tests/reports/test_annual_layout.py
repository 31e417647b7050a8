"""§17–19: the annual report fits its pages: every column header and figure of
every table is in the PDF's text, in Kazakh and in Russian, and no table (nor
any of its cells) reaches past the right edge of the page's content area
(WeasyPrint's layout boxes)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import translation
from pypdf import PdfReader
from weasyprint.formatting_structure import boxes

from mentorship.documents import qr_data_uri, render_layout, render_pdf
from mentorship.officestyle import Signatory
from reports import services as rs
from reports.models import AnnualReport

HEADERS = {
    "pairs": [
        "formed",
        "of which mentors",
        "of which tutors",
        "active",
        "completed",
        "ended early",
        "extended",
        "mentor (tutor) replaced",
    ],
    "items": ["items due in the period", "fulfilled on time", "fulfilled late", "not fulfilled"],
    "reports": [
        "mentors' reports",
        "protégés' final reports",
        ("report status", "accepted"),
        "feedback given",
        "average rating",
    ],
    "events": ["seminars", "invited", "attended"],
    "regions": ["Region", "formed", "completed", "ended early", "mentor (tutor) replaced"],
}


def figures() -> dict:
    """Distinct figures, so that each one is found in the text."""
    return {
        "pairs": {
            "formed": 1101,
            "formed_mentor": 1102,
            "formed_tutor": 1103,
            "active": 1104,
            "completed": 1105,
            "ended_early": 1106,
            "extended": 1107,
            "replaced": 1108,
        },
        "items": {"due": 2201, "on_time": 2202, "late": 2203, "open": 2204},
        "reports": {"mentor": 3301, "final": 3302, "accepted": 3303},
        "feedback": {"count": 3304, "average": 4.25},
        "events": {"seminars": 4401, "invited": 4402, "attended": 4403},
        "best": [],
        "regions": [
            {
                "name": {"kk": "Батыс Қазақстан облысы", "ru": "Западно-Казахстанская область"},
                "formed": 5501,
                "completed": 5502,
                "ended_early": 5503,
                "replaced": 5504,
            }
        ],
    }


def context(language: str) -> dict:
    report = AnnualReport(
        region=None, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31)
    )
    with translation.override(language):
        ctx = rs.build_context(report, figures(), language)
    return {
        **ctx,
        "verification_code": "TEST-CODE-0001",
        "verification_url": "http://example.kz/verify/?code=TEST-CODE-0001",
        "qr": qr_data_uri("http://example.kz/verify/?code=TEST-CODE-0001"),
        "number": "2025-kz",
        "issued_on": dt.date(2026, 1, 2),
        "signatory": Signatory("Chair", "Ә.Н. Сәрсенбаева"),
        "place": "",
    }


def _descendants(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _descendants(child)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_header_and_figure_is_in_the_text(language):
    pdf = render_pdf("documents/annual_report.html", context(language), language)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    squeezed = "".join(text.split())
    with translation.override(language):
        for table, headers in HEADERS.items():
            for header in headers:
                label = (
                    translation.pgettext(*header)
                    if isinstance(header, tuple)
                    else translation.gettext(header)
                )
                assert label != header or language == "en"
                assert "".join(label.split()) in squeezed, (table, label)
    for group in figures().values():
        values = group.values() if isinstance(group, dict) else []
        for value in values:
            assert str(value).replace(".", ",") in text, value
    for value in (5501, 5502, 5503, 5504):
        assert str(value) in text
    region = "Батыс Қазақстан облысы" if language == "kk" else "Западно-Казахстанская область"
    assert "".join(region.split()) in squeezed


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_table_is_wider_than_the_page(language):
    document = render_layout("documents/annual_report.html", context(language), language)
    tables = 0
    for page in document.pages:
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        assert page_box.margin_width() > page_box.margin_height()  # landscape
        for box in _descendants(page_box):
            if isinstance(box, (boxes.TableBox, boxes.TableCellBox)):
                tables += isinstance(box, boxes.TableBox)
                assert box.position_x + box.margin_width() <= right + 0.5, (
                    type(box).__name__,
                    box.position_x + box.margin_width(),
                    right,
                )
    assert tables >= 6
