"""Exports of the programme: the register of pairs (§12) as an XLSX workbook.
People's text is written as text, never as a formula (mentorship.xlsx).

The workbook is written row by row (openpyxl's write-only mode) into a
temporary file that the response streams (#16): memory stays bounded,
whatever the number of pairs; the pairs are read from the database in chunks."""

from __future__ import annotations

import tempfile
from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from mentorship.xlsx import text_cells

from .models import Pair

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


HEADINGS = (
    gettext_lazy("Register number"),
    gettext_lazy("Region"),
    gettext_lazy("Protégé"),
    gettext_lazy("Protégé's court"),
    gettext_lazy("Mentor or tutor"),
    gettext_lazy("Role"),
    gettext_lazy("Court"),
    gettext_lazy("Status"),
    gettext_lazy("Registered on"),
    gettext_lazy("Term ends on"),
    gettext_lazy("Ended on"),
)


def register_workbook(pairs: QuerySet[Pair]) -> IO[bytes]:
    """The register's rows with the page's filters, in the request's language,
    as an open temporary file positioned at its start."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(_("Register of pairs"))[:31])
    for column in ("C", "D", "E", "G", "H"):
        sheet.column_dimensions[column].width = 36
    sheet.append(text_cells(sheet, [str(h) for h in HEADINGS]))
    for p in pairs.iterator(chunk_size=500):
        row = [
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
        ]
        sheet.append(text_cells(sheet, row))
    out = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
    book.save(out)
    out.seek(0)
    return out
