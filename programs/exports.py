"""Spreadsheet exports of the programme's registers (§12)."""

from __future__ import annotations

import io

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_workbook(pairs: QuerySet) -> bytes:
    """The register of pairs (§12) as the bytes of an XLSX workbook, one row per
    pair of `pairs` (with its judges, courts and region selected), headed in the
    active language."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Register of pairs"))[:31]
    sheet.append([str(h) for h in (_("Register number"), _("Region"), _("Protégé"),
                                   _("Protégé's court"), _("Mentor or tutor"), _("Role"),
                                   _("Court"), _("Status"), _("Registered on"),
                                   _("Term ends on"), _("Ended on"))])
    for p in pairs:
        sheet.append([p.register_number, p.region.name, p.protege.full_name,
                      p.protege.court.name, p.mentor.full_name, p.get_role_display(),
                      p.mentor.court.name, p.get_status_display(), p.registered_on,
                      p.term_ends_on, p.ended_on])
    for column in ("C", "D", "E", "G", "H"):
        sheet.column_dimensions[column].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
