"""§2, §3, §15.5, §16.1–2: the individual programme (plan), one URL per transition.

`pair_plan` shows the page; every transition has its own POST view (named
`plan_<action>`). A refusal re-renders the page with its message (and the
bound item form); a success redirects back to the page with its message.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mentorship.permissions import allowed

from .. import queries, services
from ..forms import PlanItemForm
from ._common import _int, _pair, _require, invalid, run_service

PLAN_SHOWN_TO_OTHERS = {"submitted", "approved", "superseded", "returned"}

# translated when the message is shown (gettext_lazy), in the page's language
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


def _page(request, pair, item_form=None):
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
        "item_form": item_form or PlanItemForm(), "today": timezone.localdate()})


@login_required
def pair_plan(request, pk: int):
    return _page(request, _pair(request, pk))


def _transition(action: str, perm: str, call):
    """A POST view for one transition: the pair must be visible (else 404) and
    `perm` held on it (else 403); `call(request, pair)` runs the service."""

    @login_required
    @require_POST
    def view(request, pk: int):
        pair = _pair(request, pk)
        _require(request, perm, pair)
        return run_service(request, lambda: call(request, pair),
                           success=PLAN_MESSAGES[action], redirect_to=("pair_plan", pk),
                           refused=lambda: _page(request, pair))

    view.__name__ = view.__qualname__ = f"plan_{action}"
    view.__doc__ = f"POST: the plan transition “{action}”."
    return view


def _comment(request) -> str:
    return request.POST.get("comment", "")


@login_required
@require_POST
def plan_add_item(request, pk: int):
    pair = _pair(request, pk)
    _require(request, "programs.edit_plan", pair)
    form = PlanItemForm(request.POST)

    def call():
        invalid(form, _("Fill in every field of the item."))
        services.add_plan_item(by=request.user, pair=pair, **form.cleaned_data)

    return run_service(request, call, success=PLAN_MESSAGES["add_item"],
                       redirect_to=("pair_plan", pk), refused=lambda: _page(request, pair, form))


EDIT, DECIDE = "programs.edit_plan", "programs.decide_plan"

plan_remove_item = _transition("remove_item", EDIT, lambda r, p: services.remove_plan_item(
    by=r.user, pair=p, item_id=_int(r, "item")))
plan_submit = _transition("submit", EDIT, lambda r, p: services.submit_plan(by=r.user, pair=p))
plan_approve = _transition("approve", DECIDE, lambda r, p: services.decide_plan(
    by=r.user, pair=p, approve=True, comment=_comment(r)))
plan_return = _transition("return", DECIDE, lambda r, p: services.decide_plan(
    by=r.user, pair=p, approve=False, comment=_comment(r)))
plan_start_correction = _transition("start_correction", EDIT, lambda r, p: (
    services.start_correction(by=r.user, pair=p, reason=r.POST.get("reason", ""))))
plan_propose_correction = _transition("propose_correction", EDIT, lambda r, p: (
    services.propose_correction(by=r.user, pair=p)))
plan_agree = _transition("agree", EDIT, lambda r, p: services.answer_correction(
    by=r.user, pair=p, agree=True, comment=_comment(r)))
plan_reject = _transition("reject", EDIT, lambda r, p: services.answer_correction(
    by=r.user, pair=p, agree=False, comment=_comment(r)))
# §15.5: the service lets only the mentor (tutor) side of the pair check items
plan_check = _transition("check", EDIT, lambda r, p: services.check_plan_item(
    by=r.user, pair=p, item_id=_int(r, "item"), fulfilled=True))
plan_uncheck = _transition("uncheck", EDIT, lambda r, p: services.check_plan_item(
    by=r.user, pair=p, item_id=_int(r, "item"), fulfilled=False))
