"""Sign-in with the judge's ЭЦП through NCALayer (#12.5), beside the password.

GET issues a random nonce, kept in the session for ``ECP_LOGIN_NONCE_SECONDS``
(five minutes); the page's script (static/js/ecp-login.js) asks NCALayer to
sign it (a detached CMS, no time-stamp) and posts the CMS. POST takes the
nonce out of the session first (single use: a replay finds none), then
verifies the CMS over it with ``mentorship.ecp.verify_cms`` (chain to
``ECP_TRUST_ROOTS``, RSA/ECDSA only, GOST refused) and signs in the account of
the judge whose IIN the certificate's subject names.

The ЭЦП counts as the second factor of that session: the key sits on a token
or in a file under its own password, so the session is marked verified with
the user's "ecp" device of django-otp (a static device without codes, so it
verifies nothing else). A refusal says why in the user's language, changes
nothing and never shows or logs the IIN; attempts from one computer count
against the password sign-in's throttle (LOGIN_IP_RATE)."""

from __future__ import annotations

import base64
import logging
import secrets
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from courts.models import Judge

from . import throttle
from .ecp import EcpError, verify_cms
from .two_factor import _next

log = logging.getLogger(__name__)

SESSION_NONCE_KEY = "ecp_login_nonce"
#: what the signed content starts with: a sign-in CMS is no document signature
PURPOSE = "judicial-mentorship ecp sign-in "
#: the django-otp device that marks a session verified by an ЭЦП
DEVICE_NAME = "ecp"
BACKEND = "django.contrib.auth.backends.ModelBackend"
MAX_CMS = 200_000


def _issue_nonce(request: HttpRequest) -> bytes:
    nonce = secrets.token_urlsafe(32)
    request.session[SESSION_NONCE_KEY] = {"nonce": nonce, "issued": int(time.time())}
    return (PURPOSE + nonce).encode("ascii")


def _take_nonce(request: HttpRequest) -> bytes | None:
    """The content the CMS must sign, once: the nonce leaves the session."""
    stored = request.session.pop(SESSION_NONCE_KEY, None)
    if not isinstance(stored, dict):
        return None
    nonce, issued = stored.get("nonce"), stored.get("issued")
    if not isinstance(nonce, str) or not isinstance(issued, int):
        return None
    if not 0 <= time.time() - issued <= settings.ECP_LOGIN_NONCE_SECONDS:
        return None
    return (PURPOSE + nonce).encode("ascii")


class Refusal(Exception):
    def __init__(self, message: Any, reason: str):
        super().__init__(message)
        self.message = message
        self.reason = reason  # for the log: never the IIN


def _judge_account(iin: str) -> Any:
    judge = Judge.objects.select_related("user").filter(iin=iin).first()
    if judge is None:
        raise Refusal(
            _(
                "No judge record carries the IIN of this certificate. "
                "Ask the HR service of your court."
            ),
            "no judge",
        )
    user = judge.user
    if user is None:
        raise Refusal(
            _(
                "Your judge record has no account yet. Ask the HR service of your "
                "court for an enrolment code."
            ),
            "judge without account",
        )
    if not user.is_active:
        raise Refusal(_("The account of your judge record is disabled."), "account disabled")
    return user


def _sign_in(request: HttpRequest, user: Any) -> None:
    auth_login(request, user, backend=BACKEND)
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=DEVICE_NAME, defaults={"confirmed": True}
    )
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)


@sensitive_post_parameters("cms")
def ecp_login(request: HttpRequest) -> HttpResponseBase:
    if request.method == "GET" and request.user.is_authenticated:
        return HttpResponseRedirect(_next(request))
    status = 200
    error = None
    if request.method == "POST":
        content = _take_nonce(request)
        try:
            if not throttle.hit("login-ip", throttle.client_ip(request), settings.LOGIN_IP_RATE):
                status = 429
                raise Refusal(
                    _(
                        "Too many sign-in attempts from this computer. "
                        "Wait a quarter of an hour and try again."
                    ),
                    "throttled",
                )
            if content is None:
                raise Refusal(
                    _(
                        "The sign-in request has expired or was already used. "
                        "Sign the new one below."
                    ),
                    "no nonce",
                )
            cms = str(request.POST.get("cms", ""))[:MAX_CMS]
            try:
                signer = verify_cms(cms, content)
            except EcpError as exc:
                raise Refusal(exc.message, "signature refused") from exc
            user = _judge_account(signer.iin)
        except Refusal as refusal:
            log.info("ЭЦП sign-in refused (%s)", refusal.reason)
            error = refusal.message
        else:
            _sign_in(request, user)
            return HttpResponseRedirect(_next(request))
    nonce = _issue_nonce(request)
    context = {
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "error": error,
        "next": _next(request),
    }
    return render(request, "registration/ecp_login.html", context, status=status)
