"""§15.8, §16.4, §16.5: petitions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorship.errors import Refused

from .. import services
from ..forms import (
    PetitionForm,
)
from ._common import _pair, _require

# --- §15.8, §16.4, §16.5 petitions ----------------------------------------------------


@login_required
@require_POST
def pair_petition(request, pk: int) -> HttpResponseBase:
    pair = _pair(request, pk)
    _require(request, "programs.petition", pair)
    form = PetitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the petition."))
        return redirect("pair_detail", pk=pk)
    try:
        services.file_petition(by=request.acting, pair=pair, **form.cleaned_data)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The petition was sent to the branch council."))
    return redirect("pair_detail", pk=pk)
