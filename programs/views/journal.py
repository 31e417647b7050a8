"""§4.2, §15.2, §15.6: the confidential journal; §16.3 feedback."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from mentorship.errors import Refused

from .. import services
from ..forms import (
    FeedbackForm,
    JournalForm,
)
from ._common import _pair, _post_action, _require


@login_required
@require_POST
def pair_feedback(request, pk: int) -> HttpResponseBase:
    _require(request, "programs.give_feedback", _pair(request, pk))
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("§16.3: the rating is a whole number from 1 to 5."))
        return redirect("pair_detail", pk=pk)
    return _post_action(
        request,
        pk,
        lambda p: services.give_feedback(
            by=request.acting,
            pair=p,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        ),
        _("Thank you for your feedback (§16.3)."),
        perm="programs.give_feedback",
    )


# --- §4.2, §15.2, §15.6 confidential journal ---------------------------------------


@login_required
@never_cache
@sensitive_post_parameters("text")
def pair_journal(request, pk: int) -> HttpResponseBase:
    """Readable and writable by the pair's two members only (§4.2)."""
    pair = _pair(request, pk)
    _require(request, "programs.read_journal", pair)
    form = JournalForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.add_journal_entry(by=request.acting, pair=pair, **form.cleaned_data)
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("The entry was saved (visible to the two of you only).")
                )
                return redirect("pair_journal", pk=pk)
    entries = pair.journal.select_related("author")
    return render(
        request, "programs/pair_journal.html", {"pair": pair, "form": form, "entries": entries}
    )
