"""Preamble, §1, §4.1, §5, §10.1: the protégé's participation in the programme —
admitted once on a ground, its term of one to three years, the pairs within it."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from courts.models import Judge, JudgeStatus, Office
from courts.offices import office_holders
from mentorship.errors import Refused
from mentorship.notifications import in_all_languages, notify
from mentorship.permissions import Actor, office_of, refuse_unless, user_of

from .. import regulation
from ..models import (
    Participation,
    ParticipationGround,
    ParticipationOrigin,
    ParticipationStatus,
)


def _lock_judge(judge: Judge) -> Judge:
    return (
        Judge.objects.select_for_update(no_key=True, of=("self",))
        .select_related("court__region")
        .prefetch_related("career_events", "quality_flags")
        .get(pk=judge.pk)
    )


def live_participation(judge: Judge) -> Participation | None:
    return (
        Participation.objects.filter(protege=judge, status__in=ParticipationStatus.LIVE)
        .order_by("-created_at")
        .first()
    )


def _derived(judge: Judge, today: dt.date) -> set[str]:
    return {g.code for g in judge.protege_grounds(today)}


def _ground_label(ground: str) -> dict[str, str]:
    return in_all_languages(ParticipationGround(ground).label)


@transaction.atomic
def apply_to_programme(*, by: Actor, ground: str, reasons: str) -> Participation:
    """§4.1 voluntariness: a judge asks to take part as a protégé, on a ground
    and with reasons; the coordinator of the region admits or declines."""

    own = getattr(by, "judge", None)
    if own is None:
        raise Refused(regulation.ONLY_A_JUDGE_APPLIES)
    judge = _lock_judge(own)
    if ground not in ParticipationGround.values:
        raise Refused(regulation.CHOOSE_GROUND)
    if not reasons.strip():
        raise Refused(regulation.SAY_WHY_YOU_APPLY)
    today = timezone.localdate()
    reason = regulation.admission_refusal(
        ground,
        derived=_derived(judge, today),
        retired=judge.status == JudgeStatus.RETIRED,
        live_participation=live_participation(judge) is not None,
        application_reasons=reasons,
    )
    if reason:
        raise Refused(reason)
    try:
        with transaction.atomic():
            participation = Participation.objects.create(
                protege=judge,
                region=judge.court.region,
                ground=ground,
                origin=ParticipationOrigin.APPLICATION,
                reasons=reasons.strip(),
            )
    except IntegrityError as exc:
        raise Refused(regulation.ALREADY_TAKES_PART) from exc
    notify(
        office_holders(Office.COORDINATOR, region=judge.court.region),
        "participation_applied",
        {"judge": judge.full_name, "ground": _ground_label(ground)},
        reverse("needs_analysis"),
    )
    return participation


def _lock_participation(participation: Participation) -> Participation:
    return (
        Participation.objects.select_for_update(no_key=True, of=("self",))
        .select_related("protege__court__region", "region")
        .get(pk=participation.pk)
    )


@transaction.atomic
def decide_application(
    *, by: Actor, participation: Participation, admit: bool, reasons: str = ""
) -> Participation:
    """§10.1, §4.1: the coordinator (or the branch council) admits an
    application, or declines it with reasons; the judge is told either way."""

    participation = _lock_participation(participation)
    refuse_unless(by, "programs.admit_participation", participation.region)
    if participation.status != ParticipationStatus.APPLIED:
        raise Refused(regulation.APPLICATION_ALREADY_DECIDED)
    today = timezone.localdate()
    if admit:
        judge = _lock_judge(participation.protege)
        reason = regulation.admission_refusal(
            participation.ground,
            derived=_derived(judge, today),
            retired=judge.status == JudgeStatus.RETIRED,
            live_participation=False,
        )
        if reason:
            raise Refused(reason)
        participation.status = ParticipationStatus.ADMITTED
    else:
        if not reasons.strip():
            raise Refused(regulation.GIVE_REASONS_DECLINING_APPLICATION)
        participation.status = ParticipationStatus.DECLINED
        participation.ended_on = today
    participation.decided_by, participation.decided_on = user_of(by), today
    participation.decided_as = _office_name(by)
    participation.decision_reasons = reasons.strip()
    participation.save()
    notify(
        [participation.protege.user],
        "participation_admitted" if admit else "participation_declined",
        {"ground": _ground_label(participation.ground), "reasons": reasons.strip()},
        reverse("dashboard"),
    )
    return participation


def _office_name(by: Actor) -> str:
    office = office_of(by)
    return office.office if office is not None else ""


def admit_for_pairing(*, by: Actor, judge: Judge, today: dt.date) -> Participation:
    """§10.1: the coordinator's proposal of a pair admits a judge the needs
    analysis shows (on the first ground that holds today), or an application
    still awaiting admission. Eligibility is established here, once; a
    judge already admitted goes on in their participation."""

    participation = live_participation(judge)
    if participation is not None and participation.status == ParticipationStatus.ADMITTED:
        return participation
    if participation is not None:  # an application: proposing a pair admits it
        return decide_application(by=by, participation=participation, admit=True)
    grounds = judge.protege_grounds(today)
    if not grounds:
        raise Refused(regulation.NOT_A_PROTEGE_TODAY)
    ground = grounds[0].code
    try:
        with transaction.atomic():
            return Participation.objects.create(
                protege=judge,
                region=judge.court.region,
                ground=ground,
                origin=ParticipationOrigin.QUALITY_FLAG
                if ground == "quality"
                else ParticipationOrigin.NEEDS_ANALYSIS,
                status=ParticipationStatus.ADMITTED,
                decided_by=user_of(by),
                decided_as=_office_name(by),
                decided_on=today,
            )
    except IntegrityError as exc:
        raise Refused(regulation.ALREADY_TAKES_PART) from exc


def start_term(participation: Participation, today: dt.date) -> dt.date:
    """§5: the term of twelve months starts with the first pair's registration;
    a later pair continues it. Returns the term's end. Call with the row locked."""

    if participation.term_starts_on is None:
        participation.term_starts_on = today
        participation.term_ends_on = regulation.default_term_end(today)
        participation.save(update_fields=["term_starts_on", "term_ends_on"])
    assert participation.term_ends_on is not None
    return participation.term_ends_on


def end_if_over(participation: Participation, *, end_reason: str, today: dt.date) -> bool:
    """§14: the programme ends when a decision ends it and no pair of it is
    live any more (a tutor and a mentor may guide the judge at once, §10.1)."""

    if participation.pairs.filter(status__in=("proposed", "consented", "active")).exists():
        return False
    participation.status = ParticipationStatus.ENDED
    participation.ended_on, participation.end_reason = today, end_reason
    participation.save(update_fields=["status", "ended_on", "end_reason"])
    return True
