"""Regions, courts, judges and their careers, the Union of Judges, Training
Centres, HR offices, and who holds which office (with its scope)."""

from __future__ import annotations

import datetime as dt

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorship.i18n import TranslatedNameMixin

from . import rules as court_rules
from .collation import by_name
from .iin import validate_iin


class Region(TranslatedNameMixin):
    slug = models.SlugField(_("code"), unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name_en"]


class CourtLevel(models.TextChoices):
    REGIONAL = "regional", _("regional-level court")
    DISTRICT = "district", _("district-level court")


class CourtKind(models.TextChoices):
    OBLAST = "oblast", _("oblast court")
    CITY_REPUBLICAN = "city_republican", _("city court of republican significance")
    DISTRICT = "district", _("district court")
    CITY = "city", _("city court")
    CITY_NO2 = "city_no2", _("city court No. 2")
    INTERDISTRICT_CIVIL = "interdistrict_civil", _("inter-district civil court")
    INTERDISTRICT_CRIMINAL = "interdistrict_criminal", _("inter-district criminal court")
    ECONOMIC = "economic", _("specialised inter-district economic court")
    ADMINISTRATIVE = "administrative", _("specialised inter-district administrative court")
    JUVENILE = "juvenile", _("specialised inter-district juvenile court")
    CRIMINAL = "criminal", _("specialised inter-district criminal court")
    MILITARY = "military", _("garrison military court")


@pghistory.track()
class Court(TranslatedNameMixin):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="courts", verbose_name=_("region")
    )
    level = models.CharField(_("level"), max_length=20, choices=CourtLevel.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=CourtKind.choices)
    is_small = models.BooleanField(
        _("small court"),
        default=False,
        help_text=_("Small courts may entrust tutoring to their chair (§9, §11)."),
    )
    # the place of issue printed under the court's orders («Көкшетау қ.», «г. Кокшетау»)
    seat_kk = models.CharField(_("seat (Kazakh)"), max_length=100, blank=True)
    seat_ru = models.CharField(_("seat (Russian)"), max_length=100, blank=True)
    seat_en = models.CharField(_("seat (English)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["region__name_en", "-level", "name_en"]
        constraints = [
            # one regional-level court per region
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(level="regional"),
                name="one_regional_court_per_region",
            ),
        ]

    @property
    def is_regional(self) -> bool:
        return self.level == CourtLevel.REGIONAL


class Specialisation(models.TextChoices):
    CIVIL = "civil", _("civil cases")
    CRIMINAL = "criminal", _("criminal cases")
    ADMINISTRATIVE = "administrative", _("administrative (public-law) disputes")
    ADMIN_OFFENCES = "admin_offences", _("administrative offences")
    ECONOMIC = "economic", _("economic cases")
    JUVENILE = "juvenile", _("juvenile cases")
    INVESTIGATING = "investigating", _("investigating judge")
    MILITARY = "military", _("military cases")
    GENERAL = "general", _("general jurisdiction")


class Position(models.TextChoices):
    JUDGE = "judge", _("judge")
    CHAIR = "chair", _("court chair")
    COLLEGIUM_CHAIR = "collegium_chair", _("chair of a court collegium")


class JudgeStatus(models.TextChoices):
    SERVING = "serving", _("serving")
    CHILDCARE = "childcare", _("on childcare leave")
    RETIRED = "retired", _("retired")


# the IIN stays out of the audit copies (personal data, shown to HR only)
@pghistory.track(exclude=["iin"])
class Judge(models.Model):
    last_name = models.CharField(_("surname"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        related_name="judges",
        verbose_name=_("court"),
        help_text=_("For a retired judge: the last court served."),
    )
    position = models.CharField(
        _("position"), max_length=20, choices=Position.choices, default=Position.JUDGE
    )
    specialisation = models.CharField(
        _("specialisation"), max_length=20, choices=Specialisation.choices
    )
    status = models.CharField(
        _("status"), max_length=20, choices=JudgeStatus.choices, default=JudgeStatus.SERVING
    )
    email = models.EmailField(_("e-mail"), blank=True)
    # matched against SERIALNUMBER=IIN… of an ЭЦП certificate (mentorship/ecp.py)
    iin = models.CharField(
        _("IIN"), max_length=12, blank=True, validators=[validate_iin], help_text=_("optional")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="judge",
        verbose_name=_("user account"),
    )

    class Meta:
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        ordering = by_name()  # the Kazakh alphabet (courts.collation)
        indexes = [models.Index(fields=["court", "status"])]
        constraints = [
            # one person, one IIN: the import matches judges by it
            models.UniqueConstraint(fields=["iin"], condition=~Q(iin=""), name="judge_iin_unique"),
        ]
        triggers = [
            # #12: an account, once linked by the judge's enrolment, stays the
            # judge's: no re-link or unlink, whoever edits the database (the
            # break-glass superuser deactivates an account, never moves it)
            pgtrigger.Protect(
                name="account_is_linked_once",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__user__isnull=False)
                & pgtrigger.Q(old__user__df=pgtrigger.F("new__user")),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    # Derived facts. They read career_events, which list pages prefetch.
    def career(self) -> list[court_rules.Event]:
        return [court_rules.Event(e.kind, e.date) for e in self.career_events.all()]

    def years_in_office(self, on: dt.date | None = None) -> int:
        return court_rules.years_in_office(self.career(), on or timezone.localdate())

    def quality_flag_since(self) -> dt.date | None:
        """The date of the court chair's standing quality flag, if any
        (reads quality_flags, which list pages prefetch)."""
        dates = [f.flagged_on for f in self.quality_flags.all() if f.lifted_on is None]
        return min(dates) if dates else None

    def protege_grounds(self, on: dt.date | None = None) -> list[court_rules.Ground]:
        return court_rules.protege_grounds(
            self.career(),
            on or timezone.localdate(),
            retired=self.status == JudgeStatus.RETIRED,
            quality_flag_since=self.quality_flag_since(),
            other_window_months=settings.OTHER_GROUND_WINDOW_MONTHS,
        )


class CareerEventKind(models.TextChoices):
    FIRST_APPOINTMENT = "first_appointment", _("first appointment as a judge")
    TRANSFER_COURT = "transfer_court", _("transfer to another court of the region")
    TRANSFER_REGION = "transfer_region", _("transfer to another region")
    SPECIALISATION_CHANGE = "specialisation_change", _("change of specialisation")
    CHILDCARE_START = "childcare_start", _("childcare leave began")
    CHILDCARE_END = "childcare_end", _("return from childcare leave")
    RETIREMENT = "retirement", _("retirement")


@pghistory.track()
class CareerEvent(models.Model):
    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="career_events", verbose_name=_("judge")
    )
    kind = models.CharField(_("event"), max_length=30, choices=CareerEventKind.choices)
    date = models.DateField(_("date"))
    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("court after the event"),
    )
    specialisation = models.CharField(
        _("specialisation after the event"),
        max_length=20,
        choices=Specialisation.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("career event")
        verbose_name_plural = _("career events")
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["judge"],
                condition=Q(kind="first_appointment"),
                name="one_first_appointment_per_judge",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"


@pghistory.track(exclude=["reasons"])  # the chair's reasons stay out of the audit trail
class QualityFlag(models.Model):
    """Preamble, §1.4: the chair of a judge's court flags that the judge needs
    help to improve the quality of justice; the flag stands until lifted."""

    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="quality_flags", verbose_name=_("judge")
    )
    reasons = models.TextField(_("reasons"))
    flagged_on = models.DateField(_("flagged on"))
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("quality flag")
        verbose_name_plural = _("quality flags")
        ordering = ["-flagged_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["judge"],
                condition=Q(lifted_on__isnull=True),
                name="one_standing_quality_flag_per_judge",
            ),
            models.CheckConstraint(
                name="quality_flag_lifted_after_flagged",
                condition=Q(lifted_on__isnull=True) | Q(lifted_on__gte=models.F("flagged_on")),
            ),
        ]


class UnionBodyKind(models.TextChoices):
    CENTRAL_COUNCIL = "central", _("Central Council of the Union of Judges")
    BRANCH = "branch", _("branch of the Union of Judges")


class UnionBody(TranslatedNameMixin):
    """The Union of Judges: its Central Council and one branch per region (§7, §9)."""

    kind = models.CharField(_("kind"), max_length=10, choices=UnionBodyKind.choices)
    region = models.OneToOneField(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="union_branch",
        verbose_name=_("region"),
    )

    class Meta:
        verbose_name = _("body of the Union of Judges")
        verbose_name_plural = _("bodies of the Union of Judges")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="central", region__isnull=True) | Q(kind="branch", region__isnull=False)
                ),
                name="union_branch_has_region",
            ),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="central"), name="one_central_council"
            ),
        ]


class TrainingCentre(TranslatedNameMixin):
    """The Training Centre of a regional court (§1.5)."""

    court = models.OneToOneField(
        Court,
        on_delete=models.PROTECT,
        related_name="training_centre",
        limit_choices_to={"level": CourtLevel.REGIONAL},
        verbose_name=_("regional court"),
    )

    class Meta:
        verbose_name = _("Training Centre")
        verbose_name_plural = _("Training Centres")


class HROffice(TranslatedNameMixin):
    """The HR service of a court, keeper of judges' personal files (§14)."""

    court = models.OneToOneField(
        Court, on_delete=models.PROTECT, related_name="hr_office", verbose_name=_("court")
    )

    class Meta:
        verbose_name = _("HR office")
        verbose_name_plural = _("HR offices")


class Office(models.TextChoices):
    REGIONAL_CHAIR = "regional_chair", _("regional court chair")
    COURT_CHAIR = "court_chair", _("court chair")
    COORDINATOR = "coordinator", _("coordinator of mentorship")
    BRANCH_COUNCIL = "branch_council", _("branch council")
    TRAINING_CENTRE = "training_centre", _("Training Centre")
    HR_OFFICER = "hr_officer", _("HR officer")
    CENTRAL_COUNCIL = "central_council", _("Central Council")
    UNION_CHAIR = "union_chair", _("Chair of the Union of Judges")
    ADMINISTRATOR = "administrator", _("administrator")
    # reads the access log of personal data (who viewed or exported what);
    # no scope over courts, judges or pairs
    DATA_PROTECTION = "data_protection", _("data protection officer")


REGION_OFFICES = (
    Office.REGIONAL_CHAIR,
    Office.COORDINATOR,
    Office.BRANCH_COUNCIL,
    Office.TRAINING_CENTRE,
)
COURT_OFFICES = (Office.COURT_CHAIR, Office.HR_OFFICER)
NATIONAL_OFFICES = (Office.CENTRAL_COUNCIL, Office.UNION_CHAIR, Office.ADMINISTRATOR)


class OfficeAssignmentQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None):
        """Offices in force on `on`: in their period and not awaiting approval."""
        on = on or timezone.localdate()
        return self.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on, pending_approval=False
        )


@pghistory.track()
class OfficeAssignment(models.Model):
    """A user holds an office with a scope (a court, a region, or the nation) for a period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="offices",
        verbose_name=_("user"),
    )
    office = models.CharField(_("office"), max_length=30, choices=Office.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("court"),
    )
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("basis"), max_length=300, blank=True)
    # #12.4: an office granted in the admin takes effect once a second
    # administrator approves it (a designation by the council's decision, §9,
    # is the act itself and needs none)
    pending_approval = models.BooleanField(_("awaiting a second administrator"), default=False)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("recorded by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("approved by"),
    )

    objects = OfficeAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("office held")
        verbose_name_plural = _("offices held")
        ordering = ["user", "office"]
        constraints = [
            models.CheckConstraint(
                name="office_scope_matches_office",
                condition=(
                    Q(
                        office__in=[o.value for o in REGION_OFFICES],
                        region__isnull=False,
                        court__isnull=True,
                    )
                    | Q(
                        office__in=[o.value for o in COURT_OFFICES],
                        court__isnull=False,
                        region__isnull=True,
                    )
                    | Q(
                        office__in=[*(o.value for o in NATIONAL_OFFICES), Office.DATA_PROTECTION],
                        court__isnull=True,
                        region__isnull=True,
                    )
                ),
            ),
            models.CheckConstraint(
                name="office_period_ordered",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
            ),
            # two people: who records a grant never approves it
            models.CheckConstraint(
                name="office_grant_approved_by_another",
                condition=Q(approved_by__isnull=True)
                | Q(granted_by__isnull=True)
                | ~Q(approved_by=models.F("granted_by")),
            ),
        ]

    def __str__(self) -> str:
        scope = self.court or self.region
        label = self.get_office_display()
        return f"{label} — {scope}" if scope else str(label)

    @property
    def scope_region_id(self) -> int | None:
        if self.region_id:
            return self.region_id
        court = self.court if self.court_id else None
        return court.region_id if court is not None else None


class EnrolmentCode(models.Model):
    """#12.2: the one way a judge's record gets an account. The HR service of
    the judge's court issues a one-time code and hands it over in person; the
    judge enters it with a username and password of their own choosing. Only
    a keyed digest is stored, the code is shown once; it expires and is used
    once. Nobody else — the administrator included — links an account."""

    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="enrolment_codes", verbose_name=_("judge")
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    issued_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(editable=False)
    used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("enrolment code")
        verbose_name_plural = _("enrolment codes")
        constraints = [
            # a new code replaces the open one: one code in circulation per judge
            models.UniqueConstraint(
                fields=["judge"], condition=Q(used_at__isnull=True), name="one_open_enrolment_code"
            ),
            models.CheckConstraint(
                name="enrolment_code_expires_after_issue",
                condition=Q(expires_at__gt=models.F("issued_at")),
            ),
        ]


class SecondFactorReset(models.Model):
    """#12.5: a second factor lost (a phone gone): one administrator records
    the request with its basis, another approves it; only then are the
    account's authenticator and recovery codes removed, and the person enrols
    a new app at the next sign-in — with their own password, which nobody
    else holds. Kept for good (no delete; once approved, no change)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("account"),
    )
    reason = models.CharField(
        _("basis"),
        max_length=300,
        help_text=_("How the person asked, e.g. a signed letter and its number."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("recorded by"),
    )
    requested_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("second-factor reset")
        verbose_name_plural = _("second-factor resets")
        ordering = ["-requested_at"]
        constraints = [
            # three people: the person, who records, who approves
            models.CheckConstraint(
                name="reset_recorded_by_another",
                condition=~Q(requested_by=models.F("user")),
            ),
            models.CheckConstraint(
                name="reset_approved_by_a_third",
                condition=Q(approved_by__isnull=True)
                | (~Q(approved_by=models.F("requested_by")) & ~Q(approved_by=models.F("user"))),
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="reset_is_kept", operation=pgtrigger.Delete),
            pgtrigger.Protect(
                name="approved_reset_is_final",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__approved_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class ImportState(models.TextChoices):
    PENDING = "pending", _("waiting for the worker")
    RUNNING = "running", _("being checked and imported")
    DONE = "done", _("finished")
    FAILED = "failed", _("failed")


class ImportJob(models.Model):
    """#16: an uploaded reference file, checked and imported by the worker
    (courts.tasks.run_import) rather than inside the request; the page polls
    its state. The file is dropped once it has been read."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    name = models.CharField(max_length=200)
    content = models.BinaryField(editable=False)
    dry_run = models.BooleanField(default=True)
    language = models.CharField(max_length=8, default="kk")
    state = models.CharField(
        max_length=10, choices=ImportState.choices, default=ImportState.PENDING
    )
    result = models.JSONField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
