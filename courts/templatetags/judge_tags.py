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

register = template.Library()

ROW = (
    '<tr><td><a href="{}{}/">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
    "<td>{}</td></tr>"
)


def years_in_office(first: dt.date | None, retired: dt.date | None, today: dt.date) -> int:
    """§11 as courts.rules.years_in_office counts them, from the row's dates."""
    if first is None:
        return 0
    return court_rules.full_years_between(first, min(retired, today) if retired else today)


@register.simple_tag
def judge_rows(rows: Iterable[dict[str, Any]], judge_url: str, today: dt.date) -> SafeString:
    """`judge_url`: the judge page's address without the judge's number."""
    positions = {v: str(label) for v, label in Position.choices}
    specialisations = {v: str(label) for v, label in Specialisation.choices}
    statuses = {v: str(label) for v, label in JudgeStatus.choices}
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
