"""Shared helpers of the programme's rule and service tests (pairs, orders, plans, journal)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from pypdf import PdfReader

from courts.models import QualityFlag
from mentorship.errors import Refused
from mentorship.models import Document, Notification
from programs import services
from programs.models import (
    ExtensionOrder,
    Feedback,
    JournalEntry,
    OrderCounter,
    Pair,
    Plan,
    PlanItem,
    PlanVersion,
    Roster,
    RosterEntry,
    RosterOrder,
    WorkloadOrder,
)
from programs.regulation import default_term_end, live_pair_refusal
from tests import factories as f
from tests.programs import helpers as h

D = dt.date
DAY = dt.timedelta(days=1)
HYP = hsettings(max_examples=300, deadline=None, database=None)
dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))


def today() -> dt.date:
    return timezone.localdate()


def pdf_text(document) -> str:
    """The PDF's text with whitespace collapsed (names may wrap across lines)."""
    raw = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(document.pdf))).pages)
    return " ".join(raw.split())


def state() -> dict:
    """What a refused call must leave untouched."""
    counts = {
        m.__name__: m.objects.count()
        for m in (
            Pair,
            Plan,
            PlanVersion,
            PlanItem,
            ExtensionOrder,
            WorkloadOrder,
            Document,
            JournalEntry,
            Feedback,
            Notification,
            QualityFlag,
            RosterEntry,
            RosterOrder,
        )
    }
    return {
        "counts": counts,
        "pairs": list(Pair.objects.order_by("pk").values()),
        "versions": list(PlanVersion.objects.order_by("pk").values()),
        "items": list(PlanItem.objects.order_by("pk").values()),
        "flags": list(QualityFlag.objects.order_by("pk").values()),
        "counters": list(OrderCounter.objects.order_by("pk").values()),
    }


def refused(call, match: str | None = None, **kwargs):
    """Call a service expecting a refusal; the database must not change."""
    before = state()
    with pytest.raises(Refused, match=match):
        call(**kwargs)
    assert state() == before


def office(w, name):
    return h.as_office(w.users[name])


def extra_entry(w, role: str, *, court=None) -> RosterEntry:
    """One more approved roster member (rows made directly, as in the roster tests)."""
    order = RosterOrder.objects.filter(roster__region=w.region).order_by("number").first()
    court = court or (w.regional_court if role == "mentor" else w.district_court)
    judge = h.with_account(f.judge(court, appointed=D(2005, 4, 1)))
    return RosterEntry.objects.create(
        roster=order.roster,
        judge=judge,
        role=role,
        consent="accepted",
        proposed_by=w.users["coordinator"],
        added_by=order,
    )


def live_pair_message(role: str) -> str:
    """§10.1: the refusal for a second live pair of `role`, in the active language."""
    return live_pair_refusal(role)


def propose(w, protege, entry, by="coordinator"):
    return services.propose_pair(by=office(w, by), protege=protege, entry=entry)


def consented_pair(w, entry, protege=None):
    protege = protege or h.protege(w)
    pair = propose(w, protege, entry)
    services.answer_pair(by=protege.user, pair=pair, accept=True)
    services.answer_pair(by=entry.judge.user, pair=pair, accept=True)
    return pair


def move_registration(pair, registered_on: dt.date) -> Pair:
    """Backdate a registered pair, keeping a valid 12-month term."""
    Pair.objects.filter(pk=pair.pk).update(
        registered_on=registered_on, term_ends_on=default_term_end(registered_on)
    )
    pair.refresh_from_db()
    return pair


def fast_roster(w):
    """(mentor entry, tutor entry) on a roster approved by order № 1 of the regional
    court, written directly (approve_roster and its PDF: test_rosters.py; the
    extension test below uses the real service)."""
    roster = Roster.objects.create(region=w.region)
    document = Document.objects.create(
        kind="roster_order",
        number="1",
        issued_on=today(),
        issuer="x",
        signatory="y",
        language="kk",
        sha256="0",
        pdf=b"%PDF",
    )
    order = RosterOrder.objects.create(
        roster=roster,
        court=w.regional_court,
        year=today().year,
        number=1,
        issued_on=today(),
        signatory=w.users["regional_chair"],
        document=document,
    )
    return tuple(
        RosterEntry.objects.create(
            roster=roster,
            judge=h.with_account(judge),
            role=role,
            consent="accepted",
            consent_at=timezone.now(),
            proposed_by=w.users["coordinator"],
            added_by=order,
        )
        for judge, role in (
            (f.judge(w.regional_court, appointed=D(2012, 5, 1)), "mentor"),
            (f.judge(w.district_court, appointed=D(2015, 3, 1)), "tutor"),
        )
    )


def members(pair):
    pair.refresh_from_db()
    return pair.protege.user, pair.mentor.user
