"""Demo programme data for the first look: an approved roster, an active pair
with an approved plan and a journal entry, and a proposal awaiting consent.
Built through the services, as users would; idempotent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from courts.models import Judge, OfficeAssignment, Region

from . import services
from .models import Pair, RosterEntry
from .queries import needs_analysis
from .regulation import add_months, default_term_end


def _as(username: str) -> User:
    user = get_user_model().objects.get(username=username)
    user.active_office = (  # type: ignore[attr-defined]  # as ActiveOfficeMiddleware does
        OfficeAssignment.objects.current()
        .filter(user=user)
        .select_related("court", "region")
        .order_by("id")
        .first()
    )
    return user


@transaction.atomic
def _account(judge: Judge) -> User:
    assert judge.user is not None  # demo judges have accounts
    return judge.user


def load_programme(region_slug: str = "akmola") -> list[str]:
    region = Region.objects.get(slug=region_slug)
    done = []
    judges = {
        u: Judge.objects.select_related("user", "court").get(user__username=u)
        for u in ("judge", "mentor", "tutor")
    }
    if not RosterEntry.objects.filter(roster__region=region, added_by__isnull=False).exists():
        for username, role in (("mentor", "mentor"), ("tutor", "tutor")):
            entry = services.propose_roster_member(
                by=_as("coordinator"),
                region=region,
                judge=judges[username],
                role=role,
                # §12: the branch council's selection of the mentor
                council_decision_number="4" if role == "mentor" else "",
                council_decision_on=timezone.localdate() if role == "mentor" else None,
            )
            services.answer_roster_invitation(
                by=_account(judges[username]), entry=entry, accept=True
            )
        services.approve_roster(by=_as("regional_chair"), region=region)
        done.append("roster order")
    entries = {
        e.role: e
        for e in RosterEntry.objects.filter(
            roster__region=region, added_by__isnull=False, removed_by__isnull=True
        )
    }
    protege = judges["judge"]
    if not Pair.objects.filter(protege=protege).exists() and "mentor" in entries:
        pair = services.propose_pair(
            by=_as("coordinator"), protege=protege, entry=entries["mentor"]
        )
        services.answer_pair(by=_account(protege), pair=pair, accept=True)
        services.answer_pair(by=_account(entries["mentor"].judge), pair=pair, accept=True)
        pair = services.register_pair(by=_as("council"), pair=pair)
        today = timezone.localdate()
        mentor_user = _account(entries["mentor"].judge)
        for task, text, result, days in (
            (
                1,
                "Кіріспе кездесу: соттың жұмыс тәртібі, іс қағаздары",
                "Жұмыс кестесі мен байланыс тәртібі келісілді",
                14,
            ),
            (
                3,
                "Азаматтық істерді қарау техникасы: 5 отырысқа бірге талдау",
                "Бес отырыс бойынша талдау жазбасы",
                90,
            ),
            (4, "Судья әдебі кодексінің талаптарын талқылау", "Талқылау қорытындысы", 120),
        ):
            services.add_plan_item(
                by=_account(protege),
                pair=pair,
                task=task,
                description=text,
                expected_result=result,
                due_on=today + dt.timedelta(days=days),
            )
        services.submit_plan(by=mentor_user, pair=pair)
        services.decide_plan(by=_as("court_chair"), pair=pair, approve=True)
        services.add_journal_entry(
            by=mentor_user,
            pair=pair,
            kind="meeting",
            occurred_on=today,
            text="Алғашқы кездесу: жоспар талқыланды, келесі кездесу бір аптадан кейін.",
        )
        done.append("active pair with an approved plan")
    if "tutor" in entries and not Pair.objects.filter(mentor=entries["tutor"].judge).exists():
        # a tutor pair registered almost a year ago: its term ends in 20 days,
        # so the term watch has something to remind about (§5)

        row = next(
            (
                r
                for r in needs_analysis(region)
                if not r["tutor"] and not r["mentor"] and r["judge"].pk != protege.pk
            ),
            None,
        )
        if row is not None:
            other = row["judge"]
            pair = services.propose_pair(
                by=_as("coordinator"), protege=other, entry=entries["tutor"]
            )
            Pair.objects.filter(pk=pair.pk).update(protege_consent="accepted")
            services.answer_pair(by=_account(entries["tutor"].judge), pair=pair, accept=True)
            pair = services.register_pair(by=_as("training"), pair=pair)
            started = add_months(timezone.localdate(), -12) + dt.timedelta(days=20)
            Pair.objects.filter(pk=pair.pk).update(
                registered_on=started, term_ends_on=default_term_end(started)
            )
            done.append("a tutor pair whose term ends in 20 days")
    return done
