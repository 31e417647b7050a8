"""The data behind the pictures: the pair page's timeline and bars, the
dashboard's chart of pairs by state. Each costs a fixed number of queries and
counts in SQL (the drawing itself is mentorship.charts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from courts.collation import kazakh
from courts.models import NATIONAL_OFFICES, REGION_OFFICES, OfficeAssignment, Region
from mentorship import charts

from .. import visibility
from ..models import Pair, PairStatus, Participation, PlanItem, PlanStatus, PlanVersion


@dataclass(frozen=True)
class Event:
    on: dt.date
    kind: str  # a CSS hook: admitted, proposed, consented, registered, plan, extension, report, decision
    label: str
    future: bool = False


def _day(value: dt.date | dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def pair_timeline(
    pair: Pair,
    participation: Participation,
    extensions: list[Any],
    reports: list[Any] | None,
    finalisation: Any | None,
    episodes: list[Pair] = (),  # type: ignore[assignment]
) -> list[Event]:
    """The participation's steps in date order: admitted, proposed, consented,
    registered, plan versions approved, extensions, reports submitted, the
    council's decision, and the end of the term still to come. Two queries:
    the approved plan versions and the moment both judges consented (the
    pair's audit trail)."""
    events: list[Event] = []

    def add(on: Any, kind: str, label: str, future: bool = False) -> None:
        day = _day(on)
        if day is not None:
            events.append(Event(day, kind, label, future))

    add(participation.decided_on, "admitted", _("Admitted to the programme"))
    # the programme's earlier (or later) pairs, from the episodes the page already loaded
    for other in episodes:
        if other.pk == pair.pk:
            continue
        who = {"name": other.mentor.full_name}
        add(other.registered_on, "registered", _("Pair with %(name)s registered") % who)
        add(other.ended_on, "ended", _("Pair with %(name)s ended") % who)
    add(pair.proposed_at, "proposed", _("Pair proposed"))
    consented = (
        apps.get_model("programs", "PairEvent")
        .objects.filter(pgh_obj_id=pair.pk, status=PairStatus.CONSENTED)
        .order_by("pgh_created_at")
        .values_list("pgh_created_at", flat=True)
        .first()
        if pair.status != PairStatus.PROPOSED
        else None
    )
    add(consented, "consented", _("Both judges consented"))
    add(pair.registered_on, "registered", _("Entered in the register"))
    for number, decided_at in (
        PlanVersion.objects.filter(
            plan__pair=pair,
            status__in=(PlanStatus.APPROVED, PlanStatus.SUPERSEDED),
            decided_at__isnull=False,
        )
        .order_by("number")
        .values_list("number", "decided_at")
    ):
        add(decided_at, "plan", _("Individual plan, version %(n)s, approved") % {"n": number})
    for order in extensions:
        add(
            order.issued_on,
            "extension",
            _("Term extended until %(d)s")
            % {"d": order.new_end.strftime("%d.%m.%Y")},  # a date in every language
        )
    for report in reports or []:
        add(
            report.submitted_at,
            "report",
            _("%(kind)s submitted") % {"kind": report.get_kind_display()},
        )
    if finalisation is not None:
        protocol = finalisation.decision.protocol
        add(
            protocol.issued_on,
            "decision",
            _("Branch council's decision, protocol № %(n)s") % {"n": protocol.number},
        )
    today = timezone.localdate()
    if pair.status == PairStatus.ACTIVE and pair.term_ends_on and pair.term_ends_on >= today:
        add(pair.term_ends_on, "term-end", _("End of the term"), future=True)
    events.sort(key=lambda e: (e.on, e.future))
    return events


@dataclass(frozen=True)
class Bar:
    """A share of a whole, for the progress bars."""

    done: int
    total: int
    unit: str  # "months" or "items": the text alternative says which

    @property
    def percent(self) -> int:
        if self.total <= 0:
            return 0
        return max(0, min(100, round(100 * self.done / self.total)))


def _months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(0, months)


def term_bar(pair: Pair, participation: Participation) -> Bar | None:
    """§5, §1.6: how much of the programme's term has run, in whole months (no
    query): the participation's term when set (a later pair continues it),
    else the pair's."""
    start = participation.term_starts_on or pair.registered_on
    end_of_term = participation.term_ends_on or pair.term_ends_on
    if not start or not end_of_term:
        return None
    stopped = participation.ended_on or pair.ended_on or timezone.localdate()
    total = _months_between(start, end_of_term) or 1
    done = min(total, _months_between(start, max(min(stopped, end_of_term), start)))
    return Bar(done, total, "months")


def plan_bar(in_force: PlanVersion | None) -> Bar | None:
    """§2: the items of the plan in force marked fulfilled — one aggregate query."""
    if in_force is None:
        return None
    figures = PlanItem.objects.filter(version=in_force).aggregate(
        total=Count("id"), done=Count("id", filter=Q(fulfilled_on__isnull=False))
    )
    if not figures["total"]:
        return None
    return Bar(figures["done"], figures["total"], "items")


# --- the dashboard's chart: pairs by state, per region (national) or per court


#: the chart's series: (key, label, statuses); the colours are in mentorship.charts
PAIR_STATES: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("awaiting", gettext_lazy("awaiting consent or registration"), ("proposed", "consented")),
    ("active", pgettext_lazy("pairs", "active"), ("active",)),
    ("ended", gettext_lazy("ended by a decision"), tuple(PairStatus.FINAL)),
    ("not_formed", gettext_lazy("not formed"), tuple(PairStatus.NOT_FORMED)),
)

CHART_OFFICES = frozenset(NATIONAL_OFFICES) | frozenset(REGION_OFFICES)


def pairs_by_state(user: Any, office: OfficeAssignment | None) -> list[dict[str, Any]] | None:
    """Rows of {label, awaiting, active, ended, not_formed, total} over the
    pairs the office sees: per region (every region) for a national office,
    per protégé's court (courts with a pair) for a regional one. One
    aggregate query; None for other offices."""
    if office is None or office.office not in CHART_OFFICES:
        return None
    national = office.office in NATIONAL_OFFICES
    visible: QuerySet = visibility.pairs(user, office).order_by()
    lang = (get_language() or "kk")[:2]
    out = []
    if national:
        # every region, those without a pair too: one statement, a counting
        # subquery per state over the visible pairs
        def counted(statuses: tuple[str, ...]) -> Coalesce:
            sub = (
                visible.filter(region_id=OuterRef("pk"), status__in=statuses)
                .values("region_id")
                .annotate(n=Count("id"))
                .values("n")
            )
            return Coalesce(Subquery(sub), 0)

        regions = Region.objects.order_by(kazakh(f"name_{lang}")).annotate(
            **{key: counted(statuses) for key, _label, statuses in PAIR_STATES}
        )
        for region in regions:
            values = {key: getattr(region, key) for key, _label, _s in PAIR_STATES}
            label = getattr(region, f"name_{lang}", "") or region.name_kk
            out.append({"label": label, **values, "total": sum(values.values())})
    else:
        counts = {
            key: Count("id", filter=Q(status__in=statuses)) for key, _label, statuses in PAIR_STATES
        }
        prefix = "protege__court__"
        rows = (
            visible.filter(region_id=office.region_id)
            .values(f"{prefix}id", f"{prefix}name_kk", f"{prefix}name_ru", f"{prefix}name_en")
            .annotate(**counts)
            .order_by(kazakh(f"{prefix}name_{lang}"))
        )
        for row in rows:
            label = row.get(f"{prefix}name_{lang}") or row[f"{prefix}name_kk"]
            values = {key: row[key] for key, _label, _s in PAIR_STATES}
            out.append({"label": label, **values, "total": sum(values.values())})
    out.sort(key=lambda r: -r["total"])  # stable: names stay in the Kazakh alphabet
    return out


def pairs_chart(user: Any, office: OfficeAssignment | None) -> dict[str, Any] | None:
    """The dashboard's chart and its table, or None where the office has none."""
    rows = pairs_by_state(user, office)
    if not rows or not any(r["total"] for r in rows):
        return None
    return {
        "chart": charts.stacked_bars(rows, PAIR_STATES),
        "chart_narrow": charts.stacked_bars(rows, PAIR_STATES, labels_above=True),
        "chart_rows": rows,
        "chart_by_court": office is not None and office.office not in NATIONAL_OFFICES,
    }
