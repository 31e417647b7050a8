"""§2, §3, §15.5, §16.1–2: the individual programme (plan), one URL per transition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorship.errors import Refused
from mentorship.permissions import allowed

from .. import queries, services
from ..forms import (
    PlanItemForm,
)
from ._common import _int, _pair

# --- §2, §15.5, §16.1–2 individual plan -----------------------------------------

PLAN_ACTIONS = {
    "add_item", "remove_item", "submit", "approve", "return", "start_correction",
    "propose_correction", "agree", "reject", "check", "uncheck",
}


@login_required
def pair_plan(request, pk: int):
    pair = _pair(request, pk)
    item_form = PlanItemForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in PLAN_ACTIONS:
            messages.error(request, _("Unknown action."))
            return redirect("pair_plan", pk=pk)
        by = request.user
        try:
            if action == "add_item":
                item_form = PlanItemForm(request.POST)
                if not item_form.is_valid():
                    raise Refused(_("Fill in every field of the item."))
                services.add_plan_item(by=by, pair=pair, **item_form.cleaned_data)
                item_form = PlanItemForm()
            elif action == "remove_item":
                services.remove_plan_item(by=by, pair=pair, item_id=_int(request, "item"))
            elif action == "submit":
                services.submit_plan(by=by, pair=pair)
            elif action in ("approve", "return"):
                services.decide_plan(by=by, pair=pair, approve=action == "approve",
                                     comment=request.POST.get("comment", ""))
            elif action == "start_correction":
                services.start_correction(by=by, pair=pair,
                                          reason=request.POST.get("reason", ""))
            elif action == "propose_correction":
                services.propose_correction(by=by, pair=pair)
            elif action in ("agree", "reject"):
                services.answer_correction(by=by, pair=pair, agree=action == "agree",
                                           comment=request.POST.get("comment", ""))
            else:
                services.check_plan_item(by=by, pair=pair, item_id=_int(request, "item"),
                                         fulfilled=action == "check")
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, PLAN_MESSAGES[action])
            return redirect("pair_plan", pk=pk)
    versions = queries.plan_versions(pair)
    side = pair.side_of(request.user)
    if side is None:  # §4.2: the pair's drafts are theirs until submitted
        versions = [v for v in versions if v.status in PLAN_SHOWN_TO_OTHERS]
    open_version = next((v for v in versions if v.status in (
        "draft", "returned", "correction", "proposed", "submitted")), None)
    return render(request, "programs/pair_plan.html", {
        "pair": pair, "side": side, "versions": versions, "open": open_version,
        "editable": bool(side and pair.status == "active" and open_version
                         and open_version.status in ("draft", "returned", "correction")),
        "in_force": next((v for v in versions if v.status == "approved"), None),
        "can_decide": allowed(request.user, "programs.decide_plan", pair),
        "item_form": item_form, "today": timezone.localdate()})


PLAN_SHOWN_TO_OTHERS = {"submitted", "approved", "superseded", "returned"}


PLAN_MESSAGES = {
    "add_item": _("The item was added."),
    "remove_item": _("The item was removed."),
    "submit": _("The plan was submitted to the chair of the protégé's court (§2)."),
    "approve": _("The plan was approved and is in force (§2)."),
    "return": _("The plan was returned to the pair with your comments (§2)."),
    "start_correction": _("A correction was opened: edit the items, then propose it."),
    "propose_correction": _("The correction was proposed to the other side of the pair."),
    "agree": _("The correction is in force as a new version; the court chair was notified."),
    "reject": _("The correction was not agreed; the plan stays as it was."),
    "check": _("The item was marked fulfilled (§15.5)."),
    "uncheck": _("The mark was removed."),
}
