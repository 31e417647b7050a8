"""§10, §12: the needs analysis, pairs a user may see, match suggestions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from courts.collation import by_name
from courts.models import CareerEvent, Judge

from .. import visibility
from ..models import (
    LIVE_PAIR_STATUSES,
    Pair,
    PairStatus,
    Participation,
    ParticipationStatus,
    ProtegePreference,
    RosterEntry,
)
from ..regulation import PairCandidate, add_months, rank_candidates

# --- pairs (§10, §12) ---------------------------------------------------------------


def pairs_with_judges():

    return Pair.objects.select_related("protege__court", "mentor__court", "region")


def needs_analysis(region, today: dt.date | None = None) -> list[dict]:
    """§10.1: the region's judges who qualify as protégés or take part in the
    programme, with their ground, its date, their preferences and their live
    pairs. Fixed queries."""

    today = today or timezone.localdate()
    judges = (
        Judge.objects.filter(court__region=region)
        .exclude(status="retired")
        .select_related("court")
        .prefetch_related(
            Prefetch("career_events", queryset=CareerEvent.objects.order_by("date", "id")),
            "quality_flags",
            Prefetch(
                "preferences",
                queryset=ProtegePreference.objects.select_related("entry__judge").order_by("rank"),
            ),
            Prefetch(
                "participations",
                to_attr="live_participations",
                queryset=Participation.objects.filter(status=ParticipationStatus.ADMITTED),
            ),
            Prefetch(
                "pairs_as_protege",
                to_attr="live_pairs",
                queryset=Pair.objects.filter(status__in=LIVE_PAIR_STATUSES).select_related(
                    "mentor"
                ),
            ),
        )
        .order_by(*by_name())
    )
    rows = []
    for judge in judges:
        grounds = judge.protege_grounds(today)
        participation = judge.live_participations[0] if judge.live_participations else None
        if not grounds and participation is None:
            continue
        by_role = {p.role: p for p in judge.live_pairs}
        rows.append(
            {
                "judge": judge,
                "grounds": grounds,
                # admitted: the participation carries on, whatever the ground today
                "participation": participation,
                "tutor": by_role.get("tutor"),
                "mentor": by_role.get("mentor"),
                "preferences": list(judge.preferences.all()),
            }
        )
    return rows


def pairs_visible_to(user, office) -> QuerySet:
    """The register of pairs (§12) in the office's scope."""
    return (
        visibility.pairs(user, office)
        .select_related("protege__court", "mentor__court", "region")
        .order_by("-registered_on", "-proposed_at")
    )


def pairs_of(judge) -> list:
    """The judge's own pairs, as protégé or as mentor/tutor (dashboard)."""
    if judge is None:
        return []

    return list(
        pairs_with_judges()
        .filter(Q(protege=judge) | Q(mentor=judge))
        .filter(status__in=PairStatus.LIVE)
    )


def pair_candidates(protege, role: str | None = None) -> list:
    """§8, §10.2: approved roster members of the protégé's region today, with
    their current number of protégés and the protégé's preference rank,
    ranked with the reasons shown (rules.rank_candidates)."""

    today = timezone.localdate()
    entries = (
        RosterEntry.objects.filter(roster__region_id=protege.court.region_id)
        .members_on(today)
        .exclude(judge=protege)
        .select_related("judge__court")
        .annotate(
            active=Count(
                "judge__pairs_as_mentor",
                filter=Q(judge__pairs_as_mentor__status=PairStatus.ACTIVE),
                distinct=True,
            )
        )
    )
    if role:
        entries = entries.filter(role=role)
    rows = list(entries)
    ranks = dict(protege.preferences.values_list("entry_id", "rank"))
    by_id = {e.pk: e for e in rows}
    ranked = rank_candidates(
        protege_specialisation=protege.specialisation,
        protege_court_id=protege.court_id,
        candidates=[
            PairCandidate(
                entry_id=e.pk,
                role=e.role,
                specialisation=e.judge.specialisation,
                court_id=e.judge.court_id,
                retired=e.judge.status == "retired",
                active_proteges=e.active,
                preference_rank=ranks.get(e.pk),
            )
            for e in rows
        ],
    )
    return [
        {"entry": by_id[s.candidate.entry_id], "score": s.score, "reasons": s.reasons}
        for s in ranked
    ]


def _month_end(today: dt.date) -> dt.date:
    return add_months(today.replace(day=1), 1) - dt.timedelta(days=1)


def pair_figure_filters(today: dt.date) -> dict[str, Q]:
    """The pair figures of the dashboards, each a filter that the register of
    pairs applies for the same `?figure=` value, so a figure and the list it
    links to count the same rows (both read `programs.visibility.pairs`)."""
    return {
        "active": Q(status=PairStatus.ACTIVE),
        "awaiting_consent": Q(status=PairStatus.PROPOSED),
        "awaiting_registration": Q(status=PairStatus.CONSENTED),
        "ending_this_month": Q(
            status=PairStatus.ACTIVE, term_ends_on__gte=today, term_ends_on__lte=_month_end(today)
        ),
        "awaiting_decision": Q(status=PairStatus.ACTIVE, term_ends_on__lt=today),
        "completed_this_year": Q(status=PairStatus.COMPLETED, ended_on__year=today.year),
    }
