"""The programme: coordinators, rosters of mentors and tutors and their orders,
protégés' preferences, orientation seminars."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courts.models import Court, Judge, Region
from mentorship.models import Document


class CoordinatorBasis(models.TextChoices):
    REGIONAL_JUDGE = "regional_judge", _("judge of the regional court")
    RETIRED_JUDGE = "retired_judge", _("retired judge")
    BRANCH_SECRETARY = "branch_secretary", _("secretary of the Union branch")
    TRAINING_COORDINATOR = "training_coordinator", _(
        "coordinator of training programmes of the regional court")
    COLLEGIUM_CHAIR = "collegium_chair", _("chair of a court collegium (small court)")


@pghistory.track()
class CoordinatorDesignation(models.Model):
    """§9: the branch council designates the coordinator of mentorship."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("region"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("person"))
    basis = models.CharField(_("basis"), max_length=30, choices=CoordinatorBasis.choices)
    decided_on = models.DateField(_("date of the decision"))
    decision_number = models.CharField(_("decision number"), max_length=40)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    designated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")
    office = models.OneToOneField("courts.OfficeAssignment", on_delete=models.PROTECT,
                                  related_name="designation")

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["region"], condition=Q(ended_on__isnull=True),
                                    name="one_current_coordinator_per_region"),
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


@pghistory.track()
class RosterOrder(models.Model):
    """§8: an order of the regional court chair approving the roster or an amendment."""

    roster = models.ForeignKey(Roster, on_delete=models.PROTECT, related_name="orders")
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    issued_on = models.DateField()
    signatory = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["court", "year", "number"],
                                    name="roster_order_number_unique_per_court_year"),
        ]

    def __str__(self) -> str:
        return f"№ {self.number}, {self.issued_on:%d.%m.%Y}"


@pghistory.track()
class RosterEntry(models.Model):
    """A judge on (or proposed for) a roster. Membership runs from the order
    that added them to the order that removed them; entries are never edited
    after approval except to record their removal order."""

    roster = models.ForeignKey(Roster, on_delete=models.PROTECT, related_name="entries")
    judge = models.ForeignKey(Judge, on_delete=models.PROTECT, related_name="roster_entries")
    role = models.CharField(_("role"), max_length=10, choices=RosterRole.choices)
    consent = models.CharField(_("consent"), max_length=10, choices=Consent.choices,
                               default=Consent.PENDING)
    consent_at = models.DateTimeField(null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(RosterOrder, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="additions")
    removal_proposed = models.BooleanField(default=False)
    removed_by = models.ForeignKey(RosterOrder, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="removals")

    class Meta:
        ordering = ["role", "judge__last_name", "judge__first_name"]
        constraints = [
            # §8 nobody appears twice: one live entry per judge and roster
            models.UniqueConstraint(
                fields=["roster", "judge"],
                condition=Q(removed_by__isnull=True) & ~Q(consent="declined"),
                name="judge_once_per_roster"),
            models.CheckConstraint(
                name="approved_entries_were_accepted",
                condition=Q(added_by__isnull=True) | Q(consent="accepted")),
        ]

    @property
    def is_member(self) -> bool:
        return self.added_by_id is not None and self.removed_by_id is None


class ProtegePreference(models.Model):
    """§8: a protégé's preferred mentors or tutors from the approved roster."""

    protege = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="preferences")
    entry = models.ForeignKey(RosterEntry, on_delete=models.CASCADE, related_name="preferred_by")
    rank = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["protege", "entry"],
                                               name="preference_once")]


class Seminar(models.Model):
    """§8, §15.7, §16.6: orientation seminars for potential participants."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("region"),
                               help_text=_("Empty for a national seminar."))
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    topic = models.CharField(_("topic"), max_length=500)
    organised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        ordering = ["-held_on"]


class SeminarInvitation(models.Model):
    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="invitations")
    judge = models.ForeignKey(Judge, on_delete=models.PROTECT, related_name="seminar_invitations")
    attended = models.BooleanField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["seminar", "judge"],
                                               name="invited_once")]
