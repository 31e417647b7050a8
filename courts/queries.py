"""Read side: the courts and judges a user may see in the office they work in."""

from __future__ import annotations

from django.db.models import Count, Func, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat, Lower

from .models import NATIONAL_OFFICES, CareerEvent, Court, Judge


def scope_filter(office, user, court_field: str, region_field: str) -> Q | None:
    """Q for objects within the office's scope; None means everything.

    `court_field`/`region_field` are the lookups from the queried model to its
    court id and region id. A user with no office sees their own court.
    """
    if office is not None:
        if office.office in NATIONAL_OFFICES:
            return None
        if office.region_id:
            return Q(**{region_field: office.region_id})
        if office.court_id:
            return Q(**{court_field: office.court_id})
    judge = getattr(user, "judge", None)
    if judge is not None:
        return Q(**{court_field: judge.court_id})
    return Q(pk__in=[])


def courts_visible_to(user, office) -> QuerySet[Court]:
    scope = scope_filter(office, user, "id", "region_id")
    qs = (
        Court.objects.select_related("region")
        .annotate(judge_count=Count("judges", filter=~Q(judges__status="retired")))
        .order_by("region__name_en", "-level", "name_en")
    )
    return qs if scope is None else qs.filter(scope)


def judges_visible_to(user, office) -> QuerySet[Judge]:
    scope = scope_filter(office, user, "court_id", "court__region_id")
    qs = Judge.objects.select_related("court", "court__region").prefetch_related(
        Prefetch("career_events", queryset=CareerEvent.objects.order_by("date", "id")),
        "quality_flags",
    )
    if scope is None:
        return qs
    own = getattr(user, "judge", None)
    if own is not None:
        scope |= Q(pk=own.pk)
    return qs.filter(scope)


# Users mix Cyrillic і with Latin i and type Russian letters for Kazakh ones.
_FOLD = str.maketrans(
    {
        "i": "і",
        "I": "І",
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ё": "е",
    }
)


def fold(text: str) -> str:
    return text.lower().translate(_FOLD).translate(_FOLD)


def search_judges(qs: QuerySet[Judge], text: str) -> QuerySet[Judge]:

    src = "iәғқңөұүһіё"
    dst = fold(src)
    folded = Func(
        Lower(Concat("last_name", Value(" "), "first_name", Value(" "), "patronymic")),
        Value(src),
        Value(dst),
        function="translate",
    )
    return qs.annotate(folded_name=folded).filter(folded_name__contains=fold(text.strip()))
