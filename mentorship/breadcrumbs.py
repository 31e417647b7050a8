"""Breadcrumbs as a table: for each named page below the dashboard, its label
and its parent page. base.html renders the trail once (`{% breadcrumbs %}`,
mentorship.templatetags.mentorship_tags), so no template repeats it.

A label is a lazy string or a function of the page's context (the object the
view rendered: a pair, a court …), evaluated at request time in the page's
language. The parent's URL arguments are the page's own when the parent takes
the same ones (a pair's plan → the pair), else `parent_kwargs(context)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

Label = Promise | Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True)
class Crumb:
    label: Label
    parent: str | None = "dashboard"  # None: the trail starts here
    parent_kwargs: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None


def _attr(name: str, path: str, fallback: Promise) -> Callable[[Mapping[str, Any]], Any]:
    """The label from an object of the context: ``_attr("pair", "protege.full_name")``."""

    def label(context: Mapping[str, Any]) -> Any:
        value: Any = context.get(name)
        for part in path.split("."):
            if value is None:
                break
            value = getattr(value, part, None)
            if callable(value):
                value = value()
        return value or fallback

    return label


def _pair_label(context: Mapping[str, Any]) -> str:
    pair = context.get("pair")
    if pair is None and context.get("report") is not None:
        pair = getattr(context["report"], "pair", None)  # a report's page: its pair
    if pair is None:
        return gettext("Pair")
    number = f" № {pair.register_number}" if pair.register_number else ""
    return f"{gettext('Pair')}{number} — {pair.protege.full_name}"


def _protocol_label(context: Mapping[str, Any]) -> str:
    protocol = context.get("protocol")
    if protocol is None or not protocol.number:
        return gettext("Protocol decision")
    return f"{gettext('Protocol decision')} № {protocol.number}"


def _annual_label(context: Mapping[str, Any]) -> str:
    report = context.get("report")
    if report is None:
        return gettext("Annual analysis")
    scope = report.region.name if report.region_id else gettext("the whole country")
    return f"{scope}, {report.period_start:%d.%m.%Y} – {report.period_end:%d.%m.%Y}"


def _report_pair(context: Mapping[str, Any]) -> dict[str, Any]:
    report = context.get("report")
    return {"pk": report.pair_id} if report is not None else {}


TRAIL: dict[str, Crumb] = {
    "dashboard": Crumb(_("Dashboard"), parent=None),
    "notification_centre": Crumb(_("Notifications")),
    "access_log": Crumb(_("Access log")),
    "password_change": Crumb(_("Password")),
    "password_change_done": Crumb(_("Password changed"), "password_change"),
    "verify_document": Crumb(_("Verify a document")),
    "document_ecp": Crumb(_("Sign with ЭЦП")),
    # courts and judges
    "court_list": Crumb(_("Courts")),
    "court_detail": Crumb(_attr("court", "name", _("Court")), "court_list"),
    "judge_list": Crumb(_("Judges")),
    "judge_detail": Crumb(_attr("judge", "full_name", _("Judge")), "judge_list"),
    "personal_file": Crumb(_("Personal file"), "judge_detail"),
    "import_reference": Crumb(_("Import")),
    "import_job": Crumb(_("Import result"), "import_reference"),
    "record_history": Crumb(_("History of changes")),
    # programme
    "coordinator_designations": Crumb(_("Coordinator")),
    "roster_list": Crumb(_("Rosters")),
    "roster_detail": Crumb(_attr("region", "name", _("Roster")), "roster_list"),
    "protege_preferences": Crumb(_("My preferences")),
    "seminar_list": Crumb(_("Seminars")),
    "seminar_detail": Crumb(_attr("seminar", "topic", _("Seminar")), "seminar_list"),
    "needs_analysis": Crumb(_("Needs analysis")),
    "quality_flags": Crumb(_("Quality flags")),
    "pair_new": Crumb(_("Propose a pair"), "needs_analysis"),
    "pair_list": Crumb(_("Pairs")),
    "plans_to_approve": Crumb(_("Plans awaiting approval")),
    "pair_detail": Crumb(_pair_label, "pair_list"),
    "pair_plan": Crumb(_("Individual plan"), "pair_detail"),
    "pair_journal": Crumb(_("Confidential journal"), "pair_detail"),
    "report_detail": Crumb(
        _attr("report", "get_kind_display", _("Written report")), "pair_detail", _report_pair
    ),
    "workload_orders": Crumb(_("Workload orders")),
    "council_queue": Crumb(_("Awaiting a decision")),
    "protocol_list": Crumb(_("Protocols")),
    "protocol_detail": Crumb(_protocol_label, "protocol_list"),
    "copies_inbox": Crumb(_("Copies of protocol decisions")),
    # reports
    "annual_list": Crumb(_("Annual analysis")),
    "annual_report_detail": Crumb(_annual_label, "annual_list"),
}


@dataclass(frozen=True)
class Step:
    label: str
    url: str | None  # None: the current page


def _label(crumb: Crumb, context: Mapping[str, Any]) -> str:
    label = crumb.label
    return str(label if isinstance(label, Promise) else label(context))


def _reverse(name: str, kwargs: Mapping[str, Any]) -> str | None:
    for attempt in (dict(kwargs), {}):
        try:
            return reverse(name, kwargs=attempt)
        except NoReverseMatch:
            continue
    return None


def trail(
    url_name: str | None, kwargs: Mapping[str, Any], context: Mapping[str, Any]
) -> list[Step]:
    """The steps from the dashboard to the page (the page itself last, without
    a link); [] for the dashboard itself and for pages not in the table."""
    if not url_name or url_name not in TRAIL or TRAIL[url_name].parent is None:
        return []
    crumb = TRAIL[url_name]
    steps = [Step(_label(crumb, context), None)]
    args: Mapping[str, Any] = kwargs
    seen = {url_name}
    while crumb.parent is not None and crumb.parent not in seen:
        name = crumb.parent
        seen.add(name)
        args = crumb.parent_kwargs(context) if crumb.parent_kwargs else args
        parent = TRAIL[name]
        crumb = parent
        url = _reverse(name, args)
        if url is not None:  # else a page whose object the context lacks: skipped
            steps.append(Step(_label(parent, context), url))
    return steps[::-1]
