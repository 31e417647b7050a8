"""Pending work of an office: what awaits the user in it, counted with a few
queries, for the landing office (ActiveOfficeMiddleware) and the dashboard."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import (
    Consent,
    Participation,
    ParticipationStatus,
    PlanVersion,
    Protocol,
    RosterEntry,
)
from .protocols import copies_for, council_queue_petitions, council_queue_reports


def pending_work(office) -> list[tuple[str, int, str]]:
    """(label, count, link) of the office's pending work, only rows with a
    count. The link opens the list where that work is done."""
    if office is None:
        return []
    kind = office.office
    out: list[tuple[str, int, str]] = []
    if kind == "regional_chair":
        # §8: the draft's changes the chair's order can approve
        ready = (
            RosterEntry.objects.filter(roster__region_id=office.region_id)
            .filter(
                Q(added_by__isnull=True, consent=Consent.ACCEPTED)
                | Q(removal_proposed=True, removed_by__isnull=True, added_by__isnull=False)
            )
            .count()
        )
        out.append(
            (
                _("Roster changes awaiting your order (§8)"),
                ready,
                reverse("roster_detail", args=[office.region.slug]),
            )
        )
    if kind in ("court_chair", "regional_chair"):
        plans = PlanVersion.objects.filter(status="submitted")
        if kind == "court_chair":
            plans = plans.filter(plan__pair__protege__court_id=office.court_id)
        else:
            plans = plans.filter(
                plan__pair__protege__court__region_id=office.region_id,
                plan__pair__protege__court__level="regional",
            )
        out.append((_("Plans awaiting approval (§2)"), plans.count(), reverse("plans_to_approve")))
    if kind == "coordinator":
        applied = Participation.objects.filter(
            region_id=office.region_id, status=ParticipationStatus.APPLIED
        ).count()
        out.append((_("Applications to decide (§4.1)"), applied, reverse("needs_analysis")))
    if kind in ("branch_council", "training_centre"):
        reports = council_queue_reports(office).count()
        out.append((_("Reports to review"), reports, reverse("council_queue")))
    if kind == "branch_council":
        petitions = council_queue_petitions(office).count()
        drafts = Protocol.objects.filter(region_id=office.region_id, status="draft").count()
        out.append((_("Petitions"), petitions, reverse("council_queue")))
        out.append((_("Draft protocols"), drafts, reverse("protocol_list")))
    if kind in ("training_centre", "hr_officer"):
        copies = copies_for(office).filter(acknowledged_at__isnull=True).count()
        out.append((_("Copies to acknowledge"), copies, reverse("copies_inbox")))
    return [row for row in out if row[1]]
