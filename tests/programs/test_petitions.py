"""Petitions of the pair (§15.8, §16.4, §16.5): who may file what, and the
branch council's answer."""

import pytest
from django.urls import reverse

from mentorship.errors import Refused
from mentorship.models import Notification
from programs import services
from programs.models import (
    Petition,
)
from programs.regulation import (
    completion_refusal,
    decision_outcome,
    petition_refusal,
    report_submission_refusal,
)
from tests.programs import helpers as h
from tests.programs.protocol_support import (
    issued,
    notified,
    state,
)

# --- §15.8, §16.4, §16.5 petitions -------------------------------------------------------


class TestPetitions:
    def test_the_mentor_petitions_that_the_goals_are_reached_15_8(self, world):
        pair = h.active_pair(world)
        before = state()
        with pytest.raises(Refused, match="§15.8"):
            services.file_petition(by=pair.protege.user, pair=pair, kind="goals_reached")
        with pytest.raises(Refused, match="§15.8"):
            services.file_petition(by=world.users["judge"], pair=pair, kind="goals_reached")
        assert state() == before
        petition = services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        assert (petition.status, petition.author) == ("pending", pair.mentor.user)
        note = Notification.objects.get(kind="petition_filed")
        assert note.user == world.users["branch_council"]
        assert note.url == reverse("council_queue")

    def test_the_protege_petitions_that_there_is_no_need_16_5(self, world):
        pair = h.active_pair(world)
        before = state()
        with pytest.raises(Refused, match="§16.5"):
            services.file_petition(by=pair.mentor.user, pair=pair, kind="no_need")
        assert state() == before
        petition = services.file_petition(by=pair.protege.user, pair=pair, kind="no_need")
        assert petition.kind == "no_need" and petition.status == "pending"
        assert notified("petition_filed") == {world.users["branch_council"].pk}

    def test_a_replacement_proposal_states_reasons_16_4(self, world):
        pair = h.active_pair(world)
        before = state()
        for reasons in ("", "   \n"):
            with pytest.raises(Refused, match="§16.4"):
                services.file_petition(
                    by=pair.protege.user, pair=pair, kind="replace_mentor", reasons=reasons
                )
        with pytest.raises(Refused, match="§16.4"):
            services.file_petition(
                by=pair.mentor.user,
                pair=pair,
                kind="replace_mentor",
                reasons="басқа тәлімгер керек",
            )
        assert state() == before
        petition = services.file_petition(
            by=pair.protege.user, pair=pair, kind="replace_mentor", reasons="  Кездесулер өтпейді  "
        )
        assert petition.reasons == "Кездесулер өтпейді"

    def test_a_second_pending_petition_of_the_same_kind_is_refused(self, world):
        pair = h.active_pair(world)
        services.file_petition(by=pair.protege.user, pair=pair, kind="no_need")
        before = state()
        with pytest.raises(Refused):
            services.file_petition(by=pair.protege.user, pair=pair, kind="no_need")
        assert state() == before
        assert Petition.objects.filter(pair=pair).count() == 1

    def test_a_petition_concerns_an_active_pair(self, world):
        pair = h.active_pair(world)
        issued(world, pair)
        before = state()
        with pytest.raises(Refused):
            services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        assert state() == before

    def test_rules(self):
        assert (
            petition_refusal("goals_reached", side="mentor", reasons="", pair_active=True) is None
        )
        assert petition_refusal("goals_reached", side="mentor", reasons="", pair_active=False)
        assert "§16.4" in petition_refusal(
            "replace_mentor", side="protege", reasons=" ", pair_active=True
        )
        assert petition_refusal("whatever", side="protege", reasons="x", pair_active=True)
        assert report_submission_refusal("mentor", {"work_done", "effectiveness"}) is None
        assert "§16.8" in report_submission_refusal("final", {"work_done", "effectiveness"})
        both = {"mentor_report_presented": True, "final_report_presented": True}
        assert completion_refusal(**both, missing_reasons="") is None
        one = {"mentor_report_presented": True, "final_report_presented": False}
        assert "§13, §14" in completion_refusal(**one, missing_reasons=" ")
        # §14: the council may record that a report was not submitted, with reasons
        assert completion_refusal(**one, missing_reasons="the protégé retired") is None
        assert petition_refusal("mentor_withdraws", side="mentor", reasons="", pair_active=True)
        assert (
            petition_refusal("mentor_withdraws", side="mentor", reasons="ill", pair_active=True)
            is None
        )
        assert petition_refusal("mentor_withdraws", side="protege", reasons="x", pair_active=True)
        assert decision_outcome("objective") == "ended"
        assert decision_outcome("petition", petition_kind="no_need", granted=False) is None
        assert (
            decision_outcome("petition", petition_kind="replace_mentor", granted=True) == "replaced"
        )
        assert decision_outcome("no_need") == "ended_early"
