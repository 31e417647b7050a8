"""Cross-cutting tables: issued documents, in-app notifications, the access
log of personal data."""

from __future__ import annotations

import hashlib
import secrets

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext_lazy as _

VERIFY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes


def new_verification_code() -> str:
    raw = "".join(secrets.choice(VERIFY_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class DocumentKind(models.TextChoices):
    ROSTER_ORDER = "roster_order", _("order approving the roster of mentors and tutors")
    EXTENSION_ORDER = "extension_order", _("order extending a mentorship term")
    WORKLOAD_ORDER = "workload_order", _("order reducing a judge's caseload")
    PROTOCOL = "protocol", _("protocol decision")
    PROTOCOL_EXTRACT = "protocol_extract", _("extract from a protocol decision")
    PROGRAMME = "programme", _("individual programme approved by the court chair")
    ANNUAL_REPORT = "annual_report", _("annual report")


class Document(models.Model):
    """An issued document: stored once with its SHA-256, never re-rendered or
    altered (a PostgreSQL trigger refuses UPDATE and DELETE)."""

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=40)
    issued_on = models.DateField(_("date"))
    issuer = models.CharField(_("issued by"), max_length=300)
    signatory = models.CharField(_("signatory"), max_length=300)
    language = models.CharField(_("language"), max_length=5)
    verification_code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=new_verification_code
    )
    sha256 = models.CharField(max_length=64)
    pdf = models.BinaryField()
    # who issued it: the one who may add an ЭЦП over it (mentorship.documents)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        triggers = [
            pgtrigger.Protect(
                name="issued_document_is_immutable", operation=pgtrigger.Update | pgtrigger.Delete
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} № {self.number}"

    def hash_matches(self) -> bool:
        return hashlib.sha256(bytes(self.pdf)).hexdigest() == self.sha256


class DocumentSignature(models.Model):
    """A chair's ЭЦП over an issued document (CMS made in the browser through
    NCALayer, verified by mentorship.ecp), stored beside the document."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="signatures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("position"), max_length=300)
    signer_name = models.CharField(_("signed by"), max_length=300)
    signer_iin = models.CharField(max_length=12)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    certificate = models.BinaryField()
    cms = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["document", "user"], name="one_ecp_per_signer"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="document_signature_is_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]


class Notification(models.Model):
    """An in-app notice. It carries a kind and parameters, rendered in the
    reader's language; it never carries journal content."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]


class UserSettings(models.Model):
    """Per-user settings: the language notifications and e-mails use."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="settings"
    )
    language = models.CharField(max_length=5, default="kk")


class Reminder(models.Model):
    """A reminder sent by a scheduled job. The unique key makes each reminder
    go out once, however often the job runs or however many workers run it."""

    key = models.CharField(max_length=120, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)


class StoredFile(models.Model):
    """A stored file (report attachments) kept in PostgreSQL, so that every web
    node reads what any node wrote (mentorship.storage.DatabaseStorage)."""

    name = models.CharField(max_length=255, unique=True)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class AccessHow(models.TextChoices):
    VIEWED = "viewed", _("viewed")
    IIN_SHOWN = "iin_shown", _("IIN shown in full")
    DOWNLOADED = "downloaded", _("downloaded")
    EXPORTED = "exported", _("exported")


class AccessRecord(models.Model):
    """Who saw or took which personal data, when and how (the personal-data
    law's record of access): judge pages, personal files, report texts and
    attachments, the register export, annual workbooks. Append-only: a
    trigger refuses every UPDATE and DELETE. Nothing of a pair's journal is
    ever recorded here (§4.2)."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    office = models.CharField(_("office"), max_length=300, blank=True)
    how = models.CharField(_("how"), max_length=20, choices=AccessHow.choices)
    what = models.CharField(_("what"), max_length=60)  # app_label.model
    object_id = models.BigIntegerField(null=True, blank=True)
    # the judge whose data it is, where one is concerned: the filter by person
    subject = models.ForeignKey(
        "courts.Judge",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("whose data"),
    )
    path = models.CharField(max_length=300, blank=True)  # without the query string

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["subject", "at"]),
            models.Index(fields=["user", "at"]),
        ]
        triggers = [
            pgtrigger.Protect(
                name="access_record_is_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]


# #12.3: every change to an account, append-only (PGHISTORY_APPEND_ONLY), in
# PostgreSQL triggers on auth_user — never the password hash; the last
# sign-in time alone is not a change. `mentorship.accounts` tells the person.
# Tracked through a proxy so that the triggers live in this app's migrations
# (Django's `auth` migrations cannot carry them).
@pghistory.track(
    pghistory.InsertEvent("account.created"),
    pghistory.UpdateEvent(
        "account.changed",
        condition=pghistory.AnyChange(
            "username",
            "email",
            "first_name",
            "last_name",
            "is_active",
            "is_staff",
            "is_superuser",
        ),
    ),
    pghistory.UpdateEvent("password.set", condition=pghistory.AnyChange("password")),
    pghistory.DeleteEvent("account.deleted"),
    exclude=["password", "last_login"],
    model_name="AccountEvent",
    obj_field=pghistory.ObjForeignKey(db_constraint=False, on_delete=models.DO_NOTHING),
)
class Account(User):
    class Meta:
        proxy = True
        verbose_name = _("account")
        verbose_name_plural = _("accounts")


AccountEvent = Account.pgh_event_model  # type: ignore[attr-defined]
