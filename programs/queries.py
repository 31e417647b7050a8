"""Read side of the programme, scoped to the user's office, with a fixed
number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from courts.models import CareerEvent, Judge, Region
from courts.queries import scope_filter

from .models import Consent, RosterEntry, RosterOrder, Seminar, SeminarInvitation


def regions_visible_to(user, office) -> QuerySet[Region]:
    scope = scope_filter(office, user, "courts__id", "id")
    qs = Region.objects.order_by("name_en")
    return qs if scope is None else qs.filter(scope).distinct()


def _entries():
    return RosterEntry.objects.select_related(
        "judge__court", "added_by", "removed_by").prefetch_related(
        Prefetch("judge__career_events", queryset=CareerEvent.objects.order_by("date", "id")))


def roster_members_on(roster, on: dt.date) -> list[RosterEntry]:
    """§8: the roster as it stood on a date (the chain of orders is the truth)."""
    return list(_entries().filter(roster=roster, added_by__issued_on__lte=on).filter(
        Q(removed_by__isnull=True) | Q(removed_by__issued_on__gt=on)))


def roster_draft(roster) -> list[RosterEntry]:
    return list(_entries().filter(roster=roster).filter(
        Q(added_by__isnull=True) | Q(removal_proposed=True, removed_by__isnull=True)))


def roster_orders(roster) -> list[RosterOrder]:
    return list(RosterOrder.objects.filter(roster=roster).select_related("document", "signatory")
                .order_by("-issued_on", "-number"))


def invitations_for(judge) -> list[RosterEntry]:
    if judge is None:
        return []
    return list(RosterEntry.objects.filter(judge=judge, consent=Consent.PENDING,
                                           added_by__isnull=True)
                .select_related("roster__region"))


def seminars_visible_to(user, office) -> QuerySet[Seminar]:
    scope = scope_filter(office, user, "region__courts__id", "region_id")
    qs = Seminar.objects.select_related("region", "organised_by").order_by("-held_on")
    if scope is None:
        return qs
    return qs.filter(scope | Q(region__isnull=True) | Q(organised_by=user)).distinct()


def seminar_invitations_for(judge) -> list[SeminarInvitation]:
    if judge is None:
        return []
    return list(SeminarInvitation.objects.filter(judge=judge).select_related("seminar__region")
                .order_by("-seminar__held_on"))


def judges_for_roster_search(region, text: str) -> QuerySet[Judge]:
    from courts.queries import search_judges

    qs = Judge.objects.filter(court__region=region).select_related("court").prefetch_related(
        "career_events")
    return search_judges(qs, text)[:20] if text else qs.none()


def seminar_invitees(seminar) -> list[Judge]:
    """§8: roster members and judges who qualify as protégés, of the seminar's
    region (or of the country for a national seminar)."""
    today = timezone.localdate()
    judges = Judge.objects.exclude(status="retired").select_related("court").prefetch_related(
        "career_events")
    members = RosterEntry.objects.filter(added_by__isnull=False, removed_by__isnull=True)
    if seminar.region_id:
        judges = judges.filter(court__region_id=seminar.region_id)
        members = members.filter(roster__region_id=seminar.region_id)
    member_ids = set(members.values_list("judge_id", flat=True))
    return [j for j in judges if j.pk in member_ids or j.protege_grounds(today)]
