"""The programme: coordinators, rosters of mentors and tutors and their orders,
protégés' preferences, orientation seminars, pairs and their terms and orders,
individual plans, the confidential journal and feedback."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import nonmember

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.collation import by_name
from courts.models import Court, Judge, Region
from mentorship.crypto import EncryptedTextField
from mentorship.models import Document


class CoordinatorBasis(models.TextChoices):
    REGIONAL_JUDGE = "regional_judge", _("judge of the regional court")
    RETIRED_JUDGE = "retired_judge", _("retired judge")
    BRANCH_SECRETARY = "branch_secretary", _("secretary of the Union branch")
    TRAINING_COORDINATOR = (
        "training_coordinator",
        _("coordinator of training programmes of the regional court"),
    )
    COLLEGIUM_CHAIR = "collegium_chair", _("chair of a court collegium (small court)")


@pghistory.track()
class CoordinatorDesignation(models.Model):
    """§9: the branch council designates the coordinator of mentorship."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )
    basis = models.CharField(_("basis"), max_length=30, choices=CoordinatorBasis.choices)
    decided_on = models.DateField(_("date of the decision"))
    decision_number = models.CharField(_("decision number"), max_length=40)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    office = models.OneToOneField(
        "courts.OfficeAssignment", on_delete=models.PROTECT, related_name="designation"
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(ended_on__isnull=True),
                name="one_current_coordinator_per_region",
            ),
        ]


class Roster(models.Model):
    """§8: the roster of mentors and tutors of a region."""

    region = models.OneToOneField(Region, on_delete=models.PROTECT, related_name="roster")

    def __str__(self) -> str:
        return str(self.region)


class RosterRole(models.TextChoices):
    MENTOR = "mentor", _("mentor")
    TUTOR = "tutor", _("tutor")


class Consent(models.TextChoices):
    PENDING = "pending", _("awaiting the candidate's answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class CourtOrder(models.Model):
    """What every order of a court has: a number in the court's yearly
    numbering (services.next_order_number), a date, a signatory and the issued
    PDF document."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    issued_on = models.DateField()
    signatory = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


@pghistory.track()
class RosterOrder(CourtOrder):
    """§8: an order of the regional court chair approving the roster or an amendment."""

    roster = models.ForeignKey(Roster, on_delete=models.PROTECT, related_name="orders")

    class Meta:
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "number"], name="roster_order_number_unique_per_court_year"
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.number}, {self.issued_on:%d.%m.%Y}"


class RosterEntryQuerySet(models.QuerySet["RosterEntry"]):
    def members_on(self, day: dt.date) -> RosterEntryQuerySet:
        """§8: the entries in force on `day` (the one definition of membership:
        added by an order issued by then, not removed by one issued by then)."""
        return self.filter(added_by__issued_on__lte=day).filter(
            Q(removed_by__isnull=True) | Q(removed_by__issued_on__gt=day)
        )


@pghistory.track()
class RosterEntry(models.Model):
    """A judge on (or proposed for) a roster. Membership runs from the order
    that added them to the order that removed them; entries are never edited
    after approval except to record their removal order."""

    roster = models.ForeignKey(Roster, on_delete=models.PROTECT, related_name="entries")
    judge = models.ForeignKey(Judge, on_delete=models.PROTECT, related_name="roster_entries")
    role = models.CharField(_("role"), max_length=10, choices=RosterRole.choices)
    consent = models.CharField(
        _("consent"), max_length=10, choices=Consent.choices, default=Consent.PENDING
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        RosterOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="additions"
    )
    # §12: the branch council's selection of a mentor is an act of its own
    council_decision_number = models.CharField(
        _("number of the branch council's decision"), max_length=40, blank=True
    )
    council_decision_on = models.DateField(
        _("date of the branch council's decision"), null=True, blank=True
    )
    removal_proposed = models.BooleanField(default=False)
    removed_by = models.ForeignKey(
        RosterOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="removals"
    )

    objects = RosterEntryQuerySet.as_manager()

    class Meta:
        ordering = ["role", *by_name("judge__")]
        constraints = [
            # §8 nobody appears twice: one live entry per judge and roster
            models.UniqueConstraint(
                fields=["roster", "judge"],
                condition=Q(removed_by__isnull=True) & ~Q(consent="declined"),
                name="judge_once_per_roster",
            ),
            models.CheckConstraint(
                name="approved_entries_were_accepted",
                condition=Q(added_by__isnull=True) | Q(consent="accepted"),
            ),
        ]

    @property
    def is_member(self) -> bool:
        return self.added_by_id is not None and self.removed_by_id is None

    def is_member_on(self, day: dt.date) -> bool:
        """The same test as `RosterEntry.objects.members_on(day)`, on one entry."""
        added, removed = self.added_by, self.removed_by
        return (
            added is not None
            and added.issued_on <= day
            and (removed is None or removed.issued_on > day)
        )


class ProtegePreference(models.Model):
    """§8: a protégé's preferred mentors or tutors from the approved roster."""

    protege = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="preferences")
    entry = models.ForeignKey(RosterEntry, on_delete=models.CASCADE, related_name="preferred_by")
    rank = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["protege", "entry"], name="preference_once")]


class SeminarKind(models.TextChoices):
    ORIENTATION = "orientation", _("orientation seminar (§8)")
    EDUCATIONAL = "educational", _("educational event (§10.4)")


class Seminar(models.Model):
    """§8, §15.7, §16.6: orientation seminars for potential participants;
    §10.4: educational events the coordinator organises for the pairs."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=SeminarKind.choices, default=SeminarKind.ORIENTATION
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty for a national seminar."),
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    topic = models.CharField(_("topic"), max_length=500)
    organised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]


class SeminarInvitation(models.Model):
    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="invitations")
    judge = models.ForeignKey(Judge, on_delete=models.PROTECT, related_name="seminar_invitations")
    attended = models.BooleanField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["seminar", "judge"], name="invited_once")]


# --- Pairs, terms and orders (§1.6, §4.1, §5, §6, §10, §12) -------------------


class MonthsAfter(models.Func):
    """SQL: the date `months` after a date column, minus `days` (PostgreSQL
    clamps to the month's end, as rules.add_months does)."""

    output_field = models.DateField()

    def __init__(self, expression, months: int, days: int = 0, **extra):
        self.months, self.days = int(months), int(days)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(({sql}) + make_interval(months => {self.months}) "
            f"- make_interval(days => {self.days}))::date",
            params,
        )


class ParticipationGround(models.TextChoices):
    """Preamble, §1, §1.4: on what ground a judge takes part as a protégé."""

    FIRST_APPOINTMENT = "first_appointment", _("first appointment, less than a year in office")
    SPECIALISATION_CHANGE = "specialisation_change", _("change of specialisation")
    REGION_CHANGE = "region_change", _("change of region")
    CHILDCARE_RETURN = "childcare_return", _("return from childcare leave")
    QUALITY = "quality", _("needs help to improve the quality of justice")
    YOUNG_JUDGE = "young_judge", _("young judge needing practical help (§1)")
    PROFESSIONAL_DEVELOPMENT = (
        "professional_development",
        _("serving judge raising their professionalism (§1)"),
    )

    #: grounds a judge states in an application; nothing in the career data shows them
    DECLARED = nonmember(("young_judge", "professional_development"))


class ParticipationOrigin(models.TextChoices):
    NEEDS_ANALYSIS = "needs_analysis", _("the coordinator's needs analysis (§10.1)")
    APPLICATION = "application", _("the judge's own application (§4.1)")
    QUALITY_FLAG = "quality_flag", _("the court chair's quality flag")


class ParticipationStatus(models.TextChoices):
    APPLIED = "applied", _("applied, awaiting admission")
    ADMITTED = "admitted", _("taking part in the programme")
    DECLINED = "declined", _("application declined")
    ENDED = "ended", _("programme ended")

    #: the judge is (or asks to be) a protégé: one at a time
    LIVE = nonmember(("applied", "admitted"))


class ParticipationEnd(models.TextChoices):
    COMPLETED = "completed", _("completed, goals reached (§14)")
    NO_NEED = "no_need", _("completed on application, no further need (§14, §16.5)")
    OBJECTIVE = "objective", _("ended for an objective reason")
    TERM_RUN = "term_run", _("the term ran out")


@pghistory.track(exclude=["reasons", "decision_reasons"])
class Participation(models.Model):
    """The protégé's programme: admitted once on a ground, with one term of one
    to three years (§1, §5); the pairs are episodes within it (a replacement
    pair continues the remaining term and the programme in force)."""

    protege = models.ForeignKey(
        Judge,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("protégé"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    ground = models.CharField(_("ground"), max_length=30, choices=ParticipationGround.choices)
    origin = models.CharField(_("how it began"), max_length=20, choices=ParticipationOrigin.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.APPLIED,
    )
    reasons = models.TextField(_("reasons given by the judge"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_as = models.CharField(_("admitted by"), max_length=30, blank=True)
    decided_on = models.DateField(_("admitted on"), null=True, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    term_starts_on = models.DateField(_("term starts on"), null=True, blank=True)
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("how it ended"), max_length=20, choices=ParticipationEnd.choices, blank=True
    )

    class Meta:
        verbose_name = _("participation in the programme")
        verbose_name_plural = _("participations in the programme")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["protege"],
                condition=Q(status__in=("applied", "admitted")),
                name="one_live_participation_per_protege",
            ),
            # §5, §1.6: the term runs 12 months, extended to 36 at most
            models.CheckConstraint(
                name="participation_term_one_to_three_years",
                condition=Q(term_starts_on__isnull=True)
                | Q(
                    term_ends_on__isnull=False,
                    term_ends_on__gte=MonthsAfter(models.F("term_starts_on"), 12, 1),
                    term_ends_on__lte=MonthsAfter(models.F("term_starts_on"), 36, 1),
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.protege} — {self.get_ground_display()}"

    @property
    def is_live(self) -> bool:
        return self.status in ParticipationStatus.LIVE


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed, awaiting consent")
    CONSENTED = "consented", _("both consented, awaiting registration")
    ACTIVE = "active", _("active")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")
    COMPLETED = "completed", _("completed, goals reached")
    ENDED_EARLY = "ended_early", _("ended on application, no further need")
    REPLACED = "replaced", _("ended, mentor replaced")
    MENTOR_WITHDREW = "mentor_withdrew", _("ended, the mentor withdrew")
    ENDED = "ended", _("ended for an objective reason")

    #: a pair that still holds the protégé's tutor or mentor place (§10.1)
    LIVE = nonmember(("proposed", "consented", "active"))
    #: entered in the register (§12): its term ran or runs
    REGISTERED = nonmember(
        ("active", "completed", "ended_early", "replaced", "mentor_withdrew", "ended")
    )
    #: ended by a protocol decision of the branch council (§14)
    FINAL = nonmember(("completed", "ended_early", "replaced", "mentor_withdrew", "ended"))
    #: never formed
    NOT_FORMED = nonmember(("declined", "withdrawn"))


LIVE_PAIR_STATUSES = list(PairStatus.LIVE)


@pghistory.track()
class Pair(models.Model):
    """§10, §12: a mentor (or tutor) and a protégé. The register of pairs is
    the list of registered pairs (§12)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    protege = models.ForeignKey(
        Judge, on_delete=models.PROTECT, related_name="pairs_as_protege", verbose_name=_("protégé")
    )
    mentor = models.ForeignKey(
        Judge,
        on_delete=models.PROTECT,
        related_name="pairs_as_mentor",
        verbose_name=_("mentor or tutor"),
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.PROTECT,
        related_name="pairs",
        verbose_name=_("participation in the programme"),
        # NOT NULL by a check constraint (the audit table keeps its older rows)
        null=True,
    )
    role = models.CharField(_("role"), max_length=10, choices=RosterRole.choices)
    roster_entry = models.ForeignKey(RosterEntry, on_delete=models.PROTECT, related_name="pairs")
    status = models.CharField(
        _("status"), max_length=20, choices=PairStatus.choices, default=PairStatus.PROPOSED
    )
    ground = models.CharField(_("protégé's ground"), max_length=30, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    mentor_consent = models.CharField(
        max_length=10, choices=Consent.choices, default=Consent.PENDING
    )
    protege_consent = models.CharField(
        max_length=10, choices=Consent.choices, default=Consent.PENDING
    )
    register_number = models.PositiveIntegerField(_("register number"), null=True, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    # §4.2, #12: the journal opens with the accounts the members had when the
    # pair was registered (or, for a member without one then, the account the
    # member enrolled later, mentorship.enrolment); never changed once set
    protege_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("protégé's account for the journal"),
    )
    mentor_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentor's account for the journal"),
    )

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        ordering = ["-proposed_at"]
        indexes = [
            # #16: the register's order (programs.queries.pairs_visible_to), for the
            # national offices and, with the region first, for a region's
            models.Index(fields=["-registered_on", "-proposed_at"], name="pair_register_order"),
            models.Index(
                fields=["region", "-registered_on", "-proposed_at"],
                name="pair_region_register_order",
            ),
        ]
        constraints = [
            # §10.1: one tutor and one mentor at most at a time (proposals count)
            models.UniqueConstraint(
                fields=["protege", "role"],
                condition=Q(status__in=LIVE_PAIR_STATUSES),
                name="one_live_pair_per_protege_and_role",
            ),
            models.CheckConstraint(
                name="pair_rests_on_participation", condition=Q(participation__isnull=False)
            ),
            models.CheckConstraint(
                name="nobody_paired_with_themself", condition=~Q(protege=models.F("mentor"))
            ),
            models.UniqueConstraint(
                fields=["region", "register_number"], name="register_number_unique_per_region"
            ),
            # §5, §1.6: a registered pair runs within its participation's term
            # (a replacement pair continues the remaining term, so it may be short)
            models.CheckConstraint(
                name="registered_pair_has_term",
                condition=Q(registered_on__isnull=True)
                | Q(
                    term_ends_on__isnull=False,
                    term_ends_on__gte=models.F("registered_on"),
                    term_ends_on__lte=MonthsAfter(models.F("registered_on"), 36, 1),
                ),
            ),
        ]

        triggers = [
            # #12: the journal's accounts are bound once; a re-linked judge
            # record (whoever edits the database) does not move the journal
            pgtrigger.Protect(
                name="journal_accounts_are_bound_once",
                operation=pgtrigger.Update,
                condition=(
                    pgtrigger.Q(old__protege_account__isnull=False)
                    & pgtrigger.Q(old__protege_account__df=pgtrigger.F("new__protege_account"))
                )
                | (
                    pgtrigger.Q(old__mentor_account__isnull=False)
                    & pgtrigger.Q(old__mentor_account__df=pgtrigger.F("new__mentor_account"))
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} — {self.protege}"

    def journal_side(self, user) -> str | None:
        """§4.2, #12: whose side of the journal this account opens — by the
        accounts bound to the pair, not by whom a judge record points to now."""
        pk = getattr(user, "pk", None)
        if pk is None:
            return None
        if pk == self.protege_account_id:
            return "protege"
        if pk == self.mentor_account_id:
            return "mentor"
        return None

    def is_member(self, user) -> bool:
        judge = getattr(user, "judge", None)
        return judge is not None and judge.pk in (self.protege_id, self.mentor_id)

    def side_of(self, user) -> str | None:
        judge = getattr(user, "judge", None)
        if judge is None:
            return None
        if judge.pk == self.protege_id:
            return "protege"
        if judge.pk == self.mentor_id:
            return "mentor"
        return None


class OrderCounter(models.Model):
    """One numbering of orders per court and year: roster, extension and
    workload orders of a court share it."""

    court = models.ForeignKey(Court, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["court", "year"], name="one_counter_per_court_year")
        ]


class RegionCounter(models.Model):
    """The numbering a region keeps: its register of pairs (§12, one sequence,
    `year` 0) and its branch council's protocols (§14, per year). Numbers are
    drawn by one upsert that locks this row only (`programs.numbering`), so a
    registration or an issue never locks the region and never waits for
    another region's."""

    class Kind(models.TextChoices):
        REGISTER = "register", _("register of pairs")
        PROTOCOL = "protocol", _("protocols")

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    year = models.PositiveIntegerField(default=0)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "year"], name="one_counter_per_region_kind_year"
            )
        ]


@pghistory.track()
class ExtensionOrder(CourtOrder):
    """§5: an order of the regional court chair extending a pair's term."""

    pair = models.ForeignKey(Pair, on_delete=models.PROTECT, related_name="extensions")
    participation = models.ForeignKey(
        Participation, on_delete=models.PROTECT, related_name="extensions", null=True
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    previous_end = models.DateField()
    new_end = models.DateField()
    reasons = models.TextField(_("reasons"))

    class Meta:
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "number"], name="extension_order_number_unique"
            ),
            models.CheckConstraint(
                name="extension_moves_end_later", condition=Q(new_end__gt=models.F("previous_end"))
            ),
        ]


@pghistory.track(exclude=["reasons"])  # the pair's free text stays out of the audit trail
class WorkloadOrder(CourtOrder):
    """§6: an order of the chair of the judge's court reducing the caseload."""

    judge = models.ForeignKey(Judge, on_delete=models.PROTECT, related_name="workload_orders")
    percent = models.PositiveSmallIntegerField(_("reduction, %"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    # a later order supersedes an earlier one from its own first day
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "number"], name="workload_order_number_unique"
            ),
            models.CheckConstraint(
                name="workload_percent_1_to_30", condition=Q(percent__gte=1, percent__lte=30)
            ),
            models.CheckConstraint(
                name="workload_period_ordered", condition=Q(ends_on__gte=models.F("starts_on"))
            ),
        ]


# --- Individual plan (§2, §3, §15.5, §16.1–2) -----------------------------------


class Task(models.IntegerChoices):
    """§3: the tasks the Regulation solves; each plan item serves one."""

    ADAPTATION = 1, _("§3.1 adaptation to the conditions of service")
    IMAGE = 2, _("§3.2 moral and ethical image")
    TECHNIQUE = 3, _("§3.3 practical skills and the technique of hearing cases")
    ETHICS = 4, _("§3.4 ethical norms of conduct")
    SUPPORT = 5, _("§3.5 psychological support")
    QUALIFICATION = 6, _("§3.6 continuous raising of qualification")
    COMMUNITY = 7, _("§3.7 role in the community of judges")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted to the court chair")
    RETURNED = "returned", _("returned for revision")
    APPROVED = "approved", _("approved, in force")
    SUPERSEDED = "superseded", _("superseded by a later version")
    CORRECTION = "correction", _("correction being drafted")
    PROPOSED = "proposed", _("correction proposed, awaiting the other side")
    REJECTED = "rejected", _("correction not agreed")

    #: a version the pair is still working on or waiting for (one per plan)
    OPEN = nonmember(("draft", "submitted", "returned", "correction", "proposed"))
    #: the pair may edit its items (§2, §16.2)
    EDITABLE = nonmember(("draft", "returned", "correction"))
    #: what offices other than the pair see: drafts and corrections are the pair's own (§4.2)
    SHOWN_TO_OTHERS = nonmember(("submitted", "approved", "superseded", "returned"))


class Plan(models.Model):
    """§2: the individual programme of a pair; its versions keep the history."""

    pair = models.OneToOneField(Pair, on_delete=models.PROTECT, related_name="plan")
    created_at = models.DateTimeField(auto_now_add=True)


@pghistory.track(exclude=["reason", "comment"])  # the pair's free text stays out of the audit trail
class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason for the correction"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    # §2: the programme approved by the chair, issued as a document
    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="approved"), name="one_plan_version_in_force"
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(
                    status__in=["draft", "submitted", "returned", "correction", "proposed"]
                ),
                name="one_open_plan_version",
            ),
        ]


@pghistory.track(
    exclude=["description", "expected_result"]
)  # the pair's free text stays out of the audit trail
class PlanItem(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="items")
    task = models.PositiveSmallIntegerField(_("task (§3)"), choices=Task.choices)
    description = models.TextField(_("what is to be done"))
    expected_result = models.TextField(_("expected result"))
    due_on = models.DateField(_("due date"))
    origin = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="plan_item_task_of_section_3", condition=Q(task__gte=1, task__lte=7)
            ),
        ]

    def is_overdue(self, today: dt.date) -> bool:
        return self.fulfilled_on is None and self.due_on < today


class PlanComment(models.Model):
    """§10.3: the coordinator assists in drawing up the individual programme:
    a comment on a version, read by the pair and the coordinator (never the
    journal). Not audited by pghistory: free text of the pair's work."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


# --- Confidential journal (§4.2, §15.2, §15.6) ----------------------------------


class JournalKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    DISCUSSION = "discussion", _("discussion")
    HEARING_REVIEW = "hearing_review", _("review of a hearing held by the protégé")


class JournalEntry(models.Model):
    """Readable by the pair's two members only. The text is encrypted at rest;
    the model is deliberately not audited (pghistory would copy the text), not
    in the admin, and never in notifications or exports."""

    pair = models.ForeignKey(Pair, on_delete=models.PROTECT, related_name="journal")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=JournalKind.choices)
    occurred_on = models.DateField(_("date"))
    text = EncryptedTextField(_("text"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d.%m.%Y}"


# --- Feedback (§16.3) -------------------------------------------------------------


class Feedback(models.Model):
    """§16.3: the protégé rates the programme's effectiveness, once a month at most."""

    pair = models.ForeignKey(Pair, on_delete=models.PROTECT, related_name="feedback")
    period = models.DateField(help_text="first day of the month")
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(fields=["pair", "period"], name="feedback_once_a_month"),
            models.CheckConstraint(
                name="feedback_rating_1_to_5", condition=Q(rating__gte=1, rating__lte=5)
            ),
        ]


# --- Written reports (§13, §16.8) -------------------------------------------------


class ReportKind(models.TextChoices):
    MENTOR = "mentor", _("report of the mentor (tutor) on the results (§13)")
    FINAL = "final", _("final report of the protégé (§13, §16.8)")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", pgettext_lazy("report status", "accepted")
    RETURNED = "returned", _("returned for revision")

    #: one report of each kind per pair is live: not returned (§13)
    LIVE = nonmember(("draft", "submitted", "accepted"))
    #: the text is frozen (a PostgreSQL trigger refuses changes)
    FROZEN = nonmember(("submitted", "accepted", "returned"))


class Addressee(models.TextChoices):
    BRANCH_COUNCIL = "branch_council", _("branch council of the Union")
    TRAINING_CENTRE = "training_centre", _("Training Centre of the regional court")


REPORT_TEXT_FIELDS = ("work_done", "knowledge_gained", "effectiveness", "proposals")


@pghistory.track(exclude=["work_done", "knowledge_gained", "effectiveness", "proposals", "comment"])
class Report(models.Model):
    """§13, §16.8: a written report of one side of the pair. A submitted report
    is never edited (a trigger refuses it); a revision is a new report. The
    audit trail records its states, not its text (a draft is its author's)."""

    pair = models.ForeignKey(Pair, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    addressee = models.CharField(
        _("addressed to"),
        max_length=20,
        choices=Addressee.choices,
        default=Addressee.BRANCH_COUNCIL,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    work_done = models.TextField(_("work done together"), blank=True)
    knowledge_gained = models.TextField(_("knowledge and skills gained"), blank=True)
    effectiveness = models.TextField(_("effectiveness of the programme"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    revision_of = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revision"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "kind"],
                condition=Q(status__in=["draft", "submitted", "accepted"]),
                name="one_live_report_per_pair_and_kind",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="submitted_report_text_is_immutable",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__status__in=["submitted", "accepted", "returned"])
                & (
                    pgtrigger.Q(old__work_done__df=pgtrigger.F("new__work_done"))
                    | pgtrigger.Q(old__knowledge_gained__df=pgtrigger.F("new__knowledge_gained"))
                    | pgtrigger.Q(old__effectiveness__df=pgtrigger.F("new__effectiveness"))
                    | pgtrigger.Q(old__proposals__df=pgtrigger.F("new__proposals"))
                    | pgtrigger.Q(old__addressee__df=pgtrigger.F("new__addressee"))
                ),
            ),
            pgtrigger.Protect(
                name="submitted_report_is_kept",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__status__df="draft"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.pair}"


def attachment_path(instance, filename: str) -> str:
    """A generated name: the uploader's file name is never used on disk."""

    return f"reports/{instance.report_id}/{uuid.uuid4().hex}{instance.extension}"


class Attachment(models.Model):
    """A PDF or DOCX attached to a report (type checked by content, size capped),
    served only to those entitled to the report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    extension = models.CharField(max_length=5)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)


# --- Petitions (§15.8, §16.4, §16.5) -----------------------------------------------


class PetitionKind(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("early termination: the goals are reached (§15.8)")
    NO_NEED = "no_need", _("early termination: there is no longer a need (§16.5)")
    REPLACE_MENTOR = "replace_mentor", _("replacement of the mentor (§16.4)")
    MENTOR_WITHDRAWS = "mentor_withdraws", _("the mentor (tutor) withdraws, stating reasons")


class PetitionStatus(models.TextChoices):
    PENDING = "pending", _("awaiting the branch council")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")
    CLOSED = "closed", _("closed: the programme ended by another decision")

    #: decided or closed: nothing further happens to it
    ENDED = nonmember(("granted", "refused", "closed"))


@pghistory.track(exclude=["reasons"])
class Petition(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.PROTECT, related_name="petitions")
    kind = models.CharField(_("petition"), max_length=20, choices=PetitionKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField(_("reasons"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PetitionStatus.choices, default=PetitionStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "kind"],
                condition=Q(status="pending"),
                name="one_pending_petition_per_kind",
            ),
            models.CheckConstraint(
                name="replacement_petition_states_reasons",
                condition=~Q(kind__in=("replace_mentor", "mentor_withdraws")) | ~Q(reasons=""),
            ),
        ]


# --- Protocol decisions (§14) and their copies -----------------------------------


class ProtocolStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ISSUED = "issued", _("issued")


@pghistory.track()
class Protocol(models.Model):
    """§14: the record of a branch council meeting and its decisions; numbered
    per branch and year when issued; immutable once issued."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("branch (region)")
    )
    held_on = models.DateField(_("date of the meeting"))
    members_present = models.TextField(_("members present"))
    status = models.CharField(
        max_length=10, choices=ProtocolStatus.choices, default=ProtocolStatus.DRAFT
    )
    year = models.PositiveIntegerField(null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "number"], name="protocol_number_unique_per_branch_year"
            ),
            models.CheckConstraint(
                name="issued_protocol_has_number_and_document",
                condition=Q(status="draft")
                | Q(
                    number__isnull=False,
                    document__isnull=False,
                    year__isnull=False,
                    issued_on__isnull=False,
                ),
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="issued_protocol_is_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="issued"),
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.number or '—'}, {self.held_on:%d.%m.%Y}"


class DecisionKind(models.TextChoices):
    COMPLETED = "completed", _("completion: the goals of the programme are reached")
    NO_NEED = "no_need", _("completion on the participants' application: no further need")
    PETITION = "petition", _("decision on a petition")
    REPLACEMENT = "replacement", _("replacement of the mentor")
    OBJECTIVE = "objective", _("ending for an objective reason")


class ObjectiveReason(models.TextChoices):
    LEFT_OFFICE = "left_office", _("left the office of judge")
    RETIRED = "retired", _("retired")
    DIED = "died", _("died")
    MOVED_REGION = "moved_region", _("moved to another region")
    LONG_LEAVE = "long_leave", _("long leave")


class Side(models.TextChoices):
    PROTEGE = "protege", _("the protégé")
    MENTOR = "mentor", _("the mentor (tutor)")


@pghistory.track(
    exclude=["reasons", "missing_reports"]
)  # the pair's free text stays out of the audit trail
class Decision(models.Model):
    """One item of a protocol, concerning one or more pairs."""

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    pairs = models.ManyToManyField(Pair, related_name="decisions", verbose_name=_("pairs"))
    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    granted = models.BooleanField(null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    reports = models.ManyToManyField(Report, related_name="decisions", blank=True)
    # §14: the council may record that a report was not submitted, with reasons
    missing_reports = models.TextField(_("reports not submitted, and why"), blank=True)
    objective_reason = models.CharField(
        _("objective reason"), max_length=20, choices=ObjectiveReason.choices, blank=True
    )
    concerns = models.CharField(_("concerning"), max_length=10, choices=Side.choices, blank=True)
    frozen = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            # a petition is decided once (§14)
            models.UniqueConstraint(fields=["petition"], name="petition_decided_once"),
            models.CheckConstraint(
                name="petition_decision_names_petition_and_outcome",
                condition=~Q(kind="petition") | Q(petition__isnull=False, granted__isnull=False),
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="issued_decision_is_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__frozen=True),
            ),
        ]


class Finalisation(models.Model):
    """A pair's final state, set by one issued decision — never twice (§14)."""

    pair = models.OneToOneField(Pair, on_delete=models.PROTECT, related_name="finalisation")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="finalisations")
    status = models.CharField(max_length=20, choices=PairStatus.choices)

    class Meta:
        triggers = [
            pgtrigger.Protect(
                name="finalisation_is_immutable", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]


class CopyRecipient(models.TextChoices):
    TRAINING_CENTRE = "training_centre", _("Training Centre")
    HR = "hr", _("HR service")


class ProtocolCopy(models.Model):
    """§14: a copy of an issued protocol delivered to the Training Centre of
    the region, or an extract concerning one judge delivered to the HR service
    of that judge's court (the protégé's and the mentor's), acknowledged there."""

    protocol = models.ForeignKey(Protocol, on_delete=models.PROTECT, related_name="copies")
    recipient = models.CharField(max_length=20, choices=CopyRecipient.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # HR files an extract concerning one judge (the protégé's, or the mentor's
    # for the mentor's file), not the whole meeting's protocol (§14)
    judge = models.ForeignKey(
        Judge, on_delete=models.PROTECT, null=True, blank=True, related_name="protocol_extracts"
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delivered_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-delivered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["protocol", "recipient", "court", "judge"],
                name="one_copy_per_recipient_and_judge",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                name="hr_copy_names_court", condition=~Q(recipient="hr") | Q(court__isnull=False)
            ),
        ]
