"""Every state change of the programme, one function per business action.
Each checks its rules (citing §) and permission, runs in one transaction and
locks what it changes. Refusals raise `Refused` and change nothing."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courts.models import Court, CourtLevel, Judge, JudgeStatus, Office, OfficeAssignment, Region
from courts.rules import Candidate
from mentorship.documents import issue_document
from mentorship.errors import Refused
from mentorship.models import DocumentKind
from mentorship.notifications import in_all_languages, localized, notify
from mentorship.permissions import allowed

from . import rules
from .models import (
    Consent,
    CoordinatorDesignation,
    ProtegePreference,
    Roster,
    RosterEntry,
    RosterOrder,
    RosterRole,
    Seminar,
    SeminarInvitation,
)


def _require(user, perm: str, obj=None) -> None:
    if not allowed(user, perm, obj):
        raise Refused(_("Your office does not allow this action."))


def candidate_facts(judge: Judge, on: dt.date) -> Candidate:
    return Candidate(court_level=judge.court.level, court_is_small=judge.court.is_small,
                     position=judge.position, status=judge.status,
                     years_in_office=judge.years_in_office(on))


# --- §9 coordinator -----------------------------------------------------------

@transaction.atomic
def designate_coordinator(*, by, region: Region, user, basis: str, decided_on: dt.date,
                          decision_number: str) -> CoordinatorDesignation:
    """§9: the branch council designates the region's coordinator; a later
    designation ends the earlier one and its office."""
    _require(by, "programs.designate_coordinator", region)
    judge = getattr(user, "judge", None)
    reason = rules.coordinator_refusal(
        basis, judge_court_level=judge.court.level if judge else None,
        judge_status=judge.status if judge else None,
        judge_position=judge.position if judge else None,
        judge_court_small=bool(judge and judge.court.is_small),
        judge_in_region=bool(judge and judge.court.region_id == region.id))
    if reason:
        raise Refused(reason)
    Region.objects.select_for_update().get(pk=region.pk)
    for previous in CoordinatorDesignation.objects.filter(region=region, ended_on__isnull=True):
        end = max(decided_on - dt.timedelta(days=1), previous.office.starts_on)
        previous.ended_on = end
        previous.save(update_fields=["ended_on"])
        OfficeAssignment.objects.filter(pk=previous.office_id).update(ends_on=end)
    office = OfficeAssignment.objects.create(
        user=user, office=Office.COORDINATOR, region=region, starts_on=decided_on,
        note=_("decision № %(n)s of the branch council") % {"n": decision_number})
    designation = CoordinatorDesignation.objects.create(
        region=region, user=user, basis=basis, decided_on=decided_on,
        decision_number=decision_number, designated_by=by, office=office)
    notify([user], "coordinator_designated", {"region": localized(region)},
           reverse("dashboard"))
    return designation


# --- §8, §11, §12 roster --------------------------------------------------------

def roster_for(region: Region) -> Roster:
    roster, _created = Roster.objects.get_or_create(region=region)
    return roster


@transaction.atomic
def propose_roster_member(*, by, region: Region, judge: Judge, role: str) -> RosterEntry:
    """§8, §11, §12: add a candidate to the draft; eligibility is checked at once
    and the candidate is asked to consent (§4.1)."""
    _require(by, "programs.edit_roster", region)
    roster = Roster.objects.select_for_update().get(pk=roster_for(region).pk)
    judge = Judge.objects.select_related("court").prefetch_related("career_events", "quality_flags").get(
        pk=judge.pk)
    today = timezone.localdate()
    listed = RosterEntry.objects.filter(roster=roster, judge=judge, removed_by__isnull=True
                                        ).exclude(consent=Consent.DECLINED).exists()
    reason = rules.roster_refusal(role, candidate_facts(judge, today), already_listed=listed,
                                  qualifies_as_protege=bool(judge.protege_grounds(today))
                                  or judge.pairs_as_protege.filter(
                                      status__in=rules.LIVE_PAIR_STATES).exists(),
                                  same_region=judge.court.region_id == region.id)
    if reason:
        raise Refused(reason)
    try:
        with transaction.atomic():
            entry = RosterEntry.objects.create(roster=roster, judge=judge, role=role,
                                               proposed_by=by)
    except IntegrityError as exc:
        raise Refused(_("§8: this judge is already on the roster (nobody appears twice)."
                        )) from exc
    notify([judge.user], "roster_invitation",
           {"region": localized(region), "role": in_all_languages(RosterRole(role).label)},
           reverse("dashboard"))
    return entry


@transaction.atomic
def answer_roster_invitation(*, by, entry: RosterEntry, accept: bool) -> RosterEntry:
    """§4.1, §12: the candidate accepts or declines; declined candidates drop out."""
    entry = RosterEntry.objects.select_for_update().select_related("judge").get(pk=entry.pk)
    if getattr(by, "judge", None) is None or by.judge.pk != entry.judge_id:
        raise Refused(_("Only the candidate can answer this invitation."))
    if entry.added_by_id or entry.consent != Consent.PENDING:
        raise Refused(_("This invitation has already been answered."))
    entry.consent = Consent.ACCEPTED if accept else Consent.DECLINED
    entry.consent_at = timezone.now()
    entry.save(update_fields=["consent", "consent_at"])
    return entry


@transaction.atomic
def withdraw_or_propose_removal(*, by, entry: RosterEntry) -> RosterEntry:
    """§8: an approved roster is never edited in place: removing a member is a
    proposal that the next order approves; a draft candidate is simply withdrawn."""
    entry = RosterEntry.objects.select_for_update().select_related("roster__region").get(
        pk=entry.pk)
    _require(by, "programs.edit_roster", entry.roster.region)
    if entry.removed_by_id:
        raise Refused(_("This judge has already been removed from the roster."))
    if entry.added_by_id is None:
        entry.delete()
        return entry
    entry.removal_proposed = not entry.removal_proposed
    entry.save(update_fields=["removal_proposed"])
    return entry


def pending_changes(roster: Roster):
    additions = RosterEntry.objects.filter(roster=roster, added_by__isnull=True).exclude(
        consent=Consent.DECLINED)
    removals = RosterEntry.objects.filter(roster=roster, removal_proposed=True,
                                          removed_by__isnull=True, added_by__isnull=False)
    return additions, removals


@transaction.atomic
def approve_roster(*, by, region: Region, language: str = "kk") -> RosterOrder:
    """§8: the regional court chair approves the draft (or amendment) by a
    numbered, dated order issued as a PDF. The roster row is locked, so two
    sessions approving at once yield one order; the second finds nothing to do."""
    _require(by, "programs.approve_roster", region)
    roster = Roster.objects.select_for_update().get(pk=roster_for(region).pk)
    additions, removals = pending_changes(roster)
    additions, removals = list(additions.select_related("judge__court")), list(
        removals.select_related("judge__court"))
    pending = sum(1 for e in additions if e.consent != Consent.ACCEPTED)
    reason = rules.approval_refusal(pending_consent=pending,
                                    changes=len(additions) + len(removals))
    if reason:
        raise Refused(reason)
    court = Court.objects.get(region=region, level=CourtLevel.REGIONAL)
    today = timezone.localdate()
    number = next_order_number(court, today.year)
    signatory = by.get_full_name() or by.username
    members_after = sorted(
        [e for e in roster.entries.filter(added_by__isnull=False, removed_by__isnull=True)
         .select_related("judge__court") if e not in removals] + additions,
        key=lambda e: (e.role, e.judge.last_name, e.judge.first_name))
    document = issue_document(
        kind=DocumentKind.ROSTER_ORDER, number=str(number), issued_on=today,
        issuer=getattr(court, f"name_{language}", court.name_kk), signatory=signatory,
        language=language, template="documents/roster_order.html",
        context={"court": court, "region": region, "additions": additions,
                 "removals": removals, "members": members_after,
                 "is_amendment": roster.orders.exists()})
    order = RosterOrder.objects.create(roster=roster, court=court, year=today.year,
                                       number=number, issued_on=today, signatory=by,
                                       document=document)
    RosterEntry.objects.filter(pk__in=[e.pk for e in additions]).update(added_by=order)
    RosterEntry.objects.filter(pk__in=[e.pk for e in removals]).update(
        removed_by=order, removal_proposed=False)
    # §8: the roster is brought to the attention of the district courts
    chairs = [a.user for a in OfficeAssignment.objects.current().filter(
        office=Office.COURT_CHAIR, court__region=region,
        court__level=CourtLevel.DISTRICT).select_related("user")]
    notify(chairs, "roster_order", {"number": str(number), "date": today.strftime("%d.%m.%Y"),
                                    "region": localized(region)},
           reverse("roster_detail", args=[region.slug]))
    return order


@transaction.atomic
def set_preferences(*, by, entries: list[RosterEntry]) -> list[ProtegePreference]:
    """§8: a protégé names preferred mentors or tutors from the approved roster."""
    judge = getattr(by, "judge", None)
    today = timezone.localdate()
    if judge is None or judge.status == JudgeStatus.RETIRED or not judge.protege_grounds(today):
        raise Refused(_("§8: only a judge who qualifies as a protégé states preferences."))
    if len(entries) > 3:
        raise Refused(_("Choose at most three preferred mentors or tutors."))
    for entry in entries:
        if not entry.is_member or entry.roster.region_id != judge.court.region_id:
            raise Refused(_("§8: preferences are chosen from the approved roster of your "
                            "region."))
    ProtegePreference.objects.filter(protege=judge).delete()
    return [ProtegePreference.objects.create(protege=judge, entry=e, rank=i)
            for i, e in enumerate(entries, start=1)]


# --- §8, §15.7, §16.6 seminars --------------------------------------------------

@transaction.atomic
def schedule_seminar(*, by, region: Region | None, held_on: dt.date, place: str,
                     topic: str) -> Seminar:
    """§8: the Central Council (national) or a branch council (its region)."""
    _require(by, "programs.organise_seminar", region)
    return Seminar.objects.create(region=region, held_on=held_on, place=place, topic=topic,
                                  organised_by=by)


@transaction.atomic
def invite_to_seminar(*, by, seminar: Seminar, judges: list[Judge]) -> int:
    _require(by, "programs.manage_seminar", seminar)
    existing = set(seminar.invitations.values_list("judge_id", flat=True))
    new = [j for j in judges if j.pk not in existing]
    SeminarInvitation.objects.bulk_create([SeminarInvitation(seminar=seminar, judge=j)
                                           for j in new])
    notify([j.user for j in new], "seminar_invitation",
           {"topic": seminar.topic, "date": seminar.held_on.strftime("%d.%m.%Y"),
            "place": seminar.place}, reverse("dashboard"))
    return len(new)


@transaction.atomic
def record_attendance(*, by, seminar: Seminar, attended_ids: set[int]) -> None:
    _require(by, "programs.manage_seminar", seminar)
    if seminar.held_on > timezone.localdate():
        raise Refused(_("Attendance can be recorded once the seminar has taken place."))
    for invitation in seminar.invitations.select_for_update():
        invitation.attended = invitation.judge_id in attended_ids
        invitation.save(update_fields=["attended"])


# --- shared order numbering -------------------------------------------------------

def next_order_number(court: Court, year: int) -> int:
    """One numbering of a court's orders per year (roster, extension, workload).
    The counter row is locked until the transaction ends."""
    from .models import ExtensionOrder, OrderCounter, WorkloadOrder

    try:
        with transaction.atomic():
            counter, created = OrderCounter.objects.get_or_create(court=court, year=year)
    except IntegrityError:
        created = False
    counter = OrderCounter.objects.select_for_update().get(court=court, year=year)
    if created or counter.last == 0:
        # start above any order issued before the counter existed
        counter.last = max([counter.last] + [
            model.objects.filter(court=court, year=year).aggregate(n=Max("number"))["n"] or 0
            for model in (RosterOrder, ExtensionOrder, WorkloadOrder)])
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def office_holders(office: str, *, region=None, court=None) -> list:
    qs = OfficeAssignment.objects.current().filter(office=office).select_related("user")
    if region is not None:
        qs = qs.filter(region=region)
    if court is not None:
        qs = qs.filter(court=court)
    return [a.user for a in qs]


def court_chairs_of(judge: Judge) -> list:
    """The chair of the judge's court (§2, §6): for a regional-level court, the
    regional court chair's office."""
    if judge.court.level == CourtLevel.REGIONAL:
        return office_holders(Office.REGIONAL_CHAIR, region=judge.court.region)
    return office_holders(Office.COURT_CHAIR, court=judge.court)


def _date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


# --- preamble, §1.4 quality flag -------------------------------------------------

@transaction.atomic
def flag_quality(*, by, judge: Judge, reasons: str):
    """Preamble, §1.4: the court chair flags a judge of the court as needing
    help to improve the quality of justice (a protégé ground)."""
    from courts.models import QualityFlag

    judge = Judge.objects.select_for_update().select_related("court__region").get(pk=judge.pk)
    _require(by, "programs.flag_quality", judge)
    if not reasons.strip():
        raise Refused(_("Preamble, §1.4: state the reasons for the flag."))
    if judge.status == JudgeStatus.RETIRED:
        raise Refused(_("A retired judge is not a protégé."))
    if QualityFlag.objects.filter(judge=judge, lifted_on__isnull=True).exists():
        raise Refused(_("This judge is already flagged."))
    flag = QualityFlag.objects.create(judge=judge, reasons=reasons.strip(),
                                      flagged_on=timezone.localdate(), flagged_by=by)
    notify(office_holders(Office.COORDINATOR, region=judge.court.region), "quality_flagged",
           {"judge": judge.full_name}, reverse("needs_analysis"))
    return flag


@transaction.atomic
def lift_quality_flag(*, by, flag):
    from courts.models import QualityFlag

    flag = QualityFlag.objects.select_for_update().select_related("judge__court").get(pk=flag.pk)
    _require(by, "programs.flag_quality", flag.judge)
    if flag.lifted_on:
        raise Refused(_("This flag was already lifted."))
    flag.lifted_on = timezone.localdate()
    flag.lifted_by = by
    flag.save(update_fields=["lifted_on", "lifted_by"])
    return flag


# --- §10, §12, §4.1 pairs ---------------------------------------------------------

def _lock_pair(pair):
    from .models import Pair

    return Pair.objects.select_for_update().select_related(
        "protege__court__region", "mentor__court", "region").get(pk=pair.pk)


def _move(pair, target: str) -> None:
    reason = rules.pair_transition_refusal(pair.status, target)
    if reason:
        raise Refused(reason)
    pair.status = target


@transaction.atomic
def propose_pair(*, by, protege: Judge, entry: RosterEntry):
    """§10.1, §10.2, §12: the coordinator proposes a pair from the approved
    roster; both sides are asked to consent (§4.1). The protégé row is locked,
    and a partial unique constraint backs the one-tutor-one-mentor rule."""
    from .models import Pair

    protege = Judge.objects.select_for_update().select_related("court__region").prefetch_related(
        "career_events", "quality_flags").get(pk=protege.pk)
    entry = RosterEntry.objects.select_related("judge__court", "roster__region", "added_by",
                                               "removed_by").get(pk=entry.pk)
    region = protege.court.region
    _require(by, "programs.propose_pair", region)
    today = timezone.localdate()
    member = (entry.added_by_id is not None and entry.added_by.issued_on <= today
              and entry.removed_by_id is None)
    grounds = protege.protege_grounds(today)
    live = Pair.objects.filter(protege=protege, role=entry.role,
                               status__in=rules.LIVE_PAIR_STATES).exists()
    reason = rules.pairing_refusal(
        entry.role, same_person=entry.judge_id == protege.pk, on_roster_as_role=member,
        same_region=entry.roster.region_id == region.pk, protege_qualifies=bool(grounds),
        has_live_pair_of_role=live)
    if reason:
        raise Refused(reason)
    try:
        with transaction.atomic():
            pair = Pair.objects.create(region=region, protege=protege, mentor=entry.judge,
                                       role=entry.role, roster_entry=entry, proposed_by=by,
                                       ground=grounds[0].code)
    except IntegrityError as exc:
        raise Refused(rules.pairing_refusal(
            entry.role, same_person=False, on_roster_as_role=True, same_region=True,
            protege_qualifies=True, has_live_pair_of_role=True)) from exc
    notify([protege.user, entry.judge.user], "pair_proposed",
           {"mentor": entry.judge.full_name, "protege": protege.full_name,
            "role": in_all_languages(RosterRole(entry.role).label)},
           reverse("pair_detail", args=[pair.pk]))
    return pair


@transaction.atomic
def answer_pair(*, by, pair, accept: bool):
    """§4.1: each side accepts or declines; one refusal ends the proposal."""
    pair = _lock_pair(pair)
    side = pair.side_of(by)
    if side is None:
        raise Refused(_("Only the two judges of the pair can answer."))
    field = "protege_consent" if side == "protege" else "mentor_consent"
    if pair.status != "proposed" or getattr(pair, field) != Consent.PENDING:
        raise Refused(_("This proposal has already been answered."))
    setattr(pair, field, Consent.ACCEPTED if accept else Consent.DECLINED)
    if not accept:
        _move(pair, "declined")
        pair.ended_on = timezone.localdate()
        notify([pair.proposed_by], "pair_declined",
               {"mentor": pair.mentor.full_name, "protege": pair.protege.full_name},
               reverse("needs_analysis"))
    elif pair.protege_consent == pair.mentor_consent == Consent.ACCEPTED:
        _move(pair, "consented")
        registrars = (office_holders(Office.BRANCH_COUNCIL, region=pair.region)
                      + office_holders(Office.TRAINING_CENTRE, region=pair.region))
        notify(registrars, "pair_consented",
               {"mentor": pair.mentor.full_name, "protege": pair.protege.full_name},
               reverse("pair_detail", args=[pair.pk]))
    pair.save()
    return pair


@transaction.atomic
def withdraw_pair(*, by, pair):
    """§10.2: the coordinator withdraws a proposal not yet registered."""
    pair = _lock_pair(pair)
    _require(by, "programs.propose_pair", pair.region)
    _move(pair, "withdrawn")
    pair.ended_on = timezone.localdate()
    pair.save()
    return pair


@transaction.atomic
def register_pair(*, by, pair):
    """§12: the branch council or the Training Centre enters the consented pair
    in the register; the term of twelve months starts (§5)."""
    from .models import Pair, Plan, PlanVersion

    pair = _lock_pair(pair)
    _require(by, "programs.register_pair", pair.region)
    today = timezone.localdate()
    entry = RosterEntry.objects.select_related("added_by", "removed_by").get(
        pk=pair.roster_entry_id)
    protege = Judge.objects.prefetch_related("career_events", "quality_flags").get(
        pk=pair.protege_id)
    reason = rules.pairing_refusal(
        pair.role, same_person=False, same_region=True,
        on_roster_as_role=(entry.added_by_id is not None and entry.removed_by_id is None
                           and pair.mentor.status != JudgeStatus.CHILDCARE),
        protege_qualifies=bool(protege.protege_grounds(today)), has_live_pair_of_role=False)
    if reason:  # things may have changed since the proposal
        raise Refused(reason)
    _move(pair, "active")
    Region.objects.select_for_update().get(pk=pair.region_id)
    pair.register_number = (Pair.objects.filter(region=pair.region)
                            .aggregate(n=Max("register_number"))["n"] or 0) + 1
    pair.registered_on = today
    pair.registered_by = by
    pair.term_ends_on = rules.default_term_end(today)
    pair.save()
    plan = Plan.objects.create(pair=pair)
    # §15.5: the mentor develops the plan together with the protégé
    PlanVersion.objects.create(plan=plan, number=1, status="draft",
                               author=pair.mentor.user or by)
    notify([pair.protege.user, pair.mentor.user, pair.proposed_by], "pair_registered",
           {"number": str(pair.register_number), "mentor": pair.mentor.full_name,
            "protege": pair.protege.full_name, "end": _date(pair.term_ends_on)},
           reverse("pair_detail", args=[pair.pk]))
    return pair


@transaction.atomic
def extend_term(*, by, pair, new_end: dt.date, reasons: str, language: str = "kk"):
    """§5, §1.6: the regional court chair extends the term by a numbered order
    (PDF), never beyond three years in total."""
    from .models import ExtensionOrder

    pair = _lock_pair(pair)
    _require(by, "programs.extend_term", pair.region)
    if pair.status != "active":
        raise Refused(_("§5: only an active pair's term can be extended."))
    if not reasons.strip():
        raise Refused(_("§5: state the reasons for the extension (prior experience, "
                        "professional training)."))
    reason = rules.extension_refusal(registered_on=pair.registered_on,
                                     current_end=pair.term_ends_on, new_end=new_end)
    if reason:
        raise Refused(reason)
    court = Court.objects.get(region=pair.region, level=CourtLevel.REGIONAL)
    today = timezone.localdate()
    number = next_order_number(court, today.year)
    document = issue_document(
        kind=DocumentKind.EXTENSION_ORDER, number=str(number), issued_on=today,
        issuer=getattr(court, f"name_{language}", court.name_kk),
        signatory=by.get_full_name() or by.username, language=language,
        template="documents/extension_order.html",
        context={"court": court, "pair": pair, "previous_end": pair.term_ends_on,
                 "new_end": new_end, "reasons": reasons.strip()})
    order = ExtensionOrder.objects.create(
        pair=pair, court=court, year=today.year, number=number, issued_on=today,
        previous_end=pair.term_ends_on, new_end=new_end, reasons=reasons.strip(),
        signatory=by, document=document)
    pair.term_ends_on = new_end
    pair.save(update_fields=["term_ends_on"])
    notify([pair.protege.user, pair.mentor.user], "term_extended",
           {"number": str(number), "end": _date(new_end)},
           reverse("pair_detail", args=[pair.pk]))
    return order


@transaction.atomic
def issue_workload_order(*, by, judge: Judge, percent: int, starts_on: dt.date,
                         ends_on: dt.date, language: str = "kk"):
    """§6: the chair of the judge's court reduces the caseload by up to 30 %
    during the first six months after appointment, by an order (PDF)."""
    from courts.rules import first_appointment

    from .models import WorkloadOrder

    judge = Judge.objects.select_for_update().select_related("court__region").prefetch_related(
        "career_events").get(pk=judge.pk)
    _require(by, "programs.workload_order", judge)
    reason = rules.workload_refusal(percent=percent, starts_on=starts_on, ends_on=ends_on,
                                    appointed_on=first_appointment(judge.career()),
                                    today=timezone.localdate())
    if reason:
        raise Refused(reason)
    overlapping = WorkloadOrder.objects.filter(judge=judge, starts_on__lte=ends_on,
                                               ends_on__gte=starts_on).exists()
    if overlapping:
        raise Refused(_("§6: an order already reduces this judge's caseload for part of that "
                        "period."))
    court = judge.court
    today = timezone.localdate()
    number = next_order_number(court, today.year)
    document = issue_document(
        kind=DocumentKind.WORKLOAD_ORDER, number=str(number), issued_on=today,
        issuer=getattr(court, f"name_{language}", court.name_kk),
        signatory=by.get_full_name() or by.username, language=language,
        template="documents/workload_order.html",
        context={"court": court, "judge": judge, "percent": percent, "starts_on": starts_on,
                 "ends_on": ends_on})
    order = WorkloadOrder.objects.create(
        judge=judge, court=court, year=today.year, number=number, issued_on=today,
        percent=percent, starts_on=starts_on, ends_on=ends_on, signatory=by, document=document)
    notify([judge.user], "workload_order",
           {"number": str(number), "percent": str(percent), "start": _date(starts_on),
            "end": _date(ends_on)}, reverse("dashboard"))
    return order


# --- §2, §15.5, §16.1–2 individual plan --------------------------------------------

def _open_version(pair, *statuses):
    from .models import PlanVersion

    return (PlanVersion.objects.select_for_update().filter(plan__pair=pair, status__in=statuses)
            .order_by("-number").first())


def _member_of_active_pair(by, pair) -> str:
    side = pair.side_of(by)
    if side is None:
        raise Refused(_("Only the two judges of the pair work on its plan."))
    if pair.status != "active":
        raise Refused(_("The plan is kept while the pair is active."))
    return side


def _editable_version(by, pair):
    """The version the pair may edit now: the draft (or returned) plan, or a
    correction being drafted."""
    _member_of_active_pair(by, pair)
    version = _open_version(pair, "draft", "returned", "correction")
    if version is None:
        raise Refused(_("The plan cannot be edited now: it is with the court chair, in force "
                        "(propose a correction) or a correction awaits an answer."))
    return version


@transaction.atomic
def add_plan_item(*, by, pair, task: int, description: str, expected_result: str,
                  due_on: dt.date):
    """§2, §3, §15.5, §16.1: the pair drafts the plan together; each item serves
    one task of §3 and has a due date and an expected result."""
    from .models import PlanItem, Task

    pair = _lock_pair(pair)
    version = _editable_version(by, pair)
    if task not in Task.values:
        raise Refused(_("§3: choose one of the seven tasks."))
    if not description.strip() or not expected_result.strip():
        raise Refused(_("Describe the item and its expected result."))
    if due_on < pair.registered_on or due_on > pair.term_ends_on:
        raise Refused(_("§5: the due date must fall within the term (%(start)s – %(end)s).")
                      % {"start": _date(pair.registered_on), "end": _date(pair.term_ends_on)})
    return PlanItem.objects.create(version=version, task=task, description=description.strip(),
                                   expected_result=expected_result.strip(), due_on=due_on)


@transaction.atomic
def remove_plan_item(*, by, pair, item_id: int) -> None:
    pair = _lock_pair(pair)
    version = _editable_version(by, pair)
    deleted, _n = version.items.filter(pk=item_id).delete()
    if not deleted:
        raise Refused(_("This item is not in the version being edited."))


@transaction.atomic
def submit_plan(*, by, pair):
    """§2: the plan goes to the chair of the protégé's court for approval."""
    pair = _lock_pair(pair)
    _member_of_active_pair(by, pair)
    version = _open_version(pair, "draft", "returned")
    if version is None:
        raise Refused(_("There is no draft plan to submit."))
    if not version.items.exists():
        raise Refused(_("§2: add at least one item before submitting the plan."))
    reason = rules.plan_transition_refusal(version.status, "submitted")
    if reason:
        raise Refused(reason)
    version.status = "submitted"
    version.submitted_at = timezone.now()
    version.save(update_fields=["status", "submitted_at"])
    notify(court_chairs_of(pair.protege), "plan_submitted",
           {"protege": pair.protege.full_name, "mentor": pair.mentor.full_name},
           reverse("pair_plan", args=[pair.pk]))
    return version


@transaction.atomic
def decide_plan(*, by, pair, approve: bool, comment: str = ""):
    """§2: the court chair approves the plan (it comes into force) or returns it
    with comments."""
    pair = _lock_pair(pair)
    _require(by, "programs.decide_plan", pair)
    if pair.status != "active":
        raise Refused(_("The plan is kept while the pair is active."))
    version = _open_version(pair, "submitted")
    if version is None:
        raise Refused(_("No plan awaits your decision."))
    if not approve and not comment.strip():
        raise Refused(_("§2: say what should be revised when returning the plan."))
    reason = rules.plan_transition_refusal(version.status, "approved" if approve else "returned")
    if reason:
        raise Refused(reason)
    version.status = "approved" if approve else "returned"
    version.decided_at = timezone.now()
    version.decided_by = by
    version.comment = comment.strip()
    version.save()
    notify([pair.protege.user, pair.mentor.user],
           "plan_approved" if approve else "plan_returned",
           {"protege": pair.protege.full_name}, reverse("pair_plan", args=[pair.pk]))
    return version


@transaction.atomic
def start_correction(*, by, pair, reason: str):
    """§15.5, §16.2: either side opens a correction of the plan in force; the
    items are copied into a new version to edit."""
    from .models import PlanItem, PlanVersion

    pair = _lock_pair(pair)
    _member_of_active_pair(by, pair)
    if not reason.strip():
        raise Refused(_("§16.2: say why the plan should be corrected."))
    current = _open_version(pair, "approved")
    if current is None:
        raise Refused(_("A correction is possible once the plan is approved."))
    if _open_version(pair, "draft", "submitted", "returned", "correction", "proposed"):
        raise Refused(_("A correction is already open."))
    number = current.plan.versions.aggregate(n=Max("number"))["n"] + 1
    version = PlanVersion.objects.create(plan=current.plan, number=number, status="correction",
                                         author=by, reason=reason.strip())
    PlanItem.objects.bulk_create([
        PlanItem(version=version, task=i.task, description=i.description,
                 expected_result=i.expected_result, due_on=i.due_on, origin=i,
                 fulfilled_on=i.fulfilled_on, checked_by=i.checked_by)
        for i in current.items.all()])
    return version


@transaction.atomic
def propose_correction(*, by, pair):
    pair = _lock_pair(pair)
    _member_of_active_pair(by, pair)
    version = _open_version(pair, "correction")
    if version is None:
        raise Refused(_("There is no correction being drafted."))
    if version.author_id != by.pk:
        raise Refused(_("The side that opened the correction proposes it."))
    if not version.items.exists():
        raise Refused(_("§2: the plan needs at least one item."))
    version.status = "proposed"
    version.submitted_at = timezone.now()
    version.save(update_fields=["status", "submitted_at"])
    other = pair.mentor if pair.side_of(by) == "protege" else pair.protege
    notify([other.user], "correction_proposed", {"name": by.get_full_name() or by.username},
           reverse("pair_plan", args=[pair.pk]))
    return version


@transaction.atomic
def answer_correction(*, by, pair, agree: bool, comment: str = ""):
    """§15.5, §16.2: the other side agrees (the correction becomes the version
    in force and the chair is notified) or declines (the plan stays as it was)."""
    pair = _lock_pair(pair)
    _member_of_active_pair(by, pair)
    version = _open_version(pair, "proposed")
    if version is None:
        raise Refused(_("No correction awaits your answer."))
    if version.author_id == by.pk:
        raise Refused(_("§15.5, §16.2: the other side of the pair answers a correction."))
    now = timezone.now()
    if agree:
        current = _open_version(pair, "approved")
        current.status = "superseded"
        current.save(update_fields=["status"])
        # the mentor's checks as they stand now on the old version carry over
        # (checked or withdrawn while the correction was open)
        for item in version.items.select_related("origin"):
            if item.origin and (item.fulfilled_on, item.checked_by_id) != (
                    item.origin.fulfilled_on, item.origin.checked_by_id):
                item.fulfilled_on = item.origin.fulfilled_on
                item.checked_by_id = item.origin.checked_by_id
                item.save(update_fields=["fulfilled_on", "checked_by"])
    version.status = "approved" if agree else "rejected"
    version.decided_at, version.decided_by, version.comment = now, by, comment.strip()
    version.save()
    notify([version.author], "correction_agreed" if agree else "correction_rejected",
           {"number": str(version.number)}, reverse("pair_plan", args=[pair.pk]))
    if agree:
        notify(court_chairs_of(pair.protege), "plan_corrected",
               {"protege": pair.protege.full_name, "number": str(version.number)},
               reverse("pair_plan", args=[pair.pk]))
    return version


@transaction.atomic
def check_plan_item(*, by, pair, item_id: int, fulfilled: bool):
    """§15.5: the mentor (tutor) checks the protégé's fulfilment of an item."""
    pair = _lock_pair(pair)
    if _member_of_active_pair(by, pair) != "mentor":
        raise Refused(_("§15.5: the mentor or tutor checks the fulfilment of the plan."))
    version = _open_version(pair, "approved")
    item = version.items.filter(pk=item_id).first() if version else None
    if item is None:
        raise Refused(_("§15.5: items are checked in the plan in force."))
    item.fulfilled_on = timezone.localdate() if fulfilled else None
    item.checked_by = by if fulfilled else None
    item.save(update_fields=["fulfilled_on", "checked_by"])
    return item


# --- §4.2, §15.2, §15.6 confidential journal; §16.3 feedback ------------------------

@transaction.atomic
def add_journal_entry(*, by, pair, kind: str, occurred_on: dt.date, text: str):
    """§4.2: only the two members write; a hearing review concerns a hearing
    already held (§4.3, §15.1). The text is encrypted at rest. No notification
    or audit entry carries it."""
    from .models import JournalEntry, JournalKind

    pair = _lock_pair(pair)
    if pair.side_of(by) is None:
        raise Refused(_("§4.2: the journal belongs to the two judges of the pair."))
    if pair.status != "active":
        raise Refused(_("The journal is kept while the pair is active."))
    if kind not in JournalKind.values:
        raise Refused(_("Choose the kind of entry."))
    if not text.strip():
        raise Refused(_("The entry is empty."))
    today = timezone.localdate()
    if kind == JournalKind.HEARING_REVIEW:
        reason = rules.hearing_review_refusal(held_on=occurred_on, today=today)
        if reason:
            raise Refused(reason)
    elif occurred_on > today:
        raise Refused(_("The journal records what has taken place; the date cannot be in the "
                        "future."))
    return JournalEntry.objects.create(pair=pair, author=by, kind=kind, occurred_on=occurred_on,
                                       text=text.strip())


@transaction.atomic
def give_feedback(*, by, pair, rating: int, comment: str = ""):
    """§16.3: the protégé rates the programme's effectiveness, once a month."""
    from .models import Feedback

    pair = _lock_pair(pair)
    if pair.side_of(by) != "protege":
        raise Refused(_("§16.3: the protégé gives feedback on the programme."))
    if pair.status != "active":
        raise Refused(_("Feedback is given while the pair is active."))
    reason = rules.feedback_refusal(rating)
    if reason:
        raise Refused(reason)
    period = timezone.localdate().replace(day=1)
    if Feedback.objects.filter(pair=pair, period=period).exists():
        raise Refused(_("§16.3: you have already given feedback this month."))
    return Feedback.objects.create(pair=pair, period=period, rating=rating,
                                   comment=comment.strip())


# --- §13, §16.8 written reports ---------------------------------------------------

def _lock_report(report):
    from .models import Report

    return Report.objects.select_for_update().select_related(
        "pair__region", "pair__protege__court", "pair__mentor").get(pk=report.pk)


# §16.8: the final report also comes after the programme has ended
REPORTABLE = ("active", "completed", "ended_early", "replaced")


def _report_kind(side: str) -> str:
    return "final" if side == "protege" else "mentor"


@transaction.atomic
def start_report(by, pair):
    """§13, §16.8: either side of an active pair (or one whose term has run)
    opens its written report as a draft; an open report is returned as is."""
    from .models import Report

    pair = _lock_pair(pair)
    side = pair.side_of(by)
    if side is None:
        raise Refused(_("§13: the mentor (tutor) and the protégé write the reports."))
    if pair.registered_on is None or pair.status not in REPORTABLE:
        raise Refused(_("§13: reports are written for a registered pair."))
    kind = _report_kind(side)
    existing = Report.objects.filter(pair=pair, kind=kind,
                                     status__in=["draft", "submitted", "accepted"]).first()
    if existing:
        return existing
    returned = Report.objects.filter(pair=pair, kind=kind, status="returned", author=by,
                                     revision__isnull=True).order_by("-created_at").first()
    if returned:  # a returned report is continued as its revision
        return revise_report(by=by, report=returned)
    return Report.objects.create(pair=pair, kind=kind, author=by)


@transaction.atomic
def save_report(*, by, report, addressee: str, **texts):
    from .models import REPORT_TEXT_FIELDS, Addressee

    report = _lock_report(report)
    if report.author_id != by.pk:
        raise Refused(_("Only the author edits a report."))
    if report.status != "draft":
        raise Refused(_("A submitted report is not edited; it can only be revised after it is "
                        "returned."))
    if addressee not in Addressee.values:
        raise Refused(_("§13: choose the branch council or the Training Centre."))
    report.addressee = addressee
    for name in REPORT_TEXT_FIELDS:
        if name in texts:
            setattr(report, name, (texts[name] or "").strip())
    report.save()
    return report


@transaction.atomic
def submit_report(*, by, report):
    """§13: the report goes to the branch council or the Training Centre."""
    from .models import REPORT_TEXT_FIELDS

    report = _lock_report(report)
    if report.author_id != by.pk:
        raise Refused(_("Only the author submits a report."))
    if report.status != "draft":
        raise Refused(_("This report has already been submitted."))
    reason = rules.report_submission_refusal(
        report.kind, {f for f in REPORT_TEXT_FIELDS if getattr(report, f).strip()})
    if reason:
        raise Refused(reason)
    report.status = "submitted"
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at"])
    notify(office_holders(report.addressee, region=report.pair.region), "report_submitted",
           {"name": by.get_full_name() or by.username, "protege": report.pair.protege.full_name},
           reverse("report_detail", args=[report.pk]))
    return report


@transaction.atomic
def decide_report(*, by, report, accept: bool, comment: str = ""):
    """§13: the addressee accepts the report or returns it for revision."""
    report = _lock_report(report)
    _require(by, "programs.decide_report", report)
    if report.status != "submitted":
        raise Refused(_("Only a submitted report can be accepted or returned."))
    if not accept and not comment.strip():
        raise Refused(_("Say what should be revised when returning the report."))
    report.status = "accepted" if accept else "returned"
    report.decided_at, report.decided_by, report.comment = timezone.now(), by, comment.strip()
    report.save(update_fields=["status", "decided_at", "decided_by", "comment"])
    notify([report.author], "report_accepted" if accept else "report_returned", {},
           reverse("report_detail", args=[report.pk]))
    return report


@transaction.atomic
def revise_report(*, by, report):
    """A returned report is superseded by a revision: a new draft with the
    same text and attachments; the returned one stays as it was."""
    from .models import Attachment, Report

    report = _lock_report(report)
    if report.author_id != by.pk:
        raise Refused(_("Only the author revises a report."))
    if report.status != "returned" or Report.objects.filter(revision_of=report).exists():
        raise Refused(_("Only a returned report can be revised, once."))
    if Report.objects.filter(pair=report.pair, kind=report.kind,
                             status__in=["draft", "submitted", "accepted"]).exists():
        raise Refused(_("A newer version of this report already exists; continue with it."))
    revision = Report.objects.create(
        pair=report.pair, kind=report.kind, author=by, addressee=report.addressee,
        work_done=report.work_done, knowledge_gained=report.knowledge_gained,
        effectiveness=report.effectiveness, proposals=report.proposals, revision_of=report)
    Attachment.objects.bulk_create([
        Attachment(report=revision, file=a.file.name, original_name=a.original_name,
                   extension=a.extension, content_type=a.content_type, size=a.size,
                   sha256=a.sha256) for a in report.attachments.all()])
    return revision


@transaction.atomic
def add_attachment(*, by, report, uploaded):
    """A PDF or DOCX (type checked by content, size capped), stored under a
    generated name. A refused file leaves nothing stored."""
    from django.core.files.base import ContentFile

    from mentorship.uploads import check_count, check_upload

    from .models import Attachment

    report = _lock_report(report)
    if report.author_id != by.pk or report.status != "draft":
        raise Refused(_("Files are attached by the author to a draft report."))
    check_count(report.attachments.count())
    checked = check_upload(uploaded)
    attachment = Attachment(report=report, original_name=checked.name,
                            extension=checked.extension, content_type=checked.content_type,
                            size=checked.size, sha256=checked.sha256)
    attachment.file.save("upload" + checked.extension, ContentFile(checked.content), save=False)
    path = attachment.file.name  # stored only once the checks have passed
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(path)
        raise
    return attachment


# --- §15.8, §16.4, §16.5 petitions --------------------------------------------------

@transaction.atomic
def file_petition(*, by, pair, kind: str, reasons: str = ""):
    from .models import Petition, PetitionKind

    pair = _lock_pair(pair)
    reason = rules.petition_refusal(kind, side=pair.side_of(by), reasons=reasons,
                                    pair_active=pair.status == "active")
    if reason:
        raise Refused(reason)
    if Petition.objects.filter(pair=pair, kind=kind, status="pending").exists():
        raise Refused(_("This petition is already before the branch council."))
    petition = Petition.objects.create(pair=pair, kind=kind, author=by, reasons=reasons.strip())
    notify(office_holders(Office.BRANCH_COUNCIL, region=pair.region), "petition_filed",
           {"kind": in_all_languages(PetitionKind(kind).label),
            "protege": pair.protege.full_name}, reverse("council_queue"))
    return petition


# --- §14 protocol decisions -----------------------------------------------------------

def _lock_protocol(protocol):
    from .models import Protocol

    return Protocol.objects.select_for_update().select_related("region").get(pk=protocol.pk)


@transaction.atomic
def create_protocol(*, by, region, held_on: dt.date, members_present: str):
    from .models import Protocol

    _require(by, "programs.keep_protocols", region)
    if held_on > timezone.localdate():
        raise Refused(_("§14: the protocol records a meeting that has taken place."))
    if not members_present.strip():
        raise Refused(_("§14: list the members present."))
    return Protocol.objects.create(region=region, held_on=held_on,
                                   members_present=members_present.strip(), created_by=by)


def _accepted_reports(pair) -> dict:
    from .models import Report

    return {r.kind: r for r in Report.objects.filter(pair=pair, status="accepted")}


@transaction.atomic
def add_decision(*, by, protocol, kind: str, pairs: list, petition=None,
                 granted: bool | None = None, reasons: str = ""):
    """§14: one item of the protocol. A completion rests on the accepted
    reports of both sides, which it lists; a petition is decided with its
    outcome; a replacement ends the pair (§16.4)."""
    from .models import Decision, DecisionKind, Petition

    protocol = _lock_protocol(protocol)
    _require(by, "programs.keep_protocols", protocol.region)
    if protocol.status != "draft":
        raise Refused(_("§14: an issued protocol is not changed."))
    if kind not in DecisionKind.values:
        raise Refused(_("Choose the kind of decision."))
    if kind == "petition":
        if petition is None:
            raise Refused(_("Choose the petition decided."))
        petition = Petition.objects.select_for_update().select_related("pair").get(pk=petition.pk)
        if petition.status != "pending" or petition.decisions.exists():
            raise Refused(_("This petition has already been decided or put on a protocol."))
        if granted is None:
            raise Refused(_("Say whether the petition is granted or refused."))
        if not granted and not reasons.strip():
            raise Refused(_("§14: give the reasons for refusing the petition."))
        pairs = [petition.pair]
    if not pairs:
        raise Refused(_("Choose at least one pair."))
    if kind == "replacement" and not reasons.strip():
        raise Refused(_("§16.4: give the reasons for replacing the mentor."))
    taken = set(protocol.decisions.filter(
        kind__in=["completed", "no_need", "replacement", "petition"]).values_list(
        "pairs", flat=True))
    reports = []
    for pair in pairs:
        if pair.region_id != protocol.region_id or pair.status != "active":
            raise Refused(_("§14: the decision concerns active pairs of the branch's region."))
        if pair.pk in taken:
            raise Refused(_("%(pair)s is already the subject of another item of this protocol.")
                          % {"pair": pair})
        outcome = rules.decision_outcome(kind, petition_kind=petition.kind if petition else None,
                                         granted=granted)
        if outcome in ("completed", "ended_early"):  # any completion, also on a petition
            accepted = _accepted_reports(pair)
            reason = rules.completion_refusal(mentor_report_accepted="mentor" in accepted,
                                              final_report_accepted="final" in accepted)
            if reason:
                raise Refused(f"{pair}: {reason}")
            reports += list(accepted.values())
    decision = Decision.objects.create(protocol=protocol, kind=kind, petition=petition,
                                       granted=granted if kind == "petition" else None,
                                       reasons=reasons.strip())
    decision.pairs.set(pairs)
    decision.reports.set(reports)
    return decision


@transaction.atomic
def remove_decision(*, by, decision) -> None:
    from .models import Decision

    decision = Decision.objects.select_related("protocol__region").get(pk=decision.pk)
    protocol = _lock_protocol(decision.protocol)
    _require(by, "programs.keep_protocols", protocol.region)
    if protocol.status != "draft":
        raise Refused(_("§14: an issued protocol is not changed."))
    decision.delete()


@transaction.atomic
def issue_protocol(*, by, protocol, language: str = "kk"):
    """§14: number the protocol (per branch and year), render it once as a PDF,
    move each pair to its final state (once: a unique row per pair), decide the
    petitions, and deliver copies to the Training Centre of the region and to
    the HR service of each protégé's court."""
    from django.db.models import Prefetch

    from mentorship.documents import DOCUMENT_LANGUAGES

    from .models import Decision, Finalisation, Pair, Petition, Protocol, ProtocolCopy

    protocol = _lock_protocol(protocol)
    _require(by, "programs.keep_protocols", protocol.region)
    if protocol.status != "draft":
        raise Refused(_("§14: this protocol has already been issued."))
    if language not in DOCUMENT_LANGUAGES:
        language = "kk"
    decisions = list(Decision.objects.filter(protocol=protocol).select_related("petition")
                     .prefetch_related("reports", Prefetch("pairs", queryset=Pair.objects
                                       .select_related("protege__court", "mentor__court"))))
    if not decisions:
        raise Refused(_("§14: the protocol has no decision to issue."))
    today = timezone.localdate()
    pair_ids = sorted({p.pk for d in decisions for p in d.pairs.all()})
    locked = {p.pk: p for p in Pair.objects.select_for_update().filter(pk__in=pair_ids)
              .select_related("protege__court", "mentor__court", "region").order_by("pk")}
    outcomes = []
    for decision in decisions:
        outcome = rules.decision_outcome(
            decision.kind, petition_kind=decision.petition.kind if decision.petition else None,
            granted=decision.granted)
        for p in decision.pairs.all():
            pair = locked[p.pk]
            if pair.status != "active":
                raise Refused(_("§14: %(pair)s is no longer active; it was decided already.")
                              % {"pair": pair})
            outcomes.append((decision, pair, outcome))
    Region.objects.select_for_update().get(pk=protocol.region_id)
    number = (Protocol.objects.filter(region=protocol.region, year=today.year)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    council = getattr(protocol.region, f"name_{language}", protocol.region.name_kk)
    with translation.override(language):
        issuer = str(_("Branch council of the Union of Judges")) + f" — {council}"
    document = issue_document(
        kind=DocumentKind.PROTOCOL, number=str(number), issued_on=today, issuer=issuer,
        signatory=by.get_full_name() or by.username, language=language,
        template="documents/protocol.html",
        context={"protocol": protocol, "decisions": decisions, "region": protocol.region})
    try:
        with transaction.atomic():
            for decision, pair, outcome in outcomes:
                if outcome is None:
                    continue
                Finalisation.objects.create(pair=pair, decision=decision, status=outcome)
                _move(pair, outcome)
                pair.ended_on = today
                pair.save(update_fields=["status", "ended_on"])
    except IntegrityError as exc:
        raise Refused(_("§14: a pair of this protocol was finalised by another decision.")) \
            from exc
    for decision in decisions:
        if decision.petition_id:
            Petition.objects.filter(pk=decision.petition_id).update(
                status="granted" if decision.granted else "refused")
    finalised = [pair.pk for _d, pair, outcome in outcomes if outcome]
    decided = [d.petition_id for d in decisions if d.petition_id]
    Petition.objects.filter(pair_id__in=finalised, status="pending").exclude(
        pk__in=decided).update(status="closed")
    Decision.objects.filter(protocol=protocol).update(frozen=True)
    protocol.status, protocol.year, protocol.number = "issued", today.year, number
    protocol.issued_on, protocol.document = today, document
    protocol.save()
    courts = {pair.protege.court for _d, pair, _o in outcomes}
    ProtocolCopy.objects.create(protocol=protocol, recipient="training_centre",
                                region=protocol.region)
    for court in courts:
        ProtocolCopy.objects.create(protocol=protocol, recipient="hr", region=protocol.region,
                                    court=court)
    params = {"number": str(number), "date": _date(today), "region": localized(protocol.region)}
    notify(office_holders(Office.TRAINING_CENTRE, region=protocol.region)
           + [u for c in courts for u in office_holders(Office.HR_OFFICER, court=c)],
           "protocol_copy", params, reverse("copies_inbox"))
    members = {u for _d, pair, _o in outcomes for u in (pair.protege.user, pair.mentor.user)}
    notify(list(members), "protocol_issued", params, reverse("dashboard"))
    replaced = [pair for _d, pair, o in outcomes if o == "replaced"]
    if replaced:
        notify(office_holders(Office.COORDINATOR, region=protocol.region), "mentor_replaced",
               {"protege": ", ".join(p.protege.full_name for p in replaced)},
               reverse("needs_analysis"))
    return protocol


@transaction.atomic
def acknowledge_copy(*, by, copy):
    from .models import ProtocolCopy

    copy = ProtocolCopy.objects.select_for_update().get(pk=copy.pk)
    _require(by, "programs.receive_copy", copy)
    if copy.acknowledged_at:
        raise Refused(_("Receipt of this copy has already been acknowledged."))
    copy.acknowledged_at, copy.acknowledged_by = timezone.now(), by
    copy.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return copy


# --- §5, §1.6, §10.1, §14, §15.5 the daily term watch --------------------------------

REMINDER_DAYS = (30, 7)


@transaction.atomic
def watch_terms(today: dt.date | None = None) -> dict:
    """The daily job: reminders 30 and 7 days before a term ends (to the pair
    and the coordinator); pairs past their term without a decision brought to
    the branch council; plan items past due; judges whose protégé ground
    lapsed without a pair brought to the coordinator. Each reminder has a
    unique key, so none goes out twice (mentorship.notifications.remind_once)."""
    import hashlib

    from courts.rules import lapsed_grounds
    from mentorship.notifications import remind_once

    from .models import Pair, PlanItem

    today = today or timezone.localdate()
    counts = {"term_ending": 0, "term_ended": 0, "item_overdue": 0, "ground_lapsed": 0}
    coordinators: dict[int, list] = {}
    councils: dict[int, list] = {}
    for a in OfficeAssignment.objects.current(today).filter(
            office__in=[Office.COORDINATOR, Office.BRANCH_COUNCIL]).select_related("user"):
        target = coordinators if a.office == Office.COORDINATOR else councils
        target.setdefault(a.region_id, []).append(a.user)

    active = Pair.objects.filter(status="active").select_related(
        "protege__user", "mentor__user")
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    for pair in active.filter(term_ends_on__gte=today, term_ends_on__lte=horizon):
        remaining = (pair.term_ends_on - today).days
        threshold = min(d for d in REMINDER_DAYS if remaining <= d)
        if remind_once(f"term_ending:{pair.pk}:{pair.term_ends_on}:{threshold}",
                       [pair.protege.user, pair.mentor.user,
                        *coordinators.get(pair.region_id, [])], "term_ending",
                       {"mentor": pair.mentor.full_name, "protege": pair.protege.full_name,
                        "end": _date(pair.term_ends_on), "days": str(remaining)},
                       reverse("pair_detail", args=[pair.pk])):
            counts["term_ending"] += 1
    for pair in active.filter(term_ends_on__lt=today):
        if remind_once(f"term_ended:{pair.pk}:{pair.term_ends_on}",
                       councils.get(pair.region_id, []), "term_ended",
                       {"mentor": pair.mentor.full_name, "protege": pair.protege.full_name,
                        "end": _date(pair.term_ends_on)}, reverse("council_queue")):
            counts["term_ended"] += 1
    overdue = (PlanItem.objects.filter(version__status="approved",
                                       version__plan__pair__status="active",
                                       fulfilled_on__isnull=True, due_on__lt=today)
               .select_related("version__plan__pair__protege__user",
                               "version__plan__pair__mentor__user"))
    for item in overdue:
        pair = item.version.plan.pair
        digest = hashlib.sha256(f"{item.description}|{item.due_on}".encode()).hexdigest()[:16]
        if remind_once(f"item_overdue:{pair.pk}:{digest}",
                       [pair.protege.user, pair.mentor.user], "item_overdue",
                       {"protege": pair.protege.full_name, "due": _date(item.due_on)},
                       reverse("pair_plan", args=[pair.pk])):
            counts["item_overdue"] += 1
    judges = (Judge.objects.exclude(status=JudgeStatus.RETIRED).select_related("court")
              .prefetch_related("career_events", "pairs_as_protege"))
    from courts.rules import GROUND_LABELS

    for judge in judges.iterator(chunk_size=2000):
        for ground, lapsed in lapsed_grounds(judge.career(), today):
            paired = any(p.status not in ("declined", "withdrawn")
                         and p.proposed_at.date() >= ground.since
                         for p in judge.pairs_as_protege.all())
            if paired:
                continue
            if remind_once(f"ground_lapsed:{judge.pk}:{ground.code}:{ground.since}",
                           coordinators.get(judge.court.region_id, []), "ground_lapsed",
                           {"judge": judge.full_name,
                            "ground": in_all_languages(GROUND_LABELS[ground.code]),
                            "since": _date(ground.since), "lapsed": _date(lapsed)},
                           reverse("needs_analysis")):
                counts["ground_lapsed"] += 1
    return counts
