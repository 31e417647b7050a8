"""§13, §16.8: written reports and their attachments."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from mentorship.errors import Refused
from mentorship.permissions import allowed

from .. import regulation, services, visibility
from ..forms import (
    AttachmentForm,
    ReportForm,
)
from ..models import (
    Attachment,
)
from ._common import _pair, _require, visible_or_404

# --- §13, §16.8 written reports -----------------------------------------------------


def _report(request, pk: int):
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
def report_start(request, pk: int):
    pair = _pair(request, pk)
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
    report = _report(request, pk)
    is_author = report.author_id == request.user.pk
    form = ReportForm(
        initial={
            "addressee": report.addressee,
            "work_done": report.work_done,
            "knowledge_gained": report.knowledge_gained,
            "effectiveness": report.effectiveness,
            "proposals": report.proposals,
        }
    )
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
                services.add_attachment(
                    by=by, report=report, uploaded=upload_form.cleaned_data["file"]
                )
            elif action in ("accept", "return"):
                services.decide_report(
                    by=by,
                    report=report,
                    accept=action == "accept",
                    comment=request.POST.get("comment", ""),
                )
            else:
                revision = services.revise_report(by=by, report=report)
                messages.success(request, _("A revision was opened as a new draft."))
                return redirect("report_detail", pk=revision.pk)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, str(REPORT_MESSAGES[action]))
            return redirect("report_detail", pk=pk)
    return render(
        request,
        "programs/report_detail.html",
        {
            "report": report,
            "is_author": is_author,
            "form": form,
            "upload_form": upload_form,
            "editable": is_author and report.status == "draft",
            "can_decide": report.status == "submitted"
            and allowed(request.user, "programs.decide_report", report),
            "attachments": report.attachments.all(),
            "required": regulation.REPORT_REQUIRED[report.kind],
            "upload_mb": settings.UPLOAD_MAX_BYTES // 2**20,
        },
    )


# translated when a message is shown (in the request's language), not at import
REPORT_MESSAGES = {
    "save": gettext_lazy("The draft was saved."),
    "submit": gettext_lazy("The report was submitted (§13)."),
    "upload": gettext_lazy("The file was attached."),
    "accept": gettext_lazy("The report was accepted (§13)."),
    "return": gettext_lazy("The report was returned to its author with your comment."),
}


@login_required
def attachment_download(request, pk: int):

    attachment = get_object_or_404(
        Attachment.objects.filter(report__in=visibility.reports(request.user, request.office)),
        pk=pk,
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"report-{attachment.report_id}-{attachment.pk}{attachment.extension}",
        content_type=attachment.content_type,
    )
