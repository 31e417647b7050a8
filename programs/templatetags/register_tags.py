"""The register of pairs' rows (§12), built as the Django admin builds its
changelist cells: format_html per row, not a template node per cell — a
page of fifty rows costs a fraction of a millisecond (#16)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from mentorship.i18n import short_date_formatter
from programs.models import PairStatus, RosterRole

register = template.Library()

ROW = (
    '<tr><td>{}</td><td><a href="{}{}/">{}</a><div class="small text-muted">{}</div></td>'
    '<td>{}<div class="small text-muted">{}</div></td><td>{}</td>'
    # the badge as includes/status_badge.html draws it
    '<td><span class="badge status-badge status-{}" data-status="{}">{}</span></td>'
    "<td>{}</td><td>{}</td></tr>"
)


@register.simple_tag
def register_rows(rows: Iterable[dict[str, Any]], pair_url: str) -> SafeString:
    """Rows of programs.queries.register_rows; `pair_url` the pair page's
    address without the pair's number."""
    day = short_date_formatter()
    roles = {value: str(label) for value, label in RosterRole.choices}
    statuses = {value: str(label) for value, label in PairStatus.choices}
    return format_html_join(
        "",
        ROW,
        (
            (
                r["register_number"] or "—",
                pair_url,
                r["pk"],
                r["protege_name"],
                r["protege_court"],
                r["mentor_name"],
                r["mentor_court"],
                roles.get(r["role"], r["role"]),
                r["status"],
                r["status"],
                statuses.get(r["status"], r["status"]),
                day(r["registered_on"]) or "—",
                day(r["term_ends_on"]) or "—",
            )
            for r in rows
        ),
    )
