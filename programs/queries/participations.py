"""Preamble, §4.1, §10.1: applications and participations a user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import Participation, ParticipationStatus


def applications(region) -> QuerySet[Participation]:
    """§4.1, §10.1: applications of the region's judges awaiting admission."""
    return (
        Participation.objects.filter(region=region, status=ParticipationStatus.APPLIED)
        .select_related("protege__court")
        .order_by("created_at")
    )


def participation_of(judge) -> Participation | None:
    """The judge's live participation, else the latest one (dashboard)."""
    if judge is None:
        return None
    return (
        Participation.objects.filter(protege=judge)
        .select_related("decided_by")
        .order_by("-created_at")
        .first()
    )


def episodes(participation: Participation) -> QuerySet:
    """The pairs of one participation, in order: the register shows them
    under the one programme."""
    return participation.pairs.select_related("mentor__court").order_by("proposed_at", "id")
