"""§5, §6: court orders (term extension, workload reduction) and their shared yearly numbering."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from courts.models import Court, CourtLevel, Judge, Office
from courts.offices import office_holders
from courts.rules import first_appointment
from mentorship.documents import issue_document
from mentorship.errors import Refused
from mentorship.models import DocumentKind
from mentorship.notifications import notify
from mentorship.officestyle import long_date_all, name_in, place_of, signatory
from mentorship.permissions import Actor, refuse_unless, user_of

from .. import regulation
from ..models import (
    ExtensionOrder,
    OrderCounter,
    Pair,
    Participation,
    RosterOrder,
    WorkloadOrder,
)
from ._common import _date, _lock_pair

# --- shared order numbering -------------------------------------------------------


def next_order_number(court: Court, year: int) -> int:
    """One numbering of a court's orders per year (roster, extension, workload).
    The counter row is locked until the transaction ends."""

    try:
        with transaction.atomic():
            counter, created = OrderCounter.objects.get_or_create(court=court, year=year)
    except IntegrityError:
        created = False
    counter = OrderCounter.objects.select_for_update(no_key=True, of=("self",)).get(
        court=court, year=year
    )
    if created or counter.last == 0:
        # start above any order issued before the counter existed
        counter.last = max(
            [counter.last]
            + [
                model.objects.filter(court=court, year=year).aggregate(n=Max("number"))["n"] or 0
                for model in (RosterOrder, ExtensionOrder, WorkloadOrder)
            ]
        )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def extend_term(
    *, by: Actor, pair: Pair, new_end: dt.date, reasons: str, language: str = "kk"
) -> ExtensionOrder:
    """§5, §1.6: the regional court chair extends the term of the protégé's
    programme (the participation, whichever pair the order is issued from) by a
    numbered order (PDF), never beyond three years in total from its start. A
    later order supersedes the earlier one; both stay numbered in the history."""

    pair = _lock_pair(pair)
    refuse_unless(by, "programs.extend_term", pair.region)
    if pair.status != "active":
        raise Refused(regulation.ACTIVE_PAIR_S_TERM_EXTENDED)
    if not reasons.strip():
        raise Refused(regulation.STATE_REASONS_EXTENSION_PRIOR_EXPERIENCE)
    assert pair.participation_id is not None  # a check constraint
    participation = Participation.objects.select_for_update(no_key=True, of=("self",)).get(
        pk=pair.participation_id
    )
    registered_on, current_end = participation.term_starts_on, participation.term_ends_on
    assert registered_on is not None and current_end is not None  # an active pair's term
    reason = regulation.extension_refusal(
        registered_on=registered_on, current_end=current_end, new_end=new_end
    )
    if reason:
        raise Refused(reason)
    court = Court.objects.get(region=pair.region, level=CourtLevel.REGIONAL)
    today = timezone.localdate()
    number = next_order_number(court, today.year)
    document = issue_document(
        kind=DocumentKind.EXTENSION_ORDER,
        number=str(number),
        issued_on=today,
        issuer=name_in(court, language),
        signatory=signatory(user_of(by), "court_chair", language),
        language=language,
        body=f"court-{court.code}",
        place=place_of(court, language),
        issued_by=user_of(by),
        template="documents/extension_order.html",
        context={
            "court": court,
            "pair": pair,
            "previous_end": pair.term_ends_on,
            "new_end": new_end,
            "reasons": reasons.strip(),
        },
    )
    earlier = (
        ExtensionOrder.objects.filter(participation=participation, superseded_by__isnull=True)
        .order_by("-issued_on", "-id")
        .first()
    )
    order = ExtensionOrder.objects.create(
        pair=pair,
        participation=participation,
        supersedes=earlier,
        court=court,
        year=today.year,
        number=number,
        issued_on=today,
        previous_end=current_end,
        new_end=new_end,
        reasons=reasons.strip(),
        signatory=user_of(by),
        document=document,
    )
    participation.term_ends_on = new_end
    participation.save(update_fields=["term_ends_on"])
    live = list(participation.pairs.filter(status="active").select_related("protege", "mentor"))
    Pair.objects.filter(pk__in=[p.pk for p in live]).update(term_ends_on=new_end)
    pair.term_ends_on = new_end
    notify(
        list({u for p in live for u in (p.protege.user, p.mentor.user)} - {None}),
        "tutor_term_extended" if pair.role == "tutor" else "term_extended",
        {"number": str(number), "end": long_date_all(new_end, "dat")},
        reverse("pair_detail", args=[pair.pk]),
    )
    # those the order concerns are told: the coordinator and the branch council
    notify(
        office_holders(Office.COORDINATOR, region=pair.region)
        + office_holders(Office.BRANCH_COUNCIL, region=pair.region),
        "term_extended_office",
        {
            "number": str(number),
            "end": long_date_all(new_end, "dat"),
            "protege": pair.protege.full_name,
        },
        reverse("pair_detail", args=[pair.pk]),
    )
    return order


@transaction.atomic
def issue_workload_order(
    *,
    by: Actor,
    judge: Judge,
    percent: int,
    starts_on: dt.date,
    ends_on: dt.date,
    language: str = "kk",
    supersedes: WorkloadOrder | None = None,
) -> WorkloadOrder:
    """§6: the chair of the judge's court reduces the caseload by up to 30 %
    during the first six months after appointment, by an order (PDF). An
    order overlapping an earlier one must supersede it, from its own first
    day; both stay numbered in the history."""

    judge = (
        Judge.objects.select_for_update(no_key=True, of=("self",))
        .select_related("court__region")
        .prefetch_related("career_events")
        .get(pk=judge.pk)
    )
    refuse_unless(by, "programs.workload_order", judge)
    reason = regulation.workload_refusal(
        percent=percent,
        starts_on=starts_on,
        ends_on=ends_on,
        appointed_on=first_appointment(judge.career()),
        today=timezone.localdate(),
    )
    if reason:
        raise Refused(reason)
    overlapping = [
        o
        for o in WorkloadOrder.objects.filter(
            judge=judge, starts_on__lte=ends_on, ends_on__gte=starts_on
        ).select_related("superseded_by")
        if effective_end(o) >= starts_on
    ]
    if supersedes is not None:
        supersedes = WorkloadOrder.objects.select_for_update(no_key=True, of=("self",)).get(
            pk=supersedes.pk
        )
        reason = regulation.supersede_refusal(
            same_judge=supersedes.judge_id == judge.pk,
            already_superseded=WorkloadOrder.objects.filter(supersedes=supersedes).exists(),
            earlier_starts_on=supersedes.starts_on,
            earlier_ends_on=supersedes.ends_on,
            starts_on=starts_on,
        )
        if reason:
            raise Refused(reason)
        overlapping = [o for o in overlapping if o.pk != supersedes.pk]
    if overlapping:
        raise Refused(
            regulation.ORDER_ALREADY_REDUCES_JUDGE_S
            % {"number": overlapping[0].number, "date": _date(overlapping[0].issued_on)}
        )
    court = judge.court
    today = timezone.localdate()
    number = next_order_number(court, today.year)
    document = issue_document(
        kind=DocumentKind.WORKLOAD_ORDER,
        number=str(number),
        issued_on=today,
        issuer=name_in(court, language),
        signatory=signatory(user_of(by), "court_chair", language),
        language=language,
        body=f"court-{court.code}",
        place=place_of(court, language),
        issued_by=user_of(by),
        template="documents/workload_order.html",
        context={
            "court": court,
            "judge": judge,
            "percent": percent,
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )
    order = WorkloadOrder.objects.create(
        judge=judge,
        court=court,
        year=today.year,
        number=number,
        issued_on=today,
        percent=percent,
        starts_on=starts_on,
        ends_on=ends_on,
        signatory=user_of(by),
        document=document,
        supersedes=supersedes,
    )
    params = {
        "number": str(number),
        "percent": str(percent),
        "start": long_date_all(starts_on, "abl"),
        "end": long_date_all(ends_on, "dat"),
        "judge": judge.full_name,
    }
    notify([judge.user], "workload_order", params, reverse("dashboard"))
    # the court's HR service files the order (§6)
    notify(
        office_holders(Office.HR_OFFICER, court=court),
        "workload_order_hr",
        params,
        reverse("judge_detail", args=[judge.pk]),
    )
    return order


def effective_end(order: WorkloadOrder) -> dt.date:
    """The last day an order applies: the day before a later order superseded it."""
    later = getattr(order, "superseded_by", None)
    if later is not None:
        return min(order.ends_on, later.starts_on - dt.timedelta(days=1))
    return order.ends_on
