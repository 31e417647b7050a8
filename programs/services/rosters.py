"""§8, §9, §11, §12: coordinators, rosters of mentors and tutors, their approval by order, protégés' preferences."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.models import Court, CourtLevel, Judge, JudgeStatus, Office, OfficeAssignment, Region
from courts.rules import add_years, first_appointment
from mentorship.documents import issue_document
from mentorship.errors import Refused
from mentorship.models import DocumentKind
from mentorship.notifications import in_all_languages, localized, notify
from mentorship.officestyle import long_date_all, name_in, place_of, signatory
from mentorship.permissions import Actor, refuse_unless, user_of

from .. import regulation
from ..models import (
    Consent,
    CoordinatorDesignation,
    ParticipationStatus,
    ProtegePreference,
    Roster,
    RosterEntry,
    RosterOrder,
    RosterRole,
)
from ._common import candidate_facts
from .orders import next_order_number

# --- §9 coordinator -----------------------------------------------------------


@transaction.atomic
def designate_coordinator(
    *, by: Actor, region: Region, user: User, basis: str, decided_on: dt.date, decision_number: str
) -> CoordinatorDesignation:
    """§9: the branch council designates the region's coordinator; a later
    designation ends the earlier one and its office."""
    refuse_unless(by, "programs.designate_coordinator", region)
    judge = getattr(user, "judge", None)
    reason = regulation.coordinator_refusal(
        basis,
        judge_court_level=judge.court.level if judge else None,
        judge_status=judge.status if judge else None,
        judge_position=judge.position if judge else None,
        judge_court_small=bool(judge and judge.court.is_small),
        judge_in_region=bool(judge and judge.court.region_id == region.id),
        holds_region_office=OfficeAssignment.objects.current()
        .filter(user=user, region=region, office__in=regulation.COORDINATOR_OFFICES)
        .exists(),
    )
    if reason:
        raise Refused(reason)
    Region.objects.select_for_update(no_key=True, of=("self",)).get(pk=region.pk)
    last = (
        CoordinatorDesignation.objects.filter(region=region)
        .order_by("-decided_on")
        .values_list("decided_on", flat=True)
        .first()
    )
    reason = regulation.designation_date_refusal(
        decided_on, today=timezone.localdate(), last_decided_on=last
    )
    if reason:
        raise Refused(reason)
    for previous in CoordinatorDesignation.objects.filter(region=region, ended_on__isnull=True):
        end = max(decided_on - dt.timedelta(days=1), previous.office.starts_on)
        previous.ended_on = end
        previous.save(update_fields=["ended_on"])
        OfficeAssignment.objects.filter(pk=previous.office_id).update(ends_on=end)
    office = OfficeAssignment.objects.create(
        user=user,
        office=Office.COORDINATOR,
        region=region,
        starts_on=decided_on,
        note=_("decision № %(n)s of the branch council") % {"n": decision_number},
    )
    designation = CoordinatorDesignation.objects.create(
        region=region,
        user=user,
        basis=basis,
        decided_on=decided_on,
        decision_number=decision_number,
        designated_by=user_of(by),
        office=office,
    )
    notify([user], "coordinator_designated", {"region": localized(region)}, reverse("dashboard"))
    return designation


# --- §8, §11, §12 roster --------------------------------------------------------


def roster_for(region: Region) -> Roster:
    roster, _created = Roster.objects.get_or_create(region=region)
    return roster


@transaction.atomic
def propose_roster_member(
    *,
    by: Actor,
    region: Region,
    judge: Judge,
    role: str,
    council_decision_number: str = "",
    council_decision_on: dt.date | None = None,
) -> RosterEntry:
    """§8, §11, §12: add a candidate to the draft; eligibility is checked at once
    and the candidate is asked to consent (§4.1). A mentor is added on the
    branch council's selection (§12): its decision's number and date."""
    refuse_unless(by, "programs.edit_roster", region)
    roster = Roster.objects.select_for_update(no_key=True, of=("self",)).get(
        pk=roster_for(region).pk
    )
    judge = (
        Judge.objects.select_related("court")
        .prefetch_related("career_events", "quality_flags")
        .get(pk=judge.pk)
    )
    today = timezone.localdate()
    listed = (
        RosterEntry.objects.filter(roster=roster, judge=judge, removed_by__isnull=True)
        .exclude(consent=Consent.DECLINED)
        .exists()
    )
    appointed = first_appointment(judge.career())
    reason = regulation.roster_refusal(
        role,
        candidate_facts(judge, today),
        already_listed=listed,
        protege_now=judge.participations.filter(status__in=ParticipationStatus.LIVE).exists(),
        first_year=appointed is not None and add_years(appointed, 1) > today,
        same_region=judge.court.region_id == region.id,
    )
    if reason:
        raise Refused(reason)
    council_decision_number = council_decision_number.strip()
    if role == RosterRole.MENTOR:
        if not council_decision_number or council_decision_on is None:
            raise Refused(regulation.MENTOR_SELECTION_IS_COUNCIL_DECISION)
        if council_decision_on > today:
            raise Refused(regulation.COUNCIL_DECISION_DATE_NOT_FUTURE)
    else:
        council_decision_number, council_decision_on = "", None
    try:
        with transaction.atomic():
            entry = RosterEntry.objects.create(
                roster=roster,
                judge=judge,
                role=role,
                proposed_by=user_of(by),
                council_decision_number=council_decision_number,
                council_decision_on=council_decision_on,
            )
    except IntegrityError as exc:
        raise Refused(regulation.JUDGE_ALREADY_ROSTER_NOBODY_APPEARS) from exc
    notify(
        [judge.user],
        "roster_invitation",
        {"region": localized(region), "role": in_all_languages(RosterRole(role).label)},
        reverse("dashboard"),
    )
    return entry


@transaction.atomic
def answer_roster_invitation(*, by: Actor, entry: RosterEntry, accept: bool) -> RosterEntry:
    """§4.1, §12: the candidate accepts or declines; declined candidates drop out."""
    entry = (
        RosterEntry.objects.select_for_update(no_key=True, of=("self",))
        .select_related("judge")
        .get(pk=entry.pk)
    )
    if getattr(by, "judge", None) is None or by.judge.pk != entry.judge_id:
        raise Refused(regulation.CANDIDATE_ANSWER_INVITATION)
    if entry.added_by_id or entry.consent != Consent.PENDING:
        raise Refused(regulation.INVITATION_ALREADY_ANSWERED)
    entry.consent = Consent.ACCEPTED if accept else Consent.DECLINED
    entry.consent_at = timezone.now()
    entry.save(update_fields=["consent", "consent_at"])
    return entry


@transaction.atomic
def withdraw_or_propose_removal(*, by: Actor, entry: RosterEntry) -> RosterEntry:
    """§8: an approved roster is never edited in place: removing a member is a
    proposal that the next order approves; a draft candidate is simply withdrawn."""
    entry = (
        RosterEntry.objects.select_for_update(no_key=True, of=("self",))
        .select_related("roster__region")
        .get(pk=entry.pk)
    )
    refuse_unless(by, "programs.edit_roster", entry.roster.region)
    if entry.removed_by_id:
        raise Refused(regulation.JUDGE_ALREADY_REMOVED_FROM_ROSTER)
    if entry.added_by_id is None:
        entry.delete()
        return entry
    entry.removal_proposed = not entry.removal_proposed
    entry.save(update_fields=["removal_proposed"])
    return entry


def pending_changes(roster: Roster) -> tuple[QuerySet[RosterEntry], QuerySet[RosterEntry]]:
    additions = RosterEntry.objects.filter(roster=roster, added_by__isnull=True).exclude(
        consent=Consent.DECLINED
    )
    removals = RosterEntry.objects.filter(
        roster=roster, removal_proposed=True, removed_by__isnull=True, added_by__isnull=False
    )
    return additions, removals


@transaction.atomic
def approve_roster(*, by: Actor, region: Region, language: str = "kk") -> RosterOrder:
    """§8: the regional court chair approves the draft (or amendment) by a
    numbered, dated order issued as a PDF: the accepted additions and the
    proposed removals; candidates who have not yet consented stay in the draft. The roster row is locked, so two
    sessions approving at once yield one order; the second finds nothing to do."""
    refuse_unless(by, "programs.approve_roster", region)
    roster = Roster.objects.select_for_update(no_key=True, of=("self",)).get(
        pk=roster_for(region).pk
    )
    to_add, to_remove = pending_changes(roster)
    candidates = list(to_add.select_related("judge__court"))
    # §4.1: only those who accepted are listed; the others stay in the draft
    additions = [e for e in candidates if e.consent == Consent.ACCEPTED]
    removals = list(to_remove.select_related("judge__court"))
    pending = len(candidates) - len(additions)
    reason = regulation.approval_refusal(
        pending_consent=pending, changes=len(additions) + len(removals)
    )
    if reason:
        raise Refused(reason)
    court = Court.objects.get(region=region, level=CourtLevel.REGIONAL)
    today = timezone.localdate()
    number = next_order_number(court, today.year)
    members_after = sorted(
        [
            e
            for e in roster.entries.filter(
                added_by__isnull=False, removed_by__isnull=True
            ).select_related("judge__court")
            if e not in removals
        ]
        + additions,
        key=lambda e: (e.role, e.judge.last_name, e.judge.first_name),
    )
    document = issue_document(
        kind=DocumentKind.ROSTER_ORDER,
        number=str(number),
        issued_on=today,
        issuer=name_in(court, language),
        signatory=signatory(user_of(by), "court_chair", language),
        language=language,
        body=f"court-{court.code}",
        place=place_of(court, language),
        issued_by=user_of(by),
        template="documents/roster_order.html",
        context={
            "court": court,
            "region": region,
            "additions": additions,
            "removals": removals,
            "members": members_after,
            "is_amendment": roster.orders.exists(),
        },
    )
    order = RosterOrder.objects.create(
        roster=roster,
        court=court,
        year=today.year,
        number=number,
        issued_on=today,
        signatory=user_of(by),
        document=document,
    )
    RosterEntry.objects.filter(pk__in=[e.pk for e in additions]).update(added_by=order)
    RosterEntry.objects.filter(pk__in=[e.pk for e in removals]).update(
        removed_by=order, removal_proposed=False
    )
    # §8: the roster is brought to the attention of the district courts
    chairs = [
        a.user
        for a in OfficeAssignment.objects.current()
        .filter(office=Office.COURT_CHAIR, court__region=region, court__level=CourtLevel.DISTRICT)
        .select_related("user")
    ]
    notify(
        chairs,
        "roster_order",
        {"number": str(number), "date": long_date_all(today, "attr"), "region": localized(region)},
        reverse("roster_detail", args=[region.slug]),
    )
    return order


@transaction.atomic
def set_preferences(*, by: Actor, entries: list[RosterEntry]) -> list[ProtegePreference]:
    """§8: a protégé names preferred mentors or tutors from the approved roster."""
    judge = getattr(by, "judge", None)
    today = timezone.localdate()
    if judge is None or judge.status == JudgeStatus.RETIRED:
        raise Refused(regulation.JUDGE_WHO_QUALIFIES_PROTEGE_STATES)
    taking_part = judge.participations.filter(status__in=ParticipationStatus.LIVE).exists()
    if not taking_part and not judge.protege_grounds(today):
        raise Refused(regulation.JUDGE_WHO_QUALIFIES_PROTEGE_STATES)
    if len(entries) > 3:
        raise Refused(regulation.CHOOSE_MOST_THREE_PREFERRED_MENTORS)
    for entry in entries:
        if not entry.is_member or entry.roster.region_id != judge.court.region_id:
            raise Refused(regulation.PREFERENCES_CHOSEN_FROM_APPROVED_ROSTER)
    ProtegePreference.objects.filter(protege=judge).delete()
    return [
        ProtegePreference.objects.create(protege=judge, entry=e, rank=i)
        for i, e in enumerate(entries, start=1)
    ]
