"""§10, §12: the needs analysis, pairs a user may see, match suggestions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from courts.models import CareerEvent, Judge

from ..models import (
    LIVE_PAIR_STATUSES,
    Pair,
    PairStatus,
    ProtegePreference,
    RosterEntry,
)
from ..regulation import PairCandidate, rank_candidates

# --- pairs (§10, §12) ---------------------------------------------------------------

def pairs_with_judges():

    return Pair.objects.select_related("protege__court", "mentor__court", "region")


def needs_analysis(region, today: dt.date | None = None) -> list[dict]:
    """§10.1: the region's judges who qualify as protégés, with their ground,
    its date, their preferences and their live pairs. Fixed queries."""

    today = today or timezone.localdate()
    judges = (Judge.objects.filter(court__region=region).exclude(status="retired")
              .select_related("court")
              .prefetch_related(
                  Prefetch("career_events", queryset=CareerEvent.objects.order_by("date", "id")),
                  "quality_flags",
                  Prefetch("preferences", queryset=ProtegePreference.objects.select_related(
                      "entry__judge").order_by("rank")),
                  Prefetch("pairs_as_protege", to_attr="live_pairs",
                           queryset=Pair.objects.filter(status__in=LIVE_PAIR_STATUSES)
                           .select_related("mentor")))
              .order_by("last_name", "first_name"))
    rows = []
    for judge in judges:
        grounds = judge.protege_grounds(today)
        if not grounds:
            continue
        by_role = {p.role: p for p in judge.live_pairs}
        rows.append({"judge": judge, "grounds": grounds, "tutor": by_role.get("tutor"),
                     "mentor": by_role.get("mentor"),
                     "preferences": list(judge.preferences.all())})
    return rows


def pairs_visible_to(user, office) -> QuerySet:
    """The register of pairs (§12) in the office's scope."""
    qs = pairs_with_judges().order_by("-registered_on", "-proposed_at")
    if office is None:
        return qs.none()
    if office.office in ("central_council", "union_chair"):
        return qs
    if office.region_id:
        return qs.filter(region_id=office.region_id)
    if office.court_id:
        return qs.filter(Q(protege__court_id=office.court_id) | Q(mentor__court_id=office.court_id))
    return qs.none()


def pairs_of(judge) -> list:
    """The judge's own pairs, as protégé or as mentor/tutor (dashboard)."""
    if judge is None:
        return []

    return list(pairs_with_judges().filter(Q(protege=judge) | Q(mentor=judge)).filter(
        status__in=[PairStatus.PROPOSED, PairStatus.CONSENTED, PairStatus.ACTIVE]))


def pair_candidates(protege, role: str | None = None) -> list:
    """§8, §10.2: approved roster members of the protégé's region today, with
    their current number of protégés and the protégé's preference rank,
    ranked with the reasons shown (rules.rank_candidates)."""


    today = timezone.localdate()
    entries = (RosterEntry.objects.filter(roster__region_id=protege.court.region_id,
                                          added_by__issued_on__lte=today)
               .filter(Q(removed_by__isnull=True) | Q(removed_by__issued_on__gt=today))
               .exclude(judge=protege).select_related("judge__court")
               .annotate(active=Count("judge__pairs_as_mentor", filter=Q(
                   judge__pairs_as_mentor__status=PairStatus.ACTIVE), distinct=True)))
    if role:
        entries = entries.filter(role=role)
    entries = list(entries)
    ranks = dict(protege.preferences.values_list("entry_id", "rank"))
    by_id = {e.pk: e for e in entries}
    ranked = rank_candidates(
        protege_specialisation=protege.specialisation, protege_court_id=protege.court_id,
        candidates=[PairCandidate(entry_id=e.pk, role=e.role,
                                  specialisation=e.judge.specialisation,
                                  court_id=e.judge.court_id, retired=e.judge.status == "retired",
                                  active_proteges=e.active, preference_rank=ranks.get(e.pk))
                    for e in entries])
    return [{"entry": by_id[s.candidate.entry_id], "score": s.score, "reasons": s.reasons}
            for s in ranked]
