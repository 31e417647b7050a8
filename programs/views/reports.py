"""§13, §16.8: written reports and their attachments."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from mentorship.permissions import allowed

from .. import regulation, services, visibility
from ..forms import (
    AttachmentForm,
    ReportForm,
)
from ..models import (
    Attachment,
)
from ._common import _pair, _require, invalid, run_service, visible_or_404

# --- §13, §16.8 written reports -----------------------------------------------------

def _report(request, pk: int):
    return visible_or_404(request, visibility.reports, pk, "pair__region",
                          "pair__protege__court", "pair__mentor__court", "author", "decided_by")


@login_required
@require_POST
def report_start(request, pk: int):
    pair = _pair(request, pk)
    _require(request, "programs.write_report", pair)
    return run_service(request, lambda: services.start_report(request.user, pair), success=None,
                       redirect_to=lambda report: ("report_detail", report.pk),
                       refused=lambda: redirect("pair_detail", pk=pk))


# translated when the message is shown (gettext_lazy), in the page's language
REPORT_MESSAGES = {
    "save": _("The draft was saved."),
    "submit": _("The report was submitted (§13)."),
    "upload": _("The file was attached."),
    "accept": _("The report was accepted (§13)."),
    "return": _("The report was returned to its author with your comment."),
    "revise": _("A revision was opened as a new draft."),
}


def _page(request, report, form=None, upload_form=None):
    is_author = report.author_id == request.user.pk
    form = form or ReportForm(initial={
        "addressee": report.addressee, "work_done": report.work_done,
        "knowledge_gained": report.knowledge_gained, "effectiveness": report.effectiveness,
        "proposals": report.proposals})
    return render(request, "programs/report_detail.html", {
        "report": report, "is_author": is_author, "form": form,
        "upload_form": upload_form or AttachmentForm(),
        "editable": is_author and report.status == "draft",
        "can_decide": report.status == "submitted" and allowed(
            request.user, "programs.decide_report", report),
        "attachments": report.attachments.all(),
        "required": regulation.REPORT_REQUIRED[report.kind],
        "upload_mb": settings.UPLOAD_MAX_BYTES // 2**20})


@login_required
def report_detail(request, pk: int):
    return _page(request, _report(request, pk))


def _authored(request, pk: int):
    """The report, if visible (else 404) and written by the user (else 403)."""
    report = _report(request, pk)
    if report.author_id != request.user.pk:
        raise PermissionDenied(_("Your office does not give access to this page."))
    return report


def _run(request, report, action: str, call, **forms):
    return run_service(request, call, success=REPORT_MESSAGES[action],
                       redirect_to=("report_detail", report.pk),
                       refused=lambda: _page(request, report, **forms))


def _save(request, pk: int, action: str):
    report = _authored(request, pk)
    form = ReportForm(request.POST)

    def call():
        invalid(form, _("Check the fields of the report."))
        services.save_report(by=request.user, report=report, **form.cleaned_data)
        if action == "submit":
            services.submit_report(by=request.user, report=report)

    return _run(request, report, action, call, form=form)


TEXTS = ("work_done", "knowledge_gained", "effectiveness", "proposals")


@login_required
@require_POST
@sensitive_post_parameters(*TEXTS)
def report_save(request, pk: int):
    return _save(request, pk, "save")


@login_required
@require_POST
@sensitive_post_parameters(*TEXTS)
def report_submit(request, pk: int):
    return _save(request, pk, "submit")


@login_required
@require_POST
def report_upload(request, pk: int):
    report = _authored(request, pk)
    upload_form = AttachmentForm(request.POST, request.FILES)

    def call():
        invalid(upload_form, _("Choose a PDF or DOCX file."))
        services.add_attachment(by=request.user, report=report,
                                uploaded=upload_form.cleaned_data["file"])

    return _run(request, report, "upload", call, upload_form=upload_form)


def _decide(request, pk: int, accept: bool):
    report = _report(request, pk)
    _require(request, "programs.decide_report", report)
    return _run(request, report, "accept" if accept else "return",
                lambda: services.decide_report(by=request.user, report=report, accept=accept,
                                               comment=request.POST.get("comment", "")))


@login_required
@require_POST
def report_accept(request, pk: int):
    return _decide(request, pk, accept=True)


@login_required
@require_POST
def report_return(request, pk: int):
    return _decide(request, pk, accept=False)


@login_required
@require_POST
def report_revise(request, pk: int):
    report = _authored(request, pk)
    return run_service(request, lambda: services.revise_report(by=request.user, report=report),
                       success=REPORT_MESSAGES["revise"],
                       redirect_to=lambda revision: ("report_detail", revision.pk),
                       refused=lambda: _page(request, report))


@login_required
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.filter(
        report__in=visibility.reports(request.user, request.office)), pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True,
                        filename=f"report-{attachment.report_id}-{attachment.pk}"
                                 f"{attachment.extension}",
                        content_type=attachment.content_type)
