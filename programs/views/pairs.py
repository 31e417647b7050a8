"""Preamble, §1, §4.1, §10, §12: needs analysis, quality flags, proposing and registering pairs, the register."""

from __future__ import annotations

import functools
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courts import quality
from courts.models import Court, CourtLevel, Judge, Office, QualityFlag
from courts.queries import fold
from mentorship import access_log, dataversion
from mentorship.errors import Refused
from mentorship.models import AccessHow
from mentorship.navigation import address_prefix
from mentorship.permissions import allowed
from mentorship.types import OfficeRequest

from .. import exports, queries, regulation, services, visibility
from ..forms import (
    ExtensionForm,
    FeedbackForm,
    PetitionForm,
    ProposePairForm,
    QualityFlagForm,
)
from ..models import (
    Pair,
    PairStatus,
    Petition,
    Report,
    ReportStatus,
    RosterEntry,
    RosterRole,
)
from ..queries import pictures
from ._common import _int, _office_region, _pair, _post_action, _require

PAGE_SIZE = 50  # rows of a paginated list (#16)

# --- needs analysis and quality flags (preamble, §1.4, §10.1) ---------------------


@login_required
def needs_analysis(request) -> HttpResponseBase:
    region = _office_region(request)
    _require(request, "programs.view_needs", region)
    today = timezone.localdate()
    wanted = request.GET.get("page", "")
    number = wanted[:5] if wanted.isdigit() else "1"
    can_propose = allowed(request.acting, "programs.propose_pair", region)

    @functools.cache
    def table() -> dict[str, Any]:
        # read only when the template's cached table is missing (#16)
        page = Paginator(queries.needs_analysis_judges(region, today), PAGE_SIZE).get_page(number)
        return {"page": page, "rows": queries.needs_analysis_rows(page, today)}

    return render(
        request,
        "programs/needs_analysis.html",
        {
            "region": region,
            "table": table,
            # the table is cached until a table it reads changes (mentorship.dataversion)
            "table_key": f"{region.pk}:{number}:{today.isoformat()}:{can_propose}:"
            f"{dataversion.current()}",
            "table_seconds": dataversion.FIGURES_SECONDS,
            "applications": queries.applications(region),
            "can_propose": can_propose,
            "can_admit": allowed(request.acting, "programs.admit_participation", region),
        },
    )


def _chaired_court(request: OfficeRequest) -> Court | None:

    office = request.office
    if office is not None and office.office == Office.COURT_CHAIR:
        return office.court
    if office is not None and office.office == Office.REGIONAL_CHAIR:
        return Court.objects.filter(region=office.region, level=CourtLevel.REGIONAL).first()
    raise PermissionDenied(_("Your office does not give access to this page."))


@login_required
def quality_flags(request) -> HttpResponseBase:

    court = _chaired_court(request)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "lift":
                flag = get_object_or_404(QualityFlag, pk=_int(request, "flag"), judge__court=court)
                quality.lift_quality_flag(by=request.acting, flag=flag)
                messages.success(request, _("The flag was lifted."))
            else:
                form = QualityFlagForm(request.POST)
                if not form.is_valid():
                    raise Refused(_("Preamble, §1.4: state the reasons for the flag."))
                judge = get_object_or_404(Judge, pk=form.cleaned_data["judge"], court=court)
                quality.flag_quality(
                    by=request.acting, judge=judge, reasons=form.cleaned_data["reasons"]
                )
                messages.success(
                    request,
                    _("%(judge)s now qualifies as a protégé; the coordinator was notified.")
                    % {"judge": judge.full_name},
                )
        except Refused as exc:
            messages.error(request, str(exc))
        return redirect("quality_flags")
    page = Paginator(queries.quality_flag_judges(court), PAGE_SIZE).get_page(
        request.GET.get("page")
    )  # #16
    rows = queries.quality_flag_rows(page)
    return render(
        request, "programs/quality_flags.html", {"court": court, "rows": rows, "page": page}
    )


@login_required
def pair_new(request, protege: int) -> HttpResponseBase:
    judge = get_object_or_404(Judge.objects.select_related("court__region"), pk=protege)
    region = judge.court.region
    _require(request, "programs.propose_pair", region)
    if request.method == "POST":
        form = ProposePairForm(request.POST)
        entry = RosterEntry.objects.filter(
            pk=form.cleaned_data["entry"] if form.is_valid() else 0
        ).first()
        if entry is None:
            messages.error(request, _("Choose a mentor or tutor from the list."))
        else:
            try:
                pair = services.propose_pair(by=request.acting, protege=judge, entry=entry)
            except Refused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request, _("The pair was proposed; both judges are asked to consent (§4.1).")
                )
                return redirect("pair_detail", pk=pair.pk)
    role = request.GET.get("role") if request.GET.get("role") in RosterRole.values else None
    return render(
        request,
        "programs/pair_new.html",
        {
            "protege": judge,
            "grounds": judge.protege_grounds(),
            "participation": services.live_participation(judge),
            "role": role,
            "roles": RosterRole.choices,
            "candidates": queries.pair_candidates(judge, role),
        },
    )


def _pair_filters(request: OfficeRequest) -> tuple[QuerySet[Pair], dict[str, Any]]:

    qs = queries.pairs_visible_to(request.user, request.office)
    status = request.GET.get("status", "")
    role = request.GET.get("role", "")
    q = request.GET.get("q", "").strip()
    if status in PairStatus.values:
        qs = qs.filter(status=status)
    figure = request.GET.get("figure", "")
    figures = queries.pair_figure_filters(timezone.localdate())
    if figure in figures:  # a dashboard figure's rows (reports.queries.key_figures)
        qs = qs.filter(figures[figure])
    else:
        figure = ""
    if role in RosterRole.values:
        qs = qs.filter(role=role)
    if q:
        qs = qs.filter(
            Q(protege__last_name__icontains=q)
            | Q(mentor__last_name__icontains=q)
            | Q(protege__last_name__icontains=fold(q))
        )
    return qs, {
        "status": status,
        "role": role,
        "q": q,
        "figure": figure,
        "statuses": PairStatus.choices,
        "roles": RosterRole.choices,
    }


@login_required
def pair_list(request) -> HttpResponseBase:

    _require(request, "programs.list_pairs")
    qs, filters = _pair_filters(request)
    page: Page[Any] = Paginator(qs, 50).get_page(request.GET.get("page"))
    # the page's rows as values; the count stays the plain one (no joins)
    page.object_list = queries.register_rows(cast(QuerySet[Pair], page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programs/pair_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            # one reverse() for the page, not one a row (#16)
            "pair_url": address_prefix("pair_detail"),
            **filters,
        },
    )


@login_required
def pair_export(request) -> HttpResponseBase:
    """The register of pairs (§12) as an XLSX workbook, with the same filters."""

    _require(request, "programs.list_pairs")
    qs, _filters = _pair_filters(request)
    access_log.record(request, AccessHow.EXPORTED, what="programs.register_of_pairs")
    # streamed from a temporary file, in bounded memory (#16)
    return FileResponse(
        exports.register_workbook(qs),
        as_attachment=True,
        filename="register-of-pairs.xlsx",
        content_type=exports.XLSX,
    )


@login_required
def pair_detail(request, pk: int) -> HttpResponseBase:
    pair = _pair(request, pk)
    user = request.user
    side = pair.side_of(user)
    can_feedback = allowed(request.acting, "programs.view_feedback", pair)
    participation = pair.participation
    assert participation is not None  # a check constraint
    episodes = list(
        visibility.pairs(user, request.office)
        .filter(participation=participation)
        .select_related("mentor")
        .order_by("proposed_at", "id")
    )
    extensions = list(participation.extensions.select_related("document", "signatory"))
    plan_status = queries.plan_status(pair)
    report_statuses = (
        list(
            Report.objects.filter(pair=pair)
            .exclude(status=ReportStatus.DRAFT)
            .order_by("created_at")
        )
        if allowed(request.acting, "programs.see_report_statuses", pair.region)
        else None
    )
    reports = list(
        visibility.reports(user, request.office).filter(pair=pair).select_related("author")
    )
    finalisation = getattr(pair, "finalisation", None) if pair.status in PairStatus.FINAL else None
    return render(
        request,
        "programs/pair_detail.html",
        {
            "pair": pair,
            "side": side,
            # §4.2, #12: the journal opens with the accounts bound to the pair
            "journal_side": pair.journal_side(user),
            "awaiting_my_answer": pair.status == "proposed"
            and (
                (side == "protege" and pair.protege_consent == "pending")
                or (side == "mentor" and pair.mentor_consent == "pending")
            ),
            "can_register": pair.status == "consented"
            and allowed(request.acting, "programs.register_pair", pair.region),
            "can_withdraw": pair.status in ("proposed", "consented")
            and allowed(request.acting, "programs.propose_pair", pair.region),
            "can_extend": pair.status == "active"
            and allowed(request.acting, "programs.extend_term", pair.region),
            # §1.6: three years from the start of the programme (its first pair)
            "longest_end": regulation.longest_term_end(participation.term_starts_on)
            if participation.term_starts_on
            else None,
            "extension_form": ExtensionForm(),
            # §5: the orders extending the programme, whichever pair they were issued from
            "extensions": extensions,
            "feedback": pair.feedback.all() if can_feedback else None,
            # §16.3: once a month: not offered again after this month's feedback
            "feedback_form": FeedbackForm()
            if side == "protege"
            and pair.status == "active"
            and not pair.feedback.filter(period=timezone.localdate().replace(day=1)).exists()
            else None,
            "plan_status": plan_status,
            # pictures: the participation's steps, the term run and the plan fulfilled
            "timeline": pictures.pair_timeline(
                pair,
                participation,
                extensions,
                report_statuses if report_statuses is not None else reports,
                finalisation,
                episodes,
            ),
            "term_bar": pictures.term_bar(pair, participation),
            "plan_bar": pictures.plan_bar(plan_status["in_force"]),
            "participation": participation,
            # §10.5: the coordinator monitors: statuses of the reports, never their text
            "report_statuses": report_statuses,
            "episodes": episodes,
            "can_withdraw_consent": side is not None
            and pair.status in (PairStatus.PROPOSED, PairStatus.CONSENTED),
            "reports": reports,
            # §16.8: the final report comes "after the programme ends" too
            "can_report": side is not None and pair.status in PairStatus.REGISTERED,
            "petitions": _petitions_for(request, pair, side),
            "petition_form": PetitionForm(side=side) if side and pair.status == "active" else None,
            "finalisation": finalisation,
        },
    )


def _petitions_for(request: OfficeRequest, pair: Pair, side: str | None) -> list[Petition] | None:
    """The pair's petitions for its judges and the branch council; the reasons
    (e.g. for replacing the mentor, §16.4) only for their author and the council."""
    petitions = list(
        visibility.petitions(request.user, request.office).filter(pair=pair).select_related("pair")
    )
    if (
        not petitions
        and not side
        and not allowed(request.acting, "programs.keep_protocols", pair.region)
    ):
        return None
    for p in petitions:
        p.show_reasons = visibility.petition_reasons_shown(request.user, request.office, p)  # type: ignore[attr-defined]  # for the template
    return petitions


@login_required
@require_POST
def pair_answer(request, pk: int) -> HttpResponseBase:
    accept = request.POST.get("answer") == "accept"
    return _post_action(
        request,
        pk,
        lambda p: services.answer_pair(by=request.acting, pair=p, accept=accept),
        _("Thank you: your answer was recorded.")
        if accept
        else _("You declined; the pair will not be formed (§4.1)."),
        perm="member",
    )


@login_required
@require_POST
def pair_register(request, pk: int) -> HttpResponseBase:
    return _post_action(
        request,
        pk,
        lambda p: services.register_pair(by=request.acting, pair=p),
        _(
            "The pair was entered in the register (§12); it runs within the term of the "
            "protégé's programme (§5)."
        ),
        perm="programs.register_pair",
    )


@login_required
@require_POST
def pair_withdraw(request, pk: int) -> HttpResponseBase:
    return _post_action(
        request,
        pk,
        lambda p: services.withdraw_pair(by=request.acting, pair=p),
        _("The proposal was withdrawn."),
        perm="programs.propose_pair",
    )


@login_required
@require_POST
def pair_withdraw_consent(request, pk: int) -> HttpResponseBase:
    return _post_action(
        request,
        pk,
        lambda p: services.withdraw_consent(by=request.acting, pair=p),
        _("You withdrew your consent; the pair will not be registered (§4.1)."),
        perm="member",
    )
