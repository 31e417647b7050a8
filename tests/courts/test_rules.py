"""The Regulation's rules about judges (courts/rules.py), each citing its §."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from courts.rules import (
    Candidate,
    Event,
    add_years,
    mentor_refusal,
    protege_grounds,
    tutor_refusal,
    years_in_office,
)

D = dt.date


def codes(grounds):
    return [g.code for g in grounds]


class TestYearsInOffice:
    """§11 counts full years in office as a judge."""

    def test_it_counts_full_years_from_first_appointment(self):
        events = [Event("first_appointment", D(2020, 3, 14))]
        assert years_in_office(events, D(2025, 3, 13)) == 4
        assert years_in_office(events, D(2025, 3, 14)) == 5

    def test_it_stops_counting_at_retirement(self):
        events = [Event("first_appointment", D(2000, 1, 1)), Event("retirement", D(2010, 6, 1))]
        assert years_in_office(events, D(2025, 1, 1)) == 10

    def test_it_is_zero_without_an_appointment(self):
        assert years_in_office([], D(2025, 1, 1)) == 0

    @given(
        st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 12, 31)),
        st.integers(min_value=0, max_value=40),
    )
    def test_property_exact_anniversary_gives_exact_years(self, start, n):
        events = [Event("first_appointment", start)]
        anniversary = add_years(start, n)
        assert years_in_office(events, anniversary) == n
        if n > 0:
            assert years_in_office(events, anniversary - dt.timedelta(days=1)) == n - 1


class TestProtegeGrounds:
    """Preamble and §1.4: five grounds to be a protégé."""

    def test_first_appointment_less_than_a_year_ago(self):
        events = [Event("first_appointment", D(2025, 3, 14))]
        assert codes(protege_grounds(events, D(2026, 3, 13))) == ["first_appointment"]
        # a full year in office: no longer "less than one year"
        assert protege_grounds(events, D(2026, 3, 14)) == []

    def test_change_of_specialisation(self):
        events = [
            Event("first_appointment", D(2010, 1, 1)),
            Event("specialisation_change", D(2025, 9, 1)),
        ]
        assert codes(protege_grounds(events, D(2025, 12, 1))) == ["specialisation_change"]
        # the Regulation sets no year here (preamble): past the first year it holds,
        # until the system's window (OTHER_GROUND_WINDOW_MONTHS, 24 by default)
        assert codes(protege_grounds(events, D(2026, 9, 1))) == ["specialisation_change"]
        assert protege_grounds(events, D(2027, 9, 1)) == []
        assert protege_grounds(events, D(2026, 9, 1), other_window_months=6) == []
        # 0: no window at all
        assert codes(protege_grounds(events, D(2040, 1, 1), other_window_months=0)) == [
            "specialisation_change"
        ]

    def test_the_year_belongs_to_first_appointment_only(self):
        events = [Event("first_appointment", D(2025, 3, 14))]
        assert codes(protege_grounds(events, D(2026, 3, 13), other_window_months=0)) == [
            "first_appointment"
        ]
        assert protege_grounds(events, D(2026, 3, 14), other_window_months=0) == []

    def test_change_of_region(self):
        events = [
            Event("first_appointment", D(2010, 1, 1)),
            Event("transfer_region", D(2025, 9, 1)),
        ]
        grounds = protege_grounds(events, D(2025, 12, 1))
        assert codes(grounds) == ["region_change"]
        assert grounds[0].since == D(2025, 9, 1)

    def test_a_transfer_inside_the_region_is_no_ground(self):
        events = [Event("first_appointment", D(2010, 1, 1)), Event("transfer_court", D(2025, 9, 1))]
        assert protege_grounds(events, D(2025, 12, 1)) == []

    def test_return_from_childcare_leave(self):
        events = [
            Event("first_appointment", D(2012, 1, 1)),
            Event("childcare_start", D(2023, 1, 1)),
            Event("childcare_end", D(2025, 6, 1)),
        ]
        assert codes(protege_grounds(events, D(2025, 7, 1))) == ["childcare_return"]
        # while still on leave there is no return yet
        assert protege_grounds(events, D(2024, 7, 1)) == []

    def test_need_to_improve_quality_flagged_by_the_chair(self):
        events = [Event("first_appointment", D(2005, 1, 1))]
        assert codes(protege_grounds(events, D(2025, 7, 1), quality_flag_since=D(2025, 6, 1))) == [
            "quality"
        ]

    def test_a_retired_judge_is_never_a_protege(self):
        events = [Event("first_appointment", D(2025, 3, 1))]
        assert protege_grounds(events, D(2025, 6, 1), retired=True) == []

    def test_several_grounds_at_once(self):
        events = [
            Event("first_appointment", D(2025, 1, 10)),
            Event("transfer_region", D(2025, 5, 1)),
        ]
        assert codes(protege_grounds(events, D(2025, 6, 1))) == [
            "first_appointment",
            "region_change",
        ]


def cand(**kw):
    base = dict(
        court_level="district",
        court_is_small=False,
        position="judge",
        status="serving",
        years_in_office=5,
    )
    base.update(kw)
    return Candidate(**base)


class TestTutorEligibility:
    """§1.2, §11: who may tutor."""

    def test_exactly_five_years_in_a_district_court_is_enough(self):
        assert tutor_refusal(cand(years_in_office=5)) is None

    def test_four_years_is_not(self):
        reason = tutor_refusal(cand(years_in_office=4))
        assert reason is not None and "§11" in reason

    def test_chair_of_a_small_district_court_may_tutor_with_fewer_years(self):
        assert tutor_refusal(cand(years_in_office=2, court_is_small=True, position="chair")) is None

    def test_chair_of_a_court_that_is_not_small_needs_five_years(self):
        assert tutor_refusal(cand(years_in_office=2, position="chair")) is not None

    def test_a_retired_district_judge_may_tutor(self):
        assert tutor_refusal(cand(years_in_office=2, status="retired")) is None

    def test_a_regional_judge_cannot_tutor(self):
        reason = tutor_refusal(cand(court_level="regional", years_in_office=20))
        assert reason is not None and "§1.2" in reason

    def test_a_judge_on_childcare_leave_cannot_tutor(self):
        assert tutor_refusal(cand(status="childcare", years_in_office=10)) is not None


class TestMentorEligibility:
    """§1.3, §12: who may mentor."""

    def test_a_regional_court_judge_may_mentor(self):
        assert mentor_refusal(cand(court_level="regional", years_in_office=1)) is None

    def test_a_retired_judge_may_mentor_whatever_the_court(self):
        assert mentor_refusal(cand(court_level="district", status="retired")) is None

    def test_a_serving_district_judge_cannot_mentor(self):
        reason = mentor_refusal(cand(court_level="district", years_in_office=25))
        assert reason is not None and "§1.3" in reason
