"""§10, §12: the needs analysis, pairs a user may see, match suggestions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.utils import timezone

from courts.collation import by_name
from courts.models import Judge, QualityFlag
from courts.queries import grounds_of, has_ground, with_ground_aliases, with_ground_dates
from mentorship.i18n import full_name_sql, name_sql

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


def needs_analysis_judges(region, today: dt.date | None = None) -> QuerySet[Judge]:
    """§10.1: the region's judges who qualify as protégés (preamble, §1.4) or
    take part in the programme (an admitted participation), by name. The
    grounds come from SQL (courts.queries.qualifying), whatever the region's
    size: the list is paginated and only a page's rows are built (#16)."""
    today = today or timezone.localdate()
    admitted = Participation.objects.filter(
        protege=OuterRef("pk"), status=ParticipationStatus.ADMITTED
    )
    judges = with_ground_aliases(
        with_ground_dates(
            Judge.objects.filter(court__region=region).exclude(status="retired"), today
        )
    )
    return (
        judges.filter(has_ground(today) | Exists(admitted))
        .select_related("court")
        .order_by(*by_name(), "pk")
    )


def without_a_pair(judges: QuerySet[Judge]) -> QuerySet[Judge]:
    """Of the needs analysis, the judges with neither a live tutor nor mentor pair."""
    live = Pair.objects.filter(protege=OuterRef("pk"), status__in=LIVE_PAIR_STATUSES)
    return judges.exclude(Exists(live))


def needs_analysis_rows(judges, today: dt.date | None = None) -> list[dict]:
    """The rows of one page of `needs_analysis_judges`: each judge's grounds
    with their dates, preferences and live pairs. Fixed queries per page."""
    today = today or timezone.localdate()
    judges = list(judges)
    prefetch_related_objects(
        judges,
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
            queryset=Pair.objects.filter(status__in=LIVE_PAIR_STATUSES).select_related("mentor"),
        ),
    )
    rows = []
    for judge in judges:
        by_role = {p.role: p for p in judge.live_pairs}
        rows.append(
            {
                "judge": judge,
                "grounds": grounds_of(judge, today),
                # admitted: the participation carries on, whatever the ground today
                "participation": judge.live_participations[0]
                if judge.live_participations
                else None,
                "tutor": by_role.get("tutor"),
                "mentor": by_role.get("mentor"),
                "preferences": list(judge.preferences.all()),
            }
        )
    return rows


def needs_analysis(region, today: dt.date | None = None) -> list[dict]:
    """The whole needs analysis (the demo data's loader; pages use the two above)."""
    return needs_analysis_rows(needs_analysis_judges(region, today), today)


def pairs_visible_to(user, office) -> QuerySet:
    """The register of pairs (§12) in the office's scope."""
    return (
        visibility.pairs(user, office)
        .select_related("protege__court", "mentor__court", "region")
        .order_by("-registered_on", "-proposed_at")
    )


def register_rows(pairs: QuerySet[Pair]) -> QuerySet[Any, Any]:
    """The register's rows for its page (§12) as plain values, names in the
    active language from SQL: no model instances per row (#16). The role
    and status labels come from their choices (register_tags)."""
    return pairs.values(
        "pk", "register_number", "role", "status", "registered_on", "term_ends_on"
    ).annotate(
        protege_name=full_name_sql("protege"),
        protege_court=name_sql("protege__court"),
        mentor_name=full_name_sql("mentor"),
        mentor_court=name_sql("mentor__court"),
    )


def quality_flag_judges(court) -> QuerySet[Any, Any]:
    """Preamble, §1.4: the court's serving judges on its chair's flags page,
    by name, as values (#16)."""
    return (
        Judge.objects.filter(court=court)
        .exclude(status="retired")
        .order_by(*by_name(), "pk")
        .values("pk")
        .annotate(name=full_name_sql(""))
    )


def quality_flag_rows(page) -> list[dict[str, Any]]:
    """A page of `quality_flag_judges`, each with its standing flag (or None)."""
    judges = list(page)
    flags = {
        f["judge_id"]: f
        for f in QualityFlag.objects.filter(
            judge_id__in=[j["pk"] for j in judges], lifted_on__isnull=True
        ).values("pk", "judge_id", "flagged_on", "reasons")
    }
    return [{**j, "flag": flags.get(j["pk"])} for j in judges]


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
