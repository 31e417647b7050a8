"""#12.3: the person is told of every change to their account — a new
password, another e-mail (at the old address too), a flag raised or lowered,
a second factor added or removed — so that nobody changes an account unseen.
The changes themselves are in the append-only trail (`AccountEvent`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .notifications import notify

WATCHED = ("email", "is_active", "is_staff", "is_superuser")

FLAG_LABELS = {
    "is_active": _("active"),
    "is_staff": _("staff"),
    "is_superuser": _("superuser"),
}


@receiver(pre_save, sender=User, dispatch_uid="mentorship-account-before")
def _remember(sender: Any, instance: User, update_fields=None, **_kwargs) -> None:
    if instance.pk is None or (update_fields is not None and set(update_fields) == {"last_login"}):
        return  # a new account, or a sign-in's time
    before = User.objects.filter(pk=instance.pk).values("password", *WATCHED).first()
    instance._account_before = before  # type: ignore[attr-defined]
    # a hash upgraded at sign-in (check_password saves the password alone, with
    # the same password) is not a change of password
    only_password = update_fields is not None and set(update_fields) == {"password"}
    raw = getattr(instance, "_password", None)  # set by set_password, cleared after a rehash
    instance._rehash_only = only_password and raw is None  # type: ignore[attr-defined]


@receiver(post_save, sender=User, dispatch_uid="mentorship-account-after")
def _tell(sender: Any, instance: User, created: bool, **_kwargs) -> None:
    before = getattr(instance, "_account_before", None)
    if created or before is None:
        return
    if before["password"] != instance.password and not getattr(instance, "_rehash_only", False):
        notify([instance], "account_password_changed", {})
    if before["email"] != instance.email:
        notify([instance], "account_email_changed", {"email": instance.email})
        old = before["email"]
        if old:
            transaction.on_commit(
                lambda: send_mail(
                    str(_("Your e-mail address was changed")),
                    str(
                        _(
                            "The e-mail address of your account in the judicial mentorship "
                            "system is now %(email)s. If you did not ask for this, tell the "
                            "Central Council at once."
                        )
                    )
                    % {"email": instance.email},
                    None,
                    [old],
                    fail_silently=True,
                )
            )
    changed = [f for f in FLAG_LABELS if before[f] != getattr(instance, f)]
    if changed:
        flags = [(FLAG_ON if getattr(instance, f) else FLAG_OFF, FLAG_LABELS[f]) for f in changed]
        notify(
            [instance],
            "account_flags_changed",
            {"flags": _in_all_languages_joined(flags)},
        )


FLAG_ON = _("%(flag)s: now on")
FLAG_OFF = _("%(flag)s: now off")


def _in_all_languages_joined(flags: list[tuple[Any, Any]]) -> dict:
    """The changed flags, readable in every language (per-language notices)."""
    out = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            out[code] = "; ".join(str(state) % {"flag": str(label)} for state, label in flags)
    return out


@receiver(post_save, sender=TOTPDevice, dispatch_uid="mentorship-second-factor-added")
def _factor_added(sender: Any, instance: TOTPDevice, **kwargs) -> None:
    update_fields = kwargs.get("update_fields")
    newly = kwargs.get("created") or (update_fields and "confirmed" in update_fields)
    if instance.confirmed and newly:
        notify([instance.user], "account_factor_added", {})


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="mentorship-second-factor-removed")
def _factor_removed(sender: Any, instance: TOTPDevice, **_kwargs) -> None:
    if instance.confirmed:
        notify([instance.user], "account_factor_removed", {})
