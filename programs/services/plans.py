"""§2, §3, §15.5, §16.1–2: the individual programme (plan), its versions and corrections."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation

from courts.offices import court_chairs_of
from mentorship.documents import DOCUMENT_LANGUAGES, issue_document
from mentorship.errors import Refused
from mentorship.models import DocumentKind
from mentorship.notifications import notify
from mentorship.officestyle import name_in, place_of, signatory
from mentorship.permissions import Actor, refuse_unless, user_of

from .. import regulation
from ..lifecycle import move
from ..models import (
    Pair,
    PlanComment,
    PlanItem,
    PlanStatus,
    PlanVersion,
    Task,
)
from ._common import _date, _lock_pair, _member_of_active_pair

# --- §2, §15.5, §16.1–2 individual plan --------------------------------------------


def _open_version(pair: Pair, *statuses) -> PlanVersion | None:

    return (
        PlanVersion.objects.select_for_update(no_key=True, of=("self",))
        .filter(plan__pair=pair, status__in=statuses)
        .order_by("-number")
        .first()
    )


def _editable_version(by: Actor, pair: Pair) -> PlanVersion:
    """The version the pair may edit now: the draft (or returned) plan, or a
    correction being drafted."""
    _member_of_active_pair(by, pair)
    version = _open_version(pair, "draft", "returned", "correction")
    if version is None:
        raise Refused(regulation.PLAN_CANNOT_EDITED_NOW_COURT)
    return version


@transaction.atomic
def add_plan_item(
    *, by: Actor, pair: Pair, task: int, description: str, expected_result: str, due_on: dt.date
) -> PlanItem:
    """§2, §3, §15.5, §16.1: the pair drafts the plan together; each item serves
    one task of §3 and has a due date and an expected result."""

    pair = _lock_pair(pair)
    version = _editable_version(by, pair)
    if task not in Task.values:
        raise Refused(regulation.CHOOSE_ONE_SEVEN_TASKS)
    if not description.strip() or not expected_result.strip():
        raise Refused(regulation.DESCRIBE_ITEM_EXPECTED_RESULT)
    start, end = pair.registered_on, pair.term_ends_on
    assert start is not None and end is not None  # an active pair has its term
    if due_on < start or due_on > end:
        raise Refused(
            regulation.DUE_DATE_MUST_FALL_WITHIN % {"start": _date(start), "end": _date(end)}
        )
    return PlanItem.objects.create(
        version=version,
        task=task,
        description=description.strip(),
        expected_result=expected_result.strip(),
        due_on=due_on,
    )


@transaction.atomic
def remove_plan_item(*, by: Actor, pair: Pair, item_id: int) -> None:
    pair = _lock_pair(pair)
    version = _editable_version(by, pair)
    deleted, _n = version.items.filter(pk=item_id).delete()
    if not deleted:
        raise Refused(regulation.ITEM_VERSION_BEING_EDITED)


@transaction.atomic
def submit_plan(*, by: Actor, pair: Pair) -> PlanVersion:
    """§2: the plan goes to the chair of the protégé's court for approval."""
    pair = _lock_pair(pair)
    _member_of_active_pair(by, pair)
    version = _open_version(pair, "draft", "returned")
    if version is None:
        raise Refused(regulation.DRAFT_PLAN_SUBMIT)
    if not version.items.exists():
        raise Refused(regulation.ADD_LEAST_ONE_ITEM_BEFORE)
    move(version, PlanStatus.SUBMITTED)
    version.submitted_at = timezone.now()
    version.save(update_fields=["status", "submitted_at"])
    notify(
        court_chairs_of(pair.protege),
        "plan_submitted",
        {"protege": pair.protege.full_name, "mentor": pair.mentor.full_name},
        reverse("pair_plan", args=[pair.pk]),
    )
    return version


@transaction.atomic
def decide_plan(
    *, by: Actor, pair: Pair, approve: bool, comment: str = "", language: str = "kk"
) -> PlanVersion:
    """§2: the court chair approves the plan (it comes into force, issued as a
    numbered, signed document) or returns it with comments."""
    pair = _lock_pair(pair)
    refuse_unless(by, "programs.decide_plan", pair)
    if pair.status != "active":
        raise Refused(regulation.PLAN_KEPT_WHILE_PAIR_ACTIVE)
    version = _open_version(pair, "submitted")
    if version is None:
        raise Refused(regulation.PLAN_AWAITS_DECISION)
    if not approve and not comment.strip():
        raise Refused(regulation.SAY_WHAT_SHOULD_REVISED_WHEN)
    move(version, PlanStatus.APPROVED if approve else PlanStatus.RETURNED)
    version.decided_at = timezone.now()
    version.decided_by = user_of(by)
    version.comment = comment.strip()
    if approve:
        version.document = _issue_programme(by=by, pair=pair, version=version, language=language)
    version.save()
    notify(
        [pair.protege.user, pair.mentor.user],
        "plan_approved" if approve else "plan_returned",
        {"protege": pair.protege.full_name},
        reverse("pair_plan", args=[pair.pk]),
    )
    return version


@transaction.atomic
def start_correction(*, by: Actor, pair: Pair, reason: str) -> PlanVersion:
    """§15.5, §16.2: either side opens a correction of the plan in force; the
    items are copied into a new version to edit."""

    pair = _lock_pair(pair)
    _member_of_active_pair(by, pair)
    if not reason.strip():
        raise Refused(regulation.SAY_WHY_PLAN_SHOULD_CORRECTED)
    current = _open_version(pair, "approved")
    if current is None:
        raise Refused(regulation.CORRECTION_POSSIBLE_ONCE_PLAN_APPROVED)
    if _open_version(pair, "draft", "submitted", "returned", "correction", "proposed"):
        raise Refused(regulation.CORRECTION_ALREADY_OPEN)
    number = current.plan.versions.aggregate(n=Max("number"))["n"] + 1
    version = PlanVersion.objects.create(
        plan=current.plan,
        number=number,
        status="correction",
        author=user_of(by),
        reason=reason.strip(),
    )
    PlanItem.objects.bulk_create(
        [
            PlanItem(
                version=version,
                task=i.task,
                description=i.description,
                expected_result=i.expected_result,
                due_on=i.due_on,
                origin=i,
                fulfilled_on=i.fulfilled_on,
                checked_by=i.checked_by,
            )
            for i in current.items.all()
        ]
    )
    return version


@transaction.atomic
def propose_correction(*, by: Actor, pair: Pair) -> PlanVersion:
    pair = _lock_pair(pair)
    _member_of_active_pair(by, pair)
    version = _open_version(pair, "correction")
    if version is None:
        raise Refused(regulation.CORRECTION_BEING_DRAFTED)
    if version.author_id != by.pk:
        raise Refused(regulation.SIDE_OPENED_CORRECTION_PROPOSES)
    if not version.items.exists():
        raise Refused(regulation.PLAN_NEEDS_LEAST_ONE_ITEM)
    move(version, PlanStatus.PROPOSED)
    version.submitted_at = timezone.now()
    version.save(update_fields=["status", "submitted_at"])
    other = pair.mentor if pair.side_of(by) == "protege" else pair.protege
    notify(
        [other.user],
        "correction_proposed",
        {"name": user_of(by).get_full_name() or user_of(by).username},
        reverse("pair_plan", args=[pair.pk]),
    )
    return version


@transaction.atomic
def answer_correction(*, by: Actor, pair: Pair, agree: bool, comment: str = "") -> PlanVersion:
    """§15.5, §16.2: the other side agrees (the correction becomes the version
    in force and the chair is notified) or declines (the plan stays as it was)."""
    pair = _lock_pair(pair)
    _member_of_active_pair(by, pair)
    version = _open_version(pair, "proposed")
    if version is None:
        raise Refused(regulation.CORRECTION_AWAITS_ANSWER)
    if version.author_id == by.pk:
        raise Refused(regulation.OTHER_SIDE_PAIR_ANSWERS_CORRECTION)
    now = timezone.now()
    if agree:
        current = _open_version(pair, "approved")
        if current is None:
            raise Refused(regulation.CORRECTION_POSSIBLE_ONCE_PLAN_APPROVED)
        move(current, PlanStatus.SUPERSEDED)
        current.save(update_fields=["status"])
        # the mentor's checks as they stand now on the old version carry over
        # (checked or withdrawn while the correction was open)
        for item in version.items.select_related("origin"):
            if item.origin and (item.fulfilled_on, item.checked_by_id) != (
                item.origin.fulfilled_on,
                item.origin.checked_by_id,
            ):
                item.fulfilled_on = item.origin.fulfilled_on
                item.checked_by_id = item.origin.checked_by_id
                item.save(update_fields=["fulfilled_on", "checked_by"])
    move(version, PlanStatus.APPROVED if agree else PlanStatus.REJECTED)
    version.decided_at, version.decided_by, version.comment = now, user_of(by), comment.strip()
    version.save()
    notify(
        [version.author],
        "correction_agreed" if agree else "correction_rejected",
        {"number": str(version.number)},
        reverse("pair_plan", args=[pair.pk]),
    )
    if agree:
        notify(
            court_chairs_of(pair.protege),
            "plan_corrected",
            {"protege": pair.protege.full_name, "number": str(version.number)},
            reverse("pair_plan", args=[pair.pk]),
        )
    return version


@transaction.atomic
def check_plan_item(*, by: Actor, pair: Pair, item_id: int, fulfilled: bool) -> PlanItem:
    """§15.5: the mentor (tutor) checks the protégé's fulfilment of an item."""
    pair = _lock_pair(pair)
    if _member_of_active_pair(by, pair) != "mentor":
        raise Refused(regulation.MENTOR_TUTOR_CHECKS_FULFILMENT_PLAN)
    version = _open_version(pair, "approved")
    item = version.items.filter(pk=item_id).first() if version else None
    if item is None:
        raise Refused(regulation.ITEMS_CHECKED_PLAN_FORCE)
    item.fulfilled_on = timezone.localdate() if fulfilled else None
    item.checked_by = user_of(by) if fulfilled else None
    item.save(update_fields=["fulfilled_on", "checked_by"])
    return item


@transaction.atomic
def comment_plan(*, by: Actor, pair: Pair, text: str) -> PlanComment:
    """§10.3: the region's coordinator comments on the version being drawn up
    (or the one in force); the two judges are told."""
    pair = _lock_pair(pair)
    refuse_unless(by, "programs.comment_plan", pair.region)
    if pair.status != "active":
        raise Refused(regulation.PLAN_KEPT_WHILE_PAIR_ACTIVE)
    if not text.strip():
        raise Refused(regulation.COMMENT_EMPTY)
    version = (
        _open_version(pair, *PlanStatus.OPEN)
        or PlanVersion.objects.filter(plan__pair=pair, status=PlanStatus.APPROVED).first()
    )
    if version is None:
        raise Refused(regulation.PLAN_CANNOT_EDITED_NOW_COURT)
    comment = PlanComment.objects.create(
        version=version, author=user_of(by), text=text.strip()[:4000]
    )
    notify(
        [pair.protege.user, pair.mentor.user],
        "plan_commented",
        {"protege": pair.protege.full_name},
        reverse("pair_plan", args=[pair.pk]),
    )
    return comment


def _issue_programme(*, by: Actor, pair: Pair, version: PlanVersion, language: str):
    """§2: the individual programme in force, approved by the chair of the
    protégé's court: numbered «<register number>/<version>», dated, signed."""
    if language not in DOCUMENT_LANGUAGES:
        language = "kk"
    court = pair.protege.court
    today = timezone.localdate()
    items = list(version.items.order_by("due_on", "id"))
    with translation.override(language):
        rows = [
            {
                "task": int(i.task),
                "area": re.sub(r"^§\S+\s+", "", str(i.get_task_display())),
                "description": i.description,
                "expected_result": i.expected_result,
                "due_on": i.due_on,
            }
            for i in items
        ]
    return issue_document(
        kind=DocumentKind.PROGRAMME,
        number=f"{pair.register_number}/{version.number}",
        issued_on=today,
        issuer=name_in(court, language),
        signatory=signatory(user_of(by), "court_chair", language),
        language=language,
        body=f"court-{court.code}",
        place=place_of(court, language),
        issued_by=user_of(by),
        template="documents/programme.html",
        context={"pair": pair, "version": version, "rows": rows},
    )
