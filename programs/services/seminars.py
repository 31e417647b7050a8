"""§8, §15.7, §16.6: seminars, invitations and attendance."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from courts.models import Judge, Region
from mentorship.errors import Refused
from mentorship.notifications import notify
from mentorship.officestyle import long_date_all
from mentorship.permissions import Actor, refuse_unless, user_of

from .. import regulation
from ..models import (
    Seminar,
    SeminarInvitation,
    SeminarKind,
)

# --- §8, §15.7, §16.6 seminars --------------------------------------------------


@transaction.atomic
def schedule_seminar(
    *,
    by: Actor,
    region: Region | None,
    held_on: dt.date,
    place: str,
    topic: str,
    kind: str = SeminarKind.ORIENTATION,
) -> Seminar:
    """§8: an orientation seminar, by the Central Council (national) or a
    branch council (its region); §10.4: an educational event for the pairs,
    by the coordinator (or the branch council) of the region."""
    if kind == SeminarKind.EDUCATIONAL:
        if region is None:
            raise Refused(regulation.EDUCATIONAL_EVENT_IS_REGIONAL)
        refuse_unless(by, "programs.organise_event", region)
    elif kind == SeminarKind.ORIENTATION:
        refuse_unless(by, "programs.organise_seminar", region)
    else:
        raise Refused(regulation.CHOOSE_KIND_OF_EVENT)
    return Seminar.objects.create(
        region=region,
        held_on=held_on,
        place=place,
        topic=topic,
        organised_by=user_of(by),
        kind=kind,
    )


@transaction.atomic
def invite_to_seminar(*, by: Actor, seminar: Seminar, judges: list[Judge]) -> int:
    refuse_unless(by, "programs.manage_seminar", seminar)
    existing = set(seminar.invitations.values_list("judge_id", flat=True))
    new = [j for j in judges if j.pk not in existing]
    SeminarInvitation.objects.bulk_create(
        [SeminarInvitation(seminar=seminar, judge=j) for j in new]
    )
    notify(
        [j.user for j in new],
        "seminar_invitation",
        {
            "topic": seminar.topic,
            "date": long_date_all(seminar.held_on),
            "place": seminar.place,
        },
        reverse("dashboard"),
    )
    return len(new)


@transaction.atomic
def record_attendance(*, by: Actor, seminar: Seminar, attended_ids: set[int]) -> None:
    refuse_unless(by, "programs.manage_seminar", seminar)
    if seminar.held_on > timezone.localdate():
        raise Refused(regulation.ATTENDANCE_RECORDED_ONCE_SEMINAR_TAKEN)
    for invitation in seminar.invitations.select_for_update(no_key=True, of=("self",)):
        invitation.attended = invitation.judge_id in attended_ids
        invitation.save(update_fields=["attended"])
