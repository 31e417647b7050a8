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
from mentorship.permissions import Acting

from . import services
from .models import Pair, Participation, RosterEntry
from .queries import needs_analysis
from .regulation import add_months, default_term_end


def _as(username: str) -> Acting:
    """The demo user acting in their (first) office, as a request would."""
    user = get_user_model().objects.get(username=username)
    office = (
        OfficeAssignment.objects.current()
        .filter(user=user)
        .select_related("court", "region")
        .order_by("id")
        .first()
    )
    return Acting(user, office)


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
                if not r["tutor"]
                and not r["mentor"]
                and r["judge"].pk != protege.pk
                # §1.2: a tutor is assigned to a judge of a district-level court
                and r["judge"].court.level != "regional"
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
            _backdate_registration_notice(pair)
            done.append("a tutor pair whose term ends in 20 days")
    if "mentor" in entries and not Pair.objects.filter(protege__user__username="protege2").exists():
        done += _second_year_with_a_replaced_mentor(region, entries["mentor"])
    done += _draft_awaiting_approval(region)
    return done


def _draft_awaiting_approval(region: Region) -> list[str]:
    """§8, §4.1: the coordinator proposed two more tutors; `tutor2` accepted
    (the regional chair's order can list them), `candidate` has yet to answer."""
    proposed = []
    for username, accept in (("tutor2", True), ("candidate", None)):
        judge = Judge.objects.select_related("user").get(user__username=username)
        if RosterEntry.objects.filter(roster__region=region, judge=judge).exists():
            continue
        entry = services.propose_roster_member(
            by=_as("coordinator"), region=region, judge=judge, role="tutor"
        )
        if accept:
            services.answer_roster_invitation(by=_account(judge), entry=entry, accept=True)
        proposed.append(username)
    return ["a roster draft awaiting the chair's order"] if proposed else []


def _backdate_registration_notice(pair: Pair) -> None:
    """The demo backdates a pair's registration: its "registered" notices say
    the term as the register has it, dated the day of the registration."""
    from mentorship.models import Notification  # noqa: PLC0415
    from mentorship.officestyle import long_date_all  # noqa: PLC0415

    pair.refresh_from_db()
    assert pair.term_ends_on is not None and pair.registered_on is not None  # registered
    for notice in Notification.objects.filter(
        kind="pair_registered", params__number=str(pair.register_number)
    ):
        notice.params = {**notice.params, "end": long_date_all(pair.term_ends_on, "dat")}
        notice.created_at = timezone.make_aware(
            dt.datetime.combine(pair.registered_on, dt.time(10))
        )
        notice.save(update_fields=["params", "created_at"])


def _second_year_with_a_replaced_mentor(region: Region, first_mentor: RosterEntry) -> list[str]:
    """A participation in its second year: the first pair, registered fourteen
    months ago and extended by the regional chair's order to two years, ended
    when the branch council granted the protégé's petition to replace the
    mentor (§16.4); the replacement pair continues the term and the programme
    in force (§5, §1.6)."""

    protege = Judge.objects.get(user__username="protege2")
    mentor2 = Judge.objects.get(user__username="mentor2")
    today = timezone.localdate()
    # §1, §4.1: a young judge asks for a mentor; the coordinator admits
    application = services.apply_to_programme(
        by=_account(protege),
        ground="young_judge",
        reasons="Қылмыстық істер бойынша тәжірибем аз, практикалық көмек қажет.",
    )
    services.decide_application(by=_as("coordinator"), participation=application, admit=True)
    pair = services.propose_pair(by=_as("coordinator"), protege=protege, entry=first_mentor)
    services.answer_pair(by=_account(protege), pair=pair, accept=True)
    services.answer_pair(by=_account(first_mentor.judge), pair=pair, accept=True)
    pair = services.register_pair(by=_as("council"), pair=pair)
    services.add_plan_item(
        by=_account(protege),
        pair=pair,
        task=3,
        description="Қылмыстық істерді қарау техникасы: үш отырысты бірге талдау",
        expected_result="Талдау жазбасы",
        due_on=today + dt.timedelta(days=60),
    )
    services.submit_plan(by=_account(first_mentor.judge), pair=pair)
    services.decide_plan(by=_as("court_chair"), pair=pair, approve=True)
    # backdated: the programme began fourteen months ago (demo data only)
    started = add_months(today, -14)
    Participation.objects.filter(pairs=pair).update(
        term_starts_on=started, term_ends_on=default_term_end(started)
    )
    Pair.objects.filter(pk=pair.pk).update(
        registered_on=started, term_ends_on=default_term_end(started)
    )
    _backdate_registration_notice(pair)
    pair.refresh_from_db()
    services.extend_term(
        by=_as("regional_chair"),
        pair=pair,
        new_end=add_months(started, 24) - dt.timedelta(days=1),
        reasons="Бұрынғы заң практикасы аз; қосымша оқу қажет (Ереженің 5-тармағы).",
    )
    services.file_petition(
        by=_account(protege),
        pair=pair,
        kind="replace_mentor",
        reasons="Ментордың жұмыс кестесі кездесулерге мүмкіндік бермейді.",
    )
    petition = pair.petitions.get()
    protocol = services.create_protocol(
        by=_as("council"), region=region, held_on=today, members_present="Кеңес мүшелері"
    )
    services.add_decision(
        by=_as("council"),
        protocol=protocol,
        kind="petition",
        pairs=[],
        petition=petition,
        granted=True,
    )
    services.issue_protocol(by=_as("council"), protocol=protocol)
    # §12: the council selected a second mentor; the chair's order adds them (§8)
    entry = services.propose_roster_member(
        by=_as("coordinator"),
        region=region,
        judge=mentor2,
        role="mentor",
        council_decision_number="9",
        council_decision_on=today,
    )
    services.answer_roster_invitation(by=_account(mentor2), entry=entry, accept=True)
    services.approve_roster(by=_as("regional_chair"), region=region)
    entry.refresh_from_db()
    replacement = services.propose_pair(by=_as("coordinator"), protege=protege, entry=entry)
    services.answer_pair(by=_account(protege), pair=replacement, accept=True)
    services.answer_pair(by=_account(mentor2), pair=replacement, accept=True)
    services.register_pair(by=_as("council"), pair=replacement)
    return ["a second-year programme whose mentor was replaced"]
