"""The annual report's XLSX workbook (§17–§19): the same figures as the PDF,
one sheet per table, labels in the document's language."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from mentorship.xlsx import append_row
from programs.models import RosterRole

from .. import rules


def build_workbook(report, figures, context) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Summary"))[:31]
    p, i, r, fb, ev = (
        figures["pairs"],
        figures["items"],
        figures["reports"],
        figures["feedback"],
        figures["events"],
    )
    rows = [
        (_("Scope"), context["scope_name"]),
        (_("Period"), f"{report.period_start:%d.%m.%Y} – {report.period_end:%d.%m.%Y}"),
        (_("Pairs formed"), p["formed"]),
        (_("of which mentors"), p["formed_mentor"]),
        (_("of which tutors"), p["formed_tutor"]),
        (_("Pairs active"), p["active"]),
        (_("Pairs completed"), p["completed"]),
        (_("Pairs ended early"), p["ended_early"]),
        (_("Pairs extended"), p["extended"]),
        (_("Mentors replaced"), p["replaced"]),
        (_("Plan items due"), i["due"]),
        (_("fulfilled on time"), i["on_time"]),
        (_("fulfilled late"), i["late"]),
        (_("not fulfilled"), i["open"]),
        (_("Mentors' reports received"), r["mentor"]),
        (_("Protégés' final reports received"), r["final"]),
        (_("Reports accepted"), r["accepted"]),
        (_("Feedback given"), fb["count"]),
        (_("Average rating (1–5)"), fb["average"]),
        (_("Seminars held"), ev["seminars"]),
        (_("Judges invited"), ev["invited"]),
        (_("Judges attended"), ev["attended"]),
    ]
    for label, value in rows:
        append_row(sheet, [str(label), value])
    sheet.column_dimensions["A"].width = 40
    chart = BarChart()
    chart.title = str(_("Pairs"))
    chart.add_data(Reference(sheet, min_col=2, min_row=3, max_row=10), titles_from_data=False)
    chart.set_categories(Reference(sheet, min_col=1, min_row=3, max_row=10))
    chart.legend = None
    sheet.add_chart(chart, "D2")
    best = book.create_sheet(str(_("Best mentors"))[:31])
    append_row(best, [str(_("Criteria")), str(rules.MENTOR_CRITERIA)])
    append_row(
        best,
        [
            str(h)
            for h in (
                _("Judge"),
                _("Role"),
                _("Completed"),
                _("Items due"),
                _("On time"),
                _("Average rating"),
                _("Score"),
            )
        ],
    )
    for row in figures["best"]:
        append_row(
            best,
            [
                row["name"],
                str(RosterRole(row["role"]).label),
                row["completed"],
                row["items_due"],
                row["items_on_time"],
                row["feedback"],
                row["score"],
            ],
        )
    if "regions" in figures:
        regions = book.create_sheet(str(_("Regions"))[:31])
        append_row(
            regions,
            [
                str(h)
                for h in (_("Region"), _("Formed"), _("Completed"), _("Ended early"), _("Replaced"))
            ],
        )
        for row in figures["regions"]:
            append_row(
                regions,
                [
                    row["name"].get(context["language"]) or row["name"]["kk"],
                    row["formed"],
                    row["completed"],
                    row["ended_early"],
                    row["replaced"],
                ],
            )
    nominations = book.create_sheet(str(_("Nominations"))[:31])
    append_row(nominations, [str(_("Judge")), str(_("Reasons"))])
    for n in context["nominations"]:
        append_row(nominations, [n.judge.full_name, n.reasons])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
