"""The judges' table rows of a list page (a court's judges, the judges in
scope), built as the Django admin builds its changelist cells: format_html
per row over the values of courts.queries.judge_rows (#16)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from courts import rules as court_rules
from courts.models import JudgeStatus, Position, Specialisation
from mentorship.i18n import choice_labels

register = template.Library()

ROW = (
    '<tr><td><a href="{}{}/">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
    "<td>{}</td></tr>"
)


def years_in_office(first: dt.date | None, retired: dt.date | None, today: dt.date) -> int:
    """§11: courts.rules.years_in_office over the row's two dates."""
    events = [
        court_rules.Event(kind, day)
        for kind, day in (("first_appointment", first), ("retirement", retired))
        if day is not None
    ]
    return court_rules.years_in_office(events, today)


@register.simple_tag
def judge_rows(rows: Iterable[dict[str, Any]], judge_url: str, today: dt.date) -> SafeString:
    """`judge_url`: the judge page's address without the judge's number."""
    positions = choice_labels(Position.choices)
    specialisations = choice_labels(Specialisation.choices)
    statuses = choice_labels(JudgeStatus.choices)
    return format_html_join(
        "",
        ROW,
        (
            (
                judge_url,
                r["pk"],
                r["judge_name"],
                r["court_name"],
                positions.get(r["position"], r["position"]),
                specialisations.get(r["specialisation"], r["specialisation"]),
                statuses.get(r["status"], r["status"]),
                years_in_office(r["first_appointed"], r["retired_on"], today),
            )
            for r in rows
        ),
    )
