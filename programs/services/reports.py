"""§13, §16.8: written reports and their attachments."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from courts.offices import office_holders
from mentorship.errors import Refused
from mentorship.notifications import notify
from mentorship.permissions import Actor, refuse_unless, user_of
from mentorship.uploads import check_count, check_upload

from .. import regulation
from ..lifecycle import move
from ..models import (
    REPORT_TEXT_FIELDS,
    Addressee,
    Attachment,
    Pair,
    PairStatus,
    Report,
    ReportStatus,
)
from ._common import _lock_pair

# --- §13, §16.8 written reports ---------------------------------------------------


def _lock_report(report: Report) -> Report:

    return (
        Report.objects.select_for_update(no_key=True, of=("self",))
        .select_related("pair__region", "pair__protege__court", "pair__mentor")
        .get(pk=report.pk)
    )


# §16.8: the final report also comes after the programme has ended
REPORTABLE = tuple(PairStatus.REGISTERED)


def _report_kind(side: str) -> str:
    return "final" if side == "protege" else "mentor"


@transaction.atomic
def start_report(by: Actor, pair: Pair) -> Report:
    """§13, §16.8: either side of an active pair (or one whose term has run)
    opens its written report as a draft; an open report is returned as is."""

    pair = _lock_pair(pair)
    side = pair.side_of(by)
    if side is None:
        raise Refused(regulation.MENTOR_TUTOR_PROTEGE_WRITE_REPORTS)
    if pair.registered_on is None or pair.status not in REPORTABLE:
        raise Refused(regulation.REPORTS_WRITTEN_REGISTERED_PAIR)
    kind = _report_kind(side)
    existing = Report.objects.filter(
        pair=pair, kind=kind, status__in=["draft", "submitted", "accepted"]
    ).first()
    if existing:
        return existing
    returned = (
        Report.objects.filter(
            pair=pair, kind=kind, status="returned", author=user_of(by), revision__isnull=True
        )
        .order_by("-created_at")
        .first()
    )
    if returned:  # a returned report is continued as its revision
        return revise_report(by=by, report=returned)
    return Report.objects.create(pair=pair, kind=kind, author=user_of(by))


@transaction.atomic
def save_report(*, by: Actor, report: Report, addressee: str, **texts) -> Report:

    report = _lock_report(report)
    if report.author_id != by.pk:
        raise Refused(regulation.AUTHOR_EDITS_REPORT)
    if report.status != "draft":
        raise Refused(regulation.SUBMITTED_REPORT_EDITED_REVISED_AFTER)
    if addressee not in Addressee.values:
        raise Refused(regulation.CHOOSE_BRANCH_COUNCIL_TRAINING_CENTRE)
    report.addressee = addressee
    for name in REPORT_TEXT_FIELDS:
        if name in texts:
            setattr(report, name, (texts[name] or "").strip())
    report.save()
    return report


@transaction.atomic
def submit_report(*, by: Actor, report: Report) -> Report:
    """§13: the report goes to the branch council or the Training Centre."""

    report = _lock_report(report)
    if report.author_id != by.pk:
        raise Refused(regulation.AUTHOR_SUBMITS_REPORT)
    if report.status != "draft":
        raise Refused(regulation.REPORT_ALREADY_SUBMITTED)
    reason = regulation.report_submission_refusal(
        report.kind, {f for f in REPORT_TEXT_FIELDS if getattr(report, f).strip()}
    )
    if reason:
        raise Refused(reason)
    move(report, ReportStatus.SUBMITTED)
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at"])
    notify(
        office_holders(report.addressee, region=report.pair.region),
        "report_submitted",
        {
            "name": user_of(by).get_full_name() or user_of(by).username,
            "protege": report.pair.protege.full_name,
        },
        reverse("report_detail", args=[report.pk]),
    )
    return report


@transaction.atomic
def decide_report(*, by: Actor, report: Report, accept: bool, comment: str = "") -> Report:
    """§13: the addressee accepts the report or returns it for revision."""
    report = _lock_report(report)
    refuse_unless(by, "programs.decide_report", report)
    if report.status != "submitted":
        raise Refused(regulation.SUBMITTED_REPORT_ACCEPTED_RETURNED)
    if not accept and not comment.strip():
        raise Refused(regulation.SAY_WHAT_SHOULD_REVISED_WHEN_2)
    move(report, ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED)
    report.decided_at, report.decided_by, report.comment = (
        timezone.now(),
        user_of(by),
        comment.strip(),
    )
    report.save(update_fields=["status", "decided_at", "decided_by", "comment"])
    notify(
        [report.author],
        "report_accepted" if accept else "report_returned",
        {},
        reverse("report_detail", args=[report.pk]),
    )
    return report


@transaction.atomic
def revise_report(*, by: Actor, report: Report) -> Report:
    """A returned report is superseded by a revision: a new draft with the
    same text and attachments; the returned one stays as it was."""

    report = _lock_report(report)
    if report.author_id != by.pk:
        raise Refused(regulation.AUTHOR_REVISES_REPORT)
    if report.status != "returned" or Report.objects.filter(revision_of=report).exists():
        raise Refused(regulation.RETURNED_REPORT_REVISED_ONCE)
    if Report.objects.filter(
        pair=report.pair, kind=report.kind, status__in=["draft", "submitted", "accepted"]
    ).exists():
        raise Refused(regulation.NEWER_VERSION_REPORT_ALREADY_EXISTS)
    revision = Report.objects.create(
        pair=report.pair,
        kind=report.kind,
        author=user_of(by),
        addressee=report.addressee,
        work_done=report.work_done,
        knowledge_gained=report.knowledge_gained,
        effectiveness=report.effectiveness,
        proposals=report.proposals,
        revision_of=report,
    )
    Attachment.objects.bulk_create(
        [
            Attachment(
                report=revision,
                file=a.file.name,
                original_name=a.original_name,
                extension=a.extension,
                content_type=a.content_type,
                size=a.size,
                sha256=a.sha256,
            )
            for a in report.attachments.all()
        ]
    )
    return revision


@transaction.atomic
def add_attachment(*, by: Actor, report: Report, uploaded: UploadedFile) -> Attachment:
    """A PDF or DOCX (type checked by content, size capped), stored under a
    generated name. A refused file leaves nothing stored."""

    report = _lock_report(report)
    if report.author_id != by.pk or report.status != "draft":
        raise Refused(regulation.FILES_ATTACHED_AUTHOR_DRAFT_REPORT)
    check_count(report.attachments.count())
    checked = check_upload(uploaded)
    attachment = Attachment(
        report=report,
        original_name=checked.name,
        extension=checked.extension,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save("upload" + checked.extension, ContentFile(checked.content), save=False)
    path = attachment.file.name  # stored only once the checks have passed
    try:
        attachment.save()
    except Exception:
        if path:
            attachment.file.storage.delete(path)
        raise
    return attachment
