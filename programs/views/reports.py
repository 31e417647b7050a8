"""§13, §16.8: written reports and their attachments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from courts.models import Judge
from mentorship import access_log
from mentorship.errors import Refused
from mentorship.models import AccessHow
from mentorship.permissions import allowed
from mentorship.types import OfficeRequest

from .. import regulation, services, visibility
from ..forms import (
    AttachmentForm,
    ReportForm,
)
from ..models import (
    REPORT_TEXT_FIELDS,
    Attachment,
    Report,
)
from ._common import _pair, _require, visible_or_404

# --- §13, §16.8 written reports -----------------------------------------------------


def _report(request: OfficeRequest, pk: int) -> Report:
    return visible_or_404(
        request,
        visibility.reports,
        pk,
        "pair__region",
        "pair__protege__court",
        "pair__mentor__court",
        "author",
        "decided_by",
    )


@login_required
@require_POST
def report_start(request, pk: int) -> HttpResponseBase:
    pair = _pair(request, pk)
    _require(request, "programs.write_report", pair)
    try:
        report = services.start_report(request.acting, pair)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("pair_detail", pk=pk)
    return redirect("report_detail", pk=report.pk)


class InvalidReport(Refused):
    """The report form is incomplete: the page is shown again with what was typed."""

    def __init__(
        self, message: str, form: ReportForm, upload_form: AttachmentForm | None = None
    ) -> None:
        super().__init__(message)
        self.form, self.upload_form = form, upload_form


def _report_form(request: OfficeRequest) -> ReportForm:
    form = ReportForm(request.POST)
    if not form.is_valid():
        raise InvalidReport(str(_("Check the fields of the report.")), form)
    return form


def _save(request: OfficeRequest, report: Report) -> None:
    services.save_report(by=request.acting, report=report, **_report_form(request).cleaned_data)


def _submit(request: OfficeRequest, report: Report) -> None:
    _save(request, report)
    services.submit_report(by=request.acting, report=report)


def _upload(request: OfficeRequest, report: Report) -> None:
    """Attach a file; the text typed beside it is saved first, so a second
    action on the page never loses what was written."""
    typed = any(name in request.POST for name in ("addressee", *REPORT_TEXT_FIELDS))
    form = _report_form(request) if typed else None
    upload_form = AttachmentForm(request.POST, request.FILES)
    if not upload_form.is_valid() or not upload_form.cleaned_data.get("file"):
        raise InvalidReport(
            str(_("Choose a PDF or DOCX file.")), form or ReportForm(request.POST), upload_form
        )
    if form is not None:
        services.save_report(by=request.acting, report=report, **form.cleaned_data)
    services.add_attachment(
        by=request.acting, report=report, uploaded=upload_form.cleaned_data["file"]
    )


def _decide(accept: bool) -> Callable[[OfficeRequest, Report], None]:
    def decide(request: OfficeRequest, report: Report) -> None:
        services.decide_report(
            by=request.acting, report=report, accept=accept, comment=request.POST.get("comment", "")
        )

    return decide


def _revise(request: OfficeRequest, report: Report) -> Report:
    return services.revise_report(by=request.acting, report=report)


@dataclass(frozen=True)
class Step:
    call: Callable[[OfficeRequest, Report], Report | None]
    success: Promise


# one URL per transition of a report (§13, §16.8): report_save, report_submit, …;
# messages translated when shown (in the request's language), not at import
REPORT_STEPS: dict[str, Step] = {
    "save": Step(_save, gettext_lazy("The draft was saved.")),
    "submit": Step(_submit, gettext_lazy("The report was submitted (§13).")),
    "upload": Step(_upload, gettext_lazy("The text was saved and the file attached.")),
    "accept": Step(_decide(True), gettext_lazy("The report was accepted (§13).")),
    "return": Step(
        _decide(False), gettext_lazy("The report was returned to its author with your comment.")
    ),
    "revise": Step(_revise, gettext_lazy("A revision was opened as a new draft.")),
}
TYPED_STEPS = ("save", "submit", "upload")
REPORT_MESSAGES = {name: step.success for name, step in REPORT_STEPS.items()}


def _report_page(
    request: OfficeRequest,
    report: Report,
    form: ReportForm | None = None,
    upload_form: AttachmentForm | None = None,
) -> HttpResponseBase:
    is_author = report.author_id == request.user.pk
    form = form or ReportForm(
        initial={
            "addressee": report.addressee,
            "work_done": report.work_done,
            "knowledge_gained": report.knowledge_gained,
            "effectiveness": report.effectiveness,
            "proposals": report.proposals,
        }
    )
    return render(
        request,
        "programs/report_detail.html",
        {
            "report": report,
            "is_author": is_author,
            "form": form,
            "upload_form": upload_form or AttachmentForm(),
            "editable": is_author and report.status == "draft",
            "can_decide": report.status == "submitted"
            and allowed(request.acting, "programs.decide_report", report),
            "attachments": report.attachments.all(),
            "required": regulation.REPORT_REQUIRED[report.kind],
            "upload_mb": settings.UPLOAD_MAX_BYTES // 2**20,
        },
    )


@login_required
def report_detail(request: OfficeRequest, pk: int) -> HttpResponseBase:
    report = _report(request, pk)
    access_log.record(request, AccessHow.VIEWED, report, subject=_author_judge(report))
    return _report_page(request, report)


def _author_judge(report: Report) -> Judge | None:
    return Judge.objects.filter(user_id=report.author_id).first()


@login_required
@require_POST
@sensitive_post_parameters("work_done", "knowledge_gained", "effectiveness", "proposals")
def report_step(request: OfficeRequest, pk: int, step: str) -> HttpResponseBase:
    """One transition of a report (`REPORT_STEPS[step]`); the services check
    who may take it and refuse with the reason, changing nothing."""
    report = _report(request, pk)
    try:
        with transaction.atomic():  # a refused step changes nothing, saved text included
            result = REPORT_STEPS[step].call(request, report)
    except InvalidReport as exc:
        messages.error(request, str(exc))
        return _report_page(request, report, exc.form, exc.upload_form)
    except Refused as exc:
        messages.error(request, str(exc))
        if step in TYPED_STEPS:  # the page again, with what was typed: nothing is lost
            return _report_page(request, report, ReportForm(request.POST))
        return redirect("report_detail", pk=pk)
    messages.success(request, str(REPORT_STEPS[step].success))
    return redirect("report_detail", pk=result.pk if result is not None else pk)


@login_required
def attachment_download(request, pk: int) -> HttpResponseBase:

    attachment = get_object_or_404(
        Attachment.objects.filter(report__in=visibility.reports(request.user, request.office)),
        pk=pk,
    )
    access_log.record(
        request, AccessHow.DOWNLOADED, attachment, subject=_author_judge(attachment.report)
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"report-{attachment.report_id}-{attachment.pk}{attachment.extension}",
        content_type=attachment.content_type,
    )
