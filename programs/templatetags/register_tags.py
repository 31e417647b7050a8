"""Rows of the programme's long tables — the register of pairs (§12), the
court's newcomers for a workload order (§6) — built as the Django admin
builds its changelist cells: format_html per row, not a template node per
cell, so fifty rows cost a fraction of a millisecond (#16)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from mentorship.i18n import choice_labels, short_date_formatter
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
    roles = choice_labels(RosterRole.choices)
    statuses = choice_labels(PairStatus.choices)
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


WORKLOAD_ROW = (
    "<tr><td>{judge}</td><td>{appointed}</td><td>{until}</td>"
    '<td><form method="post" class="row g-1 align-items-end">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="judge" value="{pk}">'
    '<div class="col-auto"><label class="form-label small" for="p-{pk}">{l_percent}</label>'
    '<input class="form-control form-control-sm" type="number" min="1" max="30" id="p-{pk}" '
    'name="percent" required></div>'
    '<div class="col-auto"><label class="form-label small" for="s-{pk}">{l_from}</label>'
    '<input class="form-control form-control-sm" type="date" id="s-{pk}" name="starts_on" '
    'value="{today}" required></div>'
    '<div class="col-auto"><label class="form-label small" for="e-{pk}">{l_until}</label>'
    '<input class="form-control form-control-sm" type="date" id="e-{pk}" name="ends_on" '
    'value="{until_iso}" required></div>'
    '<div class="col-auto"><label class="form-label small" for="l-{pk}">{l_language}</label>'
    '<select class="form-select form-select-sm" id="l-{pk}" name="language">{options}</select>'
    "</div>"
    '<div class="col-auto"><button class="btn btn-sm btn-primary" type="submit">{l_issue}'
    "</button></div></form></td></tr>"
)


@register.simple_tag(takes_context=True)
def workload_rows(context, rows: list[dict[str, Any]], options: SafeString) -> SafeString:
    """§6: each newcomer of programs.queries.workload_candidates with the form
    of the order (the labels, the token and the languages' options once)."""
    day = short_date_formatter()
    fixed = {
        "csrf": get_token(context["request"]),
        "today": timezone.localdate().isoformat(),
        "options": options,
        "l_percent": _("Reduction, %"),
        "l_from": _("From"),
        "l_until": _("Until"),
        "l_language": _("Language"),
        "l_issue": _("Issue the order"),
    }
    return SafeString(
        "".join(
            format_html(
                WORKLOAD_ROW,
                judge=r["judge"].full_name,
                pk=r["judge"].pk,
                appointed=day(r["appointed"]),
                until=day(r["until"]),
                until_iso=r["until"].isoformat(),
                **fixed,
            )
            for r in rows
        )
    )


FLAGGED_ROW = (
    '<tr><td>{name}</td>\n<td><span class="badge text-bg-warning">{l_flagged} {since}</span> '
    "{reasons}</td>\n"
    '<td><form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="action" value="lift"><input type="hidden" name="flag" '
    'value="{flag}"><button class="btn btn-sm btn-outline-secondary" type="submit">{l_lift}'
    "</button></form></td>\n</tr>"
)
UNFLAGGED_ROW = (
    "<tr><td>{name}</td>\n<td>—</td>\n"
    '<td><form method="post" class="d-flex gap-1">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="judge" value="{pk}">'
    '<label class="visually-hidden" for="reasons-{pk}">{l_reasons}</label>'
    '<input class="form-control form-control-sm" id="reasons-{pk}" name="reasons" required '
    'maxlength="2000" placeholder="{l_reasons}">'
    '<button class="btn btn-sm btn-warning" type="submit">{l_flag}</button></form></td>\n</tr>'
)


@register.simple_tag(takes_context=True)
def quality_flag_rows(context, rows: list[dict[str, Any]]) -> SafeString:
    """Preamble, §1.4: the court's judges on the chair's page, each with the
    standing flag and the form that lifts it, or the form that sets one."""
    day = short_date_formatter()
    fixed = {
        "csrf": get_token(context["request"]),
        "l_flagged": _("flagged"),
        "l_lift": _("Lift the flag"),
        "l_reasons": _("Reasons"),
        "l_flag": _("Flag"),
    }
    out = []
    for r in rows:
        flag = r["flag"]
        if flag:
            out.append(
                format_html(
                    FLAGGED_ROW,
                    name=r["name"],
                    since=day(flag["flagged_on"]),
                    reasons=flag["reasons"],
                    flag=flag["pk"],
                    **fixed,
                )
            )
        else:
            out.append(format_html(UNFLAGGED_ROW, name=r["name"], pk=r["pk"], **fixed))
    return SafeString("".join(out))
