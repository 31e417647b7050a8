"""§14: the council's queue, protocols, copies and personal files."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from mentorship.i18n import full_name_sql

from .. import visibility
from ..models import (
    Decision,
    Pair,
    Petition,
    Protocol,
    ProtocolCopy,
    Report,
)
from .pairs import pairs_with_judges

# --- reports, petitions, protocols, copies (§13, §14) ------------------------------


QUEUE_LIMIT = 50  # rows a queue shows; its total is counted (#16)


def council_queue_reports(office) -> QuerySet[Report]:
    """Reports submitted to the office (the council or the Training Centre)."""
    return Report.objects.filter(
        pair__region_id=office.region_id, status="submitted", addressee=office.office
    )


def council_queue_petitions(office) -> QuerySet[Petition]:
    """Pending petitions of the region's active pairs (§14)."""
    return Petition.objects.filter(
        pair__region_id=office.region_id, status="pending", pair__status="active"
    )


def council_queue(office, today: dt.date | None = None) -> dict:
    """What awaits the branch council or the Training Centre of a region:
    reports to review, petitions, pairs whose term ended without a decision,
    copies not yet acknowledged — the oldest QUEUE_LIMIT of each, and each
    list's total as `<name>_total`. Fixed queries, bounded rows."""

    today = today or timezone.localdate()
    region_id = office.region_id
    council = office.office == "branch_council"
    none = Report.objects.none()
    queues = {
        "reports": council_queue_reports(office)
        .select_related("pair__protege", "pair__mentor", "author")
        .order_by("submitted_at"),
        "petitions": council_queue_petitions(office)
        .select_related("pair__protege", "pair__mentor", "author")
        .order_by("created_at")
        if council
        else none,
        # as values: names from SQL, no pair, judge or court instances (#16)
        "overdue": Pair.objects.filter(region_id=region_id, status="active", term_ends_on__lt=today)
        .values("pk", "term_ends_on")
        .annotate(mentor_name=full_name_sql("mentor"), protege_name=full_name_sql("protege"))
        .order_by("term_ends_on", "pk"),
        "drafts": Protocol.objects.filter(region_id=region_id, status="draft").order_by("-held_on")
        if council
        else none,
        "unacknowledged": ProtocolCopy.objects.filter(
            protocol__region_id=region_id, acknowledged_at__isnull=True
        )
        .select_related("protocol", "court")
        .order_by("delivered_at")
        if council
        else none,
    }
    out: dict = {}
    for name, qs in queues.items():
        rows = list(qs[: QUEUE_LIMIT + 1])
        out[name] = rows[:QUEUE_LIMIT]
        out[f"{name}_total"] = len(rows) if len(rows) <= QUEUE_LIMIT else qs.count()
    return out


def protocols_visible_to(user, office):

    return (
        visibility.protocols(user, office)
        .select_related("region", "document")
        .order_by("-held_on", "-id")
    )


def copies_for(office):
    return visibility.copies(None, office).select_related(
        "protocol__region", "protocol__document", "acknowledged_by", "court", "judge"
    )


def personal_file(judge) -> list:
    """§14: every issued protocol decision concerning the judge (as protégé or
    as mentor/tutor), with its protocol and PDF."""

    return list(
        Decision.objects.filter(protocol__status="issued")
        .filter(Q(pairs__protege=judge) | Q(pairs__mentor=judge))
        .distinct()
        .select_related("protocol__region", "protocol__document", "petition")
        .prefetch_related(Prefetch("pairs", queryset=pairs_with_judges()))
        .order_by("-protocol__issued_on", "-id")
    )
