"""Helpers shared by the programme's views: guards, strict parsing, running a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.utils.translation import gettext as _

from courts.models import Region
from mentorship.errors import Refused
from mentorship.permissions import allowed, require

from .. import visibility
from ..models import Pair


def _require(request, perm, obj=None):
    require(request.user, perm, obj)


def _office_region(request) -> Region:
    office = request.office
    if office is None or office.region_id is None:
        raise PermissionDenied(_("Your office does not give access to this page."))
    return office.region


# --- pairs (§4.1, §10, §12) -----------------------------------------------------

def visible_or_404(request: HttpRequest, query: Callable[..., QuerySet[Any]], pk: int,
                   *related: str) -> Any:
    """Fetch an object through its entity's visibility query (programs.visibility):
    an object the user may not see answers 404 and does not confirm it exists."""
    return get_object_or_404(query(request.user, request.office).select_related(*related),
                             pk=pk)


def hidden_unless(request: HttpRequest, perm: str, obj: Any) -> None:
    """404 rather than 403 where refusing would confirm that the object exists."""
    if not allowed(request.user, perm, obj):
        raise Http404


def _pair(request: HttpRequest, pk: int) -> Pair:
    return visible_or_404(request, visibility.pairs, pk, "protege__court__region",
                          "mentor__court", "region", "proposed_by", "registered_by")


def _post_action(request, pk: int, action, success: str, perm: str | None = None):
    pair = _pair(request, pk)
    if perm == "member":
        if pair.side_of(request.user) is None:
            raise Http404
    else:
        _require(request, perm, pair.region if perm in REGION_PERMS else pair)
    return run_service(request, lambda: action(pair), success=success,
                       redirect_to=("pair_detail", pair.pk))


REGION_PERMS = {"programs.register_pair", "programs.propose_pair", "programs.extend_term"}


def run_service(request: HttpRequest, call: Callable[[], Any], *, success: Any,
                redirect_to: Any, refused: Callable[[], HttpResponse] | None = None
                ) -> HttpResponse:
    """Run one service call for a POST view.

    A `Refused` becomes an error message and the `refused()` response (the page
    re-rendered with its bound forms) or, without it, the redirect. Success
    becomes the `success` message (if any) and a redirect to `redirect_to`: a
    URL name or URL, a (name, *args) tuple, or a callable taking the call's
    result (then `refused` is required).
    """
    try:
        result = call()
    except Refused as exc:
        messages.error(request, str(exc))
        if refused is not None:
            return refused()
        return _redirect(redirect_to)
    if success:
        messages.success(request, success)
    return _redirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def _redirect(target: Any) -> HttpResponse:
    if isinstance(target, tuple):
        return redirect(resolve_url(target[0], *target[1:]))
    return redirect(target)


def invalid(form, message: Any) -> None:
    """Raise `Refused(message)` when a bound form does not validate (its field
    errors stay on the form for the re-rendered page)."""
    if not form.is_valid():
        raise Refused(str(message))


def _int(request, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else 0
