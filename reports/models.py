"""Annual analysis (§17–19): generated reports, the branches' reward
nominations, the Central Council's recommendations and the Union chair's
report to the Coordination Council on Judicial Education."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courts.models import Judge, Region
from mentorship.models import Document


class ReportState(models.TextChoices):
    PENDING = "pending", _("waiting for the worker")
    RUNNING = "running", _("being prepared")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class AnnualReport(models.Model):
    """§17 (a region) or §18–19 (the whole country, region empty) for a year."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    state = models.CharField(
        max_length=10, choices=ReportState.choices, default=ReportState.PENDING
    )
    progress = models.PositiveSmallIntegerField(default=0)
    scheduled = models.BooleanField(default=False)
    # the language of the PDF and the workbook (kk or ru), chosen as for orders
    language = models.CharField(_("language"), max_length=5, default="kk")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    xlsx = models.BinaryField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    # a later report of the same scope, period and language replaces this one
    # in the list once it is done; this one stays readable by its address
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-period_start", "-created_at"]
        constraints = [
            # the yearly job makes one report per scope and period
            models.UniqueConstraint(
                fields=["region", "period_start"],
                condition=Q(scheduled=True),
                name="one_scheduled_report_per_scope_and_period",
                nulls_distinct=False,
            ),
            models.CheckConstraint(name="report_progress_0_to_100", condition=Q(progress__lte=100)),
        ]


class Nomination(models.Model):
    """§17: a branch council proposes a mentor or tutor for a reward."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    judge = models.ForeignKey(
        Judge, on_delete=models.PROTECT, related_name="+", verbose_name=_("mentor or tutor")
    )
    reasons = models.TextField(_("reasons"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # §18: the Central Council's decision on the proposed reward
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        blank=True,
        choices=[("rewarded", _("rewarded")), ("not_rewarded", _("not rewarded"))],
    )
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "judge"], name="nominated_once_a_year"
            )
        ]


class Recommendation(models.Model):
    """§18: the Central Council's recommendations on mentorship for the year;
    §19: the Chair of the Union's report text (kind "chair_report")."""

    KINDS = [
        ("recommendation", _("recommendation of the Central Council (§18)")),
        ("chair_report", _("report of the Chair of the Union (§19)")),
        ("branch_proposal", _("proposal of a branch to improve the mentorship (§17)")),
    ]
    kind = models.CharField(max_length=20, choices=KINDS, default="recommendation")
    # a branch proposal: the region it comes from (§17)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    text = models.TextField(_("text"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "id"]
