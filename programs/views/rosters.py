"""§8, §9, §11, §12: coordinators, rosters and roster orders, protégés' preferences."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courts.models import Judge, Region
from mentorship.documents import pdf_response
from mentorship.errors import Refused
from mentorship.permissions import allowed

from .. import queries, services
from ..forms import (
    ApproveForm,
    DesignationForm,
    ProposeMemberForm,
)
from ..models import Consent, CoordinatorDesignation, RosterEntry, RosterOrder, RosterRole
from ._common import _office_region, _require, hidden_unless


@login_required
def coordinator_designations(request) -> HttpResponseBase:
    region = _office_region(request)
    _require(request, "programs.designate_coordinator", region)
    form = DesignationForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.designate_coordinator(by=request.acting, region=region, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The coordinator was designated (§9)."))
            return redirect("coordinator_designations")
    history = CoordinatorDesignation.objects.filter(region=region).select_related(
        "user", "designated_by"
    )
    return render(
        request, "programs/coordinators.html", {"form": form, "history": history, "region": region}
    )


@login_required
def roster_list(request) -> HttpResponseBase:
    regions = queries.regions_visible_to(request.user, request.office)
    return render(request, "programs/roster_list.html", {"regions": regions})


@login_required
def roster_detail(request, slug: str) -> HttpResponseBase:
    region = get_object_or_404(Region, slug=slug)
    _require(request, "programs.view_roster", region)
    roster = services.roster_for(region)
    today = timezone.localdate()
    on = today
    if request.GET.get("on"):
        try:
            on = dt.date.fromisoformat(request.GET["on"])
        except ValueError:
            messages.error(request, _("The date is not valid; the roster is shown as of today."))
    can_edit = allowed(request.acting, "programs.edit_roster", region)
    q = request.GET.get("q", "").strip()
    context = {
        "region": region,
        "roster": roster,
        "on": on,
        "today": today,
        "members": queries.roster_members_on(roster, on),
        "draft": queries.roster_draft(roster)
        if can_edit or allowed(request.acting, "programs.approve_roster", region)
        else [],
        "orders": queries.roster_orders(roster),
        "can_edit": can_edit,
        "can_approve": allowed(request.acting, "programs.approve_roster", region),
        "approve_form": ApproveForm(),
        "q": q,
        "roles": RosterRole.choices,
        "found": queries.judges_for_roster_search(region, q) if can_edit else [],
    }
    return render(request, "programs/roster_detail.html", context)


@login_required
@require_POST
def roster_add(request, slug: str) -> HttpResponseBase:
    region = get_object_or_404(Region, slug=slug)
    _require(request, "programs.edit_roster", region)
    form = ProposeMemberForm(request.POST)
    if form.is_valid():
        judge = get_object_or_404(Judge, pk=form.cleaned_data["judge"])
        try:
            services.propose_roster_member(
                by=request.acting,
                region=region,
                judge=judge,
                role=form.cleaned_data["role"],
                council_decision_number=form.cleaned_data["council_decision_number"],
                council_decision_on=form.cleaned_data["council_decision_on"],
            )
        except Refused as exc:
            messages.error(
                request,
                _("%(judge)s was not added: %(reason)s")
                % {"judge": judge.full_name, "reason": exc},
            )
        else:
            if judge.user_id is None:
                # §4.1: nobody can be asked who cannot sign in; no request was sent
                messages.warning(
                    request,
                    _(
                        "%(judge)s was added to the draft but has no account yet, so no "
                        "consent request was sent: the judge cannot consent until enrolled "
                        "(§4.1). The chair's order lists only candidates who accepted."
                    )
                    % {"judge": judge.full_name},
                )
            else:
                messages.success(
                    request,
                    _("%(judge)s was added to the draft and asked to consent (§4.1).")
                    % {"judge": judge.full_name},
                )
    else:
        messages.error(
            request, _("Choose a judge and a role; a decision date is a date (dd.mm.yyyy).")
        )
    return redirect("roster_detail", slug=slug)


@login_required
@require_POST
def roster_remove(request, slug: str, pk: int) -> HttpResponseBase:
    entry = get_object_or_404(RosterEntry, pk=pk, roster__region__slug=slug)
    _require(request, "programs.edit_roster", entry.roster.region)
    try:
        entry = services.withdraw_or_propose_removal(by=request.acting, entry=entry)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        if entry.added_by_id is None:
            text = _("%(judge)s was withdrawn from the draft.")
        elif entry.removal_proposed:
            text = _("The removal of %(judge)s was proposed; the next order decides it (§8).")
        else:
            text = _("%(judge)s stays on the roster: the proposed removal was withdrawn.")
        messages.success(request, text % {"judge": entry.judge.full_name})
    return redirect("roster_detail", slug=slug)


@login_required
def roster_approve(request, slug: str) -> HttpResponseBase:
    """§8: approving is irreversible (a numbered order is issued): GET shows
    what the order will list and asks to confirm; POST issues it."""
    region = get_object_or_404(Region, slug=slug)
    _require(request, "programs.approve_roster", region)
    form = ApproveForm(request.POST or request.GET or None)
    language = form.cleaned_data["language"] if form.is_valid() else "kk"
    if request.method != "POST":
        additions, removals = services.pending_changes(services.roster_for(region))
        additions = additions.select_related("judge__court")
        return render(
            request,
            "programs/roster_approve.html",
            {
                "region": region,
                "form": ApproveForm(initial={"language": language}),
                "additions": [e for e in additions if e.consent == Consent.ACCEPTED],
                "waiting": [e for e in additions if e.consent != Consent.ACCEPTED],
                "removals": removals.select_related("judge__court"),
            },
        )
    try:
        order = services.approve_roster(by=request.acting, region=region, language=language)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Order № %(n)s was issued; the district courts of the region were notified (§8).")
            % {"n": order.number},
        )
    return redirect("roster_detail", slug=slug)


@login_required
@require_POST
def roster_consent(request, pk: int) -> HttpResponseBase:
    judge = getattr(request.user, "judge", None)
    # an invitation is visible to its candidate only
    entry = get_object_or_404(RosterEntry, pk=pk, judge_id=judge.pk if judge else None)
    accept = request.POST.get("answer") == "accept"
    try:
        services.answer_roster_invitation(by=request.acting, entry=entry, accept=accept)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Thank you: your answer was recorded.")
            if accept
            else _("You declined; you will not be listed (§4.1)."),
        )
    return redirect("dashboard")


@login_required
def roster_order_pdf(request, pk: int) -> HttpResponseBase:
    order = get_object_or_404(
        RosterOrder.objects.select_related("roster__region", "document"), pk=pk
    )
    hidden_unless(request, "programs.view_roster", order.roster.region)
    return pdf_response(order.document, f"roster-order-{order.year}-{order.number}.pdf")


@login_required
def preferences(request) -> HttpResponseBase:
    judge = getattr(request.user, "judge", None)
    if judge is None:
        raise PermissionDenied(_("Only judges state preferences."))
    roster = services.roster_for(judge.court.region)
    members = queries.roster_members_on(roster, timezone.localdate())
    if request.method == "POST":
        # §8: in the protégé's order (preference № 1 first); a repeat counts once
        by_id = {str(e.pk): e for e in members}
        chosen = list(
            {pk: by_id[pk] for pk in request.POST.getlist("entry") if pk in by_id}.values()
        )
        try:
            services.set_preferences(by=request.acting, entries=chosen)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your preferences were saved (§8)."))
            return redirect("protege_preferences")
    current = list(judge.preferences.order_by("rank").values_list("entry_id", flat=True))
    ranks = [{"n": n, "chosen": current[n - 1] if n <= len(current) else None} for n in (1, 2, 3)]
    return render(
        request,
        "programs/preferences.html",
        {
            "members": members,
            "current": current,
            "ranks": ranks,
            "judge": judge,
            "qualifies": bool(judge.protege_grounds()),
        },
    )
