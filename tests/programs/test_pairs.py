"""Pairs (issue #4): terms (§1.6, §5), workload orders (§6), pair formation and
consent (§4.1, §10.1, §10.2, §12), extension orders (§5), the individual plan
and its corrections (§2, §15.5, §16.1–2), the confidential journal (§4.2, §4.3,
§15.1), feedback (§16.3), the quality flag (preamble, §1.4) and the ranking of
candidates (§8).

Every refusal is checked to leave the database as it was (`state()`)."""

import calendar
import datetime as dt
import io
import re
import threading

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models import DateField, Value
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from pypdf import PdfReader

from courts import quality
from courts.models import CareerEvent, Judge, Office, QualityFlag
from courts.rules import add_years
from mentorship import crypto
from mentorship.errors import Refused
from mentorship.models import Document, Notification
from programs import services
from programs.lifecycle import PAIR, PETITION, PLAN, PROTOCOL, REPORT, move
from programs.models import (
    ExtensionOrder,
    Feedback,
    JournalEntry,
    MonthsAfter,
    OrderCounter,
    Pair,
    PairStatus,
    Petition,
    PetitionStatus,
    Plan,
    PlanItem,
    PlanStatus,
    PlanVersion,
    ProtegePreference,
    ProtocolStatus,
    Report,
    ReportStatus,
    Roster,
    RosterEntry,
    RosterOrder,
    WorkloadOrder,
)
from programs.queries import needs_analysis, pair_candidates, plan_changes, plan_versions
from programs.regulation import (
    PairCandidate,
    add_months,
    default_term_end,
    extension_refusal,
    feedback_refusal,
    hearing_review_refusal,
    longest_term_end,
    pairing_refusal,
    rank_candidates,
    term_last_day,
    workload_refusal,
    workload_window_end,
)
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
    counts = {m.__name__: m.objects.count() for m in (
        Pair, Plan, PlanVersion, PlanItem, ExtensionOrder, WorkloadOrder, Document,
        JournalEntry, Feedback, Notification, QualityFlag, RosterEntry, RosterOrder)}
    return {"counts": counts,
            "pairs": list(Pair.objects.order_by("pk").values()),
            "versions": list(PlanVersion.objects.order_by("pk").values()),
            "items": list(PlanItem.objects.order_by("pk").values()),
            "flags": list(QualityFlag.objects.order_by("pk").values()),
            "counters": list(OrderCounter.objects.order_by("pk").values())}


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
    return RosterEntry.objects.create(roster=order.roster, judge=judge, role=role,
                                      consent="accepted", proposed_by=w.users["coordinator"],
                                      added_by=order)


def live_pair_message(role: str) -> str:
    """§10.1: the refusal for a second live pair of `role`, in the active language."""
    return pairing_refusal(role, same_person=False, on_roster_as_role=True, same_region=True,
                           protege_qualifies=True, has_live_pair_of_role=True)


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
    Pair.objects.filter(pk=pair.pk).update(registered_on=registered_on,
                                           term_ends_on=default_term_end(registered_on))
    pair.refresh_from_db()
    return pair


def fast_roster(w):
    """(mentor entry, tutor entry) on a roster approved by order № 1 of the regional
    court, written directly (approve_roster and its PDF: test_rosters.py; the
    extension test below uses the real service)."""
    roster = Roster.objects.create(region=w.region)
    document = Document.objects.create(kind="roster_order", number="1", issued_on=today(),
                                       issuer="x", signatory="y", language="kk", sha256="0",
                                       pdf=b"%PDF")
    order = RosterOrder.objects.create(roster=roster, court=w.regional_court,
                                       year=today().year, number=1, issued_on=today(),
                                       signatory=w.users["regional_chair"], document=document)
    return tuple(
        RosterEntry.objects.create(roster=roster, judge=h.with_account(judge), role=role,
                                   consent="accepted", consent_at=timezone.now(),
                                   proposed_by=w.users["coordinator"], added_by=order)
        for judge, role in ((f.judge(w.regional_court, appointed=D(2012, 5, 1)), "mentor"),
                            (f.judge(w.district_court, appointed=D(2015, 3, 1)), "tutor")))


@pytest.fixture
def entries(world):
    """(mentor entry, tutor entry) of the approved roster (order № 1 of the regional court)."""
    return fast_roster(world)


@pytest.fixture
def pair(world, entries):
    """An active mentor pair registered today; its plan's version 1 is a draft."""
    return h.active_pair(world, entry=entries[0])


def members(pair):
    pair.refresh_from_db()
    return pair.protege.user, pair.mentor.user


# =============================================================================
# 1. Pure rules
# =============================================================================

LIFECYCLE_ENUMS = [(PAIR, PairStatus), (PLAN, PlanStatus), (REPORT, ReportStatus),
                   (PETITION, PetitionStatus), (PROTOCOL, ProtocolStatus)]


class TestTermRules:
    """§1.6, §5: a term of one year by default, three years at most."""

    def test_default_term_is_twelve_months_minus_a_day(self):
        assert default_term_end(D(2025, 3, 14)) == D(2026, 3, 13)
        assert default_term_end(D(2025, 1, 1)) == D(2025, 12, 31)

    def test_36_months_accepted_and_a_day_more_refused_1_6(self):
        registered = D(2025, 3, 14)
        current = default_term_end(registered)
        assert extension_refusal(registered_on=registered, current_end=current,
                                 new_end=D(2028, 3, 13)) is None
        reason = extension_refusal(registered_on=registered, current_end=current,
                                   new_end=D(2028, 3, 14))
        assert reason and "§1.6" in reason and "13.03.2028" in reason

    def test_an_extension_must_move_the_end_later_5(self):
        registered = D(2025, 3, 14)
        current = default_term_end(registered)
        for new_end in (current, current - DAY):
            assert "§5" in extension_refusal(registered_on=registered, current_end=current,
                                             new_end=new_end)
        assert extension_refusal(registered_on=registered, current_end=current,
                                 new_end=current + DAY) is None

    def test_add_months_clamps_to_the_months_last_day(self):
        assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
        assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
        assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
        assert add_months(D(2024, 2, 29), 48) == D(2028, 2, 29)
        assert add_months(D(2024, 3, 31), -1) == D(2024, 2, 29)
        assert add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)
        assert add_months(D(2025, 1, 15), -13) == D(2023, 12, 15)
        assert add_months(D(2025, 8, 31), 1) == D(2025, 9, 30)

    def test_longest_term_of_a_leap_day_registration(self):
        assert longest_term_end(D(2024, 2, 29)) == D(2027, 2, 27)
        assert longest_term_end(D(2024, 3, 1)) == D(2027, 2, 28)


class TestWorkloadRules:
    """§6: 1–30 % during the first six months after appointment."""

    appointed = D(2025, 1, 10)

    def check(self, percent=30, starts_on=None, ends_on=None, appointed_on=appointed):
        return workload_refusal(percent=percent, starts_on=starts_on or self.appointed,
                                ends_on=ends_on or D(2025, 3, 1), appointed_on=appointed_on)

    def test_window_ends_on_the_last_day_of_the_sixth_month(self):
        assert workload_window_end(self.appointed) == D(2025, 7, 9)

    def test_percent_1_and_30_accepted_0_and_31_refused(self):
        assert self.check(percent=30) is None
        assert self.check(percent=1) is None
        for percent in (0, 31, -5):
            assert "§6" in self.check(percent=percent)

    def test_last_day_of_the_window_accepted_the_day_after_refused(self):
        assert self.check(ends_on=D(2025, 7, 9)) is None
        reason = self.check(ends_on=D(2025, 7, 10))
        assert "§6" in reason and "09.07.2025" in reason

    def test_a_period_starting_before_the_appointment_is_refused(self):
        assert "§6" in self.check(starts_on=self.appointed - DAY)

    def test_a_period_ending_before_it_begins_is_refused(self):
        assert self.check(starts_on=D(2025, 3, 1), ends_on=D(2025, 2, 28))

    def test_an_unknown_appointment_is_refused(self):
        assert "§6" in self.check(appointed_on=None)


class TestOtherRules:
    def test_hearing_review_today_accepted_tomorrow_refused_4_3_15_1(self):
        now = D(2025, 5, 20)
        assert hearing_review_refusal(held_on=now, today=now) is None
        assert hearing_review_refusal(held_on=now - DAY, today=now) is None
        assert "§4.3" in hearing_review_refusal(held_on=now + DAY, today=now)

    def test_feedback_rating_1_to_5_16_3(self):
        assert all(feedback_refusal(r) is None for r in range(1, 6))
        assert all("§16.3" in feedback_refusal(r) for r in (0, 6, -1))

    @translation.override("en")
    def test_pairing_refusal_10_1_10_2_12(self):
        ok = dict(same_person=False, on_roster_as_role=True, same_region=True,
                  protege_qualifies=True, has_live_pair_of_role=False)
        assert pairing_refusal("tutor", **ok) is None
        assert "own mentor" in pairing_refusal("tutor", **{**ok, "same_person": True})
        assert "§10.2" in pairing_refusal("tutor", **{**ok, "same_region": False})
        assert "§8, §12" in pairing_refusal("tutor", **{**ok, "on_roster_as_role": False})
        assert "§1.4" in pairing_refusal("mentor", **{**ok, "protege_qualifies": False})
        assert "already has a tutor" in pairing_refusal(
            "tutor", **{**ok, "has_live_pair_of_role": True})
        assert "already has a mentor" in pairing_refusal(
            "mentor", **{**ok, "has_live_pair_of_role": True})

    def test_pair_transitions(self):
        assert PAIR.refusal_for("proposed", "consented") is None
        assert PAIR.refusal_for("consented", "active") is None
        assert PAIR.refusal_for("proposed", "active")  # no registration without consent
        assert PAIR.refusal_for("active", "proposed")
        assert PAIR.refusal_for("active", "withdrawn")  # a registered pair is ended
        for terminal in ("declined", "withdrawn", "completed", "ended_early", "replaced"):
            assert PAIR.transitions[terminal] == frozenset()
            assert PAIR.refusal_for(terminal, "active")
        assert PairStatus.LIVE == ("proposed", "consented", "active")

    def test_plan_transitions(self):
        assert PLAN.refusal_for("draft", "submitted") is None
        assert PLAN.refusal_for("draft", "approved")  # the chair approves (§2)
        assert PLAN.refusal_for("returned", "submitted") is None
        assert PLAN.refusal_for("approved", "draft")
        assert PLAN.transitions["approved"] == {"superseded"}
        assert PLAN.transitions["superseded"] == PLAN.transitions["rejected"] == frozenset()

    def test_every_lifecycle_names_each_status_once(self):
        # every status of each enum has a row, and every target is a status of it
        for lifecycle, enum in LIFECYCLE_ENUMS:
            assert set(lifecycle.transitions) == set(enum.values), lifecycle.name
            for targets in lifecycle.transitions.values():
                assert targets <= set(enum.values), lifecycle.name

    def test_a_status_write_outside_the_table_is_refused(self):
        report = Report(status="accepted")
        with pytest.raises(Refused):
            move(report, "draft")
        assert report.status == "accepted"
        move(Petition(status="pending"), "closed")

    @translation.override("en")
    def test_rank_candidates_preference_first_then_specialisation_court_load(self):
        cands = [
            PairCandidate(entry_id=1, role="tutor", specialisation="civil", court_id=7,
                          retired=False, active_proteges=0),
            PairCandidate(entry_id=2, role="mentor", specialisation="criminal", court_id=9,
                          retired=False, active_proteges=0, preference_rank=1),
            PairCandidate(entry_id=3, role="mentor", specialisation="civil", court_id=9,
                          retired=True, active_proteges=2),
            PairCandidate(entry_id=4, role="mentor", specialisation="civil", court_id=9,
                          retired=False, active_proteges=0, preference_rank=2),
        ]
        ranked = rank_candidates(protege_specialisation="civil", protege_court_id=7,
                                 candidates=cands)
        assert [s.candidate.entry_id for s in ranked] == [4, 2, 1, 3]
        assert [s.score for s in ranked] == [110, 100, 30, -10]
        assert "§8" in ranked[1].reasons[0] and "1" in ranked[1].reasons[0]
        assert any("retired" in r for r in ranked[3].reasons)
        assert any("2" in r for r in ranked[3].reasons)

    def test_rank_ties_are_broken_by_entry(self):
        same = dict(role="mentor", specialisation="civil", court_id=1, retired=False,
                    active_proteges=0)
        ranked = rank_candidates(protege_specialisation="civil", protege_court_id=2,
                                 candidates=[PairCandidate(entry_id=9, **same),
                                             PairCandidate(entry_id=3, **same)])
        assert [s.candidate.entry_id for s in ranked] == [3, 9]


class TestTermProperties:
    """Hypothesis: the term arithmetic (§1.6, §5, §6) for any date."""

    @HYP
    @given(dates, st.integers(min_value=-240, max_value=240))
    def test_add_months_moves_exactly_that_many_months_and_clamps(self, day, months):
        r = add_months(day, months)
        assert (r.year * 12 + r.month) - (day.year * 12 + day.month) == months
        assert r.day == min(day.day, calendar.monthrange(r.year, r.month)[1])

    @HYP
    @given(dates, st.integers(min_value=1, max_value=120))
    def test_a_term_ends_on_or_after_its_start(self, start, months):
        assert term_last_day(start, months) >= start
        assert term_last_day(start, months) < add_months(start, months)

    @HYP
    @given(dates, dates, st.integers(min_value=-120, max_value=120))
    def test_add_months_is_monotonic_in_the_date(self, a, b, months):
        a, b = min(a, b), max(a, b)
        assert add_months(a, months) <= add_months(b, months)

    @HYP
    @given(dates, st.integers(min_value=-120, max_value=120),
           st.integers(min_value=-120, max_value=120))
    def test_add_months_is_monotonic_in_the_months(self, day, m1, m2):
        m1, m2 = min(m1, m2), max(m1, m2)
        assert add_months(day, m1) <= add_months(day, m2)

    @HYP
    @given(dates, st.integers(min_value=-60, max_value=60),
           st.integers(min_value=-60, max_value=60))
    def test_composition(self, day, a, b):
        composed = add_months(add_months(day, a), b)
        if day.day <= 28:
            assert composed == add_months(day, a + b)
        else:  # clamping can only lose days
            assert composed <= add_months(day, a + b)

    @HYP
    @given(dates)
    def test_longest_and_default_terms_are_whole_years_minus_a_day(self, start):
        # add_years (courts.rules) is an independent oracle: 29 Feb → 28 Feb
        assert longest_term_end(start) == term_last_day(start, 36)
        assert longest_term_end(start) == add_years(start, 3) - DAY
        assert default_term_end(start) == add_years(start, 1) - DAY
        assert default_term_end(start) < longest_term_end(start)

    @HYP
    @given(dates, st.integers(min_value=1, max_value=1200))
    def test_extension_accepted_exactly_up_to_36_months(self, registered, days_later):
        current = default_term_end(registered)
        new_end = current + dt.timedelta(days=days_later)
        reason = extension_refusal(registered_on=registered, current_end=current,
                                   new_end=new_end)
        assert (reason is None) == (new_end <= longest_term_end(registered))

    @HYP
    @given(dates, st.integers(min_value=1, max_value=30))
    def test_workload_window_boundary(self, appointed, percent):
        end = workload_window_end(appointed)
        assert end == add_months(appointed, 6) - DAY
        assert workload_refusal(percent=percent, starts_on=appointed, ends_on=end,
                                appointed_on=appointed) is None
        assert workload_refusal(percent=percent, starts_on=appointed, ends_on=end + DAY,
                                appointed_on=appointed)


SQL_SAMPLE = sorted({D(y, m, calendar.monthrange(y, m)[1]) for y in (2023, 2024, 2025)
                     for m in range(1, 13)} | {D(2024, 2, 29), D(2028, 2, 29), D(2024, 2, 28),
                                              D(2025, 3, 1), D(2025, 3, 14), D(2024, 1, 30)})


def test_sql_months_after_agrees_with_add_months_including_29_february(world):
    """The DB constraint's MonthsAfter computes what rules.term_last_day computes."""
    from courts.models import Region

    cases = [(day, months, days) for day in SQL_SAMPLE for months in (1, 6, 12, 36, -1)
             for days in (0, 1)]
    annotations = {f"d{i}": MonthsAfter(Value(day, output_field=DateField()), months, days)
                   for i, (day, months, days) in enumerate(cases)}
    row = Region.objects.filter(pk=world.region.pk).annotate(**annotations).values(
        *annotations).get()
    for i, (day, months, days) in enumerate(cases):
        assert row[f"d{i}"] == add_months(day, months) - dt.timedelta(days=days), (day, months)
    assert row[f"d{cases.index((D(2024, 2, 29), 36, 1))}"] == D(2027, 2, 27)


# =============================================================================
# 2. Pair formation, consent, registration (§4.1, §10, §12)
# =============================================================================

class TestProposal:
    def test_the_coordinator_proposes_from_the_approved_roster(self, world, entries):
        mentor_entry, _tutor = entries
        protege = h.protege(world)
        pair = propose(world, protege, mentor_entry)
        assert (pair.status, pair.role, pair.region, pair.mentor, pair.protege) == (
            "proposed", "mentor", world.region, mentor_entry.judge, protege)
        assert pair.ground == "first_appointment"
        assert (pair.mentor_consent, pair.protege_consent) == ("pending", "pending")
        asked = set(Notification.objects.filter(kind="pair_proposed").values_list("user",
                                                                                  flat=True))
        assert asked == {protege.user.pk, mentor_entry.judge.user.pk}

    def test_the_branch_council_may_propose_too(self, world, entries):
        assert propose(world, h.protege(world), entries[1], by="branch_council").pk

    @pytest.mark.parametrize("name", ["regional_chair", "court_chair", "training_centre",
                                      "hr_officer", "central_council", "other_region"])
    def test_other_offices_cannot_propose(self, world, entries, name):
        protege = h.protege(world)
        refused(services.propose_pair, by=office(world, name), protege=protege,
                entry=entries[0])

    def test_a_judge_without_an_office_cannot_propose(self, world, entries):
        protege = h.protege(world)
        refused(services.propose_pair, by=world.users["judge"], protege=protege,
                entry=entries[0])

    def test_a_draft_entry_not_yet_approved_is_refused_8_12(self, world, entries):
        entry = h.pending_entry(world)
        services.answer_roster_invitation(by=entry.judge.user, entry=entry, accept=True)
        protege = h.protege(world)
        refused(propose, "§8, §12", w=world, protege=protege, entry=entry)

    def test_an_entry_whose_order_takes_effect_tomorrow_is_refused(self, world, entries):
        RosterOrder.objects.update(issued_on=today() + DAY)
        refused(propose, "§8, §12", w=world, protege=h.protege(world), entry=entries[0])

    def test_a_removed_member_is_refused(self, world, entries):
        mentor_entry, _ = entries
        services.withdraw_or_propose_removal(by=office(world, "coordinator"), entry=mentor_entry)
        services.approve_roster(by=office(world, "regional_chair"), region=world.region)
        refused(propose, "§8, §12", w=world, protege=h.protege(world), entry=mentor_entry)

    def test_a_member_on_childcare_leave_is_refused_at_proposal_not_only_registration(
            self, world, entries):
        mentor_entry, _ = entries
        Judge.objects.filter(pk=mentor_entry.judge_id).update(status="childcare")
        before = Pair.objects.count()
        with translation.override("en"):
            refused(propose, "§12: the mentor or tutor is on childcare leave", w=world,
                    protege=h.protege(world), entry=mentor_entry)
        assert Pair.objects.count() == before

    def test_a_removal_effective_later_keeps_the_member_today(self, world, entries):
        mentor_entry, _ = entries
        services.withdraw_or_propose_removal(by=office(world, "coordinator"), entry=mentor_entry)
        order = services.approve_roster(by=office(world, "regional_chair"), region=world.region)
        RosterOrder.objects.filter(pk=order.pk).update(issued_on=today() + DAY)
        mentor_entry.refresh_from_db()
        assert mentor_entry.is_member_on(today()) and not mentor_entry.is_member_on(today() + DAY)
        assert propose(w=world, protege=h.protege(world), entry=mentor_entry).status == "proposed"

    def test_nobody_is_paired_with_themself(self, world, entries):
        _, tutor_entry = entries
        # the tutor gets a quality flag, so self-pairing is the only defect
        QualityFlag.objects.create(judge=tutor_entry.judge, reasons="r", flagged_on=today(),
                                   flagged_by=world.users["court_chair"])
        assert tutor_entry.judge.protege_grounds(today())
        refused(propose, re.escape("§1.4, §12"), w=world, protege=tutor_entry.judge,
                entry=tutor_entry)

    def test_a_judge_appointed_years_ago_does_not_qualify_1_4(self, world, entries):
        refused(propose, "§1.4", w=world, protege=world.judge, entry=entries[0])

    def test_a_retired_judge_is_not_a_protege(self, world, entries):
        judge = h.protege(world)
        judge.status = "retired"
        judge.save()
        refused(propose, "§1.4", w=world, protege=judge, entry=entries[0])

    def test_pairs_are_formed_within_the_region_10_2(self, world, entries):
        protege = h.protege(world, court=world.other_court)
        refused(propose, "§10.2", w=world, protege=protege, entry=entries[1],
                by="other_region")

    def test_one_tutor_at_a_time_but_a_mentor_as_well_10_1(self, world, entries):
        mentor_entry, tutor_entry = entries
        second_tutor = extra_entry(world, "tutor")
        protege = h.protege(world)
        propose(world, protege, tutor_entry)
        refused(propose, re.escape(live_pair_message("tutor")), w=world, protege=protege,
                entry=second_tutor)
        # §10.1: a tutor AND a mentor at the same time
        mentor_pair = propose(world, protege, mentor_entry)
        assert set(Pair.objects.filter(protege=protege).values_list("role", flat=True)) == {
            "tutor", "mentor"}
        second_mentor = extra_entry(world, "mentor")
        refused(propose, re.escape(live_pair_message("mentor")), w=world, protege=protege,
                entry=second_mentor)
        assert mentor_pair.status == "proposed"

    def test_an_active_pair_blocks_a_second_one_of_the_role(self, world, entries):
        pair = h.active_pair(world, entry=entries[1])
        refused(propose, "§10.1", w=world, protege=pair.protege, entry=extra_entry(world, "tutor"))

    def test_a_withdrawn_or_declined_proposal_no_longer_blocks(self, world, entries):
        _, tutor_entry = entries
        protege = h.protege(world)
        first = propose(world, protege, tutor_entry)
        services.withdraw_pair(by=office(world, "coordinator"), pair=first)
        assert Pair.objects.get(pk=first.pk).status == "withdrawn"
        second = propose(world, protege, extra_entry(world, "tutor"))
        services.answer_pair(by=protege.user, pair=second, accept=False)
        third = propose(world, protege, tutor_entry)
        assert third.status == "proposed"

    def test_only_the_proposing_offices_withdraw_and_only_before_registration(
            self, world, entries, pair):
        live = propose(world, h.protege(world), entries[1])
        refused(services.withdraw_pair, by=office(world, "regional_chair"), pair=live)
        refused(services.withdraw_pair, by=office(world, "coordinator"), pair=pair)


class TestConsent:
    """§4.1: voluntariness — both sides consent, either may decline."""

    def test_both_accept_then_consented_and_registrars_are_told(self, world, entries):
        pair = consented_pair(world, entries[0])
        pair.refresh_from_db()
        assert (pair.status, pair.mentor_consent, pair.protege_consent) == (
            "consented", "accepted", "accepted")
        told = set(Notification.objects.filter(kind="pair_consented").values_list("user",
                                                                                  flat=True))
        assert told == {world.users["branch_council"].pk, world.users["training_centre"].pk}

    def test_one_acceptance_keeps_the_pair_proposed(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[0])
        services.answer_pair(by=protege.user, pair=pair, accept=True)
        pair.refresh_from_db()
        assert (pair.status, pair.protege_consent, pair.mentor_consent) == (
            "proposed", "accepted", "pending")

    def test_one_declines_then_declined(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[0])
        services.answer_pair(by=entries[0].judge.user, pair=pair, accept=True)
        services.answer_pair(by=protege.user, pair=pair, accept=False)
        pair.refresh_from_db()
        assert (pair.status, pair.protege_consent, pair.ended_on) == ("declined", "declined",
                                                                      today())
        assert Notification.objects.filter(kind="pair_declined",
                                           user=world.users["coordinator"]).exists()

    def test_after_a_decline_the_other_side_cannot_accept(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[0])
        services.answer_pair(by=protege.user, pair=pair, accept=False)
        refused(services.answer_pair, by=entries[0].judge.user, pair=pair, accept=True)

    def test_a_third_party_cannot_answer(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[0])
        for user in (world.users["judge"], office(world, "coordinator"),
                     entries[1].judge.user):
            refused(services.answer_pair, by=user, pair=pair, accept=True)

    def test_answering_twice_is_refused(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[0])
        services.answer_pair(by=protege.user, pair=pair, accept=True)
        refused(services.answer_pair, by=protege.user, pair=pair, accept=False)
        refused(services.answer_pair, by=protege.user, pair=pair, accept=True)


class TestRegistration:
    """§12: the branch council or the Training Centre keeps the register; §5 term."""

    def test_registration_numbers_term_and_draft_plan(self, world, entries):
        mentor_entry, tutor_entry = entries
        first = services.register_pair(by=office(world, "branch_council"),
                                       pair=consented_pair(world, mentor_entry))
        second = services.register_pair(by=office(world, "training_centre"),
                                        pair=consented_pair(world, tutor_entry))
        for pair, number, by in ((first, 1, "branch_council"), (second, 2, "training_centre")):
            pair.refresh_from_db()
            assert (pair.status, pair.register_number, pair.registered_on) == (
                "active", number, today())
            assert pair.registered_by == world.users[by]
            assert pair.term_ends_on == default_term_end(today())
            assert pair.term_ends_on == add_years(today(), 1) - DAY
            version = PlanVersion.objects.get(plan__pair=pair)
            assert (version.number, version.status) == (1, "draft")
            assert not version.items.exists()

    def test_numbering_is_per_region(self, world, entries):
        other_roster = Roster.objects.create(region=world.other_region)
        tutor = f.judge(world.other_court, appointed=D(2005, 1, 1))
        other_entry = RosterEntry.objects.create(roster=other_roster, judge=tutor, role="tutor",
                                                 consent="accepted",
                                                 proposed_by=world.users["other_region"])
        Pair.objects.create(region=world.other_region, protege=h.protege(
            world, court=world.other_court), mentor=tutor, role="tutor",
            roster_entry=other_entry, status="active", proposed_by=world.users["other_region"],
            register_number=7, registered_on=today(), term_ends_on=default_term_end(today()))
        pair = services.register_pair(by=office(world, "branch_council"),
                                      pair=consented_pair(world, entries[0]))
        assert pair.register_number == 1

    @pytest.mark.parametrize("name", ["coordinator", "regional_chair", "other_region"])
    def test_other_offices_cannot_register(self, world, entries, name):
        pair = consented_pair(world, entries[0])
        refused(services.register_pair, by=office(world, name), pair=pair)
        assert not Plan.objects.exists()

    def test_a_pair_without_both_consents_cannot_be_registered(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[0])
        services.answer_pair(by=protege.user, pair=pair, accept=True)
        refused(services.register_pair, by=office(world, "branch_council"), pair=pair)

    def test_a_pair_cannot_be_registered_twice(self, world, pair):
        refused(services.register_pair, by=office(world, "branch_council"), pair=pair)


# =============================================================================
# 3. The database's own guards
# =============================================================================

class TestConstraints:
    def raw_pair(self, w, entry, protege, **kw):
        return Pair.objects.create(region=w.region, protege=protege, mentor=entry.judge,
                                   role=kw.pop("role", entry.role), roster_entry=entry,
                                   proposed_by=w.users["coordinator"], **kw)

    def test_second_live_tutor_pair_for_a_protege_10_1(self, world, entries):
        mentor_entry, tutor_entry = entries
        protege = h.protege(world)
        self.raw_pair(world, tutor_entry, protege)
        with pytest.raises(IntegrityError), transaction.atomic():
            self.raw_pair(world, mentor_entry, protege, role="tutor", status="consented")
        # not live: allowed; a mentor pair: allowed
        self.raw_pair(world, mentor_entry, protege, role="tutor", status="declined")
        self.raw_pair(world, mentor_entry, protege, role="mentor")
        assert Pair.objects.filter(protege=protege).count() == 3

    def test_nobody_paired_with_themself(self, world, entries):
        judge = entries[1].judge
        with pytest.raises(IntegrityError), transaction.atomic():
            self.raw_pair(world, entries[1], judge)
        assert not Pair.objects.exists()

    def test_workload_percent_31(self, world):
        judge = h.protege(world)

        def order(number, percent):
            document = Document.objects.create(kind="workload_order", number=str(number),
                                               issued_on=today(), issuer="x", signatory="y",
                                               language="kk", sha256="0", pdf=b"%PDF")
            return WorkloadOrder.objects.create(
                judge=judge, court=judge.court, year=today().year, number=number,
                issued_on=today(), percent=percent, starts_on=today(), ends_on=today(),
                signatory=world.users["court_chair"], document=document)

        with pytest.raises(IntegrityError), transaction.atomic():
            order(1, 31)
        with pytest.raises(IntegrityError), transaction.atomic():
            order(1, 0)
        assert order(1, 30).percent == 30

    def test_registered_term_within_12_to_36_months_1_6_5(self, world, pair):
        registered = pair.registered_on
        for bad in (longest_term_end(registered) + DAY, default_term_end(registered) - DAY):
            with pytest.raises(IntegrityError), transaction.atomic():
                Pair.objects.filter(pk=pair.pk).update(term_ends_on=bad)
        Pair.objects.filter(pk=pair.pk).update(term_ends_on=longest_term_end(registered))
        pair.refresh_from_db()
        assert pair.term_ends_on == longest_term_end(registered)

    def test_the_term_limit_on_a_29_february_registration(self, world, pair):
        leap = D(2024, 2, 29)
        Pair.objects.filter(pk=pair.pk).update(registered_on=leap,
                                               term_ends_on=longest_term_end(leap))
        with pytest.raises(IntegrityError), transaction.atomic():
            Pair.objects.filter(pk=pair.pk).update(term_ends_on=longest_term_end(leap) + DAY)
        with pytest.raises(IntegrityError), transaction.atomic():
            Pair.objects.filter(pk=pair.pk).update(term_ends_on=default_term_end(leap) - DAY)
        Pair.objects.filter(pk=pair.pk).update(term_ends_on=default_term_end(leap))

    def test_a_registered_pair_must_have_a_term(self, world, pair):
        with pytest.raises(IntegrityError), transaction.atomic():
            Pair.objects.filter(pk=pair.pk).update(term_ends_on=None)

    def test_the_extension_order_must_move_the_end_later(self, world, pair):
        document = Document.objects.create(kind="extension_order", number="9",
                                           issued_on=today(), issuer="x", signatory="y",
                                           language="kk", sha256="0", pdf=b"%PDF")
        with pytest.raises(IntegrityError), transaction.atomic():
            ExtensionOrder.objects.create(
                pair=pair, court=world.regional_court, year=2025, number=9, issued_on=today(),
                previous_end=pair.term_ends_on, new_end=pair.term_ends_on, reasons="r",
                signatory=world.users["regional_chair"], document=document)


# =============================================================================
# 4. Concurrency: §10.1 under twenty simultaneous proposals
# =============================================================================

@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_tutor_proposals_yield_one_pair_10_1(world):
    h.roster_entries(world)
    tutors = list(RosterEntry.objects.filter(role="tutor")) + [
        extra_entry(world, "tutor") for _ in range(19)]
    assert len({e.judge_id for e in tutors}) == 20
    protege = h.protege(world)
    by = office(world, "coordinator")
    results, barrier = [], threading.Barrier(len(tutors))
    lock = threading.Lock()

    def run(entry):
        try:
            barrier.wait(timeout=30)
            outcome = services.propose_pair(by=by, protege=protege, entry=entry)
        except Exception as exc:  # noqa: BLE001 - every outcome is counted
            outcome = exc
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(e,)) for e in tutors]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == 20
    pairs = [r for r in results if isinstance(r, Pair)]
    refusals = [r for r in results if isinstance(r, Refused)]
    others = [r for r in results if not isinstance(r, Pair | Refused)]
    assert others == []
    assert (len(pairs), len(refusals)) == (1, 19)
    assert all("§10.1" in str(r) for r in refusals)
    assert Pair.objects.filter(protege=protege).count() == 1
    assert Pair.objects.get(protege=protege).pk == pairs[0].pk


# =============================================================================
# 5. Extension orders (§5, §1.6)
# =============================================================================

class TestExtension:
    def extend(self, w, pair, new_end, by="regional_chair", reasons="тәжірибесі бар"):
        return services.extend_term(by=office(w, by), pair=pair, new_end=new_end,
                                    reasons=reasons)

    def test_the_regional_chair_extends_by_an_order_sharing_the_courts_numbering(
            self, world):
        # the roster approved through the service: its order is № 1
        pair = h.active_pair(world, entry=h.roster_entries(world)[0])
        previous = pair.term_ends_on
        new_end = add_months(pair.registered_on, 24) - DAY
        order = self.extend(world, pair, new_end)
        assert RosterOrder.objects.get().number == 1
        assert (order.number, order.year, order.court) == (2, today().year,
                                                           world.regional_court)
        assert (order.previous_end, order.new_end, order.issued_on) == (previous, new_end,
                                                                        today())
        pair.refresh_from_db()
        assert pair.term_ends_on == new_end
        text = pdf_text(order.document)
        assert pair.protege.full_name in text and pair.mentor.full_name in text
        assert new_end.strftime("%d.%m.%Y") in text
        assert previous.strftime("%d.%m.%Y") in text
        assert order.document.verification_code in text
        assert order.document.hash_matches()
        assert order.document.kind == "extension_order" and order.document.number == "2"
        told = set(Notification.objects.filter(kind="term_extended").values_list("user",
                                                                                 flat=True))
        assert told == {pair.protege.user_id, pair.mentor.user_id}
        # a second extension takes the next number
        assert self.extend(world, pair, new_end + DAY).number == 3

    def test_exactly_36_months_accepted(self, world, pair):
        order = self.extend(world, pair, longest_term_end(pair.registered_on))
        assert order.new_end == add_years(pair.registered_on, 3) - DAY

    def test_beyond_36_months_refused_and_nothing_stored_1_6(self, world, pair):
        too_late = longest_term_end(pair.registered_on) + DAY
        refused(self.extend, "§1.6", w=world, pair=pair, new_end=too_late)
        assert not ExtensionOrder.objects.exists()
        assert Document.objects.count() == 1  # the roster order only
        # the refused attempt consumed no number
        assert self.extend(world, pair, pair.term_ends_on + DAY).number == 2

    def test_not_later_than_the_current_end_refused_5(self, world, pair):
        refused(self.extend, "§5", w=world, pair=pair, new_end=pair.term_ends_on)

    def test_reasons_required_5(self, world, pair):
        refused(self.extend, "§5", w=world, pair=pair, new_end=pair.term_ends_on + DAY,
                reasons="  ")

    @pytest.mark.parametrize("name", ["court_chair", "coordinator", "branch_council"])
    def test_only_the_regional_chair_extends(self, world, pair, name):
        refused(self.extend, w=world, pair=pair, new_end=pair.term_ends_on + DAY, by=name)

    def test_a_regional_chair_of_another_region_cannot_extend(self, world, pair):
        chair = h.as_office(f.user(office=Office.REGIONAL_CHAIR, region=world.other_region))
        refused(services.extend_term, by=chair, pair=pair, new_end=pair.term_ends_on + DAY,
                reasons="r")

    def test_a_pair_not_yet_registered_cannot_be_extended(self, world, entries):
        pair = consented_pair(world, entries[0])
        refused(self.extend, "§5", w=world, pair=pair, new_end=today() + dt.timedelta(400))


# =============================================================================
# 6. Workload orders (§6)
# =============================================================================

class TestWorkload:
    def issue(self, w, judge, percent=30, starts_on=None, ends_on=None, by="court_chair"):
        by = office(w, by) if isinstance(by, str) else h.as_office(by)
        return services.issue_workload_order(
            by=by, judge=judge, percent=percent, starts_on=starts_on or today(),
            ends_on=ends_on or today() + dt.timedelta(days=30))

    def test_the_chair_of_the_judges_court_issues_an_order(self, world):
        judge = h.protege(world)
        appointed = CareerEvent.objects.get(judge=judge, kind="first_appointment").date
        window_end = workload_window_end(appointed)
        order = self.issue(world, judge, percent=17, ends_on=window_end)
        assert (order.number, order.court, order.percent) == (1, world.district_court, 17)
        assert (order.starts_on, order.ends_on) == (today(), window_end)
        text = pdf_text(order.document)
        assert judge.full_name in text
        assert re.search(r"(?<![\w№])17\s*(per cent|%|пайыз|процент)", text), text
        assert window_end.strftime("%d.%m.%Y") in text
        assert order.document.verification_code in text and order.document.hash_matches()
        assert Notification.objects.filter(kind="workload_order", user=judge.user).exists()

    def test_the_window_boundary_through_the_service(self, world):
        judge = h.protege(world)
        appointed = CareerEvent.objects.get(judge=judge, kind="first_appointment").date
        refused(self.issue, "§6", w=world, judge=judge, ends_on=workload_window_end(appointed)
                + DAY)
        refused(self.issue, "§6", w=world, judge=judge, starts_on=appointed - DAY)

    @pytest.mark.parametrize("percent", [0, 31])
    def test_percent_out_of_range_refused(self, world, percent):
        refused(self.issue, "§6", w=world, judge=h.protege(world), percent=percent)

    def test_the_chair_of_another_court_is_refused(self, world):
        chair = f.user(office=Office.COURT_CHAIR, court=world.small_court)
        refused(self.issue, w=world, judge=h.protege(world), by=chair)
        refused(self.issue, w=world, judge=h.protege(world), by="regional_chair")
        refused(self.issue, w=world, judge=h.protege(world), by="hr_officer")

    def test_an_overlapping_period_is_refused(self, world):
        judge = h.protege(world)
        first = self.issue(world, judge, starts_on=today(), ends_on=today() + dt.timedelta(10))
        refused(self.issue, "§6", w=world, judge=judge, starts_on=first.ends_on,
                ends_on=first.ends_on + dt.timedelta(5))
        refused(self.issue, "§6", w=world, judge=judge, starts_on=today() + dt.timedelta(3),
                ends_on=today() + dt.timedelta(4))
        # the day after is free, and the court's numbering goes on
        assert self.issue(world, judge, starts_on=first.ends_on + DAY,
                          ends_on=first.ends_on + dt.timedelta(5)).number == 2

    def test_a_judge_appointed_seven_months_ago_is_refused(self, world):
        judge = h.protege(world, months_ago=7)
        assert judge.protege_grounds(today())  # still a protégé, but past the 6 months
        refused(self.issue, "§6", w=world, judge=judge)

    def test_a_judge_of_the_regional_court_gets_the_regional_chairs_order(self, world,
                                                                          entries):
        judge = h.protege(world, court=world.regional_court)
        order = self.issue(world, judge, percent=10, by="regional_chair")
        # the regional court's numbering is shared with the roster order № 1
        assert (order.court, order.number) == (world.regional_court, 2)
        refused(self.issue, w=world, judge=judge, by="court_chair",
                starts_on=today() + dt.timedelta(40), ends_on=today() + dt.timedelta(41))


# =============================================================================
# 7. The individual plan (§2, §3, §15.5, §16.1–2)
# =============================================================================

def add_item(pair, by, task=1, due_on=None, description="Сот отырысына қатысу"):
    return services.add_plan_item(by=by, pair=pair, task=task, description=description,
                                  expected_result="Дағды", due_on=due_on or pair.term_ends_on)


def version(pair, number):
    return PlanVersion.objects.get(plan__pair=pair, number=number)


def approved_plan(world, pair):
    protege_user, mentor_user = members(pair)
    items = [add_item(pair, protege_user, task=1), add_item(pair, mentor_user, task=3)]
    services.submit_plan(by=mentor_user, pair=pair)
    services.decide_plan(by=office(world, "court_chair"), pair=pair, approve=True)
    return items


class TestPlanDrafting:
    def test_either_member_adds_items(self, world, pair):
        protege_user, mentor_user = members(pair)
        a = add_item(pair, protege_user, task=1, due_on=pair.registered_on)
        b = add_item(pair, mentor_user, task=7, due_on=pair.term_ends_on)
        assert {a.version_id, b.version_id} == {version(pair, 1).pk}
        assert (a.task, b.task) == (1, 7)

    @pytest.mark.parametrize("task", [0, 8])
    def test_a_task_outside_section_3_is_refused(self, world, pair, task):
        refused(add_item, "§3", pair=pair, by=members(pair)[0], task=task)

    def test_the_due_date_falls_within_the_term_5(self, world, pair):
        protege_user = members(pair)[0]
        refused(add_item, "§5", pair=pair, by=protege_user, due_on=pair.registered_on - DAY)
        refused(add_item, "§5", pair=pair, by=protege_user, due_on=pair.term_ends_on + DAY)

    def test_description_required(self, world, pair):
        refused(add_item, pair=pair, by=members(pair)[0], description="  ")

    @pytest.mark.parametrize("name", ["coordinator", "court_chair", "judge"])
    def test_others_cannot_edit_the_plan(self, world, pair, name):
        refused(add_item, pair=pair, by=office(world, name))

    def test_remove_an_item(self, world, pair):
        protege_user, mentor_user = members(pair)
        item = add_item(pair, protege_user)
        services.remove_plan_item(by=mentor_user, pair=pair, item_id=item.pk)
        assert not PlanItem.objects.exists()
        refused(services.remove_plan_item, by=mentor_user, pair=pair, item_id=item.pk)

    def test_submitting_an_empty_plan_is_refused_2(self, world, pair):
        refused(services.submit_plan, "§2", by=members(pair)[0], pair=pair)
        assert version(pair, 1).status == "draft"

    def test_submit_then_the_chair_of_the_protege_court_approves_2(self, world, pair):
        protege_user, _ = members(pair)
        add_item(pair, protege_user)
        services.submit_plan(by=protege_user, pair=pair)
        assert version(pair, 1).status == "submitted"
        assert Notification.objects.filter(kind="plan_submitted",
                                           user=world.users["court_chair"]).exists()
        # no editing while with the chair
        refused(add_item, pair=pair, by=protege_user)
        chair = office(world, "court_chair")
        services.decide_plan(by=chair, pair=pair, approve=True)
        v1 = version(pair, 1)
        assert (v1.status, v1.decided_by) == ("approved", world.users["court_chair"])
        assert Notification.objects.filter(kind="plan_approved").count() == 2
        refused(services.decide_plan, by=chair, pair=pair, approve=True)

    def test_returning_needs_a_comment_then_revise_and_resubmit(self, world, pair):
        protege_user, mentor_user = members(pair)
        add_item(pair, protege_user)
        services.submit_plan(by=protege_user, pair=pair)
        chair = office(world, "court_chair")
        refused(services.decide_plan, "§2", by=chair, pair=pair, approve=False, comment=" ")
        services.decide_plan(by=chair, pair=pair, approve=False, comment="Мерзімдерді нақтылау")
        v1 = version(pair, 1)
        assert (v1.status, v1.comment) == ("returned", "Мерзімдерді нақтылау")
        add_item(pair, mentor_user, task=2)
        services.submit_plan(by=mentor_user, pair=pair)
        assert version(pair, 1).status == "submitted"

    @pytest.mark.parametrize("name", ["regional_chair", "coordinator", "branch_council",
                                      "hr_officer", "mentor"])
    def test_only_the_chair_of_the_protege_court_decides(self, world, pair, name):
        protege_user, mentor_user = members(pair)
        add_item(pair, protege_user)
        services.submit_plan(by=protege_user, pair=pair)
        by = mentor_user if name == "mentor" else office(world, name)
        refused(services.decide_plan, by=by, pair=pair, approve=True)
        other_chair = h.as_office(f.user(office=Office.COURT_CHAIR, court=world.small_court))
        refused(services.decide_plan, by=other_chair, pair=pair, approve=True)
        assert version(pair, 1).status == "submitted"


class TestPlanCorrection:
    """§15.5, §16.2: corrections by either side, agreed by the other."""

    def test_a_reason_is_required_and_the_plan_must_be_in_force(self, world, pair):
        protege_user, _ = members(pair)
        add_item(pair, protege_user)
        refused(services.start_correction, by=protege_user, pair=pair, reason="x")
        services.submit_plan(by=protege_user, pair=pair)
        services.decide_plan(by=office(world, "court_chair"), pair=pair, approve=True)
        refused(services.start_correction, "§16.2", by=protege_user, pair=pair, reason=" ")
        refused(services.start_correction, by=office(world, "coordinator"), pair=pair,
                reason="x")

    def test_correction_agreed_supersedes_and_the_chair_is_told(self, world, pair):
        protege_user, mentor_user = members(pair)
        old_items = approved_plan(world, pair)
        correction = services.start_correction(by=protege_user, pair=pair,
                                               reason="Жаңа санат")
        assert (correction.number, correction.status) == (2, "correction")
        copied = list(correction.items.order_by("origin_id"))
        assert [i.origin_id for i in copied] == sorted(i.pk for i in old_items)
        assert [(i.task, i.description) for i in copied] == [
            (o.task, o.description) for o in sorted(old_items, key=lambda o: o.pk)]
        refused(services.start_correction, by=mentor_user, pair=pair, reason="another")
        # edit the correction: one item out, one new in
        services.remove_plan_item(by=protege_user, pair=pair, item_id=copied[0].pk)
        added = add_item(pair, mentor_user, task=6, description="Біліктілікті арттыру")
        assert added.version_id == correction.pk
        refused(services.propose_correction, by=mentor_user, pair=pair)  # not the author
        services.propose_correction(by=protege_user, pair=pair)
        refused(add_item, pair=pair, by=protege_user)  # frozen while proposed
        refused(services.answer_correction, "§15.5", by=protege_user, pair=pair, agree=True)
        services.answer_correction(by=mentor_user, pair=pair, agree=True)
        assert version(pair, 1).status == "superseded"
        v2 = version(pair, 2)
        assert (v2.status, v2.decided_by) == ("approved", mentor_user)
        assert PlanVersion.objects.filter(plan__pair=pair, status="approved").count() == 1
        assert Notification.objects.filter(kind="plan_corrected",
                                           user=world.users["court_chair"],
                                           params__number="2").exists()
        assert Notification.objects.filter(kind="correction_agreed", user=protege_user).exists()
        # the old version's items are kept unchanged as history
        assert set(version(pair, 1).items.values_list("pk", flat=True)) == {
            i.pk for i in old_items}
        # what changed, as the plan page shows it
        newest = plan_versions(pair)[0]
        assert newest.number == 2
        assert sorted((kind, item.pk) for kind, item in newest.changes) == sorted(
            [("added", added.pk), ("removed", copied[0].origin_id)])

    def test_rejected_correction_keeps_the_old_version_in_force(self, world, pair):
        protege_user, mentor_user = members(pair)
        approved_plan(world, pair)
        services.start_correction(by=mentor_user, pair=pair, reason="Түзету")
        add_item(pair, mentor_user, task=5)
        services.propose_correction(by=mentor_user, pair=pair)
        services.answer_correction(by=protege_user, pair=pair, agree=False, comment="Жоқ")
        assert version(pair, 1).status == "approved"
        assert version(pair, 2).status == "rejected"
        assert not Notification.objects.filter(kind="plan_corrected").exists()
        assert Notification.objects.filter(kind="correction_rejected", user=mentor_user).exists()
        # a new correction may be opened later
        assert services.start_correction(by=protege_user, pair=pair, reason="Қайта").number == 3

    def test_proposing_an_empty_correction_is_refused(self, world, pair):
        protege_user, _ = members(pair)
        approved_plan(world, pair)
        correction = services.start_correction(by=protege_user, pair=pair, reason="Бос")
        for item in correction.items.all():
            services.remove_plan_item(by=protege_user, pair=pair, item_id=item.pk)
        refused(services.propose_correction, "§2", by=protege_user, pair=pair)


class TestPlanFulfilment:
    def test_only_the_mentor_side_checks_15_5(self, world, pair):
        protege_user, mentor_user = members(pair)
        item = approved_plan(world, pair)[0]
        refused(services.check_plan_item, "§15.5", by=protege_user, pair=pair,
                item_id=item.pk, fulfilled=True)
        refused(services.check_plan_item, by=office(world, "court_chair"), pair=pair,
                item_id=item.pk, fulfilled=True)
        checked = services.check_plan_item(by=mentor_user, pair=pair, item_id=item.pk,
                                           fulfilled=True)
        assert (checked.fulfilled_on, checked.checked_by) == (today(), mentor_user)
        unchecked = services.check_plan_item(by=mentor_user, pair=pair, item_id=item.pk,
                                             fulfilled=False)
        assert (unchecked.fulfilled_on, unchecked.checked_by) == (None, None)

    def test_items_are_checked_in_the_plan_in_force_only(self, world, pair):
        protege_user, mentor_user = members(pair)
        draft_item = add_item(pair, protege_user)
        refused(services.check_plan_item, "§15.5", by=mentor_user, pair=pair,
                item_id=draft_item.pk, fulfilled=True)

    def test_fulfilment_on_the_old_version_carries_over_when_agreed(self, world, pair):
        protege_user, mentor_user = members(pair)
        first, second = approved_plan(world, pair)
        services.start_correction(by=protege_user, pair=pair, reason="Түзету")
        # meanwhile the mentor checks an item of the plan still in force
        services.check_plan_item(by=mentor_user, pair=pair, item_id=first.pk, fulfilled=True)
        services.propose_correction(by=protege_user, pair=pair)
        services.answer_correction(by=mentor_user, pair=pair, agree=True)
        carried = version(pair, 2).items.get(origin=first)
        assert (carried.fulfilled_on, carried.checked_by) == (today(), mentor_user)
        assert version(pair, 2).items.get(origin=second).fulfilled_on is None

    def test_fulfilment_withdrawn_on_the_old_version_does_not_come_back(self, world, pair):
        protege_user, mentor_user = members(pair)
        first, _ = approved_plan(world, pair)
        services.check_plan_item(by=mentor_user, pair=pair, item_id=first.pk, fulfilled=True)
        services.start_correction(by=protege_user, pair=pair, reason="Түзету")
        services.check_plan_item(by=mentor_user, pair=pair, item_id=first.pk, fulfilled=False)
        services.propose_correction(by=protege_user, pair=pair)
        services.answer_correction(by=mentor_user, pair=pair, agree=True)
        carried = version(pair, 2).items.get(origin=first)
        assert (carried.fulfilled_on, carried.checked_by) == (None, None)

    def test_overdue_items(self, world, pair):
        pair = move_registration(pair, today() - dt.timedelta(days=60))
        protege_user, mentor_user = members(pair)
        late = add_item(pair, protege_user, due_on=today() - DAY)
        due_today = add_item(pair, protege_user, due_on=today())
        assert late.is_overdue(today()) and not due_today.is_overdue(today())
        assert due_today.is_overdue(today() + DAY)
        services.submit_plan(by=protege_user, pair=pair)
        services.decide_plan(by=office(world, "court_chair"), pair=pair, approve=True)
        services.check_plan_item(by=mentor_user, pair=pair, item_id=late.pk, fulfilled=True)
        late.refresh_from_db()
        assert not late.is_overdue(today() + dt.timedelta(days=30))


def test_plan_changes_reports_added_removed_changed():
    base = dict(task=1, description="a", expected_result="r", due_on=D(2025, 5, 1))
    old = [PlanItem(pk=1, **base), PlanItem(pk=2, **base), PlanItem(pk=3, **base)]
    new = [PlanItem(pk=11, origin_id=1, **base),
           PlanItem(pk=12, origin_id=2, **{**base, "due_on": D(2025, 6, 1)}),
           PlanItem(pk=13, origin_id=None, **base)]
    changes = plan_changes(old, new)
    assert sorted((kind, item.pk) for kind, item in changes) == [
        ("added", 13), ("changed", 12), ("removed", 3)]
    for field, value in (("task", 2), ("description", "b"), ("expected_result", "s")):
        changed = [PlanItem(pk=11, origin_id=1, **{**base, field: value})]
        assert [(k, i.pk) for k, i in plan_changes(old[:1], changed)] == [("changed", 11)]
    assert plan_changes(old[:1], [PlanItem(pk=11, origin_id=1, **base)]) == []


# =============================================================================
# 8. Confidential journal (§4.2, §4.3, §15.1)
# =============================================================================

SENTINEL = "SENTINEL-құпия-7f3a9"


def write(pair, by, text=SENTINEL, kind="meeting", occurred_on=None):
    return services.add_journal_entry(by=by, pair=pair, kind=kind,
                                      occurred_on=occurred_on or today(), text=text)


def raw_journal_texts() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {JournalEntry._meta.db_table} ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


class TestJournal:
    def test_members_write_and_read(self, world, pair):
        protege_user, mentor_user = members(pair)
        write(pair, protege_user, "протеже")
        write(pair, mentor_user, "тәлімгер", kind="discussion")
        assert sorted(JournalEntry.objects.filter(pair=pair).values_list("text", flat=True)) == [
            "протеже", "тәлімгер"]

    @pytest.mark.parametrize("name", ["coordinator", "court_chair", "branch_council", "judge"])
    def test_nobody_else_writes_4_2(self, world, pair, name):
        refused(write, "§4.2", pair=pair, by=office(world, name))

    def test_hearing_review_tomorrow_refused_today_accepted_4_3_15_1(self, world, pair):
        _, mentor_user = members(pair)
        refused(write, "§4.3", pair=pair, by=mentor_user, kind="hearing_review",
                occurred_on=today() + DAY)
        assert write(pair, mentor_user, kind="hearing_review").occurred_on == today()

    def test_other_entries_cannot_be_dated_in_the_future(self, world, pair):
        refused(write, pair=pair, by=members(pair)[0], occurred_on=today() + DAY)

    def test_a_pair_not_yet_active_keeps_no_journal(self, world, entries):
        pair = consented_pair(world, entries[0])
        refused(write, pair=pair, by=pair.protege.user)

    def test_the_column_holds_ciphertext_only(self, world, pair):
        write(pair, members(pair)[0])
        [token] = raw_journal_texts()
        assert SENTINEL not in token and "SENTINEL" not in token
        assert crypto.decrypt(token) == SENTINEL

    def test_key_rotation(self, world, pair, settings):
        old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
        settings.JOURNAL_KEYS = [old_key]
        entry = write(pair, members(pair)[0])
        settings.JOURNAL_KEYS = [new_key, old_key]
        assert JournalEntry.objects.get(pk=entry.pk).text == SENTINEL  # old entries still read
        [token] = raw_journal_texts()
        rotated = crypto.rotate(token)
        settings.JOURNAL_KEYS = [new_key]
        with pytest.raises(InvalidToken):
            crypto.decrypt(token)
        assert crypto.decrypt(rotated) == SENTINEL
        # new entries are written with the first key
        settings.JOURNAL_KEYS = [new_key, old_key]
        write(pair, members(pair)[1], text="екінші")
        settings.JOURNAL_KEYS = [new_key]
        assert crypto.decrypt(raw_journal_texts()[1]) == "екінші"

    def test_no_notification_or_audit_row_carries_the_text(self, world, pair):
        import pghistory.models

        protege_user, mentor_user = members(pair)
        before = Notification.objects.count()
        write(pair, protege_user)
        write(pair, mentor_user, kind="hearing_review")
        assert Notification.objects.count() == before
        assert not any(SENTINEL in str(p) for p in Notification.objects.values_list(
            "params", flat=True))
        event_models = [m for m in apps.get_models()
                        if issubclass(m, pghistory.models.Event) and not m._meta.abstract]
        assert event_models
        assert JournalEntry not in {getattr(m, "pgh_tracked_model", None) for m in event_models}
        for model in event_models:
            rows = list(model.objects.values())
            assert SENTINEL not in str(rows), model
        assert SENTINEL not in str(list(pghistory.models.Context.objects.values()))


# =============================================================================
# 9. Feedback (§16.3)
# =============================================================================

class TestFeedback:
    def test_the_protege_rates_once_a_month(self, world, pair):
        protege_user, _ = members(pair)
        fb = services.give_feedback(by=protege_user, pair=pair, rating=5, comment="Пайдалы")
        assert (fb.rating, fb.period) == (5, today().replace(day=1))
        refused(services.give_feedback, "§16.3", by=protege_user, pair=pair, rating=4)

    @pytest.mark.parametrize("rating", [1, 3])
    def test_valid_ratings(self, world, pair, rating):
        assert services.give_feedback(by=members(pair)[0], pair=pair, rating=rating).rating \
            == rating

    @pytest.mark.parametrize("rating", [0, 6])
    def test_rating_outside_1_to_5_refused(self, world, pair, rating):
        refused(services.give_feedback, "§16.3", by=members(pair)[0], pair=pair, rating=rating)

    def test_only_the_protege(self, world, pair):
        refused(services.give_feedback, "§16.3", by=members(pair)[1], pair=pair, rating=4)
        refused(services.give_feedback, "§16.3", by=office(world, "coordinator"), pair=pair,
                rating=4)

    def test_a_pair_that_is_not_active_refused(self, world, entries, pair):
        proposed = consented_pair(world, entries[1])
        refused(services.give_feedback, by=proposed.protege.user, pair=proposed, rating=4)
        Pair.objects.filter(pk=pair.pk).update(status="completed", ended_on=today())
        refused(services.give_feedback, by=members(pair)[0], pair=pair, rating=4)


# =============================================================================
# 10. Quality flag (preamble, §1.4)
# =============================================================================

class TestQualityFlag:
    def grounds(self, judge):
        judge = type(judge).objects.get(pk=judge.pk)
        return [g.code for g in judge.protege_grounds(today())]

    def test_flag_makes_a_protege_and_lifting_removes_the_ground(self, world):
        judge = world.judge
        assert self.grounds(judge) == []
        assert judge not in [r["judge"] for r in needs_analysis(world.region)]
        flag = quality.flag_quality(by=office(world, "court_chair"), judge=judge,
                                     reasons="Шешімдердің күшін жою жиі")
        assert self.grounds(judge) == ["quality"]
        rows = {r["judge"].pk: r for r in needs_analysis(world.region)}
        assert [g.code for g in rows[judge.pk]["grounds"]] == ["quality"]
        assert Notification.objects.filter(kind="quality_flagged",
                                           user=world.users["coordinator"]).exists()
        refused(quality.flag_quality, by=office(world, "court_chair"), judge=judge,
                reasons="again")
        quality.lift_quality_flag(by=office(world, "court_chair"), flag=flag)
        assert self.grounds(judge) == []
        assert judge.pk not in {r["judge"].pk for r in needs_analysis(world.region)}
        refused(quality.lift_quality_flag, by=office(world, "court_chair"), flag=flag)

    def test_reasons_required(self, world):
        refused(quality.flag_quality, "§1.4", by=office(world, "court_chair"),
                judge=world.judge, reasons="   ")

    def test_another_courts_chair_is_refused(self, world):
        chair = h.as_office(f.user(office=Office.COURT_CHAIR, court=world.small_court))
        refused(quality.flag_quality, by=chair, judge=world.judge, reasons="r")
        refused(quality.flag_quality, by=office(world, "coordinator"), judge=world.judge,
                reasons="r")
        flag = quality.flag_quality(by=office(world, "court_chair"), judge=world.judge,
                                     reasons="r")
        refused(quality.lift_quality_flag, by=chair, flag=flag)

    def test_a_flagged_judge_can_then_be_paired(self, world, entries):
        quality.flag_quality(by=office(world, "court_chair"), judge=world.judge, reasons="r")
        pair = propose(world, world.judge, entries[1])
        assert pair.ground == "quality"


# =============================================================================
# 11. Candidates for a pair (§8, §10.2)
# =============================================================================

class TestCandidates:
    def test_first_preference_comes_first_with_its_reason(self, world, entries):
        mentor_entry, tutor_entry = entries
        protege = h.protege(world)
        default = pair_candidates(protege)
        # without preferences the tutor of the protégé's own court ranks first
        assert [c["entry"].pk for c in default] == [tutor_entry.pk, mentor_entry.pk]
        ProtegePreference.objects.create(protege=protege, entry=mentor_entry, rank=1)
        ranked = pair_candidates(protege)
        assert [c["entry"].pk for c in ranked] == [mentor_entry.pk, tutor_entry.pk]
        assert "§8" in ranked[0]["reasons"][0] and "1" in ranked[0]["reasons"][0]
        assert not any("§8" in r for r in ranked[1]["reasons"])
        assert [c["entry"].pk for c in pair_candidates(protege, role="tutor")] == [
            tutor_entry.pk]

    def test_only_the_approved_roster_of_the_region(self, world, entries):
        pending = h.pending_entry(world)
        services.answer_roster_invitation(by=pending.judge.user, entry=pending, accept=True)
        protege = h.protege(world)
        ids = {c["entry"].pk for c in pair_candidates(protege)}
        assert ids == {entries[0].pk, entries[1].pk}
        other = h.protege(world, court=world.other_court)
        assert pair_candidates(other) == []

    def test_a_removed_member_is_no_longer_a_candidate(self, world, entries):
        mentor_entry, tutor_entry = entries
        services.withdraw_or_propose_removal(by=office(world, "coordinator"), entry=mentor_entry)
        services.approve_roster(by=office(world, "regional_chair"), region=world.region)
        assert [c["entry"].pk for c in pair_candidates(h.protege(world))] == [tutor_entry.pk]

    def test_the_current_load_lowers_the_rank(self, world, entries):
        mentor_entry, _ = entries
        extra = extra_entry(world, "mentor")
        h.active_pair(world, entry=mentor_entry)
        ranked = pair_candidates(h.protege(world), role="mentor")
        assert [c["entry"].pk for c in ranked] == [extra.pk, mentor_entry.pk]
        assert ranked[1]["score"] == ranked[0]["score"] - 15


def test_a_workload_order_does_not_reach_back_before_its_issue_day():
    """§6: the reduction applies from the order on; the day before is refused."""
    from programs import regulation as r

    appointed, issued = dt.date(2026, 3, 1), dt.date(2026, 5, 1)
    kwargs = {"percent": 10, "ends_on": dt.date(2026, 5, 31), "appointed_on": appointed,
              "today": issued}
    assert "§6" in r.workload_refusal(starts_on=issued - dt.timedelta(days=1), **kwargs)
    assert r.workload_refusal(starts_on=issued, **kwargs) is None
