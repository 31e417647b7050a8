"""Cross-cutting request handling: idle session timeout and the office (hat)
the user is working in."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _

from courts.models import OfficeAssignment

SESSION_OFFICE_KEY = "active_office_id"
SESSION_SEEN_KEY = "last_seen"


class SessionTimeoutMiddleware:
    """Idle timeout (SESSION_IDLE_TIMEOUT, 30 min); the absolute 12 h limit is
    the session cookie's age, which is never renewed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(SESSION_SEEN_KEY)
            if seen is not None and now - seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("You were signed out after 30 minutes without "
                                         "activity. Please sign in again."))
                return redirect_to_login(request.get_full_path())
            # write at most once a minute to keep requests cheap
            if seen is None or now - seen > 60:
                request.session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


class ActiveOfficeMiddleware:
    """Loads the offices the user holds today (one query) and the one chosen."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.offices = []
        request.office = None
        user = request.user
        if user.is_authenticated:
            request.offices = list(
                OfficeAssignment.objects.current()
                .filter(user=user)
                .select_related("region", "court", "court__region")
                .order_by("office", "id")
            )
            chosen = request.session.get(SESSION_OFFICE_KEY)
            by_id = {o.id: o for o in request.offices}
            request.office = by_id.get(chosen) or (request.offices[0] if request.offices else None)
            user.active_office = request.office
        return self.get_response(request)


class KazakhFirstLocaleMiddleware(LocaleMiddleware):
    """Kazakh, the state language, is the default: the language is the one the
    user picked (cookie), else Kazakh, whatever the browser's Accept-Language."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
