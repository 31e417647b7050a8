"""§14: protocol decisions of the branch council and their copies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
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
from mentorship.permissions import refuse_unless

from .. import regulation
from ..lifecycle import move, move_all
from ..models import (
    Decision,
    DecisionKind,
    Finalisation,
    Pair,
    Petition,
    PetitionStatus,
    Protocol,
    ProtocolCopy,
    ProtocolStatus,
    Report,
)
from ..numbering import next_protocol_number
from ..protocol_text import protocol_clauses

# --- §14 protocol decisions -----------------------------------------------------------


def _lock_protocol(protocol: Protocol) -> Protocol:

    return (
        Protocol.objects.select_for_update(no_key=True, of=("self",))
        .select_related("region")
        .get(pk=protocol.pk)
    )


@transaction.atomic
def create_protocol(
    *, by: User, region: Region, held_on: dt.date, members_present: str
) -> Protocol:

    refuse_unless(by, "programs.keep_protocols", region)
    if held_on > timezone.localdate():
        raise Refused(regulation.PROTOCOL_RECORDS_MEETING_TAKEN_PLACE)
    if not members_present.strip():
        raise Refused(regulation.LIST_MEMBERS_PRESENT)
    return Protocol.objects.create(
        region=region, held_on=held_on, members_present=members_present.strip(), created_by=by
    )


def _accepted_reports(pair: Pair) -> dict:

    return {r.kind: r for r in Report.objects.filter(pair=pair, status="accepted")}


@transaction.atomic
def add_decision(
    *,
    by: User,
    protocol: Protocol,
    kind: str,
    pairs: list,
    petition: Petition | None = None,
    granted: bool | None = None,
    reasons: str = "",
) -> Decision:
    """§14: one item of the protocol. A completion rests on the accepted
    reports of both sides, which it lists; a petition is decided with its
    outcome; a replacement ends the pair (§16.4)."""

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
    taken = set(
        protocol.decisions.filter(
            kind__in=["completed", "no_need", "replacement", "petition"]
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
        if outcome in ("completed", "ended_early"):  # any completion, also on a petition
            accepted = _accepted_reports(pair)
            reason = regulation.completion_refusal(
                mentor_report_accepted="mentor" in accepted,
                final_report_accepted="final" in accepted,
            )
            if reason:
                raise Refused(f"{pair}: {reason}")
            reports += list(accepted.values())
    decision = Decision.objects.create(
        protocol=protocol,
        kind=kind,
        petition=petition,
        granted=granted if kind == "petition" else None,
        reasons=reasons.strip(),
    )
    decision.pairs.set(pairs)
    decision.reports.set(reports)
    return decision


@transaction.atomic
def remove_decision(*, by: User, decision: Decision) -> None:

    decision = Decision.objects.select_related("protocol__region").get(pk=decision.pk)
    protocol = _lock_protocol(decision.protocol)
    refuse_unless(by, "programs.keep_protocols", protocol.region)
    if protocol.status != "draft":
        raise Refused(regulation.ISSUED_PROTOCOL_CHANGED)
    decision.delete()


@transaction.atomic
def issue_protocol(*, by: User, protocol: Protocol, language: str = "kk") -> Protocol:
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
    signed_by = signatory(by, "branch_council", language)
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
        issued_by=by,
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
            issued_by=by,
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
        replaced = [pair for _d, pair, o in outcomes if o == "replaced" and pair.role == role]
        if replaced:
            notify(
                office_holders(Office.COORDINATOR, region=protocol.region),
                kind,
                {"protege": ", ".join(p.protege.full_name for p in replaced)},
                reverse("needs_analysis"),
            )
    return protocol


@transaction.atomic
def acknowledge_copy(*, by: User, copy: ProtocolCopy) -> ProtocolCopy:

    copy = ProtocolCopy.objects.select_for_update(no_key=True, of=("self",)).get(pk=copy.pk)
    refuse_unless(by, "programs.receive_copy", copy)
    if copy.acknowledged_at:
        raise Refused(regulation.RECEIPT_COPY_ALREADY_ACKNOWLEDGED)
    copy.acknowledged_at, copy.acknowledged_by = timezone.now(), by
    copy.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return copy
