"""The Regulation's rules about judges, as pure functions (no database).

Each function cites its paragraph of the Regulation on Judicial Mentorship
(`regulation.en.md`). Inputs are plain values so the rules are testable alone.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Preamble, §1.4: a first-appointed judge "with less than one year in office".
# That year belongs to first appointment only: for a change of specialisation
# or region and a return from childcare leave the Regulation sets no limit, so
# how long such an event still shows in the needs analysis is this system's own
# setting, OTHER_GROUND_WINDOW_MONTHS (README; 0 = no limit).
GROUND_WINDOW_YEARS = 1
DEFAULT_OTHER_GROUND_WINDOW_MONTHS = 24
TUTOR_MIN_YEARS = 5  # §11


@dataclass(frozen=True)
class Event:
    kind: str
    date: dt.date


@dataclass(frozen=True)
class Ground:
    code: str
    since: dt.date

    @property
    def label(self) -> str:
        return str(GROUND_LABELS[self.code])


GROUND_LABELS = {
    "first_appointment": _("first appointment, less than a year in office"),
    "specialisation_change": _("change of specialisation"),
    "region_change": _("change of region"),
    "childcare_return": _("return from childcare leave"),
    "quality": _("needs help to improve the quality of justice"),
}


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def full_years_between(start: dt.date, end: dt.date) -> int:
    """Whole years from `start` to `end`; a year appointed on 29 February is
    complete on 28 February of a common year (the month's last day)."""
    if end < start:
        return 0
    years = end.year - start.year
    if add_years(start, years) > end:
        years -= 1
    return years


def first_appointment(events: list[Event]) -> dt.date | None:
    dates = [e.date for e in events if e.kind == "first_appointment"]
    return min(dates) if dates else None


def years_in_office(events: list[Event], on: dt.date) -> int:
    """§11: full years as a judge, from the first appointment until `on`
    or until retirement, whichever comes first."""
    start = first_appointment(events)
    if start is None:
        return 0
    retirements = [e.date for e in events if e.kind == "retirement" and e.date <= on]
    end = min(retirements) if retirements else on
    return full_years_between(start, end)


def _within_window(since: dt.date, on: dt.date) -> bool:
    return since <= on < add_years(since, GROUND_WINDOW_YEARS)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; a day past the month's end becomes its
    last day (31 January + 1 month = 28/29 February), as PostgreSQL does.
    The one month arithmetic of the project (programs.regulation re-exports it)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def other_ground_lapses(since: dt.date, window_months: int) -> dt.date | None:
    """The day an event-based ground other than first appointment stops
    showing (None: the setting sets no limit)."""
    return add_months(since, window_months) if window_months > 0 else None


def protege_grounds(
    events: list[Event],
    on: dt.date,
    *,
    retired: bool = False,
    quality_flag_since: dt.date | None = None,
    other_window_months: int = DEFAULT_OTHER_GROUND_WINDOW_MONTHS,
) -> list[Ground]:
    """Preamble, §1.4: the five grounds on which a judge may be a protégé on `on`.

    first appointment less than a year ago (the Regulation's year); change of
    specialisation, change of region, return from childcare leave (within
    `other_window_months` of the event: the system's setting, not the text's);
    need to improve the quality of justice (flagged by the court chair, until
    the flag is withdrawn). A retired judge is never a protégé. The grounds
    are established when a participation begins; later steps rest on it.
    """
    if retired:
        return []
    grounds: list[Ground] = []
    start = first_appointment(events)
    if start and _within_window(start, on):
        grounds.append(Ground("first_appointment", start))
    mapping = {
        "specialisation_change": "specialisation_change",
        "transfer_region": "region_change",
        "childcare_end": "childcare_return",
    }
    for kind, code in mapping.items():
        dates = [e.date for e in events if e.kind == kind and e.date <= on]
        if dates:
            lapses = other_ground_lapses(max(dates), other_window_months)
            if lapses is None or on < lapses:
                grounds.append(Ground(code, max(dates)))
    if quality_flag_since and quality_flag_since <= on:
        grounds.append(Ground("quality", quality_flag_since))
    return grounds


@dataclass(frozen=True)
class Candidate:
    """What the roster rules need to know about a judge."""

    court_level: str  # "regional" or "district"
    court_is_small: bool
    position: str  # "judge", "chair", "collegium_chair"
    status: str  # "serving", "childcare", "retired"
    years_in_office: int


def tutor_refusal(c: Candidate) -> str | None:
    """§1.2, §11: who may be a tutor. Returns the reason for a refusal, or None.

    A judge of a district-level court with at least five years in office; in a
    small district court, its chair; or a retired judge of a district court.
    """
    if c.court_level != "district":
        return str(
            _(
                "§1.2, §11: a tutor is a judge of a district-level court "
                "(a regional-level judge may be a mentor instead)."
            )
        )
    if c.status == "retired":
        return None
    if c.status != "serving":
        return str(_("§11: a judge on childcare leave cannot tutor."))
    if c.years_in_office >= TUTOR_MIN_YEARS:
        return None
    if c.court_is_small and c.position == "chair":
        return None
    return str(
        _(
            "§11: a tutor needs at least five years in office as a judge "
            "(or to be the chair of a small district court)."
        )
    )


def mentor_refusal(c: Candidate) -> str | None:
    """§1.3, §12: a mentor is a judge of the regional-level court or a retired judge."""
    if c.status == "retired":
        return None
    if c.court_level != "regional":
        return str(
            _(
                "§1.3, §12: a mentor is a judge of a regional-level court or a "
                "retired judge (a district judge may be a tutor instead)."
            )
        )
    if c.status != "serving":
        return str(_("§12: a judge on childcare leave cannot mentor."))
    return None


def lapsed_grounds(
    events: list[Event],
    on: dt.date,
    *,
    within_days: int = 30,
    retired: bool = False,
    other_window_months: int = DEFAULT_OTHER_GROUND_WINDOW_MONTHS,
) -> list[tuple[Ground, dt.date]]:
    """§10.1, preamble: event-based grounds whose window ended in the last
    `within_days` days (up to and including `on`), with the lapse date."""
    if retired:
        return []
    out = []
    earlier = on - dt.timedelta(days=within_days)
    for ground in protege_grounds(events, earlier, other_window_months=other_window_months):
        if ground.code == "quality":
            continue
        if ground.code == "first_appointment":
            lapsed: dt.date | None = add_years(ground.since, GROUND_WINDOW_YEARS)
        else:
            lapsed = other_ground_lapses(ground.since, other_window_months)
        if lapsed is not None and earlier < lapsed <= on:
            out.append((ground, lapsed))
    return out
