"""Preamble, §4.1, §10.1: a judge applies to the programme; the coordinator
admits or declines."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorship.errors import Refused
from mentorship.types import OfficeRequest

from .. import services
from ..forms import ApplicationDecisionForm, ApplicationForm
from ..models import Participation
from ._common import _office_region, _require


@login_required
@require_POST
def participation_apply(request: OfficeRequest) -> HttpResponseBase:
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("§4.1: choose a ground and say why you ask to take part."))
        return redirect("dashboard")
    try:
        services.apply_to_programme(
            by=request.acting,
            ground=form.cleaned_data["ground"],
            reasons=form.cleaned_data["reasons"],
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Your application was sent to the coordinator of your region; you will be "
                "told the decision (§4.1, §10.1)."
            ),
        )
    return redirect("dashboard")


@login_required
@require_POST
def participation_decide(request: OfficeRequest, pk: int) -> HttpResponseBase:
    region = _office_region(request)
    _require(request, "programs.admit_participation", region)
    participation = get_object_or_404(Participation, pk=pk, region=region)
    form = ApplicationDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Admit or decline the application."))
        return redirect("needs_analysis")
    admit = form.cleaned_data["answer"] == "admit"
    try:
        services.decide_application(
            by=request.acting,
            participation=participation,
            admit=admit,
            reasons=form.cleaned_data["reasons"],
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(judge)s was admitted to the programme; propose a tutor or a mentor (§10.1).")
            % {"judge": participation.protege.full_name}
            if admit
            else _("The application of %(judge)s was declined; the judge is told the reasons.")
            % {"judge": participation.protege.full_name},
        )
    return redirect("needs_analysis")
