"""The second factor (#12.5): a TOTP code from an authenticator app
(django-otp), with ten single-use recovery codes. Required of every office
holder on every page, of anyone opening a pair's journal (§4.2), and of
anyone in the admin. A judge without an office reads their own pages with the
password alone.

`SecondFactorMiddleware` sends an unverified request to `two_factor`, which
enrols the device the first time (QR code and key, then a code to confirm it)
and afterwards asks for a code. Wrong codes are refused with a translated
message, slowed down by django-otp's growing delay and by the per-account
throttle; nothing else changes."""

from __future__ import annotations

from typing import Any

import segno
from django import forms
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import throttle

RECOVERY_CODES = 10
#: pages an unverified session may still open
EXEMPT = {
    "two_factor",
    "logout",
    "login",
    "ecp_login",
    "set_language",
    "healthz",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "verify_document",
}
#: pages that need the second factor whoever opens them
ALWAYS = {"pair_journal"}


def second_factor_required(request: Any, url_name: str | None, namespace: str = "") -> bool:
    user = request.user
    if not user.is_authenticated or url_name in EXEMPT:
        return False
    if user.is_verified():
        return False
    return bool(
        getattr(request, "offices", None)
        or url_name in ALWAYS
        or namespace == "admin"
        or user.is_staff
        or user.is_superuser
    )


class SecondFactorMiddleware:
    """After ActiveOfficeMiddleware (it needs the offices held)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not second_factor_required(request, match.url_name, match.namespace):
            return None
        target = request.get_full_path() if request.method == "GET" else reverse("dashboard")
        return HttpResponseRedirect(f"{reverse('two_factor')}?next={target}")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return target
    return reverse("dashboard")


def _confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _pending_totp(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("authenticator app"), confirmed=False)
    return device


def issue_recovery_codes(user) -> list[str]:
    """Ten new single-use codes; the earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def _check(user, code: str) -> Any:
    """The device that accepts the code (TOTP first, then a recovery code)."""
    code = "".join(code.split())
    totp = _confirmed_totp(user)
    if totp is not None and code.isdigit() and totp.verify_token(code):
        return totp
    recovery = StaticDevice.objects.filter(user=user, name="recovery", confirmed=True).first()
    if recovery is not None and recovery.verify_token(code):
        return recovery
    return None


def two_factor(request: Any) -> HttpResponseBase:
    user = request.user
    if not user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if user.is_verified():
        return HttpResponseRedirect(_next(request))
    device = _confirmed_totp(user)
    enrolling = device is None
    pending = _pending_totp(user) if enrolling else None
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.hit("otp", str(user.pk), settings.OTP_ATTEMPT_RATE):
            form.add_error("code", _("Too many codes were tried. Wait a quarter of an hour."))
        elif enrolling:
            assert pending is not None
            if pending.verify_token("".join(form.cleaned_data["code"].split())):
                with transaction.atomic():
                    pending.confirmed = True
                    pending.save(update_fields=["confirmed"])
                    codes = issue_recovery_codes(user)
                otp_login(request, pending)
                return render(
                    request,
                    "accounts/recovery_codes.html",
                    {"codes": codes, "next": _next(request)},
                )
            form.add_error(
                "code", _("The code is not right. Enter the six digits the app shows now.")
            )
        else:
            accepted = _check(user, form.cleaned_data["code"])
            if accepted is not None:
                otp_login(request, accepted)
                return HttpResponseRedirect(_next(request))
            form.add_error(
                "code",
                _(
                    "The code is not right, or it was already used. Wait for the next one and try again."
                ),
            )
    context: dict[str, Any] = {"form": form, "enrolling": enrolling, "next": _next(request)}
    if pending is not None:
        qr = segno.make(pending.config_url, error="m")
        context["qr"] = qr.svg_inline(
            scale=4, border=2, title=_("QR code for the authenticator app")
        )
        key = pending.config_url.split("secret=")[1].split("&")[0]
        context["key"] = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
    return render(request, "accounts/two_factor.html", context)
