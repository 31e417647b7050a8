"""Read side of the reports app: annual reports a user may see, and each
office's key figures for its dashboard (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

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


def _month_end(today: dt.date) -> dt.date:
    from programs.regulation import add_months

    return add_months(today.replace(day=1), 1) - dt.timedelta(days=1)


def key_figures(office, user) -> list[tuple[str, int, str]]:
    """(label, number, link) for the office's dashboard."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from programs.models import Pair, Petition, ProtocolCopy, Report
    from programs.queries import needs_analysis, plans_awaiting_decision

    if office is None:
        return []
    today = timezone.localdate()
    kind = office.office
    pairs = Pair.objects.all()
    if kind in ("coordinator", "branch_council", "training_centre", "regional_chair"):
        pairs = pairs.filter(region_id=office.region_id)
    elif kind in ("court_chair", "hr_officer"):
        pairs = pairs.filter(protege__court_id=office.court_id)
    elif kind == "administrator":
        return []
    counts = pairs.aggregate(
        active=Count("id", filter=Q(status="active")),
        awaiting_consent=Count("id", filter=Q(status="proposed")),
        awaiting_registration=Count("id", filter=Q(status="consented")),
        ending_this_month=Count("id", filter=Q(status="active", term_ends_on__gte=today,
                                               term_ends_on__lte=_month_end(today))),
        awaiting_decision=Count("id", filter=Q(status="active", term_ends_on__lt=today)),
        completed_this_year=Count("id", filter=Q(status="completed",
                                                 ended_on__year=today.year)),
    )
    pairs_url = reverse("pair_list")
    out: list[tuple[str, int, str]] = []
    if kind == "coordinator":
        rows = needs_analysis(office.region, today)
        without = sum(1 for r in rows if not r["tutor"] and not r["mentor"])
        out += [(_("Protégés without a pair"), without, reverse("needs_analysis")),
                (_("Pairs awaiting consent"), counts["awaiting_consent"],
                 pairs_url + "?status=proposed"),
                (_("Terms ending this month"), counts["ending_this_month"],
                 pairs_url + "?status=active")]
    elif kind in ("branch_council", "training_centre"):
        reports = Report.objects.filter(pair__region_id=office.region_id, status="submitted",
                                        addressee=kind).count()
        out += [(_("Reports to review"), reports, reverse("council_queue")),
                (_("Pairs awaiting registration"), counts["awaiting_registration"],
                 pairs_url + "?status=consented"),
                (_("Pairs awaiting a decision"), counts["awaiting_decision"],
                 reverse("council_queue"))]
        if kind == "branch_council":
            petitions = Petition.objects.filter(pair__region_id=office.region_id,
                                                status="pending", pair__status="active").count()
            out.append((_("Petitions"), petitions, reverse("council_queue")))
        else:
            copies = ProtocolCopy.objects.filter(recipient="training_centre",
                                                 region_id=office.region_id,
                                                 acknowledged_at__isnull=True).count()
            out.append((_("Copies to acknowledge"), copies, reverse("copies_inbox")))
    elif kind == "hr_officer":
        copies = ProtocolCopy.objects.filter(recipient="hr", court_id=office.court_id,
                                             acknowledged_at__isnull=True).count()
        out.append((_("Copies to acknowledge"), copies, reverse("copies_inbox")))
    elif kind in ("court_chair", "regional_chair"):
        plans = len(plans_awaiting_decision(office))
        out.append((_("Plans awaiting approval"), plans, reverse("dashboard")))
        out.append((_("Terms ending this month"), counts["ending_this_month"],
                    pairs_url + "?status=active"))
    out.append((_("Active pairs"), counts["active"], pairs_url + "?status=active"))
    if kind in ("central_council", "union_chair"):
        out.append((_("Pairs completed this year"), counts["completed_this_year"],
                    pairs_url + "?status=completed"))
    return out
