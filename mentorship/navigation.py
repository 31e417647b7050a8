"""The main menu as a table: which link each office sees, in which group.

`menu(user, office)` evaluates the table for the active office; base.html
loops over the result (mentorship.context_processors.navigation). A group
with no visible entry is not shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from courts.models import Office

Predicate = Callable[[Any, Any], bool]  # (user, active office or None) → shown?


@dataclass(frozen=True)
class Entry:
    label: Promise
    url_name: str
    offices: frozenset[str] | None = None  # None: every signed-in user
    predicate: Predicate | None = None
    divider_before: bool = False

    def shown(self, user, office) -> bool:
        if self.offices is not None and (office is None or office.office not in self.offices):
            return False
        return self.predicate is None or self.predicate(user, office)


@dataclass(frozen=True)
class Group:
    label: Promise | None  # None: the entries stand in the bar itself
    entries: tuple[Entry, ...]


def offices(*names: str) -> frozenset[str]:
    return frozenset(names)


def _lists_pairs(user, office) -> bool:
    return office is not None and office.office != Office.ADMINISTRATOR


def _is_judge(user, office) -> bool:
    return getattr(user, "judge", None) is not None


CHAIRS = offices(Office.COURT_CHAIR, Office.REGIONAL_CHAIR)
COUNCILS = offices(Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE)
ANNUAL = offices(
    Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE, Office.CENTRAL_COUNCIL, Office.UNION_CHAIR
)

NAVIGATION: tuple[Group, ...] = (
    Group(None, (Entry(_("Dashboard"), "dashboard"),)),
    Group(
        _("Courts and judges"),
        (
            Entry(_("Courts"), "court_list"),
            Entry(_("Judges"), "judge_list"),
            Entry(_("Quality flags"), "quality_flags", CHAIRS),
            Entry(_("Workload orders"), "workload_orders", CHAIRS),
            Entry(
                _("Import"), "import_reference", offices(Office.ADMINISTRATOR), divider_before=True
            ),
            Entry(_("Administration"), "admin:index", offices(Office.ADMINISTRATOR)),
        ),
    ),
    Group(
        _("Programme"),
        (
            Entry(_("Rosters"), "roster_list"),
            Entry(_("Seminars"), "seminar_list"),
            Entry(_("Pairs"), "pair_list", predicate=_lists_pairs),
            Entry(
                _("Needs analysis"),
                "needs_analysis",
                offices(Office.COORDINATOR, Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE),
            ),
            Entry(_("Coordinator"), "coordinator_designations", offices(Office.BRANCH_COUNCIL)),
            Entry(_("My preferences"), "protege_preferences", predicate=_is_judge),
        ),
    ),
    Group(
        _("Decisions and reports"),
        (
            Entry(_("Awaiting a decision"), "council_queue", COUNCILS),
            Entry(_("Protocols"), "protocol_list", ANNUAL),
            Entry(
                _("Copies of protocol decisions"),
                "copies_inbox",
                offices(Office.TRAINING_CENTRE, Office.HR_OFFICER),
            ),
            Entry(_("Annual analysis"), "annual_list", ANNUAL),
        ),
    ),
    Group(None, (Entry(_("Access log"), "access_log", offices(Office.DATA_PROTECTION)),)),
)


@dataclass(frozen=True)
class Link:
    label: Promise
    url: str
    divider_before: bool


def menu(user, office, table: tuple[Group, ...] = NAVIGATION) -> list[tuple[Any, list[Link]]]:
    """[(group label or None, [links shown to this user in this office])],
    groups without a shown link left out."""
    out = []
    for group in table:
        links = [
            Link(e.label, reverse(e.url_name), e.divider_before)
            for e in group.entries
            if e.shown(user, office)
        ]
        if links:
            out.append((group.label, links))
    return out


def address_prefix(name: str) -> str:
    """The address of the named `<int:pk>/` page without its number: one
    reverse() for a list page's links, not one a row (#16)."""
    return reverse(name, args=[0]).removesuffix("0/")
