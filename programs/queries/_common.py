"""Shared read-side helpers."""

from __future__ import annotations

from django.db.models import QuerySet

from courts.models import Region
from courts.queries import scope_filter


def regions_visible_to(user, office) -> QuerySet[Region]:
    scope = scope_filter(office, user, "courts__id", "id")
    qs = Region.objects.order_by("name_en")
    return qs if scope is None else qs.filter(scope).distinct()
