"""§5, §10.1, §14, §15.5: the daily term watch."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from courts.models import Judge, JudgeStatus, Office, OfficeAssignment
from courts.rules import GROUND_LABELS, lapsed_grounds
from mentorship.notifications import in_all_languages, remind_once
from mentorship.officestyle import long_date_all

from ..models import (
    Pair,
    PlanItem,
)

# --- §5, §1.6, §10.1, §14, §15.5 the daily term watch --------------------------------

REMINDER_DAYS = (30, 7)


def watch_terms(today: dt.date | None = None) -> dict:
    """The daily job: reminders 30 and 7 days before a term ends (to the pair
    and the coordinator); pairs past their term without a decision brought to
    the branch council; plan items past due; judges whose protégé ground
    lapsed without a pair brought to the coordinator. Each reminder has a
    unique key, so none goes out twice (mentorship.notifications.remind_once), committed one by one: a run
    stopped half-way sends the rest next time."""
    today = today or timezone.localdate()
    counts = {"term_ending": 0, "term_ended": 0, "item_overdue": 0, "ground_lapsed": 0}
    coordinators: dict[int, list] = {}
    councils: dict[int, list] = {}
    for a in (
        OfficeAssignment.objects.current(today)
        .filter(office__in=[Office.COORDINATOR, Office.BRANCH_COUNCIL])
        .select_related("user")
    ):
        target = coordinators if a.office == Office.COORDINATOR else councils
        target.setdefault(a.region_id, []).append(a.user)

    active = Pair.objects.filter(status="active").select_related("protege__user", "mentor__user")
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    for pair in active.filter(term_ends_on__gte=today, term_ends_on__lte=horizon):
        assert pair.term_ends_on is not None  # an active pair is registered (constraint)
        remaining = (pair.term_ends_on - today).days
        threshold = min(d for d in REMINDER_DAYS if remaining <= d)
        if remind_once(
            f"term_ending:{pair.pk}:{pair.term_ends_on}:{threshold}",
            [pair.protege.user, pair.mentor.user, *coordinators.get(pair.region_id, [])],
            "tutor_term_ending" if pair.role == "tutor" else "term_ending",
            {
                "mentor": pair.mentor.full_name,
                "protege": pair.protege.full_name,
                "end": long_date_all(pair.term_ends_on, "loc"),
                "days": str(remaining),
            },
            reverse("pair_detail", args=[pair.pk]),
        ):
            counts["term_ending"] += 1
    for pair in active.filter(term_ends_on__lt=today):
        assert pair.term_ends_on is not None
        if remind_once(
            f"term_ended:{pair.pk}:{pair.term_ends_on}",
            councils.get(pair.region_id, []),
            "tutor_term_ended" if pair.role == "tutor" else "term_ended",
            {
                "mentor": pair.mentor.full_name,
                "protege": pair.protege.full_name,
                "end": long_date_all(pair.term_ends_on, "loc"),
            },
            reverse("council_queue"),
        ):
            counts["term_ended"] += 1
    overdue = PlanItem.objects.filter(
        version__status="approved",
        version__plan__pair__status="active",
        fulfilled_on__isnull=True,
        due_on__lt=today,
    ).select_related("version__plan__pair__protege__user", "version__plan__pair__mentor__user")
    for item in overdue:
        pair = item.version.plan.pair
        digest = hashlib.sha256(f"{item.description}|{item.due_on}".encode()).hexdigest()[:16]
        if remind_once(
            f"item_overdue:{pair.pk}:{digest}",
            [pair.protege.user, pair.mentor.user],
            "item_overdue",
            {"protege": pair.protege.full_name, "due": long_date_all(item.due_on)},
            reverse("pair_plan", args=[pair.pk]),
        ):
            counts["item_overdue"] += 1
    judges = (
        Judge.objects.exclude(status=JudgeStatus.RETIRED)
        .select_related("court")
        .prefetch_related("career_events", "participations")
    )

    for judge in judges.iterator(chunk_size=2000):
        for ground, lapsed in lapsed_grounds(
            judge.career(), today, other_window_months=settings.OTHER_GROUND_WINDOW_MONTHS
        ):
            # admitted (or applied) since the event: the participation carries on
            paired = any(
                p.status != "declined" and p.created_at.date() >= ground.since
                for p in judge.participations.all()
            )
            if paired:
                continue
            if remind_once(
                f"ground_lapsed:{judge.pk}:{ground.code}:{ground.since}",
                coordinators.get(judge.court.region_id, []),
                "ground_lapsed",
                {
                    "judge": judge.full_name,
                    "ground": in_all_languages(GROUND_LABELS[ground.code]),
                    "since": long_date_all(ground.since, "abl"),
                    "lapsed": long_date_all(lapsed, "loc"),
                },
                reverse("needs_analysis"),
            ):
                counts["ground_lapsed"] += 1
    return counts
