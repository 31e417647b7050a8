"""§8, §15.7, §16.6: seminars a user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from courts.models import Judge
from courts.queries import has_ground, scope_filter, with_ground_aliases, with_ground_dates

from ..models import (
    RosterEntry,
    Seminar,
    SeminarInvitation,
)


def seminars_visible_to(user, office) -> QuerySet[Seminar]:
    scope = scope_filter(office, user, "region__courts__id", "region_id")
    qs = Seminar.objects.select_related("region", "organised_by").order_by("-held_on")
    if scope is None:
        return qs
    return qs.filter(scope | Q(region__isnull=True) | Q(organised_by=user)).distinct()


def seminar_invitations_for(judge) -> list[SeminarInvitation]:
    if judge is None:
        return []
    return list(
        SeminarInvitation.objects.filter(judge=judge)
        .select_related("seminar__region")
        .order_by("-seminar__held_on")
    )


def seminar_invitees(seminar) -> list[Judge]:
    """§8: roster members and judges who qualify as protégés, of the seminar's
    region (or of the country for a national seminar); the grounds from SQL."""
    today = timezone.localdate()
    judges = Judge.objects.exclude(status="retired").select_related("user")
    members = RosterEntry.objects.filter(added_by__isnull=False, removed_by__isnull=True)
    if seminar.region_id:
        judges = judges.filter(court__region_id=seminar.region_id)
        members = members.filter(roster__region_id=seminar.region_id)
    judges = with_ground_aliases(with_ground_dates(judges, today))
    return list(judges.filter(Q(pk__in=members.values("judge_id")) | has_ground(today)))
