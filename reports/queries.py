"""Read side of the reports app: annual reports a user may see, and each
office's key figures for its dashboard (a fixed number of queries)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.models import Office
from courts.queries import courts_visible_to, judges_visible_to, protege_count
from programs import visibility
from programs.queries import (
    copies_for,
    council_queue_petitions,
    council_queue_reports,
    needs_analysis_judges,
    pair_figure_filters,
    pictures,
    plans_awaiting_decision,
    without_a_pair,
)

from .models import AnnualReport


def annual_reports_visible_to(office):
    qs = AnnualReport.objects.select_related("region", "document", "requested_by").defer("xlsx")
    if office is None:
        return qs.none()
    if office.office in ("central_council", "union_chair"):
        return qs
    if office.office in ("branch_council", "training_centre"):
        return qs.filter(region_id=office.region_id)
    return qs.none()


def dashboard_figures(user, office, today) -> dict[str, Callable[[], Any]]:
    """The scope's figures on the dashboard, each computed when first read and
    once: the template reads them only when its cached fragment is missing
    (mentorship.dataversion). Counted by the database, whatever the scope's
    size (#16)."""

    figure = functools.cache

    @functools.cache
    def judges() -> Any:
        return judges_visible_to(user, office).exclude(status="retired")

    return {
        "court_count": figure(lambda: courts_visible_to(user, office).count()),
        "judge_count": figure(lambda: judges().count()),
        "protege_count": figure(lambda: protege_count(judges(), office, today)),
        "key_figures": figure(lambda: key_figures(office, user)),
        # national and regional offices: pairs by state per region / court, one query
        "pairs_chart": figure(lambda: pictures.pairs_chart(user, office)),
    }


def key_figures(office, user) -> list[tuple[str, int, str]]:
    """(label, number, link) for the office's dashboard. Every number counts
    the rows of the list its link opens (tests/reports/test_figures.py)."""
    if office is None or office.office == Office.ADMINISTRATOR:
        return []
    today = timezone.localdate()
    kind = office.office
    filters = pair_figure_filters(today)
    counts = visibility.pairs(user, office).aggregate(
        **{name: Count("id", filter=q) for name, q in filters.items()}
    )
    pairs_url = reverse("pair_list")

    def pairs_link(figure: str) -> str:
        return f"{pairs_url}?figure={figure}"

    out: list[tuple[str, int, str]] = []
    if kind == Office.COORDINATOR:
        without = without_a_pair(needs_analysis_judges(office.region, today)).count()
        out += [
            (_("Protégés without a pair"), without, reverse("needs_analysis")),
            (
                _("Pairs awaiting consent"),
                counts["awaiting_consent"],
                pairs_link("awaiting_consent"),
            ),
            (
                _("Terms ending this month"),
                counts["ending_this_month"],
                pairs_link("ending_this_month"),
            ),
        ]
    elif kind in (Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE):
        # the queue's totals only, counted (the queue page lists its rows)
        reports = council_queue_reports(office).count()
        out += [
            (_("Reports to review"), reports, reverse("council_queue")),
            (
                _("Pairs awaiting registration"),
                counts["awaiting_registration"],
                pairs_link("awaiting_registration"),
            ),
            (
                _("Pairs awaiting a decision"),
                counts["awaiting_decision"],
                pairs_link("awaiting_decision"),
            ),
        ]
        if kind == Office.BRANCH_COUNCIL:
            petitions = council_queue_petitions(office).count()
            out.append((_("Petitions"), petitions, reverse("council_queue")))
        else:
            copies = copies_for(office).filter(acknowledged_at__isnull=True).count()
            out.append((_("Copies to acknowledge"), copies, reverse("copies_inbox")))
    elif kind == Office.HR_OFFICER:
        copies = copies_for(office).filter(acknowledged_at__isnull=True).count()
        out.append((_("Copies to acknowledge"), copies, reverse("copies_inbox")))
    elif kind in (Office.COURT_CHAIR, Office.REGIONAL_CHAIR):
        plans = len(plans_awaiting_decision(office))
        out.append((_("Plans awaiting approval"), plans, reverse("plans_to_approve")))
        out.append(
            (
                _("Terms ending this month"),
                counts["ending_this_month"],
                pairs_link("ending_this_month"),
            )
        )
    out.append((_("Active pairs"), counts["active"], pairs_link("active")))
    if kind in (Office.CENTRAL_COUNCIL, Office.UNION_CHAIR):
        out.append(
            (
                _("Pairs completed this year"),
                counts["completed_this_year"],
                pairs_link("completed_this_year"),
            )
        )
    return out
