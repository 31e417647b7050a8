"""Helpers shared by the programme's views: guards, strict parsing, running a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from courts.models import Region
from mentorship.errors import Refused
from mentorship.permissions import allowed, require
from mentorship.types import OfficeRequest

from .. import visibility
from ..models import Pair


def _require(request: OfficeRequest, perm: str, obj: object = None) -> None:
    require(request.acting, perm, obj)


def _office_region(request) -> Region:
    office = request.office
    if office is None or office.region_id is None:
        raise PermissionDenied(_("Your office does not give access to this page."))
    return office.region


# --- pairs (§4.1, §10, §12) -----------------------------------------------------


def visible_or_404(
    request: OfficeRequest, query: Callable[..., QuerySet[Any]], pk: int, *related: str
) -> Any:
    """Fetch an object through its entity's visibility query (programs.visibility):
    an object the user may not see answers 404 and does not confirm it exists."""
    return get_object_or_404(query(request.user, request.office).select_related(*related), pk=pk)


def hidden_unless(request: OfficeRequest, perm: str, obj: Any) -> None:
    """404 rather than 403 where refusing would confirm that the object exists."""
    if not allowed(request.acting, perm, obj):
        raise Http404


def _pair(request: OfficeRequest, pk: int) -> Pair:
    return visible_or_404(
        request,
        visibility.pairs,
        pk,
        "protege__court__region",
        "mentor__court",
        "region",
        "proposed_by",
        "registered_by",
        "participation",
    )


def _post_action(
    request: OfficeRequest, pk: int, action: Callable[[Pair], object], success: str, perm: str
) -> HttpResponseBase:
    pair = _pair(request, pk)
    if perm == "member":
        if pair.side_of(request.user) is None:
            raise Http404
    else:
        _require(request, perm, pair.region if perm in REGION_PERMS else pair)
    try:
        action(pair)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("pair_detail", pk=pair.pk)


REGION_PERMS = {"programs.register_pair", "programs.propose_pair", "programs.extend_term"}


def _int(request, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else 0
