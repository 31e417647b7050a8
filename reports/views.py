"""Thin views of the annual analysis (§17–19)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.models import Judge
from mentorship import access_log
from mentorship.documents import pdf_response
from mentorship.errors import Refused
from mentorship.models import AccessHow
from mentorship.permissions import allowed, require
from mentorship.types import OfficeRequest
from programs.models import Pair
from programs.views._common import _int

from . import queries, rules, services
from .forms import NominationForm, RecommendationForm, RequestForm
from .models import AnnualReport, Nomination, Recommendation


def _national(office) -> bool:
    return office is not None and office.office in ("central_council", "union_chair")


@login_required
def annual_list(request: OfficeRequest) -> HttpResponseBase:
    require(request.acting, "reports.list_annual")
    office = request.office
    assert office is not None  # the permission needs an office
    region = None if _national(office) else office.region
    form = RequestForm(request.POST or None)
    if region is not None:  # §19 concerns the national analysis only
        form.fields.pop("without_chair_report")
    if request.method == "POST":
        if (
            form.is_valid()
            and region is None
            and not form.cleaned_data.get("without_chair_report")
            and not Recommendation.objects.filter(
                kind="chair_report", year=form.cleaned_data["year"]
            ).exists()
        ):
            # §19: prompt for the Chair's text rather than print an empty section
            form.add_error(
                None, str(rules.CHAIR_REPORT_MISSING) % {"year": form.cleaned_data["year"]}
            )
        elif form.is_valid():
            try:
                report = services.request_annual_report(
                    by=request.acting,
                    region=region,
                    year=form.cleaned_data["year"],
                    language=form.cleaned_data.get("language") or "kk",
                )
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                if getattr(report, "already_in_progress", False):
                    messages.info(
                        request,
                        _(
                            "A report for this scope and period is already "
                            "being prepared; this page shows its progress."
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "The report is being prepared in the "
                            "background; this page shows its progress."
                        ),
                    )
                return redirect("annual_report_detail", pk=report.pk)
    year = timezone.localdate().year
    context = {
        "reports": queries.annual_reports_visible_to(office).filter(superseded_by__isnull=True),
        "form": form,
        "national": _national(office),
        "region": region,
        "year": year,
        "can_nominate": region is not None and allowed(request.acting, "reports.nominate", region),
        "can_recommend": allowed(request.acting, "reports.recommend"),
        "can_chair_report": allowed(request.acting, "reports.chair_report"),
    }
    if context["can_nominate"]:
        # the mentors of the region's registered pairs, through their roster
        # entries: a select bounded by the roster, not by the pairs (#16)
        mentor_ids = (
            Pair.objects.filter(region=region)
            .exclude(registered_on__isnull=True)
            .values("roster_entry__judge")
        )
        context["mentors"] = Judge.objects.filter(pk__in=mentor_ids).select_related("court")
        context["nominations"] = Nomination.objects.filter(region=region).select_related("judge")
        context["proposals"] = Recommendation.objects.filter(kind="branch_proposal", region=region)
        context["proposal_form"] = RecommendationForm()
    if context["national"]:
        context["recommendations"] = Recommendation.objects.exclude(
            kind="branch_proposal"
        ).select_related("entered_by")
        context["recommendation_form"] = RecommendationForm()
        # §17, §18: the branches' nominations and proposals reach the Central Council
        context["all_nominations"] = Nomination.objects.select_related("judge", "region")[:200]
        context["proposals"] = Recommendation.objects.filter(kind="branch_proposal").select_related(
            "region"
        )[:200]
    return render(request, "reports/annual_list.html", context)


@login_required
def annual_contribution(request: OfficeRequest) -> HttpResponseBase:
    """§17 nominations (branch council), §18 recommendations (Central
    Council), §19 the chair's report (Chair of the Union)."""
    if request.method != "POST":
        return redirect("annual_list")
    require(request.acting, "reports.list_annual")
    office = request.office
    assert office is not None  # the permission needs an office
    what = request.POST.get("what")
    try:
        if what == "nomination":
            form = NominationForm(request.POST)
            if not form.is_valid() or office.region_id is None:
                raise Refused(_("§17: choose the judge and state the reasons."))
            judge = get_object_or_404(Judge, pk=form.cleaned_data["judge"])
            services.nominate(
                by=request.acting,
                region=office.region,
                year=form.cleaned_data["year"],
                judge=judge,
                reasons=form.cleaned_data["reasons"],
            )
        elif what == "proposal":
            text_form = RecommendationForm(request.POST)
            if not text_form.is_valid() or office.region_id is None:
                raise Refused(_("The text is empty."))
            services.propose_improvement(
                by=request.acting,
                region=office.region,
                year=text_form.cleaned_data["year"],
                text=text_form.cleaned_data["text"],
            )
        elif what == "nomination_outcome":
            nomination = get_object_or_404(Nomination, pk=_int(request, "nomination"))
            answer = request.POST.get("outcome")
            if answer not in ("rewarded", "not_rewarded"):
                raise Refused(_("§18: say whether the mentor or tutor was rewarded."))
            services.record_nomination_outcome(
                by=request.acting,
                nomination=nomination,
                rewarded=answer == "rewarded",
                note=request.POST.get("note", "")[:4000],
            )
        elif what in ("recommendation", "chair_report"):
            text_form = RecommendationForm(request.POST)
            if not text_form.is_valid():
                raise Refused(_("The text is empty."))
            services.recommend(
                by=request.acting,
                year=text_form.cleaned_data["year"],
                text=text_form.cleaned_data["text"],
                kind=what,
            )
        else:
            raise Refused(_("Unknown action."))
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved; it will appear in the annual report."))
    return redirect("annual_list")


def _report(request: OfficeRequest, pk: int) -> AnnualReport:
    report = get_object_or_404(
        AnnualReport.objects.select_related("region", "document").defer("xlsx"), pk=pk
    )
    require(request.acting, "reports.view_annual", report)
    return report


@login_required
def annual_report_detail(request: OfficeRequest, pk: int) -> HttpResponseBase:
    report = _report(request, pk)
    template = (
        "reports/annual_status.html"
        if request.headers.get("HX-Request")
        else "reports/annual_detail.html"
    )
    return render(request, template, {"report": report})


@login_required
def annual_report_pdf(request: OfficeRequest, pk: int) -> HttpResponseBase:
    report = _report(request, pk)
    if report.document is None:
        raise Http404
    return pdf_response(report.document, f"annual-report-{report.pk}.pdf")


@login_required
def annual_report_xlsx(request: OfficeRequest, pk: int) -> HttpResponseBase:
    report = _report(request, pk)
    data = AnnualReport.objects.filter(pk=pk).values_list("xlsx", flat=True).first()
    if not data:
        raise Http404
    access_log.record(request, AccessHow.EXPORTED, report)
    response = HttpResponse(
        bytes(data),
        content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )
    response["Content-Disposition"] = f'attachment; filename="annual-report-{report.pk}.xlsx"'
    return response
