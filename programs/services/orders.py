"""§5, §6: court orders (term extension, workload reduction) and their shared yearly numbering."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from courts.models import Court, CourtLevel, Judge
from courts.rules import first_appointment
from mentorship.documents import issue_document
from mentorship.errors import Refused
from mentorship.models import DocumentKind
from mentorship.notifications import notify
from mentorship.officestyle import long_date_all, name_in, place_of, signatory
from mentorship.permissions import refuse_unless

from .. import regulation
from ..models import (
    ExtensionOrder,
    OrderCounter,
    Pair,
    RosterOrder,
    WorkloadOrder,
)
from ._common import _lock_pair

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
    *, by: User, pair: Pair, new_end: dt.date, reasons: str, language: str = "kk"
) -> ExtensionOrder:
    """§5, §1.6: the regional court chair extends the term by a numbered order
    (PDF), never beyond three years in total."""

    pair = _lock_pair(pair)
    refuse_unless(by, "programs.extend_term", pair.region)
    if pair.status != "active":
        raise Refused(regulation.ACTIVE_PAIR_S_TERM_EXTENDED)
    if not reasons.strip():
        raise Refused(regulation.STATE_REASONS_EXTENSION_PRIOR_EXPERIENCE)
    registered_on, current_end = pair.registered_on, pair.term_ends_on
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
        signatory=signatory(by, "court_chair", language),
        language=language,
        body=f"court-{court.code}",
        place=place_of(court, language),
        issued_by=by,
        template="documents/extension_order.html",
        context={
            "court": court,
            "pair": pair,
            "previous_end": pair.term_ends_on,
            "new_end": new_end,
            "reasons": reasons.strip(),
        },
    )
    order = ExtensionOrder.objects.create(
        pair=pair,
        court=court,
        year=today.year,
        number=number,
        issued_on=today,
        previous_end=current_end,
        new_end=new_end,
        reasons=reasons.strip(),
        signatory=by,
        document=document,
    )
    pair.term_ends_on = new_end
    pair.save(update_fields=["term_ends_on"])
    notify(
        [pair.protege.user, pair.mentor.user],
        "tutor_term_extended" if pair.role == "tutor" else "term_extended",
        {"number": str(number), "end": long_date_all(new_end, "dat")},
        reverse("pair_detail", args=[pair.pk]),
    )
    return order


@transaction.atomic
def issue_workload_order(
    *,
    by: User,
    judge: Judge,
    percent: int,
    starts_on: dt.date,
    ends_on: dt.date,
    language: str = "kk",
) -> WorkloadOrder:
    """§6: the chair of the judge's court reduces the caseload by up to 30 %
    during the first six months after appointment, by an order (PDF)."""

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
    overlapping = WorkloadOrder.objects.filter(
        judge=judge, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).exists()
    if overlapping:
        raise Refused(regulation.ORDER_ALREADY_REDUCES_JUDGE_S)
    court = judge.court
    today = timezone.localdate()
    number = next_order_number(court, today.year)
    document = issue_document(
        kind=DocumentKind.WORKLOAD_ORDER,
        number=str(number),
        issued_on=today,
        issuer=name_in(court, language),
        signatory=signatory(by, "court_chair", language),
        language=language,
        body=f"court-{court.code}",
        place=place_of(court, language),
        issued_by=by,
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
        signatory=by,
        document=document,
    )
    notify(
        [judge.user],
        "workload_order",
        {
            "number": str(number),
            "percent": str(percent),
            "start": long_date_all(starts_on, "abl"),
            "end": long_date_all(ends_on, "dat"),
        },
        reverse("dashboard"),
    )
    return order
