"""Cross-cutting request handling: refusing NUL bytes, idle and absolute
session limits, no caching of personal data, and the office (hat) the user is
working in."""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from courts.models import OfficeAssignment
from mentorship.permissions import Acting

SESSION_OFFICE_KEY = "active_office_id"
SESSION_SEEN_KEY = "last_seen"
SESSION_SIGNED_IN_KEY = "signed_in_at"


def _has_nul(values) -> bool:
    return any("\x00" in v for v in values)


class RefuseNulMiddleware:
    """PostgreSQL text cannot hold a NUL character, and no form of the system
    needs one: a path, query string or form value with NUL is refused with a
    translated 400 page before any view runs (files are checked by
    mentorship.uploads)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "").lower()
        bad = (
            "\x00" in request.path
            or "%00" in query
            or "\x00" in query
            or _has_nul(request.GET.keys())
            or _has_nul(request.GET.values())
        )
        if (
            not bad
            and request.method == "POST"
            and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            post = request.POST
            bad = _has_nul(post.keys()) or any(_has_nul(post.getlist(k)) for k in post)
        if bad:
            return HttpResponseBadRequest(
                render_to_string(
                    "400.html",
                    {
                        "reason": _(
                            "The request contains a NUL character, which no field accepts. "
                            "Remove it and try again."
                        )
                    },
                    request=request,
                )
            )
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="mentorship-signed-in-at")
def _remember_sign_in(sender, request, user, **kwargs):
    """The sign-in time, and a session that expires at a fixed moment 12 hours
    later (SESSION_COOKIE_AGE): saving the session never moves it."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SESSION_SIGNED_IN_KEY] = now
    request.session[SESSION_SEEN_KEY] = now
    request.session.set_expiry(
        dt.datetime.fromtimestamp(now + settings.SESSION_COOKIE_AGE, tz=dt.UTC)
    )


class SessionTimeoutMiddleware:
    """Idle timeout (SESSION_IDLE_TIMEOUT, 30 min) and the absolute limit
    (SESSION_COOKIE_AGE, 12 h) counted from the sign-in time kept in the
    session, however active the user is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in = session.get(SESSION_SIGNED_IN_KEY)
            if not isinstance(signed_in, int):
                # a session from before the sign-in time was kept: it started
                # no later than now; from here it ends within 12 hours
                signed_in = now
                session[SESSION_SIGNED_IN_KEY] = now
                session.set_expiry(
                    dt.datetime.fromtimestamp(now + settings.SESSION_COOKIE_AGE, tz=dt.UTC)
                )
            if now - signed_in > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out 12 hours after signing in. Please sign in again."),
                )
                return redirect_to_login(request.get_full_path())
            seen = session.get(SESSION_SEEN_KEY)
            if seen is not None and now - seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _(
                        "You were signed out after 30 minutes without "
                        "activity. Please sign in again."
                    ),
                )
                return redirect_to_login(request.get_full_path())
            # write at most once a minute to keep requests cheap; the expiry is
            # a fixed moment, so the write does not extend the session
            if seen is None or now - seen > 60:
                session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PrivateResponseMiddleware:
    """Court computers are shared: nothing a signed-in user sees and no
    download is kept by the browser or a proxy (Cache-Control: no-store,
    private). Sets Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        download = (
            response.has_header("Content-Disposition")
            or getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith(("text/", "application/json"))
        )
        static = request.path.startswith(settings.STATIC_URL)
        if (user is not None and user.is_authenticated) or (download and not static):
            response["Cache-Control"] = "no-store, private"
            response.headers.pop("Expires", None)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def landing_office(offices: list[OfficeAssignment]) -> OfficeAssignment:
    """The first of the user's offices with pending work (a regional chair
    with a roster awaiting the order lands on the regional office), else the
    first office. Computed once per session."""
    from programs.queries import pending_work  # noqa: PLC0415 (programs imports mentorship)

    return next((o for o in offices if pending_work(o)), offices[0])


class ActiveOfficeMiddleware:
    """Loads the offices the user holds today (one query) and the one chosen;
    a session that has chosen none lands in the office with pending work."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.offices = []
        request.office = None
        user = request.user
        request.acting = Acting(user)
        if user.is_authenticated:
            request.offices = list(
                OfficeAssignment.objects.current()
                .filter(user=user)
                .select_related("region", "court", "court__region")
                .order_by("office", "id")
            )
            chosen = request.session.get(SESSION_OFFICE_KEY)
            by_id = {o.id: o for o in request.offices}
            if chosen not in by_id and len(request.offices) > 1:
                # first request of the session: land where the pending work is
                chosen = landing_office(request.offices).id
                request.session[SESSION_OFFICE_KEY] = chosen
            request.office = by_id.get(chosen) or (request.offices[0] if request.offices else None)
            request.acting = Acting(user, request.office)
        return self.get_response(request)


class KazakhFirstLocaleMiddleware(LocaleMiddleware):
    """Kazakh, the state language, is the default: the language is the one the
    user picked (cookie), else Kazakh, whatever the browser's Accept-Language."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
