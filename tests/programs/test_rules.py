"""Pure rules of the programme: terms (§5), workload (§6), pairing (§10.1, §12), the lifecycles' transition tables, properties (Hypothesis)."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from django.db.models import DateField, Value
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from courts.rules import add_years
from mentorship.errors import Refused
from programs.lifecycle import PAIR, PETITION, PLAN, PROTOCOL, REPORT, move
from programs.models import (
    MonthsAfter,
    PairStatus,
    Petition,
    PetitionStatus,
    PlanStatus,
    ProtocolStatus,
    Report,
    ReportStatus,
)
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

from .pairs_support import DAY, HYP, D, dates

# =============================================================================
# 1. Pure rules
# =============================================================================

LIFECYCLE_ENUMS = [
    (PAIR, PairStatus),
    (PLAN, PlanStatus),
    (REPORT, ReportStatus),
    (PETITION, PetitionStatus),
    (PROTOCOL, ProtocolStatus),
]


class TestTermRules:
    """§1.6, §5: a term of one year by default, three years at most."""

    def test_default_term_is_twelve_months_minus_a_day(self):
        assert default_term_end(D(2025, 3, 14)) == D(2026, 3, 13)
        assert default_term_end(D(2025, 1, 1)) == D(2025, 12, 31)

    def test_36_months_accepted_and_a_day_more_refused_1_6(self):
        registered = D(2025, 3, 14)
        current = default_term_end(registered)
        assert (
            extension_refusal(registered_on=registered, current_end=current, new_end=D(2028, 3, 13))
            is None
        )
        reason = extension_refusal(
            registered_on=registered, current_end=current, new_end=D(2028, 3, 14)
        )
        assert reason and "§1.6" in reason and "13.03.2028" in reason

    def test_an_extension_must_move_the_end_later_5(self):
        registered = D(2025, 3, 14)
        current = default_term_end(registered)
        for new_end in (current, current - DAY):
            assert "§5" in extension_refusal(
                registered_on=registered, current_end=current, new_end=new_end
            )
        assert (
            extension_refusal(registered_on=registered, current_end=current, new_end=current + DAY)
            is None
        )

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
        return workload_refusal(
            percent=percent,
            starts_on=starts_on or self.appointed,
            ends_on=ends_on or D(2025, 3, 1),
            appointed_on=appointed_on,
        )

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
        ok = dict(
            same_person=False,
            on_roster_as_role=True,
            same_region=True,
            participation_live=True,
            has_live_pair_of_role=False,
        )
        assert pairing_refusal("tutor", **ok) is None
        assert "own mentor" in pairing_refusal("tutor", **{**ok, "same_person": True})
        assert "§10.2" in pairing_refusal("tutor", **{**ok, "same_region": False})
        assert "§8, §12" in pairing_refusal("tutor", **{**ok, "on_roster_as_role": False})
        assert "§1.4" in pairing_refusal("mentor", **{**ok, "participation_live": False})
        # §1.2, §1.3, §12: court levels
        regional = {**ok, "protege_court_level": "regional", "mentor_court_level": "regional"}
        assert "§1.2" in pairing_refusal("tutor", **regional)  # no tutor at the regional level
        assert "retired" in pairing_refusal("mentor", **regional)  # no court above in the data
        assert pairing_refusal("mentor", **{**regional, "mentor_retired": True}) is None
        assert "§1.3" in pairing_refusal("mentor", **{**ok, "mentor_court_level": "district"})
        assert "already has a tutor" in pairing_refusal(
            "tutor", **{**ok, "has_live_pair_of_role": True}
        )
        assert "already has a mentor" in pairing_refusal(
            "mentor", **{**ok, "has_live_pair_of_role": True}
        )

    def test_pair_transitions(self):
        assert PAIR.refusal_for("proposed", "consented") is None
        assert PAIR.refusal_for("consented", "active") is None
        assert PAIR.refusal_for("proposed", "active")  # no registration without consent
        assert PAIR.refusal_for("active", "proposed")
        assert PAIR.refusal_for("active", "withdrawn")  # a registered pair is ended
        for terminal in (
            "declined",
            "withdrawn",
            "completed",
            "ended_early",
            "replaced",
            "mentor_withdrew",
            "ended",
        ):
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
            PairCandidate(
                entry_id=1,
                role="tutor",
                specialisation="civil",
                court_id=7,
                retired=False,
                active_proteges=0,
            ),
            PairCandidate(
                entry_id=2,
                role="mentor",
                specialisation="criminal",
                court_id=9,
                retired=False,
                active_proteges=0,
                preference_rank=1,
            ),
            PairCandidate(
                entry_id=3,
                role="mentor",
                specialisation="civil",
                court_id=9,
                retired=True,
                active_proteges=2,
            ),
            PairCandidate(
                entry_id=4,
                role="mentor",
                specialisation="civil",
                court_id=9,
                retired=False,
                active_proteges=0,
                preference_rank=2,
            ),
        ]
        ranked = rank_candidates(
            protege_specialisation="civil", protege_court_id=7, candidates=cands
        )
        assert [s.candidate.entry_id for s in ranked] == [4, 2, 1, 3]
        assert [s.score for s in ranked] == [110, 100, 30, -10]
        assert "§8" in ranked[1].reasons[0] and "1" in ranked[1].reasons[0]
        assert any("retired" in r for r in ranked[3].reasons)
        assert any("2" in r for r in ranked[3].reasons)

    def test_rank_ties_are_broken_by_entry(self):
        same = dict(
            role="mentor", specialisation="civil", court_id=1, retired=False, active_proteges=0
        )
        ranked = rank_candidates(
            protege_specialisation="civil",
            protege_court_id=2,
            candidates=[PairCandidate(entry_id=9, **same), PairCandidate(entry_id=3, **same)],
        )
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
    @given(
        dates,
        st.integers(min_value=-120, max_value=120),
        st.integers(min_value=-120, max_value=120),
    )
    def test_add_months_is_monotonic_in_the_months(self, day, m1, m2):
        m1, m2 = min(m1, m2), max(m1, m2)
        assert add_months(day, m1) <= add_months(day, m2)

    @HYP
    @given(
        dates, st.integers(min_value=-60, max_value=60), st.integers(min_value=-60, max_value=60)
    )
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
        reason = extension_refusal(registered_on=registered, current_end=current, new_end=new_end)
        assert (reason is None) == (new_end <= longest_term_end(registered))

    @HYP
    @given(dates, st.integers(min_value=1, max_value=30))
    def test_workload_window_boundary(self, appointed, percent):
        end = workload_window_end(appointed)
        assert end == add_months(appointed, 6) - DAY
        assert (
            workload_refusal(
                percent=percent, starts_on=appointed, ends_on=end, appointed_on=appointed
            )
            is None
        )
        assert workload_refusal(
            percent=percent, starts_on=appointed, ends_on=end + DAY, appointed_on=appointed
        )


SQL_SAMPLE = sorted(
    {D(y, m, calendar.monthrange(y, m)[1]) for y in (2023, 2024, 2025) for m in range(1, 13)}
    | {
        D(2024, 2, 29),
        D(2028, 2, 29),
        D(2024, 2, 28),
        D(2025, 3, 1),
        D(2025, 3, 14),
        D(2024, 1, 30),
    }
)


def test_sql_months_after_agrees_with_add_months_including_29_february(world):
    """The DB constraint's MonthsAfter computes what rules.term_last_day computes."""
    from courts.models import Region

    cases = [
        (day, months, days)
        for day in SQL_SAMPLE
        for months in (1, 6, 12, 36, -1)
        for days in (0, 1)
    ]
    annotations = {
        f"d{i}": MonthsAfter(Value(day, output_field=DateField()), months, days)
        for i, (day, months, days) in enumerate(cases)
    }
    row = (
        Region.objects.filter(pk=world.region.pk).annotate(**annotations).values(*annotations).get()
    )
    for i, (day, months, days) in enumerate(cases):
        assert row[f"d{i}"] == add_months(day, months) - dt.timedelta(days=days), (day, months)
    assert row[f"d{cases.index((D(2024, 2, 29), 36, 1))}"] == D(2027, 2, 27)
