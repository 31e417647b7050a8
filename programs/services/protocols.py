"""§14: protocol decisions of the branch council and their copies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from courts.models import Office, Region
from courts.offices import office_holders
from mentorship.documents import DOCUMENT_LANGUAGES, issue_document
from mentorship.errors import Refused
from mentorship.models import DocumentKind
from mentorship.notifications import localized, notify
from mentorship.officestyle import branch_council_name, long_date_all, signatory
from mentorship.permissions import Actor, refuse_unless, user_of

from .. import regulation
from ..lifecycle import move, move_all
from ..models import (
    Decision,
    DecisionKind,
    Finalisation,
    Pair,
    Participation,
    ParticipationStatus,
    Petition,
    PetitionStatus,
    Protocol,
    ProtocolCopy,
    ProtocolStatus,
    Report,
)
from ..numbering import next_protocol_number
from ..protocol_text import protocol_clauses
from .participations import end_if_over

# --- §14 protocol decisions -----------------------------------------------------------


def _lock_protocol(protocol: Protocol) -> Protocol:

    return (
        Protocol.objects.select_for_update(no_key=True, of=("self",))
        .select_related("region")
        .get(pk=protocol.pk)
    )


@transaction.atomic
def create_protocol(
    *, by: Actor, region: Region, held_on: dt.date, members_present: str
) -> Protocol:

    refuse_unless(by, "programs.keep_protocols", region)
    if held_on > timezone.localdate():
        raise Refused(regulation.PROTOCOL_RECORDS_MEETING_TAKEN_PLACE)
    if not members_present.strip():
        raise Refused(regulation.LIST_MEMBERS_PRESENT)
    return Protocol.objects.create(
        region=region,
        held_on=held_on,
        members_present=members_present.strip(),
        created_by=user_of(by),
    )


def _facts(petition: Petition | None, reports: list[Report]) -> list[tuple[str, dt.date]]:
    """§14: the dated facts a decision rests on: the petition it decides, the
    reports presented."""
    facts = []
    if petition is not None:
        facts.append((str(petition.get_kind_display()), timezone.localdate(petition.created_at)))
    for report in reports:
        if report.submitted_at:
            facts.append((str(report.get_kind_display()), timezone.localdate(report.submitted_at)))
    return facts


def _protocol_facts(protocol: Protocol) -> list[tuple[str, dt.date]]:
    facts = []
    for decision in protocol.decisions.select_related("petition").prefetch_related("reports"):
        facts += _facts(decision.petition, list(decision.reports.all()))
    return facts


def _check_meeting_date(held_on: dt.date, facts: list[tuple[str, dt.date]]) -> None:
    reason = regulation.meeting_date_refusal(held_on, today=timezone.localdate(), facts=facts)
    if reason:
        raise Refused(reason)


@transaction.atomic
def update_protocol(
    *, by: Actor, protocol: Protocol, held_on: dt.date, members_present: str
) -> Protocol:
    """§14: a draft's meeting date and members present are corrected until it
    is issued; the date stays within the facts its decisions rest on."""
    protocol = _lock_protocol(protocol)
    refuse_unless(by, "programs.keep_protocols", protocol.region)
    if protocol.status != "draft":
        raise Refused(regulation.ISSUED_PROTOCOL_CHANGED)
    if not members_present.strip():
        raise Refused(regulation.LIST_MEMBERS_PRESENT)
    _check_meeting_date(held_on, _protocol_facts(protocol))
    protocol.held_on, protocol.members_present = held_on, members_present.strip()
    protocol.save(update_fields=["held_on", "members_present"])
    return protocol


@transaction.atomic
def delete_protocol(*, by: Actor, protocol: Protocol) -> None:
    """§14: a draft (never numbered, never issued) may be deleted with its items."""
    protocol = _lock_protocol(protocol)
    refuse_unless(by, "programs.keep_protocols", protocol.region)
    if protocol.status != "draft" or protocol.document_id:
        raise Refused(regulation.ONLY_DRAFT_PROTOCOL_DELETED)
    protocol.decisions.all().delete()
    protocol.delete()


def _presented_reports(pair: Pair) -> dict:
    """§13, §14: the reports presented to the council: submitted or accepted
    (the latest of each kind)."""
    return {
        r.kind: r
        for r in Report.objects.filter(pair=pair, status__in=("submitted", "accepted")).order_by(
            "created_at"
        )
    }


@transaction.atomic
def add_decision(
    *,
    by: Actor,
    protocol: Protocol,
    kind: str,
    pairs: list,
    petition: Petition | None = None,
    granted: bool | None = None,
    reasons: str = "",
    missing_reports: str = "",
    objective_reason: str = "",
    concerns: str = "",
) -> Decision:
    """§14: one item of the protocol, «on the results of the information
    presented». A completion because the goals are reached rests on the
    reports presented, which it lists; where one was not submitted the council
    records that, with reasons (`missing_reports`). A completion on the
    participants' application rests on the petition and whatever reports
    exist. A replacement ends the pair (§16.4); an objective ending (a
    participant left office, retired, died, moved, long leave) ends it too."""

    protocol = _lock_protocol(protocol)
    refuse_unless(by, "programs.keep_protocols", protocol.region)
    if protocol.status != "draft":
        raise Refused(regulation.ISSUED_PROTOCOL_CHANGED)
    if kind not in DecisionKind.values:
        raise Refused(regulation.CHOOSE_KIND_DECISION)
    if kind == "petition":
        if petition is None:
            raise Refused(regulation.CHOOSE_PETITION_DECIDED)
        petition = (
            Petition.objects.select_for_update(no_key=True, of=("self",))
            .select_related("pair")
            .get(pk=petition.pk)
        )
        if petition.status != "pending" or petition.decisions.exists():
            raise Refused(regulation.PETITION_ALREADY_DECIDED_PUT_PROTOCOL)
        if granted is None:
            raise Refused(regulation.SAY_WHETHER_PETITION_GRANTED_REFUSED)
        if not granted and not reasons.strip():
            raise Refused(regulation.GIVE_REASONS_REFUSING_PETITION)
        pairs = [petition.pair]
    if not pairs:
        raise Refused(regulation.CHOOSE_LEAST_ONE_PAIR)
    if kind == "replacement" and not reasons.strip():
        raise Refused(regulation.GIVE_REASONS_REPLACING_MENTOR)
    if kind == "objective":
        reason = regulation.objective_ending_refusal(reason=objective_reason, concerns=concerns)
        if reason:
            raise Refused(reason)
    else:
        objective_reason = concerns = ""
    taken = set(
        protocol.decisions.filter(
            kind__in=["completed", "no_need", "replacement", "petition", "objective"]
        ).values_list("pairs", flat=True)
    )
    reports = []
    for pair in pairs:
        if pair.region_id != protocol.region_id or pair.status != "active":
            raise Refused(regulation.DECISION_CONCERNS_ACTIVE_PAIRS_BRANCH)
        if pair.pk in taken:
            raise Refused(regulation.ALREADY_SUBJECT_ANOTHER_ITEM_PROTOCOL % {"pair": pair})
        outcome = regulation.decision_outcome(
            kind, petition_kind=petition.kind if petition else None, granted=granted
        )
        presented = _presented_reports(pair)
        if outcome == "completed":  # the goals reached, also on the mentor's petition
            reason = regulation.completion_refusal(
                mentor_report_presented="mentor" in presented,
                final_report_presented="final" in presented,
                missing_reasons=missing_reports,
            )
            if reason:
                raise Refused(f"{pair}: {reason}")
        reports += list(presented.values())
    _check_meeting_date(protocol.held_on, _facts(petition, reports))
    decision = Decision.objects.create(
        protocol=protocol,
        kind=kind,
        petition=petition,
        granted=granted if kind == "petition" else None,
        reasons=reasons.strip(),
        missing_reports=missing_reports.strip(),
        objective_reason=objective_reason,
        concerns=concerns,
    )
    decision.pairs.set(pairs)
    decision.reports.set(reports)
    return decision


@transaction.atomic
def remove_decision(*, by: Actor, decision: Decision) -> None:

    decision = Decision.objects.select_related("protocol__region").get(pk=decision.pk)
    protocol = _lock_protocol(decision.protocol)
    refuse_unless(by, "programs.keep_protocols", protocol.region)
    if protocol.status != "draft":
        raise Refused(regulation.ISSUED_PROTOCOL_CHANGED)
    decision.delete()


@transaction.atomic
def issue_protocol(*, by: Actor, protocol: Protocol, language: str = "kk") -> Protocol:
    """§14: number the protocol (per branch and year), render it once as a PDF,
    move each pair to its final state (once: a unique row per pair), decide the
    petitions, and deliver copies to the Training Centre of the region and to
    the HR service of each protégé's court."""

    protocol = _lock_protocol(protocol)
    refuse_unless(by, "programs.keep_protocols", protocol.region)
    if protocol.status != "draft":
        raise Refused(regulation.PROTOCOL_ALREADY_ISSUED)
    if language not in DOCUMENT_LANGUAGES:
        language = "kk"
    decisions = list(
        Decision.objects.filter(protocol=protocol)
        .select_related("petition")
        .prefetch_related(
            "reports",
            Prefetch(
                "pairs", queryset=Pair.objects.select_related("protege__court", "mentor__court")
            ),
        )
    )
    if not decisions:
        raise Refused(regulation.PROTOCOL_DECISION_ISSUE)
    _check_meeting_date(protocol.held_on, _protocol_facts(protocol))
    today = timezone.localdate()
    pair_ids = sorted({p.pk for d in decisions for p in d.pairs.all()})
    locked = {
        p.pk: p
        for p in Pair.objects.select_for_update(no_key=True, of=("self",))
        .filter(pk__in=pair_ids)
        .select_related("protege__court", "mentor__court", "region")
        .order_by("pk")
    }
    outcomes = []
    for decision in decisions:
        outcome = regulation.decision_outcome(
            decision.kind,
            petition_kind=decision.petition.kind if decision.petition else None,
            granted=decision.granted,
        )
        for p in decision.pairs.all():
            pair = locked[p.pk]
            if pair.status != "active":
                raise Refused(regulation.LONGER_ACTIVE_DECIDED_ALREADY % {"pair": pair})
            outcomes.append((decision, pair, outcome))
    number = next_protocol_number(protocol.region_id, today.year)
    issuer = branch_council_name(protocol.region, language)
    signed_by = signatory(user_of(by), "branch_council", language)
    body = f"branch-{protocol.region.slug}"
    with translation.override(language):
        clauses = protocol_clauses(decisions)
    document = issue_document(
        kind=DocumentKind.PROTOCOL,
        number=str(number),
        issued_on=today,
        issuer=issuer,
        signatory=signed_by,
        language=language,
        body=body,
        issued_by=user_of(by),
        template="documents/protocol.html",
        context={
            "protocol": protocol,
            "decisions": decisions,
            "clauses": clauses,
            "region": protocol.region,
        },
    )
    try:
        with transaction.atomic():
            for decision, pair, outcome in outcomes:
                if outcome is None:
                    continue
                Finalisation.objects.create(pair=pair, decision=decision, status=outcome)
                move(pair, outcome)
                pair.ended_on = today
                pair.save(update_fields=["status", "ended_on"])
    except IntegrityError as exc:
        raise Refused(regulation.PAIR_PROTOCOL_FINALISED_ANOTHER_DECISION) from exc
    _end_programmes(outcomes, today)
    for decision in decisions:
        if decision.petition_id:
            move_all(
                Petition.objects.filter(pk=decision.petition_id),
                PetitionStatus.GRANTED if decision.granted else PetitionStatus.REFUSED,
            )
    finalised = [pair.pk for _d, pair, outcome in outcomes if outcome]
    decided = [d.petition_id for d in decisions if d.petition_id]
    move_all(
        Petition.objects.filter(pair_id__in=finalised).exclude(pk__in=decided),
        PetitionStatus.CLOSED,
    )
    Decision.objects.filter(protocol=protocol).update(frozen=True)
    move(protocol, ProtocolStatus.ISSUED)
    protocol.year, protocol.number = today.year, number
    protocol.issued_on, protocol.document = today, document
    protocol.save()
    # §14: the whole protocol to the Training Centre; to the HR service of each
    # judge's court an extract concerning that judge, for the personal file
    ProtocolCopy.objects.create(
        protocol=protocol, recipient="training_centre", region=protocol.region, document=document
    )
    hr_courts = set()
    judges: dict[int, tuple[Any, list]] = {}
    for clause in clauses:
        for judge in (clause.pair.protege, clause.pair.mentor):
            judges.setdefault(judge.pk, (judge, []))[1].append(clause)
    for k, (judge, own) in enumerate(
        sorted(judges.values(), key=lambda x: (x[0].last_name, x[0].first_name, x[0].pk)), start=1
    ):
        extract = issue_document(
            kind=DocumentKind.PROTOCOL_EXTRACT,
            number=f"{number}/{k}",
            issued_on=today,
            issuer=issuer,
            signatory=signed_by,
            language=language,
            body=body,
            issued_by=user_of(by),
            template="documents/protocol_extract.html",
            context={"protocol": protocol, "judge": judge, "clauses": own},
        )
        ProtocolCopy.objects.create(
            protocol=protocol,
            recipient="hr",
            region=protocol.region,
            court=judge.court,
            judge=judge,
            document=extract,
        )
        hr_courts.add(judge.court)
    params = {
        "number": str(number),
        "date": long_date_all(today, "attr"),
        "region": localized(protocol.region),
    }
    notify(
        office_holders(Office.TRAINING_CENTRE, region=protocol.region)
        + [u for c in hr_courts for u in office_holders(Office.HR_OFFICER, court=c)],
        "protocol_copy",
        params,
        reverse("copies_inbox"),
    )
    members = {u for _d, pair, _o in outcomes for u in (pair.protege.user, pair.mentor.user)}
    notify(list(members), "protocol_issued", params, reverse("dashboard"))
    for role, kind in (("mentor", "mentor_replaced"), ("tutor", "tutor_replaced")):
        replaced = [
            pair
            for d, pair, o in outcomes
            if pair.role == role
            and (o in ("replaced", "mentor_withdrew") or (o == "ended" and d.concerns == "mentor"))
        ]
        if replaced:
            notify(
                office_holders(Office.COORDINATOR, region=protocol.region),
                kind,
                {"protege": ", ".join(p.protege.full_name for p in replaced)},
                reverse("needs_analysis"),
            )
    return protocol


@transaction.atomic
def acknowledge_copy(*, by: Actor, copy: ProtocolCopy) -> ProtocolCopy:

    copy = ProtocolCopy.objects.select_for_update(no_key=True, of=("self",)).get(pk=copy.pk)
    refuse_unless(by, "programs.receive_copy", copy)
    if copy.acknowledged_at:
        raise Refused(regulation.RECEIPT_COPY_ALREADY_ACKNOWLEDGED)
    copy.acknowledged_at, copy.acknowledged_by = timezone.now(), user_of(by)
    copy.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return copy


def _end_programmes(outcomes: list, today: dt.date) -> None:
    """§14: a completion ends the protégé's programme once no pair of it is
    live; so does an objective ending concerning the protégé. A replacement,
    the mentor's withdrawal or an objective ending concerning the mentor ends
    the pair only: the programme goes on with a new pair."""

    for decision, pair, outcome in outcomes:
        if outcome in regulation.PROGRAMME_ENDS:
            end_reason = regulation.PROGRAMME_ENDS[outcome]
        elif outcome == "ended" and decision.concerns == "protege":
            end_reason = "objective"
        else:
            continue
        participation = Participation.objects.select_for_update(no_key=True, of=("self",)).get(
            pk=pair.participation_id
        )
        if participation.status == ParticipationStatus.ADMITTED:
            end_if_over(participation, end_reason=end_reason, today=today)
