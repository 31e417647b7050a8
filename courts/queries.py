"""Read side: the courts and judges a user may see in the office they work in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Count,
    DateField,
    F,
    Func,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Concat, Lower

from mentorship.i18n import full_name_sql, name_sql

from . import rules as court_rules
from .models import NATIONAL_OFFICES, CareerEvent, Court, Judge, JudgeStatus


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
    courts: list[int] | None = None
    if office is not None and office.region_id and office.office not in NATIONAL_OFFICES:
        # the region as the judges' own column with the courts listed
        # (court_id = ANY(…)): PostgreSQL filters by the court index before it
        # computes anything per judge (the grounds, #16)
        courts = list(Court.objects.filter(region_id=office.region_id).values_list("pk", flat=True))
        scope = Q(court_id__in=courts)
    elif scope is not None and office is not None and office.court_id:
        courts = [office.court_id]
    qs = Judge.objects.select_related("court", "court__region").prefetch_related(
        Prefetch("career_events", queryset=CareerEvent.objects.order_by("date", "id")),
        "quality_flags",
    )
    if scope is None:
        return qs
    own = getattr(user, "judge", None)
    if own is not None and (courts is None or own.court_id not in courts):
        # the user's own record, when the scope does not hold it already (an
        # OR-ed primary key would turn every count into a scan of the country)
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


# --- preamble, §1.4: the protégé grounds in SQL ------------------------------------
#
# The grounds as `court_rules.protege_grounds` states them, computed by the
# database for every judge of a scope at once (#16): a list, a count or a
# dashboard figure never loads judges and their careers into Python. The
# dates are annotated (`g_first`, `g_specialisation`, `g_region`,
# `g_childcare`, `g_quality`); `has_ground(today)` filters on them with
# PostgreSQL's month arithmetic, which ends a month as `add_months` does
# (31 January + 1 month = 28/29 February). `grounds_of(judge, today)` turns the
# annotations of one row back into the rule's `Ground`s, so that the SQL and the
# rule cannot disagree (tests/courts/test_grounds_sql.py compares them).

GROUND_EVENTS = {
    "g_specialisation": "specialisation_change",
    "g_region": "transfer_region",
    "g_childcare": "childcare_end",
}


class PlusMonths(Func):
    """date + N months, as a date (PostgreSQL's calendar arithmetic)."""

    output_field = DateField()

    def __init__(self, expression, months: int, **extra):
        super().__init__(expression, **extra)
        self.template = f"(%(expressions)s + interval '{int(months)} months')::date"


def _event_date(kind: str, aggregate, today: dt.date | None):
    events = CareerEvent.objects.filter(judge=OuterRef("pk"), kind=kind)
    if today is not None:
        events = events.filter(date__lte=today)
    return Subquery(
        events.order_by().values("judge").annotate(d=aggregate("date")).values("d")[:1],
        output_field=DateField(),
    )


def first_appointed():
    """The judge's first appointment as a subquery expression."""
    return _event_date("first_appointment", Min, None)


def judge_rows(judges: QuerySet[Judge], today: dt.date) -> QuerySet[Any, Any]:
    """A list page's judges (a page of them) as plain values: the name and the
    court's name in the active language and the dates §11 counts the years
    in office from, from SQL (no model instance, career or flag query a row,
    #16). courts.templatetags.judge_tags turns them into the table's rows."""
    values = judges.prefetch_related(None).values("pk", "position", "specialisation", "status")
    return values.annotate(
        judge_name=full_name_sql(""),
        court_name=name_sql("court"),
        first_appointed=first_appointed(),
        retired_on=_event_date("retirement", Min, today),
    )


def with_ground_dates(qs: QuerySet[Judge], today: dt.date) -> QuerySet[Judge]:
    """The grounds' dates as aggregates over the judges' career events and
    quality flags: one pass grouped by judge (a correlated subquery per judge
    cost three to four times as much over the whole country)."""
    on_or_before = Q(career_events__date__lte=today)
    return qs.annotate(
        g_first=Min("career_events__date", filter=Q(career_events__kind="first_appointment")),
        **{
            name: Max("career_events__date", filter=Q(career_events__kind=kind) & on_or_before)
            for name, kind in GROUND_EVENTS.items()
        },
        g_quality=Min(
            "quality_flags__flagged_on",
            filter=Q(quality_flags__lifted_on__isnull=True, quality_flags__flagged_on__lte=today),
        ),
    )


def has_ground(today: dt.date) -> Q:
    """Q over `with_ground_dates` annotations: the judge qualifies as a
    protégé on `today` (preamble, §1.4). Retired judges never do."""
    window = settings.OTHER_GROUND_WINDOW_MONTHS
    first = Q(g_first__lte=today, g_first_ends__gt=today)
    q = first | Q(g_quality__isnull=False)
    for name in GROUND_EVENTS:
        if window > 0:
            q |= Q(**{f"{name}_ends__gt": today})
        else:
            q |= Q(**{f"{name}__isnull": False})
    return q & ~Q(status=JudgeStatus.RETIRED)


def qualifying(qs: QuerySet[Judge], today: dt.date) -> QuerySet[Judge]:
    """The judges of `qs` who qualify as protégés on `today`, annotated."""
    return with_ground_aliases(with_ground_dates(qs, today)).filter(has_ground(today))


def with_ground_aliases(qs: QuerySet[Judge]) -> QuerySet[Judge]:
    window = settings.OTHER_GROUND_WINDOW_MONTHS
    aliases = {"g_first_ends": PlusMonths(F("g_first"), 12 * court_rules.GROUND_WINDOW_YEARS)}
    if window > 0:
        aliases.update({f"{n}_ends": PlusMonths(F(n), window) for n in GROUND_EVENTS})
    return qs.alias(**aliases)


def grounds_of(judge: Judge, today: dt.date) -> list[court_rules.Ground]:
    """The rule's grounds from one annotated row (no career query)."""
    events = [
        court_rules.Event(kind, day)
        for kind, day in [
            ("first_appointment", judge.g_first),  # type: ignore[attr-defined]
            *((kind, getattr(judge, name)) for name, kind in GROUND_EVENTS.items()),
        ]
        if day is not None
    ]
    return court_rules.protege_grounds(
        events,
        today,
        retired=judge.status == JudgeStatus.RETIRED,
        quality_flag_since=judge.g_quality,  # type: ignore[attr-defined]
        other_window_months=settings.OTHER_GROUND_WINDOW_MONTHS,
    )


NATIONAL_FIGURE_SECONDS = 300


def protege_count(judges: QuerySet[Judge], office, today: dt.date) -> int:
    """How many judges of `judges` (an office's scope) qualify as protégés.
    The national figure — every judge of the country, the same for every
    national office — is counted at most every five minutes (~100 ms of
    database time at 80,000 judges, #16); a region's or a court's is exact."""

    def count() -> int:
        return qualifying(judges, today).count()

    if office is not None and office.office in NATIONAL_OFFICES:
        key = f"figures:protege-count:national:{today.isoformat()}"
        return int(cache.get_or_set(key, count, NATIONAL_FIGURE_SECONDS) or 0)
    return count()
