from __future__ import annotations

from typing import Any, cast

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorship import access_log
from mentorship.models import AccessHow
from mentorship.navigation import address_prefix
from mentorship.permissions import allowed, require
from mentorship.types import OfficeRequest

from . import services
from .forms import ImportForm, JudgeFilterForm
from .iin import mask_iin
from .models import ImportJob, Judge
from .queries import courts_visible_to, judge_rows, judges_visible_to, search_judges

PAGE_SIZE = 50
HISTORY_MODELS = {
    "court": "courts.Court",
    "judge": "courts.Judge",
    "careerevent": "courts.CareerEvent",
    "officeassignment": "courts.OfficeAssignment",
}


def _require(request: OfficeRequest, perm: str, obj: object = None) -> None:
    require(request.acting, perm, obj)


@login_required
def court_list(request: OfficeRequest) -> HttpResponseBase:
    _require(request, "courts.list_courts")
    courts = courts_visible_to(request.user, request.office)
    page = Paginator(courts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "courts/court_list.html", {"page": page})


@login_required
def court_detail(request: OfficeRequest, pk: int) -> HttpResponseBase:
    court = get_object_or_404(courts_visible_to(request.user, request.office), pk=pk)
    _require(request, "courts.view_court_page", court)
    judges = judges_visible_to(request.user, request.office).filter(court=court)
    return render(
        request,
        "courts/court_detail.html",
        {"court": court, **_judges_page(request, judges)},
    )


@login_required
def judge_list(request: OfficeRequest) -> HttpResponseBase:
    _require(request, "courts.list_courts")
    form = JudgeFilterForm(request.GET or None)
    judges = judges_visible_to(request.user, request.office)
    if form.is_valid() and form.cleaned_data.get("q"):
        judges = search_judges(judges, form.cleaned_data["q"])
    return render(
        request, "courts/judge_list.html", {"form": form, **_judges_page(request, judges)}
    )


def _judges_page(request: OfficeRequest, judges: QuerySet[Judge]) -> dict[str, Any]:
    """A page of judges (#16): counted plainly, its rows as values."""
    today = timezone.localdate()
    page: Page[Any] = Paginator(judges, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = judge_rows(cast(QuerySet[Judge], page.object_list), today)
    return {
        "page": page,
        "today": today,
        # one reverse() for the page, not one a row
        "judge_url": address_prefix("judge_detail"),
    }


@login_required
def judge_detail(request: OfficeRequest, pk: int) -> HttpResponseBase:
    judge = get_object_or_404(judges_visible_to(request.user, request.office), pk=pk)
    _require(request, "courts.view_judge_page", judge)
    today = timezone.localdate()
    iin_in_full = bool(judge.iin) and allowed(request.acting, "courts.view_iin", judge)
    access_log.record(request, AccessHow.VIEWED, judge, subject=judge)
    if iin_in_full:
        access_log.record(request, AccessHow.IIN_SHOWN, judge, subject=judge)
    return render(
        request,
        "courts/judge_detail.html",
        {
            "judge": judge,
            "iin": judge.iin if iin_in_full else mask_iin(judge.iin),
            "grounds": judge.protege_grounds(today),
            "years": judge.years_in_office(today),
        },
    )


@login_required
def import_reference(request: OfficeRequest) -> HttpResponseBase:
    """The upload; the worker checks and imports it (#16: however long the
    file, the request only stores it) and the job's page shows the result."""
    _require(request, "courts.import_reference")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = services.start_import(
            by=request.user,
            name=upload.name,
            content=upload.read(),
            dry_run=form.cleaned_data["dry_run"],
            language=(request.LANGUAGE_CODE or "kk")[:8],
        )
        return redirect("import_job", pk=job.pk)
    return render(
        request,
        "courts/import.html",
        {
            "form": form,
            "court_columns": services.COURT_COLUMNS,
            "judge_columns": services.JUDGE_COLUMNS,
        },
    )


def _import_summary(result: dict) -> tuple[str, str] | None:
    """(Bootstrap alert level, text) for a finished job's result."""
    if not result or result.get("file_error"):
        return None
    if result.get("errors"):
        return (
            "danger",
            _("Nothing was imported: %(n)d rows are wrong. Correct them and try again.")
            % {"n": len(result["errors"])},
        )
    if result.get("applied"):
        return (
            "success",
            _("Imported %(courts)d courts and %(judges)d judges.")
            % {"courts": result["courts"], "judges": result["judges"]},
        )
    return (
        "info",
        _(
            "The file is correct: %(courts)d courts and %(judges)d "
            "judges can be imported. Untick “dry run” to import."
        )
        % {"courts": result["courts"], "judges": result["judges"]},
    )


@login_required
def import_job(request: OfficeRequest, pk: int) -> HttpResponseBase:
    """One upload's state and result, for the administrator who sent it; the
    page polls while the worker runs."""
    _require(request, "courts.import_reference")
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk, created_by=request.user)
    template = (
        "courts/import_status.html"
        if request.headers.get("HX-Request")
        else "courts/import_job.html"
    )
    return render(
        request,
        template,
        {
            "job": job,
            "result": job.result or {},
            "summary": _import_summary(job.result or {}),
            "court_columns": services.COURT_COLUMNS,
            "judge_columns": services.JUDGE_COLUMNS,
        },
    )


@login_required
def record_history(request: OfficeRequest, model: str, pk: int) -> HttpResponseBase:
    """The audit trail of one reference record, for the administrator."""
    _require(request, "courts.read_history")
    label = HISTORY_MODELS.get(model)
    if label is None:
        raise Http404
    model_class = apps.get_model(label)
    obj = get_object_or_404(model_class, pk=pk)
    events = (
        apps.get_model("pghistory", "Events")
        .objects.tracks(obj)
        .select_related(None)
        .order_by("-pgh_created_at")
    )
    return render(request, "courts/history.html", {"obj": obj, "events": events})
