"""§2, §3, §15.5, §16.1–2: the individual programme (plan). The page is one
GET; each transition is its own POST URL (`plan_<step>`), run through the
table `PLAN_STEPS`: the service it calls and the message it answers with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mentorship.errors import Refused
from mentorship.permissions import allowed
from mentorship.types import OfficeRequest

from .. import queries, services, visibility
from ..forms import PlanItemForm
from ..models import Pair, PlanComment, PlanStatus
from ._common import _int, _pair


def _plan_page(
    request: OfficeRequest, pair: Pair, item_form: PlanItemForm | None = None
) -> HttpResponseBase:
    versions = queries.plan_versions(pair)
    side = pair.side_of(request.user)
    if side is None:  # §4.2: the pair's drafts are theirs until submitted (§10.3: and
        # the coordinator's) — the one visibility query decides
        shown = set(
            visibility.plan_versions(request.user, request.office)
            .filter(plan__pair=pair)
            .values_list("pk", flat=True)
        )
        versions = [v for v in versions if v.pk in shown]
    can_comment = allowed(request.acting, "programs.comment_plan", pair.region)
    open_version = next((v for v in versions if v.status in PlanStatus.OPEN), None)
    return render(
        request,
        "programs/pair_plan.html",
        {
            "pair": pair,
            "side": side,
            "versions": versions,
            "open": open_version,
            "editable": bool(
                side
                and pair.status == "active"
                and open_version
                and open_version.status in PlanStatus.EDITABLE
            ),
            "in_force": next((v for v in versions if v.status == PlanStatus.APPROVED), None),
            "can_decide": allowed(request.acting, "programs.decide_plan", pair),
            "can_comment": can_comment and pair.status == "active",
            "comments": PlanComment.objects.filter(version__plan__pair=pair)
            .select_related("author", "version")
            .order_by("created_at")
            if side or can_comment
            else [],
            "item_form": item_form or PlanItemForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
def pair_plan(request: OfficeRequest, pk: int) -> HttpResponseBase:
    return _plan_page(request, _pair(request, pk))


def _add_item(request: OfficeRequest, pair: Pair) -> Any:
    form = PlanItemForm(request.POST)
    if not form.is_valid():
        raise InvalidItem(form)
    return services.add_plan_item(by=request.acting, pair=pair, **form.cleaned_data)


class InvalidItem(Refused):
    """The item form is incomplete: the page is shown again with what was typed."""

    def __init__(self, form: PlanItemForm) -> None:
        super().__init__(str(_("Fill in every field of the item.")))
        self.form = form


@dataclass(frozen=True)
class Step:
    call: Callable[[OfficeRequest, Pair], Any]
    success: Promise


def _comment(request: OfficeRequest) -> str:
    return request.POST.get("comment", "")


PLAN_STEPS: dict[str, Step] = {
    "comment": Step(
        lambda r, p: services.comment_plan(by=r.acting, pair=p, text=r.POST.get("text", "")),
        _("Your comment was added; the pair is told (§10.3)."),
    ),
    "add_item": Step(_add_item, _("The item was added.")),
    "remove_item": Step(
        lambda r, p: services.remove_plan_item(by=r.acting, pair=p, item_id=_int(r, "item")),
        _("The item was removed."),
    ),
    "submit": Step(
        lambda r, p: services.submit_plan(by=r.acting, pair=p),
        _("The plan was submitted to the chair of the protégé's court (§2)."),
    ),
    "approve": Step(
        lambda r, p: services.decide_plan(
            by=r.acting,
            pair=p,
            approve=True,
            comment=_comment(r),
            language=r.POST.get("language") or (translation.get_language() or "kk")[:2],
        ),
        _("The plan was approved and is in force (§2)."),
    ),
    "return": Step(
        lambda r, p: services.decide_plan(by=r.acting, pair=p, approve=False, comment=_comment(r)),
        _("The plan was returned to the pair with your comments (§2)."),
    ),
    "start_correction": Step(
        lambda r, p: services.start_correction(
            by=r.acting, pair=p, reason=r.POST.get("reason", "")
        ),
        _("A correction was opened: edit the items, then propose it."),
    ),
    "propose_correction": Step(
        lambda r, p: services.propose_correction(by=r.acting, pair=p),
        _("The correction was proposed to the other side of the pair."),
    ),
    "agree": Step(
        lambda r, p: services.answer_correction(
            by=r.acting, pair=p, agree=True, comment=_comment(r)
        ),
        _("The correction is in force as a new version; the court chair was notified."),
    ),
    "reject": Step(
        lambda r, p: services.answer_correction(
            by=r.acting, pair=p, agree=False, comment=_comment(r)
        ),
        _("The correction was not agreed; the plan stays as it was."),
    ),
    "check": Step(
        lambda r, p: services.check_plan_item(
            by=r.acting, pair=p, item_id=_int(r, "item"), fulfilled=True
        ),
        _("The item was marked fulfilled (§15.5)."),
    ),
    "uncheck": Step(
        lambda r, p: services.check_plan_item(
            by=r.acting, pair=p, item_id=_int(r, "item"), fulfilled=False
        ),
        _("The mark was removed."),
    ),
}


@login_required
@require_POST
def plan_step(request: OfficeRequest, pk: int, step: str) -> HttpResponseBase:
    """One transition of the plan (`PLAN_STEPS[step]`); the services check who
    may take it (§2, §15.5, §16.2) and refuse with the reason."""
    pair = _pair(request, pk)
    try:
        PLAN_STEPS[step].call(request, pair)
    except InvalidItem as exc:
        messages.error(request, str(exc))
        return _plan_page(request, pair, exc.form)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, str(PLAN_STEPS[step].success))
    return redirect("pair_plan", pk=pk)


@login_required
def plans_to_approve(request: OfficeRequest) -> HttpResponseBase:
    """§2: the submitted plans the chair of the office's court approves (the
    dashboard's "Plans awaiting approval" opens this list)."""
    office = request.office
    if office is None or office.office not in ("court_chair", "regional_chair"):
        raise PermissionDenied(_("Your office does not give access to this page."))
    return render(
        request,
        "programs/plans_to_approve.html",
        {"plans": queries.plans_awaiting_decision(office)},
    )
