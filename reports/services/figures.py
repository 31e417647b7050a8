"""The annual analysis's figures (§17–§19) for a region or the whole country:
what is counted and from which rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, F, Q

from courts.models import Region
from programs.models import (
    ExtensionOrder,
    Feedback,
    Pair,
    PairStatus,
    PlanItem,
    Report,
    SeminarInvitation,
)

from .. import rules

REGISTERED = list(PairStatus.REGISTERED)


def _scoped(qs, region, field: str):
    return qs if region is None else qs.filter(**{field: region})


def compute_figures(region: Region | None, start: dt.date, end: dt.date) -> dict:
    """Every figure of the report, with a fixed number of queries."""
    pairs = _scoped(Pair.objects.all(), region, "region")
    in_period = Q(ended_on__gte=start, ended_on__lte=end)
    p = pairs.aggregate(
        formed=Count("id", filter=Q(registered_on__gte=start, registered_on__lte=end)),
        formed_mentor=Count(
            "id", filter=Q(registered_on__gte=start, registered_on__lte=end, role="mentor")
        ),
        formed_tutor=Count(
            "id", filter=Q(registered_on__gte=start, registered_on__lte=end, role="tutor")
        ),
        active=Count(
            "id",
            filter=Q(status__in=REGISTERED, registered_on__lte=end)
            & (Q(ended_on__isnull=True) | Q(ended_on__gt=end)),
        ),
        completed=Count("id", filter=Q(status="completed") & in_period),
        ended_early=Count("id", filter=Q(status="ended_early") & in_period),
        replaced=Count("id", filter=Q(status="replaced") & in_period),
    )
    p["extended"] = (
        _scoped(
            ExtensionOrder.objects.filter(issued_on__gte=start, issued_on__lte=end),
            region,
            "pair__region",
        )
        .values("pair")
        .distinct()
        .count()
    )
    items = _scoped(
        PlanItem.objects.filter(version__status="approved", due_on__gte=start, due_on__lte=end),
        region,
        "version__plan__pair__region",
    ).aggregate(
        due=Count("id"),
        on_time=Count("id", filter=Q(fulfilled_on__isnull=False, fulfilled_on__lte=F("due_on"))),
        late=Count("id", filter=Q(fulfilled_on__gt=F("due_on"))),
    )
    items["open"] = items["due"] - items["on_time"] - items["late"]
    reports = _scoped(
        Report.objects.filter(submitted_at__date__gte=start, submitted_at__date__lte=end),
        region,
        "pair__region",
    ).aggregate(
        mentor=Count("id", filter=Q(kind="mentor")),
        final=Count("id", filter=Q(kind="final")),
        accepted=Count("id", filter=Q(status="accepted")),
    )
    feedback = _scoped(
        Feedback.objects.filter(period__gte=start, period__lte=end), region, "pair__region"
    ).aggregate(count=Count("id"), average=Avg("rating"))
    feedback["average"] = round(feedback["average"], 2) if feedback["average"] else None
    invitations = SeminarInvitation.objects.filter(
        seminar__held_on__gte=start, seminar__held_on__lte=end
    )
    if region is not None:
        invitations = invitations.filter(
            Q(seminar__region=region) | Q(seminar__region__isnull=True, judge__court__region=region)
        )
    events = invitations.aggregate(
        seminars=Count("seminar", distinct=True),
        invited=Count("id"),
        attended=Count("id", filter=Q(attended=True)),
    )
    figures = {
        "pairs": p,
        "items": items,
        "reports": reports,
        "feedback": feedback,
        "events": events,
        "best": best_mentors(region, start, end),
    }
    if region is None:
        figures["regions"] = regions_table(start, end)
    return figures


def best_mentors(region, start, end, limit: int = 10) -> list[dict]:
    """§17: mentors and tutors ranked by rules.mentor_score, with the parts."""
    pairs = _scoped(Pair.objects.filter(status__in=REGISTERED), region, "region")
    rows = pairs.values(
        "mentor", "mentor__last_name", "mentor__first_name", "mentor__patronymic", "role"
    ).annotate(
        completed=Count(
            "id",
            filter=Q(status="completed", ended_on__gte=start, ended_on__lte=end),
            distinct=True,
        ),
        feedback_avg=Avg(
            "feedback__rating", filter=Q(feedback__period__gte=start, feedback__period__lte=end)
        ),
    )
    items = dict(
        ((r["mentor"], r["role"]), r)
        for r in (
            _scoped(
                PlanItem.objects.filter(
                    version__status="approved", due_on__gte=start, due_on__lte=end
                ),
                region,
                "version__plan__pair__region",
            )
            .values(mentor=F("version__plan__pair__mentor"), role=F("version__plan__pair__role"))
            .annotate(
                due=Count("id"),
                on_time=Count(
                    "id", filter=Q(fulfilled_on__isnull=False, fulfilled_on__lte=F("due_on"))
                ),
            )
        )
    )
    out = []
    for r in rows:
        i = items.get((r["mentor"], r["role"]), {"due": 0, "on_time": 0})
        avg = round(r["feedback_avg"], 2) if r["feedback_avg"] else None
        score = rules.mentor_score(
            completed=r["completed"],
            items_due=i["due"],
            items_on_time=i["on_time"],
            feedback_avg=avg,
        )
        if score <= 0:
            continue
        name = " ".join(
            x
            for x in (r["mentor__last_name"], r["mentor__first_name"], r["mentor__patronymic"])
            if x
        )
        out.append(
            {
                "name": name,
                "role": r["role"],
                "completed": r["completed"],
                "items_due": i["due"],
                "items_on_time": i["on_time"],
                "feedback": avg,
                "score": score,
            }
        )
    out.sort(key=lambda x: (-x["score"], x["name"]))
    return out[:limit]


def regions_table(start, end) -> list[dict]:
    """§18: the national report compares the regions."""
    rows = (
        Pair.objects.values("region", "region__name_kk", "region__name_ru", "region__name_en")
        .annotate(
            formed=Count("id", filter=Q(registered_on__gte=start, registered_on__lte=end)),
            completed=Count(
                "id", filter=Q(status="completed", ended_on__gte=start, ended_on__lte=end)
            ),
            ended_early=Count(
                "id", filter=Q(status="ended_early", ended_on__gte=start, ended_on__lte=end)
            ),
            replaced=Count(
                "id", filter=Q(status="replaced", ended_on__gte=start, ended_on__lte=end)
            ),
        )
        .order_by("region__name_en")
    )
    return [
        {
            "name": {
                "kk": r["region__name_kk"],
                "ru": r["region__name_ru"],
                "en": r["region__name_en"],
            },
            "formed": r["formed"],
            "completed": r["completed"],
            "ended_early": r["ended_early"],
            "replaced": r["replaced"],
        }
        for r in rows
    ]
