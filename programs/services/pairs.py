"""§4.1, §10, §12: proposing, consenting to, withdrawing and registering pairs."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from courts.models import Judge, JudgeStatus, Office
from courts.offices import court_chairs_of, office_holders
from mentorship.errors import Refused
from mentorship.notifications import in_all_languages, notify
from mentorship.officestyle import long_date_all
from mentorship.permissions import Actor, refuse_unless, user_of

from .. import regulation
from ..lifecycle import move
from ..models import (
    Consent,
    Pair,
    PairStatus,
    Participation,
    ParticipationStatus,
    Plan,
    PlanItem,
    PlanStatus,
    PlanVersion,
    RosterEntry,
    RosterRole,
)
from ..numbering import next_register_number
from ._common import _lock_pair
from .participations import admit_for_pairing, start_term


@transaction.atomic
def propose_pair(*, by: Actor, protege: Judge, entry: RosterEntry) -> Pair:
    """§10.1, §10.2, §12: the coordinator proposes a pair from the approved
    roster; both sides are asked to consent (§4.1). The protégé row is locked,
    and a partial unique constraint backs the one-tutor-one-mentor rule."""

    protege = (
        Judge.objects.select_for_update(no_key=True, of=("self",))
        .select_related("court__region")
        .prefetch_related("career_events", "quality_flags")
        .get(pk=protege.pk)
    )
    entry = RosterEntry.objects.select_related(
        "judge__court", "roster__region", "added_by", "removed_by"
    ).get(pk=entry.pk)
    region = protege.court.region
    refuse_unless(by, "programs.propose_pair", region)
    today = timezone.localdate()
    member = entry.is_member_on(today)
    live = Pair.objects.filter(
        protege=protege, role=entry.role, status__in=PairStatus.LIVE
    ).exists()
    reason = regulation.pairing_refusal(
        entry.role,
        same_person=entry.judge_id == protege.pk,
        on_roster_as_role=member,
        same_region=entry.roster.region_id == region.pk,
        participation_live=True,  # established below, once (preamble)
        has_live_pair_of_role=live,
        mentor_on_leave=entry.judge.status == JudgeStatus.CHILDCARE,
        protege_court_level=protege.court.level,
        mentor_court_level=entry.judge.court.level,
        mentor_retired=entry.judge.status == JudgeStatus.RETIRED,
    )
    if reason:
        raise Refused(reason)
    participation = admit_for_pairing(by=by, judge=protege, today=today)
    try:
        with transaction.atomic():
            pair = Pair.objects.create(
                region=region,
                protege=protege,
                mentor=entry.judge,
                role=entry.role,
                roster_entry=entry,
                proposed_by=user_of(by),
                participation=participation,
                ground=participation.ground,
            )
    except IntegrityError as exc:
        raise Refused(regulation.live_pair_refusal(entry.role)) from exc
    notify(
        [protege.user, entry.judge.user],
        "pair_proposed",
        {
            "mentor": entry.judge.full_name,
            "protege": protege.full_name,
            "role": in_all_languages(RosterRole(entry.role).label),
        },
        reverse("pair_detail", args=[pair.pk]),
    )
    return pair


@transaction.atomic
def answer_pair(*, by: Actor, pair: Pair, accept: bool) -> Pair:
    """§4.1: each side accepts or declines; one refusal ends the proposal."""
    pair = _lock_pair(pair)
    side = pair.side_of(by)
    if side is None:
        raise Refused(regulation.TWO_JUDGES_PAIR_ANSWER)
    field = "protege_consent" if side == "protege" else "mentor_consent"
    if pair.status != "proposed" or getattr(pair, field) != Consent.PENDING:
        raise Refused(regulation.PROPOSAL_ALREADY_ANSWERED)
    setattr(pair, field, Consent.ACCEPTED if accept else Consent.DECLINED)
    if not accept:
        move(pair, PairStatus.DECLINED)
        pair.ended_on = timezone.localdate()
        notify(
            [pair.proposed_by],
            "pair_declined",
            {"mentor": pair.mentor.full_name, "protege": pair.protege.full_name},
            reverse("needs_analysis"),
        )
    elif pair.protege_consent == pair.mentor_consent == Consent.ACCEPTED:
        move(pair, PairStatus.CONSENTED)
        registrars = office_holders(Office.BRANCH_COUNCIL, region=pair.region) + office_holders(
            Office.TRAINING_CENTRE, region=pair.region
        )
        notify(
            registrars,
            "pair_consented",
            {"mentor": pair.mentor.full_name, "protege": pair.protege.full_name},
            reverse("pair_detail", args=[pair.pk]),
        )
    pair.save()
    return pair


@transaction.atomic
def withdraw_consent(*, by: Actor, pair: Pair) -> Pair:
    """§4.1: until the pair is registered, either judge may withdraw the consent
    they gave (or decline late); the coordinator is told."""
    pair = _lock_pair(pair)
    if pair.side_of(by) is None:
        raise Refused(regulation.PAIR_MEMBERS_WITHDRAW_CONSENT)
    if pair.status not in (PairStatus.PROPOSED, PairStatus.CONSENTED):
        raise Refused(regulation.CONSENT_WITHDRAWN_BEFORE_REGISTRATION)
    field = "protege_consent" if pair.side_of(by) == "protege" else "mentor_consent"
    setattr(pair, field, Consent.DECLINED)
    move(pair, PairStatus.WITHDRAWN)
    pair.ended_on = timezone.localdate()
    pair.save()
    notify(
        [pair.proposed_by]
        + [u for u in (pair.protege.user, pair.mentor.user) if u is not None and u != user_of(by)],
        "pair_declined",
        {"mentor": pair.mentor.full_name, "protege": pair.protege.full_name},
        reverse("pair_detail", args=[pair.pk]),
    )
    return pair


@transaction.atomic
def withdraw_pair(*, by: Actor, pair: Pair) -> Pair:
    """§10.2: the coordinator withdraws a proposal not yet registered."""
    pair = _lock_pair(pair)
    refuse_unless(by, "programs.propose_pair", pair.region)
    move(pair, PairStatus.WITHDRAWN)
    pair.ended_on = timezone.localdate()
    pair.save()
    return pair


@transaction.atomic
def register_pair(*, by: Actor, pair: Pair) -> Pair:
    """§12: the branch council or the Training Centre enters the consented pair
    in the register. The first pair of a participation starts its term of
    twelve months (§5); a later pair (a replacement, an added mentor)
    continues the remaining term and the programme in force."""

    pair = _lock_pair(pair)
    refuse_unless(by, "programs.register_pair", pair.region)
    today = timezone.localdate()
    entry = RosterEntry.objects.select_related("added_by", "removed_by").get(
        pk=pair.roster_entry_id
    )
    assert pair.participation_id is not None  # a check constraint
    participation = (
        Participation.objects.select_for_update(no_key=True, of=("self",))
        .filter(pk=pair.participation_id)
        .get()
    )
    reason = regulation.pairing_refusal(
        pair.role,
        same_person=False,
        same_region=True,
        on_roster_as_role=entry.is_member_on(today),
        mentor_on_leave=pair.mentor.status == JudgeStatus.CHILDCARE,
        participation_live=participation.status == ParticipationStatus.ADMITTED,
        has_live_pair_of_role=False,
        protege_court_level=pair.protege.court.level,
        mentor_court_level=pair.mentor.court.level,
        mentor_retired=pair.mentor.status == JudgeStatus.RETIRED,
    ) or regulation.registration_term_refusal(term_ends_on=participation.term_ends_on, today=today)
    if reason:  # things may have changed since the proposal
        raise Refused(reason)
    move(pair, PairStatus.ACTIVE)
    pair.register_number = next_register_number(pair.region_id)
    pair.registered_on = today
    pair.registered_by = user_of(by)
    pair.term_ends_on = start_term(participation, today)
    # §4.2, #12: the journal is bound to the accounts the members have now
    pair.protege_account_id = pair.protege.user_id
    pair.mentor_account_id = pair.mentor.user_id
    pair.save()
    plan = Plan.objects.create(pair=pair)
    carry_plan_over(pair, plan, user_of(by))
    notify(
        [pair.protege.user, pair.mentor.user, pair.proposed_by] + court_chairs_of(pair.protege),
        "pair_registered",
        {
            "number": str(pair.register_number),
            "mentor": pair.mentor.full_name,
            "protege": pair.protege.full_name,
            "end": long_date_all(pair.term_ends_on, "dat"),
        },
        reverse("pair_detail", args=[pair.pk]),
    )
    return pair


def carry_plan_over(pair: Pair, plan: Plan, by: Actor) -> PlanVersion:
    """§2, §15.5: the first pair of a participation drafts its individual
    programme; a later pair continues the programme in force of the earlier
    one, as its first version (in force, the chair's approval carried with
    it), to be corrected together as §16.2 provides."""

    assert pair.participation_id is not None
    earlier = (
        PlanVersion.objects.filter(
            plan__pair__participation_id=pair.participation_id,
            status=PlanStatus.APPROVED,
        )
        .exclude(plan__pair=pair)
        .select_related("decided_by")
        .order_by("-decided_at", "-id")
        .first()
    )
    author = pair.mentor.user or user_of(by)
    if earlier is None:
        return PlanVersion.objects.create(plan=plan, number=1, status="draft", author=author)
    version = PlanVersion.objects.create(
        plan=plan,
        number=1,
        status=PlanStatus.APPROVED,
        author=author,
        reason=str(regulation.PLAN_CARRIED_OVER),
        submitted_at=earlier.submitted_at,
        decided_at=earlier.decided_at,
        decided_by=earlier.decided_by,
        comment=earlier.comment,
    )
    PlanItem.objects.bulk_create(
        PlanItem(
            version=version,
            task=item.task,
            description=item.description,
            expected_result=item.expected_result,
            due_on=item.due_on,
            fulfilled_on=item.fulfilled_on,
            checked_by=item.checked_by,
            origin=item,
        )
        for item in earlier.items.order_by("id")
    )
    return version
