"""§8, §11, §12: what rosters show."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from courts.models import CareerEvent, Judge, OfficeAssignment
from courts.queries import search_judges

from ..models import (
    Consent,
    RosterEntry,
    RosterOrder,
)
from ..regulation import COORDINATOR_OFFICES


def _entries():
    return RosterEntry.objects.select_related(
        "judge__court", "added_by", "removed_by"
    ).prefetch_related(
        Prefetch("judge__career_events", queryset=CareerEvent.objects.order_by("date", "id")),
        "judge__quality_flags",
    )


def roster_members_on(roster, on: dt.date) -> list[RosterEntry]:
    """§8: the roster as it stood on a date (the chain of orders is the truth)."""
    return list(_entries().filter(roster=roster).members_on(on))


def roster_draft(roster) -> list[RosterEntry]:
    return list(
        _entries()
        .filter(roster=roster)
        .filter(Q(added_by__isnull=True) | Q(removal_proposed=True, removed_by__isnull=True))
    )


def roster_orders(roster) -> list[RosterOrder]:
    return list(
        RosterOrder.objects.filter(roster=roster)
        .select_related("document", "signatory")
        .order_by("-issued_on", "-number")
    )


def invitations_for(judge) -> list[RosterEntry]:
    if judge is None:
        return []
    return list(
        RosterEntry.objects.filter(
            judge=judge, consent=Consent.PENDING, added_by__isnull=True
        ).select_related("roster__region")
    )


def judges_for_roster_search(region, text: str) -> QuerySet[Judge]:

    qs = (
        Judge.objects.filter(court__region=region)
        .select_related("court")
        .prefetch_related("career_events", "quality_flags")
    )
    return search_judges(qs, text)[:20] if text else qs.none()


def designation_candidates(region):
    """The accounts a region's council may designate coordinator (§9), bounded
    by the region (a few dozen people, whatever the country's size)."""
    in_region_judges = Q(judge__court__region=region) & (
        Q(judge__court__level="regional", judge__status="serving")
        | Q(judge__status="retired")
        | Q(judge__position="collegium_chair", judge__court__is_small=True)
    )
    office_holders = OfficeAssignment.objects.current().filter(
        region=region, office__in=COORDINATOR_OFFICES
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(in_region_judges | Q(pk__in=office_holders.values("user")))
        .select_related("judge__court")
        .order_by("last_name", "first_name", "username")
        .distinct()
    )
