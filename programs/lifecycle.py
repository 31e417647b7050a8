"""The lifecycles of the programme, one transition table each: pair (§4.1, §12,
§14), plan version (§2, §16.2), report (§13), petition (§15.8, §16.4–5) and
protocol (§14). Every status write goes through `move` (one object) or
`move_all` (a queryset), which consult the table; nothing else assigns a
status."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mentorship.errors import Refused

from .models import (
    Pair,
    PairStatus,
    Petition,
    PetitionStatus,
    PlanStatus,
    PlanVersion,
    Protocol,
    ProtocolStatus,
    Report,
    ReportStatus,
)


@dataclass(frozen=True)
class Lifecycle:
    name: str
    transitions: Mapping[str, frozenset[str]]
    refusal: Promise

    def allows(self, current: str, target: str) -> bool:
        return target in self.transitions.get(current, frozenset())

    def refusal_for(self, current: str, target: str) -> str | None:
        return None if self.allows(current, target) else str(self.refusal)

    def sources_of(self, target: str) -> list[str]:
        return [state for state, targets in self.transitions.items() if target in targets]

    def move(self, obj: Any, target: str) -> None:
        """Set `obj.status` to `target`, or refuse if the table forbids it; the
        caller saves (inside its transaction, with the row locked)."""
        reason = self.refusal_for(obj.status, target)
        if reason:
            raise Refused(reason)
        obj.status = target

    def move_all(self, queryset: models.QuerySet[Any], target: str) -> int:
        """Move every row of `queryset` that may reach `target`; the others stay."""
        return queryset.filter(status__in=self.sources_of(target)).update(status=target)


def _table(rows: Mapping[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    return {state: frozenset(targets) for state, targets in rows.items()}


P, V, R, T, D = PairStatus, PlanStatus, ReportStatus, PetitionStatus, ProtocolStatus

PAIR = Lifecycle(
    "pair",
    _table(
        {
            P.PROPOSED: (P.CONSENTED, P.DECLINED, P.WITHDRAWN),  # §4.1 consent
            P.CONSENTED: (P.ACTIVE, P.WITHDRAWN),  # §12 registration
            # §14 protocol decisions; the mentor's withdrawal; an objective ending
            P.ACTIVE: (P.COMPLETED, P.ENDED_EARLY, P.REPLACED, P.MENTOR_WITHDREW, P.ENDED),
            P.DECLINED: (),
            P.WITHDRAWN: (),
            P.COMPLETED: (),
            P.ENDED_EARLY: (),
            P.REPLACED: (),
            P.MENTOR_WITHDREW: (),
            P.ENDED: (),
        }
    ),
    _("This step is not possible for a pair in its current state."),
)

PLAN = Lifecycle(
    "plan",
    _table(
        {
            V.DRAFT: (V.SUBMITTED,),  # §2 the pair submits
            V.SUBMITTED: (V.APPROVED, V.RETURNED),  # §2 the court chair decides
            V.RETURNED: (V.SUBMITTED,),
            V.APPROVED: (V.SUPERSEDED,),  # §16.2 an agreed correction
            V.CORRECTION: (V.PROPOSED,),
            V.PROPOSED: (V.APPROVED, V.REJECTED, V.CORRECTION),
            V.REJECTED: (),
            V.SUPERSEDED: (),
        }
    ),
    _("This step is not possible for the plan in its current state."),
)

REPORT = Lifecycle(
    "report",
    _table(
        {
            R.DRAFT: (R.SUBMITTED,),  # §13 the author submits
            R.SUBMITTED: (R.ACCEPTED, R.RETURNED),  # the addressee decides
            R.ACCEPTED: (),
            R.RETURNED: (),  # a returned report continues as a revision
        }
    ),
    _("This step is not possible for the report in its current state."),
)

PETITION = Lifecycle(
    "petition",
    _table(
        {
            T.PENDING: (T.GRANTED, T.REFUSED, T.CLOSED),  # §14 decided, or closed with the pair
            T.GRANTED: (),
            T.REFUSED: (),
            T.CLOSED: (),
        }
    ),
    _("This petition has already been decided."),
)

PROTOCOL = Lifecycle(
    "protocol",
    _table(
        {
            D.DRAFT: (D.ISSUED,),  # §14 issuing is final
            D.ISSUED: (),
        }
    ),
    _("This protocol has already been issued."),
)

LIFECYCLES: dict[type[models.Model], Lifecycle] = {
    Pair: PAIR,
    PlanVersion: PLAN,
    Report: REPORT,
    Petition: PETITION,
    Protocol: PROTOCOL,
}


def move(obj: models.Model, target: str) -> None:
    """The one way to change a status: through its lifecycle's table."""
    LIFECYCLES[type(obj)].move(obj, target)


def move_all(queryset: models.QuerySet[Any], target: str) -> int:
    return LIFECYCLES[queryset.model].move_all(queryset, target)
