"""Thin views: parse input, call a service or a query, render."""

from __future__ import annotations

import datetime as dt
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from courts.models import Judge, Region
from mentorship.documents import pdf_response
from mentorship.errors import Refused
from mentorship.permissions import allowed, require

from . import queries, rules, services
from .forms import (
    ApproveForm,
    AttachmentForm,
    DecisionForm,
    DesignationForm,
    ExtensionForm,
    FeedbackForm,
    JournalForm,
    PetitionForm,
    PlanItemForm,
    ProposeMemberForm,
    ProposePairForm,
    ProtocolForm,
    QualityFlagForm,
    ReportForm,
    SeminarForm,
    WorkloadForm,
    _language_choices,
)
from .models import CoordinatorDesignation, RosterEntry, RosterOrder, RosterRole, Seminar


def _require(request, perm, obj=None):
    require(request.user, perm, obj)


def _office_region(request) -> Region:
    office = request.office
    if office is None or office.region_id is None:
        raise PermissionDenied(_("Your office does not give access to this page."))
    return office.region


@login_required
def coordinator_designations(request):
    region = _office_region(request)
    _require(request, "programs.designate_coordinator", region)
    form = DesignationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.designate_coordinator(by=request.user, region=region, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The coordinator was designated (§9)."))
            return redirect("coordinator_designations")
    history = CoordinatorDesignation.objects.filter(region=region).select_related(
        "user", "designated_by")
    return render(request, "programs/coordinators.html", {"form": form, "history": history,
                                                          "region": region})


@login_required
def roster_list(request):
    regions = queries.regions_visible_to(request.user, request.office)
    return render(request, "programs/roster_list.html", {"regions": regions})


@login_required
def roster_detail(request, slug: str):
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
    can_edit = allowed(request.user, "programs.edit_roster", region)
    q = request.GET.get("q", "").strip()
    context = {
        "region": region, "roster": roster, "on": on, "today": today,
        "members": queries.roster_members_on(roster, on),
        "draft": queries.roster_draft(roster) if can_edit or allowed(
            request.user, "programs.approve_roster", region) else [],
        "orders": queries.roster_orders(roster),
        "can_edit": can_edit,
        "can_approve": allowed(request.user, "programs.approve_roster", region),
        "approve_form": ApproveForm(),
        "q": q, "roles": RosterRole.choices,
        "found": queries.judges_for_roster_search(region, q) if can_edit else [],
    }
    return render(request, "programs/roster_detail.html", context)


@login_required
@require_POST
def roster_add(request, slug: str):
    region = get_object_or_404(Region, slug=slug)
    _require(request, "programs.edit_roster", region)
    form = ProposeMemberForm(request.POST)
    if form.is_valid():
        judge = get_object_or_404(Judge, pk=form.cleaned_data["judge"])
        try:
            services.propose_roster_member(by=request.user, region=region, judge=judge,
                                           role=form.cleaned_data["role"])
        except Refused as exc:
            messages.error(request, _("%(judge)s was not added: %(reason)s")
                           % {"judge": judge.full_name, "reason": exc})
        else:
            messages.success(request, _("%(judge)s was added to the draft and asked to "
                                        "consent (§4.1).") % {"judge": judge.full_name})
    else:
        messages.error(request, _("Choose a judge and a role."))
    return redirect("roster_detail", slug=slug)


@login_required
@require_POST
def roster_remove(request, slug: str, pk: int):
    entry = get_object_or_404(RosterEntry, pk=pk, roster__region__slug=slug)
    _require(request, "programs.edit_roster", entry.roster.region)
    try:
        services.withdraw_or_propose_removal(by=request.user, entry=entry)
    except Refused as exc:
        messages.error(request, str(exc))
    return redirect("roster_detail", slug=slug)


@login_required
@require_POST
def roster_approve(request, slug: str):
    region = get_object_or_404(Region, slug=slug)
    _require(request, "programs.approve_roster", region)
    form = ApproveForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else "kk"
    try:
        order = services.approve_roster(by=request.user, region=region, language=language)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Order № %(n)s was issued; the district courts of the region "
                                    "were notified (§8).") % {"n": order.number})
    return redirect("roster_detail", slug=slug)


@login_required
@require_POST
def roster_consent(request, pk: int):
    judge = getattr(request.user, "judge", None)
    # an invitation is visible to its candidate only
    entry = get_object_or_404(RosterEntry, pk=pk, judge_id=judge.pk if judge else None)
    accept = request.POST.get("answer") == "accept"
    try:
        services.answer_roster_invitation(by=request.user, entry=entry, accept=accept)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Thank you: your answer was recorded.") if accept else
                         _("You declined; you will not be listed (§4.1)."))
    return redirect("dashboard")


@login_required
def roster_order_pdf(request, pk: int):
    order = get_object_or_404(RosterOrder.objects.select_related("roster__region", "document"),
                              pk=pk)
    _require(request, "programs.view_roster", order.roster.region)
    return pdf_response(order.document, f"roster-order-{order.year}-{order.number}.pdf")


@login_required
def preferences(request):
    judge = getattr(request.user, "judge", None)
    if judge is None:
        raise PermissionDenied(_("Only judges state preferences."))
    roster = services.roster_for(judge.court.region)
    members = queries.roster_members_on(roster, timezone.localdate())
    if request.method == "POST":
        chosen = [e for e in members if str(e.pk) in request.POST.getlist("entry")]
        try:
            services.set_preferences(by=request.user, entries=chosen)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your preferences were saved (§8)."))
            return redirect("protege_preferences")
    current = set(judge.preferences.values_list("entry_id", flat=True))
    return render(request, "programs/preferences.html", {
        "members": members, "current": current, "judge": judge,
        "qualifies": bool(judge.protege_grounds())})


@login_required
def seminar_list(request):
    form = SeminarForm(request.POST or None)
    office = request.office
    region = office.region if office is not None and office.region_id else None
    can_organise = (allowed(request.user, "programs.organise_seminar", region)
                    or allowed(request.user, "programs.organise_seminar", None))
    if request.method == "POST":
        if not can_organise:
            raise PermissionDenied(_("Your office does not give access to this page."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                seminar = services.schedule_seminar(
                    by=request.user, region=None if data["national"] else region,
                    held_on=data["held_on"], place=data["place"], topic=data["topic"])
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The seminar was scheduled."))
                return redirect("seminar_detail", pk=seminar.pk)
    seminars = queries.seminars_visible_to(request.user, office)
    return render(request, "programs/seminar_list.html", {
        "seminars": seminars, "form": form, "can_organise": can_organise})


@login_required
def seminar_detail(request, pk: int):
    seminar = get_object_or_404(Seminar.objects.select_related("region"), pk=pk)
    _require(request, "programs.view_seminar", seminar)
    can_manage = allowed(request.user, "programs.manage_seminar", seminar)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Your office does not give access to this page."))
        try:
            if request.POST.get("action") == "invite":
                n = services.invite_to_seminar(
                    by=request.user, seminar=seminar,
                    judges=queries.seminar_invitees(seminar))
                messages.success(request, _("%(n)d judges were invited.") % {"n": n})
            else:
                ids = {int(i) for i in request.POST.getlist("attended")
                       if i.isascii() and i.isdigit() and len(i) < 19}
                services.record_attendance(by=request.user, seminar=seminar, attended_ids=ids)
                messages.success(request, _("Attendance was recorded."))
        except Refused as exc:
            messages.error(request, str(exc))
        return redirect("seminar_detail", pk=pk)
    invitations = seminar.invitations.select_related("judge__court").order_by(
        "judge__last_name")
    return render(request, "programs/seminar_detail.html", {
        "seminar": seminar, "invitations": invitations, "can_manage": can_manage,
        "today": timezone.localdate()})


# --- needs analysis and quality flags (preamble, §1.4, §10.1) ---------------------

@login_required
def needs_analysis(request):
    region = _office_region(request)
    _require(request, "programs.view_needs", region)
    return render(request, "programs/needs_analysis.html", {
        "region": region, "rows": queries.needs_analysis(region),
        "can_propose": allowed(request.user, "programs.propose_pair", region)})


def _chaired_court(request):
    from courts.models import Court, CourtLevel, Office

    office = request.office
    if office is not None and office.office == Office.COURT_CHAIR:
        return office.court
    if office is not None and office.office == Office.REGIONAL_CHAIR:
        return Court.objects.filter(region_id=office.region_id, level=CourtLevel.REGIONAL).first()
    raise PermissionDenied(_("Your office does not give access to this page."))


@login_required
def quality_flags(request):
    from courts.models import QualityFlag

    court = _chaired_court(request)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "lift":
                flag = get_object_or_404(QualityFlag, pk=_int(request, "flag"),
                                         judge__court=court)
                services.lift_quality_flag(by=request.user, flag=flag)
                messages.success(request, _("The flag was lifted."))
            else:
                form = QualityFlagForm(request.POST)
                if not form.is_valid():
                    raise Refused(_("Preamble, §1.4: state the reasons for the flag."))
                judge = get_object_or_404(Judge, pk=form.cleaned_data["judge"], court=court)
                services.flag_quality(by=request.user, judge=judge,
                                      reasons=form.cleaned_data["reasons"])
                messages.success(request, _("%(judge)s now qualifies as a protégé; the "
                                            "coordinator was notified.") % {
                    "judge": judge.full_name})
        except Refused as exc:
            messages.error(request, str(exc))
        return redirect("quality_flags")
    rows = [{"judge": j, "flag": next((f for f in j.quality_flags.all() if not f.lifted_on),
                                        None)}
            for j in Judge.objects.filter(court=court).exclude(status="retired")
            .prefetch_related("quality_flags").order_by("last_name", "first_name")]
    return render(request, "programs/quality_flags.html", {"court": court, "rows": rows})


# --- pairs (§4.1, §10, §12) -----------------------------------------------------

def _pair(pk: int):
    from .models import Pair

    return get_object_or_404(Pair.objects.select_related(
        "protege__court__region", "mentor__court", "region", "proposed_by", "registered_by"),
        pk=pk)


@login_required
def pair_new(request, protege: int):
    judge = get_object_or_404(Judge.objects.select_related("court__region"), pk=protege)
    region = judge.court.region
    _require(request, "programs.propose_pair", region)
    if request.method == "POST":
        form = ProposePairForm(request.POST)
        entry = RosterEntry.objects.filter(
            pk=form.cleaned_data["entry"] if form.is_valid() else 0).first()
        if entry is None:
            messages.error(request, _("Choose a mentor or tutor from the list."))
        else:
            try:
                pair = services.propose_pair(by=request.user, protege=judge, entry=entry)
            except Refused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The pair was proposed; both judges are asked to "
                                            "consent (§4.1)."))
                return redirect("pair_detail", pk=pair.pk)
    role = request.GET.get("role") if request.GET.get("role") in RosterRole.values else None
    return render(request, "programs/pair_new.html", {
        "protege": judge, "grounds": judge.protege_grounds(), "role": role,
        "roles": RosterRole.choices, "candidates": queries.pair_candidates(judge, role)})


def _pair_filters(request):
    from .models import PairStatus

    qs = queries.pairs_visible_to(request.user, request.office)
    status = request.GET.get("status", "")
    role = request.GET.get("role", "")
    q = request.GET.get("q", "").strip()
    if status in PairStatus.values:
        qs = qs.filter(status=status)
    if role in RosterRole.values:
        qs = qs.filter(role=role)
    if q:
        from courts.queries import fold

        qs = qs.filter(Q(protege__last_name__icontains=q) | Q(mentor__last_name__icontains=q)
                       | Q(protege__last_name__icontains=fold(q)))
    return qs, {"status": status, "role": role, "q": q, "statuses": PairStatus.choices,
                "roles": RosterRole.choices}


@login_required
def pair_list(request):
    from django.core.paginator import Paginator

    _require(request, "programs.list_pairs")
    qs, filters = _pair_filters(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "programs/pair_list.html", {"page": page, "query": query.urlencode(),
                                                       **filters})


@login_required
def pair_export(request):
    """The register of pairs (§12) as an XLSX workbook, with the same filters."""
    from openpyxl import Workbook

    from mentorship.xlsx import append_row

    _require(request, "programs.list_pairs")
    qs, _filters = _pair_filters(request)
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Register of pairs"))[:31]
    append_row(sheet, [str(h) for h in (_("Register number"), _("Region"), _("Protégé"),
                                   _("Protégé's court"), _("Mentor or tutor"), _("Role"),
                                   _("Court"), _("Status"), _("Registered on"),
                                   _("Term ends on"), _("Ended on"))])
    for p in qs:
        append_row(sheet, [p.register_number, p.region.name, p.protege.full_name,
                      p.protege.court.name, p.mentor.full_name, p.get_role_display(),
                      p.mentor.court.name, p.get_status_display(), p.registered_on,
                      p.term_ends_on, p.ended_on])
    for column in ("C", "D", "E", "G", "H"):
        sheet.column_dimensions[column].width = 36
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = 'attachment; filename="register-of-pairs.xlsx"'
    return response


@login_required
def pair_detail(request, pk: int):
    pair = _pair(pk)
    _require(request, "programs.view_pair", pair)
    user = request.user
    side = pair.side_of(user)
    can_feedback = allowed(user, "programs.view_feedback", pair)
    return render(request, "programs/pair_detail.html", {
        "pair": pair, "side": side,
        "awaiting_my_answer": pair.status == "proposed" and (
            (side == "protege" and pair.protege_consent == "pending")
            or (side == "mentor" and pair.mentor_consent == "pending")),
        "can_register": pair.status == "consented" and allowed(
            user, "programs.register_pair", pair.region),
        "can_withdraw": pair.status in ("proposed", "consented") and allowed(
            user, "programs.propose_pair", pair.region),
        "can_extend": pair.status == "active" and allowed(user, "programs.extend_term",
                                                          pair.region),
        "longest_end": rules.longest_term_end(pair.registered_on) if pair.registered_on else None,
        "extension_form": ExtensionForm(),
        "extensions": pair.extensions.select_related("document", "signatory"),
        "feedback": pair.feedback.all() if can_feedback else None,
        "feedback_form": FeedbackForm() if side == "protege" and pair.status == "active" else None,
        "plan_status": queries.plan_status(pair),
        "reports": [r for r in pair.reports.select_related("author")
                    if allowed(user, "programs.view_report", r)],
        "can_report": side is not None and pair.status == "active",
        "petitions": _petitions_for(user, pair, side),
        "petition_form": PetitionForm() if side and pair.status == "active" else None,
        "finalisation": getattr(pair, "finalisation", None) if pair.status in (
            "completed", "ended_early", "replaced") else None,
    })


def _petitions_for(user, pair, side):
    """The pair's petitions for its judges and the branch council; the reasons
    (e.g. for replacing the mentor, §16.4) only for their author and the council."""
    council = allowed(user, "programs.keep_protocols", pair.region)
    if not (side or council):
        return None
    petitions = list(pair.petitions.all())
    for p in petitions:
        p.show_reasons = council or p.author_id == user.pk
    return petitions


def _post_action(request, pk: int, action, success: str, perm: str | None = None):
    pair = _pair(pk)
    if perm == "member":
        if pair.side_of(request.user) is None:
            raise Http404
    else:
        _require(request, perm, pair.region if perm in REGION_PERMS else pair)
    try:
        action(pair)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("pair_detail", pk=pair.pk)


REGION_PERMS = {"programs.register_pair", "programs.propose_pair", "programs.extend_term"}


@login_required
@require_POST
def pair_answer(request, pk: int):
    accept = request.POST.get("answer") == "accept"
    return _post_action(request, pk, lambda p: services.answer_pair(
        by=request.user, pair=p, accept=accept),
        _("Thank you: your answer was recorded.") if accept else
        _("You declined; the pair will not be formed (§4.1)."), perm="member")


@login_required
@require_POST
def pair_register(request, pk: int):
    return _post_action(request, pk, lambda p: services.register_pair(by=request.user, pair=p),
                        _("The pair was entered in the register; its term of twelve months "
                          "has started (§5, §12)."), perm="programs.register_pair")


@login_required
@require_POST
def pair_withdraw(request, pk: int):
    return _post_action(request, pk, lambda p: services.withdraw_pair(by=request.user, pair=p),
                        _("The proposal was withdrawn."), perm="programs.propose_pair")


@login_required
@require_POST
def pair_extend(request, pk: int):
    _require(request, "programs.extend_term", _pair(pk).region)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new end of the term and the reasons."))
        return redirect("pair_detail", pk=pk)
    data = form.cleaned_data
    return _post_action(request, pk, lambda p: services.extend_term(
        by=request.user, pair=p, new_end=data["new_end"], reasons=data["reasons"],
        language=data["language"]), _("The order extending the term was issued (§5)."),
        perm="programs.extend_term")


@login_required
@require_POST
def pair_feedback(request, pk: int):
    _require(request, "programs.give_feedback", _pair(pk))
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("§16.3: the rating is a whole number from 1 to 5."))
        return redirect("pair_detail", pk=pk)
    return _post_action(request, pk, lambda p: services.give_feedback(
        by=request.user, pair=p, rating=form.cleaned_data["rating"],
        comment=form.cleaned_data["comment"]), _("Thank you for your feedback (§16.3)."),
        perm="programs.give_feedback")


@login_required
def extension_order_pdf(request, pk: int):
    from .models import ExtensionOrder

    order = get_object_or_404(ExtensionOrder.objects.select_related(
        "document", "pair__protege__court", "pair__mentor__court", "pair__region"), pk=pk)
    _require(request, "programs.view_pair", order.pair)
    return pdf_response(order.document, f"extension-order-{order.year}-{order.number}.pdf")


@login_required
def workload_orders(request):
    from .models import WorkloadOrder

    court = _chaired_court(request)
    form = WorkloadForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            judge = get_object_or_404(Judge, pk=data["judge"], court=court)
            try:
                order = services.issue_workload_order(
                    by=request.user, judge=judge, percent=data["percent"],
                    starts_on=data["starts_on"], ends_on=data["ends_on"],
                    language=data["language"])
            except Refused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Order № %(n)s was issued (§6).") % {
                    "n": order.number})
                return redirect("workload_orders")
        else:
            messages.error(request, _("§6: the caseload may be reduced by 1 to 30 per cent; "
                                      "give the period."))
    today = timezone.localdate()
    judges = queries.workload_candidates(court, today)
    orders = WorkloadOrder.objects.filter(court=court).select_related("judge", "document")
    return render(request, "programs/workload_orders.html", {
        "court": court, "judges": judges, "orders": orders, "form": WorkloadForm(),
        "today": today})


@login_required
def workload_order_pdf(request, pk: int):
    from .models import WorkloadOrder

    order = get_object_or_404(WorkloadOrder.objects.select_related("document", "judge__court"),
                              pk=pk)
    _require(request, "programs.view_workload_order", order.judge)
    return pdf_response(order.document, f"workload-order-{order.year}-{order.number}.pdf")


# --- §2, §15.5, §16.1–2 individual plan -----------------------------------------

PLAN_ACTIONS = {
    "add_item", "remove_item", "submit", "approve", "return", "start_correction",
    "propose_correction", "agree", "reject", "check", "uncheck",
}


@login_required
def pair_plan(request, pk: int):
    pair = _pair(pk)
    _require(request, "programs.view_pair", pair)
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


def _int(request, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else 0


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


# --- §4.2, §15.2, §15.6 confidential journal ---------------------------------------

@login_required
@never_cache
@sensitive_post_parameters("text")
def pair_journal(request, pk: int):
    """Readable and writable by the pair's two members only (§4.2)."""
    pair = _pair(pk)
    _require(request, "programs.read_journal", pair)
    form = JournalForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.add_journal_entry(by=request.user, pair=pair, **form.cleaned_data)
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The entry was saved (visible to the two of you "
                                            "only)."))
                return redirect("pair_journal", pk=pk)
    entries = pair.journal.select_related("author")
    return render(request, "programs/pair_journal.html", {"pair": pair, "form": form,
                                                          "entries": entries})


# --- §13, §16.8 written reports -----------------------------------------------------

def _report(pk: int):
    from .models import Report

    return get_object_or_404(Report.objects.select_related(
        "pair__region", "pair__protege__court", "pair__mentor__court", "author", "decided_by"),
        pk=pk)


@login_required
@require_POST
def report_start(request, pk: int):
    pair = _pair(pk)
    _require(request, "programs.write_report", pair)
    try:
        report = services.start_report(request.user, pair)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("pair_detail", pk=pk)
    return redirect("report_detail", pk=report.pk)


REPORT_ACTIONS = {"save", "submit", "upload", "accept", "return", "revise"}


@login_required
@sensitive_post_parameters("work_done", "knowledge_gained", "effectiveness", "proposals")
def report_detail(request, pk: int):
    report = _report(pk)
    _require(request, "programs.view_report", report)
    is_author = report.author_id == request.user.pk
    form = ReportForm(initial={"addressee": report.addressee, "work_done": report.work_done,
                               "knowledge_gained": report.knowledge_gained,
                               "effectiveness": report.effectiveness,
                               "proposals": report.proposals})
    upload_form = AttachmentForm()
    if request.method == "POST":
        action = request.POST.get("action")
        by = request.user
        try:
            if action not in REPORT_ACTIONS:
                raise Refused(_("Unknown action."))
            if action in ("save", "submit"):
                form = ReportForm(request.POST)
                if not form.is_valid():
                    raise Refused(_("Check the fields of the report."))
                services.save_report(by=by, report=report, **form.cleaned_data)
                if action == "submit":
                    services.submit_report(by=by, report=report)
            elif action == "upload":
                upload_form = AttachmentForm(request.POST, request.FILES)
                if not upload_form.is_valid():
                    raise Refused(_("Choose a PDF or DOCX file."))
                services.add_attachment(by=by, report=report,
                                        uploaded=upload_form.cleaned_data["file"])
            elif action in ("accept", "return"):
                services.decide_report(by=by, report=report, accept=action == "accept",
                                       comment=request.POST.get("comment", ""))
            else:
                revision = services.revise_report(by=by, report=report)
                messages.success(request, _("A revision was opened as a new draft."))
                return redirect("report_detail", pk=revision.pk)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, REPORT_MESSAGES[action])
            return redirect("report_detail", pk=pk)
    return render(request, "programs/report_detail.html", {
        "report": report, "is_author": is_author, "form": form, "upload_form": upload_form,
        "editable": is_author and report.status == "draft",
        "can_decide": report.status == "submitted" and allowed(
            request.user, "programs.decide_report", report),
        "attachments": report.attachments.all(),
        "required": rules.REPORT_REQUIRED[report.kind],
        "upload_mb": settings.UPLOAD_MAX_BYTES // 2**20})


REPORT_MESSAGES = {
    "save": _("The draft was saved."),
    "submit": _("The report was submitted (§13)."),
    "upload": _("The file was attached."),
    "accept": _("The report was accepted (§13)."),
    "return": _("The report was returned to its author with your comment."),
}


@login_required
def attachment_download(request, pk: int):
    from django.http import FileResponse

    from .models import Attachment

    attachment = get_object_or_404(Attachment.objects.select_related("report__pair"), pk=pk)
    _require(request, "programs.view_report", attachment.report)
    return FileResponse(attachment.file.open("rb"), as_attachment=True,
                        filename=f"report-{attachment.report_id}-{attachment.pk}"
                                 f"{attachment.extension}",
                        content_type=attachment.content_type)


# --- §15.8, §16.4, §16.5 petitions ----------------------------------------------------

@login_required
@require_POST
def pair_petition(request, pk: int):
    pair = _pair(pk)
    _require(request, "programs.petition", pair)
    form = PetitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the petition."))
        return redirect("pair_detail", pk=pk)
    try:
        services.file_petition(by=request.user, pair=pair, **form.cleaned_data)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The petition was sent to the branch council."))
    return redirect("pair_detail", pk=pk)


# --- §14 council queue, protocols, copies, personal files ---------------------------

@login_required
def council_queue(request):
    region = _office_region(request)
    _require(request, "programs.view_council_queue", region)
    return render(request, "programs/council_queue.html", {
        "region": region, **queries.council_queue(request.office),
        "is_council": request.office.office == "branch_council"})


@login_required
def protocol_list(request):
    office = request.office
    if office is None or office.office not in ("branch_council", "training_centre",
                                               "central_council", "union_chair",
                                               "hr_officer"):
        raise PermissionDenied(_("Your office does not give access to this page."))
    can_keep = office.region_id is not None and allowed(
        request.user, "programs.keep_protocols", office.region)
    form = ProtocolForm(request.POST or None)
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied(_("Your office does not give access to this page."))
        if form.is_valid():
            try:
                protocol = services.create_protocol(by=request.user, region=office.region,
                                                    **form.cleaned_data)
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The draft protocol was created; add its "
                                            "decisions."))
                return redirect("protocol_detail", pk=protocol.pk)
    return render(request, "programs/protocol_list.html", {
        "protocols": queries.protocols_visible_to(request.user, office), "form": form,
        "can_keep": can_keep})


def _protocol(pk: int):
    from .models import Protocol

    return get_object_or_404(Protocol.objects.select_related("region", "document",
                                                             "created_by"), pk=pk)


@login_required
def protocol_detail(request, pk: int):
    from .models import Petition

    protocol = _protocol(pk)
    _require(request, "programs.view_protocol", protocol)
    can_keep = protocol.status == "draft" and allowed(request.user, "programs.keep_protocols",
                                                      protocol.region)
    active = list(queries.pairs_visible_to(request.user, request.office).filter(
        region=protocol.region, status="active")) if can_keep else []
    petitions = list(Petition.objects.filter(pair__region=protocol.region, status="pending")
                     .select_related("pair__protege", "pair__mentor")) if can_keep else []
    form = DecisionForm(pairs=active, petitions=petitions)
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied(_("Your office does not give access to this page."))
        action = request.POST.get("action")
        try:
            if action == "add":
                form = DecisionForm(request.POST, pairs=active, petitions=petitions)
                if not form.is_valid():
                    raise Refused(_("Check the fields of the decision."))
                data = form.cleaned_data
                chosen = [p for p in active if str(p.pk) in data["pairs"]]
                petition = next((p for p in petitions if str(p.pk) == data["petition"]), None)
                services.add_decision(
                    by=request.user, protocol=protocol, kind=data["kind"], pairs=chosen,
                    petition=petition, granted={"yes": True, "no": False}.get(data["granted"]),
                    reasons=data["reasons"])
                messages.success(request, _("The decision was added."))
            elif action == "remove":
                from .models import Decision

                decision = get_object_or_404(Decision, pk=_int(request, "decision"),
                                             protocol=protocol)
                services.remove_decision(by=request.user, decision=decision)
                messages.success(request, _("The decision was removed."))
            elif action == "issue":
                language = request.POST.get("language", "kk")
                services.issue_protocol(by=request.user, protocol=protocol, language=language)
                messages.success(request, _("The protocol was issued; copies went to the "
                                            "Training Centre and to HR (§14)."))
            else:
                raise Refused(_("Unknown action."))
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            return redirect("protocol_detail", pk=pk)
    decisions = (protocol.decisions.select_related("petition")
                 .prefetch_related(Prefetch("pairs", queryset=queries._pairs()),
                                   "reports"))
    copies = protocol.copies.select_related("court", "acknowledged_by") if allowed(
        request.user, "programs.keep_protocols", protocol.region) else None
    return render(request, "programs/protocol_detail.html", {
        "protocol": protocol, "decisions": decisions, "can_keep": can_keep, "form": form,
        "copies": copies, "doc_languages": _language_choices()})


@login_required
def protocol_pdf(request, pk: int):
    protocol = _protocol(pk)
    _require(request, "programs.view_protocol", protocol)
    if protocol.document is None:
        raise Http404
    return pdf_response(protocol.document,
                      f"protocol-{protocol.region.slug}-{protocol.year}-{protocol.number}.pdf")


@login_required
def copies_inbox(request):
    _require(request, "programs.copies_inbox")
    return render(request, "programs/copies_inbox.html", {
        "copies": queries.copies_for(request.office)})


@login_required
@require_POST
def copy_acknowledge(request, pk: int):
    from .models import ProtocolCopy

    copy = get_object_or_404(ProtocolCopy, pk=pk)
    _require(request, "programs.receive_copy", copy)
    try:
        services.acknowledge_copy(by=request.user, copy=copy)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Receipt was acknowledged (§14)."))
    return redirect("copies_inbox")


@login_required
def personal_file(request, pk: int):
    judge = get_object_or_404(Judge.objects.select_related("court"), pk=pk)
    _require(request, "programs.personal_file", judge)
    return render(request, "programs/personal_file.html", {
        "judge": judge, "decisions": queries.personal_file(judge)})
