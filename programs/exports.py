"""Exports of the programme: the register of pairs (§12) as an XLSX workbook.
People's text is written as text, never as a formula (mentorship.xlsx)."""

from __future__ import annotations

import io

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from mentorship.xlsx import append_row

from .models import Pair

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_workbook(pairs: QuerySet[Pair]) -> bytes:
    """The register's rows with the page's filters, in the request's language;
    the pairs are read in chunks, not all at once."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(_("Register of pairs"))[:31]
    append_row(
        sheet,
        [
            str(h)
            for h in (
                _("Register number"),
                _("Region"),
                _("Protégé"),
                _("Protégé's court"),
                _("Mentor or tutor"),
                _("Role"),
                _("Court"),
                _("Status"),
                _("Registered on"),
                _("Term ends on"),
                _("Ended on"),
            )
        ],
    )
    for p in pairs.iterator(chunk_size=2000):
        append_row(
            sheet,
            [
                p.register_number,
                p.region.name,
                p.protege.full_name,
                p.protege.court.name,
                p.mentor.full_name,
                p.get_role_display(),
                p.mentor.court.name,
                p.get_status_display(),
                p.registered_on,
                p.term_ends_on,
                p.ended_on,
            ],
        )
    for column in ("C", "D", "E", "G", "H"):
        sheet.column_dimensions[column].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
