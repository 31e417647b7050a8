"""Requesting and generating the annual report (§17, §19): rendered once in the
worker as a PDF with charts and an XLSX workbook, on demand or by the yearly job."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courts.models import Office, OfficeAssignment, Region
from courts.offices import office_holders
from mentorship.documents import DOCUMENT_LANGUAGES, issue_document
from mentorship.errors import Refused
from mentorship.models import DocumentKind
from mentorship.notifications import notify
from mentorship.officestyle import (
    Signatory,
    branch_council_name,
    central_council_name,
    signatory,
)
from mentorship.permissions import allowed, user_of

from .. import rules
from ..models import AnnualReport, Nomination, Recommendation, ReportState
from .figures import compute_figures
from .workbook import build_workbook

log = logging.getLogger(__name__)

ANNUAL_LOCK = 1317  # pg_advisory_xact_lock class of annual-report requests

# --- requesting and generating ----------------------------------------------------


def _scope_perm(by, region) -> None:
    perm = "reports.request_regional" if region is not None else "reports.request_national"
    if not allowed(by, perm, region):
        raise Refused(_("Your office does not allow this action."))


@transaction.atomic
def request_annual_report(
    *, by, region: Region | None, year: int, kind: str | None = None, language: str = "kk"
):
    """§17 (branch council, Training Centre) or §18–19 (Central Council, Chair
    of the Union): prepared in the worker; the page shows its progress."""

    _scope_perm(by, region)
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise Refused(_("Choose a year up to the current one."))
    start, end = rules.period(kind or settings.REPORT_YEAR, year)
    if start > today:
        raise Refused(_("That reporting year has not begun."))
    # one job in flight per scope and period: a second request (a double click,
    # three tabs) is shown the report already being prepared. The advisory lock
    # serialises concurrent requests for the same scope.

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)",
            [ANNUAL_LOCK, region.pk if region is not None else 0],
        )
    pending = (
        AnnualReport.objects.filter(
            region=region, period_start=start, state__in=[ReportState.PENDING, ReportState.RUNNING]
        )
        .order_by("created_at")
        .first()
    )
    if pending is not None:
        pending.already_in_progress = True  # type: ignore[attr-defined]  # for the page
        return pending
    if language not in DOCUMENT_LANGUAGES:
        language = "kk"
    report = AnnualReport.objects.create(
        region=region,
        period_start=start,
        period_end=end,
        requested_by=user_of(by),
        language=language,
    )
    _enqueue(report.pk)
    return report


def _enqueue(pk: int) -> None:
    from ..tasks import generate_annual_report  # noqa: PLC0415 (tasks import this module)

    transaction.on_commit(lambda: generate_annual_report.delay(pk))


def annual_reports_due(today: dt.date | None = None) -> list[int]:
    """The yearly job: when a reporting year has just ended, one report per
    region and one national (a unique constraint keeps it to one)."""

    today = today or timezone.localdate()
    ended = rules.period_just_ended(settings.REPORT_YEAR, today)
    if ended is None:
        return []
    start, end = ended
    made = []
    for region in [None, *Region.objects.order_by("name_en")]:
        with transaction.atomic():
            report, created = AnnualReport.objects.get_or_create(
                region=region, period_start=start, scheduled=True, defaults={"period_end": end}
            )
            if created:
                _enqueue(report.pk)
                made.append(report.pk)
    return made


def _progress(report, state: str, progress: int) -> None:
    AnnualReport.objects.filter(pk=report.pk).update(state=state, progress=progress)


# a run older than the task's hard time limit has died with its worker
STALE_AFTER = dt.timedelta(seconds=1800)


def generate_annual_report(pk: int, language: str | None = None) -> AnnualReport | None:
    """Compute, render the PDF and the XLSX once, in the document's language
    (the one chosen when it was requested) whatever language is active. Running it again on a done report, or while
    another run is alive, changes nothing (idempotent); a run left behind by a
    dead worker is taken over."""
    with transaction.atomic():
        report = (
            AnnualReport.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("region")
            .filter(pk=pk)
            .first()
        )
        if report is None or report.state == "done":
            return report
        started = report.started_at or report.created_at
        if report.state == "running" and started > timezone.now() - STALE_AFTER:
            return report
        AnnualReport.objects.filter(pk=pk).update(
            state="running", progress=5, started_at=timezone.now()
        )
    language = language or report.language
    if language not in DOCUMENT_LANGUAGES:
        language = "kk"
    with translation.override(language):
        return _generate(report, language)


def _generate(report, language: str) -> AnnualReport:
    pk = report.pk
    try:
        figures = compute_figures(report.region, report.period_start, report.period_end)
        _progress(report, "running", 40)
        context = build_context(report, figures, language)
        with transaction.atomic():
            scope = report.region.slug if report.region else "kz"
            document = issue_document(
                kind=DocumentKind.ANNUAL_REPORT,
                number=f"{rules.period_label(report.period_start, report.period_end)}-{scope}",
                issued_on=timezone.localdate(),
                issuer=context["issuer"],
                signatory=context["signatory"],
                language=language,
                body=f"branch-{report.region.slug}" if report.region else "central",
                issued_by=report.requested_by,
                template="documents/annual_report.html",
                context=context,
            )
            _progress(report, "running", 80)
            xlsx = build_workbook(report, figures, context)
            AnnualReport.objects.filter(pk=report.pk).update(
                state="done",
                progress=100,
                figures=figures,
                document=document,
                xlsx=xlsx,
                finished_at=timezone.now(),
            )
            # requested again: the earlier versions leave the list (one row per
            # scope, period and language), each pointing to this one
            AnnualReport.objects.filter(
                region=report.region,
                period_start=report.period_start,
                language=report.language,
                state__in=["done", "failed"],
                superseded_by__isnull=True,
            ).exclude(pk=report.pk).update(superseded_by=report.pk)
            recipients = [report.requested_by] if report.requested_by else _readers(report)
            notify(
                recipients,
                "annual_report_ready",
                {"scope": context["scope_names"], "period": context["period"]},
                reverse("annual_report_detail", args=[report.pk]),
            )
    except Exception as exc:
        log.exception("annual report %s failed", pk)
        AnnualReport.objects.filter(pk=report.pk).update(state="failed", error=str(exc)[:300])
        raise
    report.refresh_from_db()
    return report


def _readers(report) -> list:

    if report.region is None:
        return office_holders(Office.CENTRAL_COUNCIL) + office_holders(Office.UNION_CHAIR)
    return office_holders(Office.BRANCH_COUNCIL, region=report.region) + office_holders(
        Office.TRAINING_CENTRE, region=report.region
    )


def _signatory(report, language: str) -> Signatory:
    """The requester, by the office they requested in; a report of the yearly
    job is signed by the council's holder (the branch council, or the Chair of
    the Union for the national one)."""
    by = report.requested_by
    if by is not None:
        office = (
            OfficeAssignment.objects.current()
            .filter(
                user=by,
                office__in=(
                    [Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE]
                    if report.region
                    else [Office.UNION_CHAIR, Office.CENTRAL_COUNCIL]
                ),
            )
            .order_by("office")
            .first()
        )
        position = (
            office.office if office else ("branch_council" if report.region else "central_council")
        )
        return signatory(by, position, language)
    holders = (
        office_holders(Office.BRANCH_COUNCIL, region=report.region)
        if report.region
        else office_holders(Office.UNION_CHAIR)
    )
    return signatory(
        holders[0] if holders else None,
        "branch_council" if report.region else "union_chair",
        language,
    )


def build_context(report, figures, language: str = "kk") -> dict:
    region = report.region
    year = report.period_start.year
    scope_names = (
        {"kk": region.name_kk, "ru": region.name_ru, "en": region.name_en}
        if region
        else {
            "kk": "Қазақстан Республикасы",
            "ru": "Республика Казахстан",
            "en": "Republic of Kazakhstan",
        }
    )
    pairs = figures["pairs"]
    bars = [
        (_("formed"), pairs["formed"]),
        (_("active"), pairs["active"]),
        (_("completed"), pairs["completed"]),
        (_("ended early"), pairs["ended_early"]),
        (_("extended"), pairs["extended"]),
        (_("replaced"), pairs["replaced"]),
    ]
    top = max([v for _l, v in bars] + [1])
    items = figures["items"]
    item_bars = [
        (_("on time"), items["on_time"]),
        (_("late"), items["late"]),
        (_("not fulfilled"), items["open"]),
    ]
    top_items = max([v for _l, v in item_bars] + [1])
    return {
        "report": report,
        "figures": figures,
        "region": region,
        "scope_names": scope_names,
        "period": rules.period_label(report.period_start, report.period_end),
        "language": language,
        "scope_name": scope_names.get(language) or scope_names["kk"],
        "issuer": branch_council_name(region, language)
        if region
        else central_council_name(language),
        "signatory": _signatory(report, language),
        "bars": _chart(bars, top),
        "item_bars": _chart(item_bars, top_items),
        "chart_height": 14 * len(bars),
        "item_chart_height": 14 * len(item_bars),
        "criteria": rules.MENTOR_CRITERIA,
        "nominations": list(
            Nomination.objects.filter(region=region, year=year).select_related("judge__court")
        )
        if region
        else list(Nomination.objects.filter(year=year).select_related("judge__court", "region")),
        "recommendations": list(Recommendation.objects.filter(year=year, kind="recommendation"))
        if region is None
        else [],
        "chair_report": list(Recommendation.objects.filter(year=year, kind="chair_report"))
        if region is None
        else [],
        # §17: the branches' proposals to the Central Council and the Training Centre
        "proposals": list(
            Recommendation.objects.filter(year=year, kind="branch_proposal")
            .filter(**({"region": region} if region else {}))
            .select_related("region")
        ),
    }


def _chart(bars, top) -> list[dict]:
    """Horizontal bars for the PDF's SVG chart: 300 px for the largest value."""
    return [
        {
            "label": label,
            "value": v,
            "y": 14 * i,
            "text_y": 14 * i + 10,
            "w": round(300 * v / top),
            "value_x": 224 + round(300 * v / top),
        }
        for i, (label, v) in enumerate(bars)
    ]
