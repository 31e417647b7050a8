"""Rules of the annual analysis (§17–19), as pure functions."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

CHAIR_REPORT_MISSING = _(
    "§19: the report of the Chair of the Union for %(year)s has not been entered yet, so the "
    "national analysis would print an empty section. The Chair enters it on this page "
    "(“Report of the Chair of the Union (§19)”); to prepare the analysis without it, tick "
    "“Prepare without the Chair's report”."
)


def period(kind: str, year: int) -> tuple[dt.date, dt.date]:
    """§17: 'the end of the year' — the calendar year; §18: 'the end of the
    academic year' — 1 September to 31 August. `year` is the year it starts."""
    if kind == "academic":
        return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def period_just_ended(kind: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The reporting year that ended shortly before `today` (within its first
    three days), or None: the yearly job acts only then."""
    start, end = period(kind, today.year - 1)
    if end < today <= end + dt.timedelta(days=3):
        return start, end
    return None


def period_label(start: dt.date, end: dt.date) -> str:
    if start.year == end.year:
        return str(start.year)
    return f"{start.year}/{end.year}"


# §17: the best mentors and tutors, ranked by stated criteria.
MENTOR_SCORE = {"completed": 10, "on_time_ratio": 10, "feedback_point": 2}
MENTOR_CRITERIA = _(
    "Score = 10 for each pair completed with its goals reached in the period "
    "+ 10 × the share of plan items due in the period fulfilled on time + 2 × "
    "the average rating (1–5) the protégés gave the programme."
)


def mentor_score(
    *, completed: int, items_due: int, items_on_time: int, feedback_avg: float | None
) -> float:
    ratio = items_on_time / items_due if items_due else 0.0
    return round(
        MENTOR_SCORE["completed"] * completed
        + MENTOR_SCORE["on_time_ratio"] * ratio
        + MENTOR_SCORE["feedback_point"] * (feedback_avg or 0.0),
        2,
    )
