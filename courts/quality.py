"""Preamble, §1.4: the chair of a judge's court flags the judge as needing help
with the quality of justice (a protégé ground), and lifts the flag."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorship.errors import Refused
from mentorship.notifications import notify
from mentorship.permissions import Actor, refuse_unless, user_of

from .models import Judge, JudgeStatus, Office, QualityFlag
from .offices import office_holders


@transaction.atomic
def flag_quality(*, by: Actor, judge: Judge, reasons: str) -> QualityFlag:
    """Preamble, §1.4: the court chair flags a judge of the court as needing
    help to improve the quality of justice (a protégé ground)."""

    judge = (
        Judge.objects.select_for_update(no_key=True, of=("self",))
        .select_related("court__region")
        .get(pk=judge.pk)
    )
    refuse_unless(by, "programs.flag_quality", judge)
    if not reasons.strip():
        raise Refused(_("Preamble, §1.4: state the reasons for the flag."))
    if judge.status == JudgeStatus.RETIRED:
        raise Refused(_("A retired judge is not a protégé."))
    if QualityFlag.objects.filter(judge=judge, lifted_on__isnull=True).exists():
        raise Refused(_("This judge is already flagged."))
    flag = QualityFlag.objects.create(
        judge=judge,
        reasons=reasons.strip(),
        flagged_on=timezone.localdate(),
        flagged_by=user_of(by),
    )
    notify(
        office_holders(Office.COORDINATOR, region=judge.court.region),
        "quality_flagged",
        {"judge": judge.full_name},
        reverse("needs_analysis"),
    )
    # the judge is told, with the reasons (nobody is flagged unawares)
    notify([judge.user], "quality_flag_you", {"reasons": flag.reasons}, reverse("dashboard"))
    return flag


@transaction.atomic
def lift_quality_flag(*, by: Actor, flag: QualityFlag) -> QualityFlag:

    flag = (
        QualityFlag.objects.select_for_update(no_key=True, of=("self",))
        .select_related("judge__court")
        .get(pk=flag.pk)
    )
    refuse_unless(by, "programs.flag_quality", flag.judge)
    if flag.lifted_on:
        raise Refused(_("This flag was already lifted."))
    flag.lifted_on = timezone.localdate()
    flag.lifted_by = user_of(by)
    flag.save(update_fields=["lifted_on", "lifted_by"])
    return flag
