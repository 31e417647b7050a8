"""What the annual analysis leads to: §17 nominations and proposals of the
branches, §18 recommendations, §19 the chair's report text."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.models import Office
from courts.offices import office_holders
from mentorship.errors import Refused
from mentorship.notifications import localized, notify
from mentorship.permissions import allowed, user_of
from programs.models import (
    Pair,
)

from ..models import Nomination, Recommendation
from .figures import REGISTERED

# --- §17 nominations, §18 recommendations, §19 the chair's report -----------------


@transaction.atomic
def nominate(*, by, region, year: int, judge, reasons: str):
    if not allowed(by, "reports.nominate", region):
        raise Refused(_("Your office does not allow this action."))
    if not reasons.strip():
        raise Refused(_("§17: state why the mentor or tutor deserves a reward."))
    if not Pair.objects.filter(mentor=judge, region=region, status__in=REGISTERED).exists():
        raise Refused(_("§17: nominate a mentor or tutor who has guided a pair in the region."))
    if Nomination.objects.filter(region=region, year=year, judge=judge).exists():
        raise Refused(_("This judge is already nominated for that year."))
    return Nomination.objects.create(
        region=region, year=year, judge=judge, reasons=reasons.strip(), entered_by=user_of(by)
    )


@transaction.atomic
def propose_improvement(*, by, region, year: int, text: str):
    """§17: the branch council or the Training Centre sends proposals to
    improve the mentorship to the Central Council and the Training Centre;
    the national report lists them."""
    if not allowed(by, "reports.nominate", region):
        raise Refused(_("Your office does not allow this action."))
    if not text.strip():
        raise Refused(_("The text is empty."))
    proposal = Recommendation.objects.create(
        kind="branch_proposal", region=region, year=year, text=text.strip(), entered_by=user_of(by)
    )
    notify(
        office_holders(Office.CENTRAL_COUNCIL)
        + office_holders(Office.TRAINING_CENTRE, region=region),
        "branch_proposal",
        {"region": localized(region), "year": str(year)},
        reverse("annual_list"),
    )
    return proposal


@transaction.atomic
def record_nomination_outcome(*, by, nomination: Nomination, rewarded: bool, note: str = ""):
    """§18: the Central Council records whether a nominated mentor or tutor
    was rewarded; the branch that nominated is told."""
    if not allowed(by, "reports.recommend"):
        raise Refused(_("Your office does not allow this action."))
    nomination = Nomination.objects.select_for_update(of=("self",)).get(pk=nomination.pk)
    if nomination.outcome:
        raise Refused(_("§18: the outcome of this nomination is already recorded."))
    nomination.outcome = "rewarded" if rewarded else "not_rewarded"
    nomination.outcome_note = note.strip()
    nomination.outcome_on, nomination.outcome_by = timezone.localdate(), user_of(by)
    nomination.save()
    notify(
        office_holders(Office.BRANCH_COUNCIL, region=nomination.region)
        + office_holders(Office.TRAINING_CENTRE, region=nomination.region),
        "nomination_outcome",
        {"judge": nomination.judge.full_name, "year": str(nomination.year)},
        reverse("annual_list"),
    )
    return nomination


@transaction.atomic
def recommend(*, by, year: int, text: str, kind: str = "recommendation"):
    perm = "reports.recommend" if kind == "recommendation" else "reports.chair_report"
    if not allowed(by, perm):
        raise Refused(_("Your office does not allow this action."))
    if not text.strip():
        raise Refused(_("The text is empty."))
    return Recommendation.objects.create(
        kind=kind, year=year, text=text.strip(), entered_by=user_of(by)
    )
