"""Helpers shared by the programme's services: permission guard, candidate facts, pair locking."""

from __future__ import annotations

import datetime as dt

from courts.models import Judge
from courts.rules import Candidate
from mentorship.errors import Refused
from mentorship.permissions import Actor

from .. import regulation
from ..models import (
    Pair,
)


def candidate_facts(judge: Judge, on: dt.date) -> Candidate:
    return Candidate(
        court_level=judge.court.level,
        court_is_small=judge.court.is_small,
        position=judge.position,
        status=judge.status,
        years_in_office=judge.years_in_office(on),
    )


def _date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


# --- §10, §12, §4.1 pairs ---------------------------------------------------------


def _lock_pair(pair: Pair) -> Pair:

    return (
        Pair.objects.select_for_update(no_key=True, of=("self",))
        .select_related("protege__court__region", "mentor__court", "region")
        .get(pk=pair.pk)
    )


def _member_of_active_pair(by: Actor, pair: Pair) -> str:
    side = pair.side_of(by)
    if side is None:
        raise Refused(regulation.TWO_JUDGES_PAIR_WORK_PLAN)
    if pair.status != "active":
        raise Refused(regulation.PLAN_KEPT_WHILE_PAIR_ACTIVE)
    return side
