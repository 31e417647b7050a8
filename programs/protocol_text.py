"""§14: the operative clauses of a protocol decision, one per pair, naming the
pair and the decision as a council writes it («… менторлығы аяқталсын»,
«Завершить наставничество …»), with the tutor's words for a tutor pair
(тәлімгер, тәлімгерлік; наставник, наставничество). No paragraph sign in
operative text: the Regulation is cited as the original cites it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from mentorship.officestyle import long_date

from .regulation import decision_outcome


@dataclass(frozen=True)
class Clause:
    number: int
    pair: Any
    decision: Any
    text: str
    basis: str
    reasons: str


def _names(pair) -> dict:
    return {
        "protege": pair.protege.full_name,
        "court": pair.protege.court.name,
        "mentor": pair.mentor.full_name,
        "n": pair.register_number or "—",
    }


def _outcome_text(outcome: str | None, pair, *, petition_kind: str = "") -> str:
    tutor = pair.role == "tutor"
    names = _names(pair)
    if outcome == "completed":
        if tutor:
            return (
                _(
                    "To complete the tutorship of the pair formed by the judge %(protege)s "
                    "(%(court)s) and the tutor %(mentor)s (register of pairs № %(n)s), "
                    "its goals having been reached."
                )
                % names
            )
        return (
            _(
                "To complete the mentorship of the pair formed by the judge %(protege)s "
                "(%(court)s) and the mentor %(mentor)s (register of pairs № %(n)s), "
                "its goals having been reached."
            )
            % names
        )
    if outcome == "ended_early":
        if tutor:
            return (
                _(
                    "To complete, on the participants' application, the tutorship of the pair "
                    "formed by the judge %(protege)s (%(court)s) and the tutor %(mentor)s "
                    "(register of pairs № %(n)s), there being no further need for it."
                )
                % names
            )
        return (
            _(
                "To complete, on the participants' application, the mentorship of the pair "
                "formed by the judge %(protege)s (%(court)s) and the mentor %(mentor)s "
                "(register of pairs № %(n)s), there being no further need for it."
            )
            % names
        )
    if outcome == "replaced":
        if tutor:
            return (
                _(
                    "To replace the tutor %(mentor)s of the judge %(protege)s (%(court)s), "
                    "register of pairs № %(n)s; the coordinator is to form a new pair."
                )
                % names
            )
        return (
            _(
                "To replace the mentor %(mentor)s of the judge %(protege)s (%(court)s), "
                "register of pairs № %(n)s; the coordinator is to form a new pair."
            )
            % names
        )
    # a refused petition: the pair goes on
    if petition_kind == "replace_mentor":
        if tutor:
            return (
                _(
                    "To refuse the petition of the judge %(protege)s (%(court)s) to replace "
                    "the tutor %(mentor)s (register of pairs № %(n)s); the tutorship continues."
                )
                % names
            )
        return (
            _(
                "To refuse the petition of the judge %(protege)s (%(court)s) to replace "
                "the mentor %(mentor)s (register of pairs № %(n)s); the mentorship continues."
            )
            % names
        )
    if tutor:
        return (
            _(
                "To refuse the petition for early termination of the tutorship of the pair "
                "formed by the judge %(protege)s (%(court)s) and the tutor %(mentor)s "
                "(register of pairs № %(n)s); the tutorship continues."
            )
            % names
        )
    return (
        _(
            "To refuse the petition for early termination of the mentorship of the pair "
            "formed by the judge %(protege)s (%(court)s) and the mentor %(mentor)s "
            "(register of pairs № %(n)s); the mentorship continues."
        )
        % names
    )


def _basis(decision, pair) -> str:
    """What the decision rests on: the written reports, or the petition."""
    parts = []
    if decision.petition_id:
        petition = decision.petition
        parts.append(
            _("the petition filed on %(d)s")
            % {
                "d": long_date(petition.created_at.date(), case="loc")
                if petition.created_at
                else "—"
            }
        )
    for report in decision.reports.all():
        if report.pair_id != pair.pk:
            continue
        day = long_date(report.submitted_at.date(), case="loc") if report.submitted_at else "—"
        if report.kind == "mentor":
            label = (
                _("the tutor's written report of %(d)s")
                if pair.role == "tutor"
                else _("the mentor's written report of %(d)s")
            )
        else:
            label = _("the protégé's final written report of %(d)s")
        parts.append(label % {"d": day})
    if not parts:
        return ""
    return _("The decision rests on %(what)s.") % {"what": "; ".join(parts)}


def protocol_clauses(decisions) -> list[Clause]:
    """One numbered clause per pair of each decision, in the protocol's order.
    Call with the document's language active."""
    clauses: list[Clause] = []
    for decision in decisions:
        petition_kind = decision.petition.kind if decision.petition_id else ""
        outcome = decision_outcome(
            decision.kind, petition_kind=petition_kind or None, granted=decision.granted
        )
        for pair in decision.pairs.all():
            text = _outcome_text(outcome, pair, petition_kind=petition_kind)
            if decision.petition_id and decision.granted:
                text = _("To grant the petition. %(clause)s") % {"clause": text}
            clauses.append(
                Clause(
                    number=len(clauses) + 1,
                    pair=pair,
                    decision=decision,
                    text=text,
                    basis=_basis(decision, pair),
                    reasons=decision.reasons,
                )
            )
    return clauses
