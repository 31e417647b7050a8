"""The protégé's programme as one record across pairs (preamble, §1, §4.1, §5,
§10.1, §12, §14, §16.4, §16.8): admission once, one term of one to three years,
replacement and added pairs resting on the live participation, every way out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from courts import quality
from courts.models import CareerEvent, Judge, Office
from mentorship.models import Notification
from programs import services
from programs.models import (
    Pair,
    Participation,
    PlanComment,
    PlanVersion,
    RosterEntry,
    Seminar,
    WorkloadOrder,
)
from programs.regulation import add_months, default_term_end, longest_term_end
from tests import factories as f
from tests.programs import helpers as h

from .pairs_support import (
    DAY,
    D,
    consented_pair,
    extra_entry,
    office,
    propose,
    refused,
    today,
)


@pytest.fixture(autouse=True)
def _english():
    """The refusals are matched in English (the catalogues are tested elsewhere)."""
    with translation.override("en"):
        yield


def participation_state() -> list:
    return list(Participation.objects.order_by("pk").values())


def notified(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


def council(w):
    return office(w, "branch_council")


def backdate(pair: Pair, started: dt.date, ends: dt.date | None = None) -> Pair:
    """Move a registered pair and its programme's start into the past (the
    term as the services would have set it then)."""
    ends = ends or default_term_end(started)
    Participation.objects.filter(pk=pair.participation_id).update(
        term_starts_on=started, term_ends_on=ends
    )
    Pair.objects.filter(pk=pair.pk).update(registered_on=started, term_ends_on=ends)
    pair.refresh_from_db()
    return pair


def replace_by_protocol(w, pair: Pair) -> Pair:
    protocol = services.create_protocol(
        by=council(w), region=w.region, held_on=today(), members_present="Ахметов А."
    )
    services.add_decision(
        by=council(w), protocol=protocol, kind="replacement", pairs=[pair], reasons="§16.4"
    )
    services.issue_protocol(by=council(w), protocol=protocol)
    pair.refresh_from_db()
    return pair


def lapse_first_year(judge) -> None:
    """The judge's first appointment fourteen months ago: the ground has lapsed."""
    CareerEvent.objects.filter(judge=judge, kind="first_appointment").update(
        date=add_months(today(), -14)
    )


# =============================================================================
# 1. Admission: once, on a ground; later steps rest on the live participation
# =============================================================================


class TestAdmission:
    def test_a_proposal_admits_the_judge_once_on_the_ground_of_the_day(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[1])
        participation = pair.participation
        assert (participation.status, participation.ground, participation.origin) == (
            "admitted",
            "first_appointment",
            "needs_analysis",
        )
        assert participation.decided_by == world.users["coordinator"]
        # a second pair (the mentor beside the tutor, §10.1) rests on the same one
        assert propose(world, protege, entries[0]).participation_id == participation.pk
        assert Participation.objects.filter(protege=protege).count() == 1

    def test_a_pair_consented_after_the_first_year_is_registered(self, world, entries):
        # preamble: eligibility was established at admission; it is not re-derived
        pair = consented_pair(world, entries[0])
        lapse_first_year(pair.protege)
        assert not Judge.objects.get(pk=pair.protege_id).protege_grounds(today())
        pair = services.register_pair(by=council(world), pair=pair)
        assert pair.status == "active"

    def test_a_mentor_is_added_to_a_tutor_pair_in_month_14(self, world, entries):
        mentor_entry, tutor_entry = entries
        tutor_pair = h.active_pair(world, entry=tutor_entry)
        backdate(tutor_pair, add_months(today(), -14), add_months(today(), 10))
        lapse_first_year(tutor_pair.protege)
        added = propose(world, tutor_pair.protege, mentor_entry)
        assert added.participation_id == tutor_pair.participation_id

    def test_a_judge_without_a_ground_or_application_is_not_admitted(self, world, entries):
        veteran = h.with_account(f.judge(world.district_court, appointed=D(2004, 1, 1)))
        before = participation_state()
        refused(
            services.propose_pair,
            match="Preamble, §1.4",
            by=office(world, "coordinator"),
            protege=veteran,
            entry=entries[1],
        )
        assert participation_state() == before

    def test_preferences_stay_open_in_the_second_year(self, world, entries):
        pair = h.active_pair(world, entry=entries[1])
        lapse_first_year(pair.protege)
        chosen = services.set_preferences(by=pair.protege.user, entries=[entries[0]])
        assert [p.entry for p in chosen] == [entries[0]]

    def test_one_live_participation_per_judge_in_the_database(self, world):
        judge = h.protege(world)
        h.participation(judge)
        with pytest.raises(IntegrityError), transaction.atomic():
            h.participation(judge, ground="quality")


# =============================================================================
# 2. Applying (§4.1) and the quality flag (preamble) — the judge is told
# =============================================================================


class TestApplying:
    def veteran(self, world):
        return h.with_account(f.judge(world.district_court, appointed=D(2008, 1, 1)))

    def test_a_serving_judge_applies_and_the_coordinator_admits(self, world):
        judge = self.veteran(world)
        application = services.apply_to_programme(
            by=judge.user, ground="professional_development", reasons="Жаңа санаттағы істер."
        )
        assert (application.status, application.origin) == ("applied", "application")
        assert notified("participation_applied") == {world.users["coordinator"].pk}
        admitted = services.decide_application(
            by=office(world, "coordinator"), participation=application, admit=True
        )
        assert admitted.status == "admitted"
        assert admitted.decided_as == Office.COORDINATOR
        assert notified("participation_admitted") == {judge.user.pk}

    def test_a_declined_application_states_reasons_and_the_judge_is_told(self, world):
        judge = self.veteran(world)
        application = services.apply_to_programme(
            by=judge.user, ground="young_judge", reasons="Көмек керек."
        )
        before = participation_state()
        refused(
            services.decide_application,
            match="§10.1",
            by=office(world, "coordinator"),
            participation=application,
            admit=False,
            reasons=" ",
        )
        assert participation_state() == before
        services.decide_application(
            by=office(world, "coordinator"),
            participation=application,
            admit=False,
            reasons="Бағдарламада орын жоқ.",
        )
        note = Notification.objects.get(kind="participation_declined")
        assert (note.user, note.params["reasons"]) == (judge.user, "Бағдарламада орын жоқ.")
        # declined: the judge may apply again
        again = services.apply_to_programme(by=judge.user, ground="young_judge", reasons="Тағы.")
        assert again.status == "applied"

    def test_an_event_ground_must_hold_and_reasons_are_given(self, world):
        judge = self.veteran(world)
        before = participation_state()
        refused(
            services.apply_to_programme,
            match="Preamble, §1.4",
            by=judge.user,
            ground="region_change",
            reasons="x",
        )
        refused(
            services.apply_to_programme,
            match="§4.1",
            by=judge.user,
            ground="young_judge",
            reasons="  ",
        )
        refused(
            services.apply_to_programme,
            by=judge.user,
            ground="anything",
            reasons="x",
        )
        assert participation_state() == before

    @pytest.mark.parametrize("name", ["court_chair", "hr_officer", "other_region", "judge"])
    def test_only_the_regions_coordinator_or_council_admits(self, world, name):
        judge = self.veteran(world)
        application = services.apply_to_programme(
            by=judge.user, ground="young_judge", reasons="Көмек керек."
        )
        refused(
            services.decide_application,
            by=office(world, name),
            participation=application,
            admit=True,
        )

    def test_a_quality_flag_tells_the_judge_its_reasons(self, world):
        judge = h.with_account(f.judge(world.district_court, appointed=D(2009, 1, 1)))
        quality.flag_quality(
            by=office(world, "court_chair"), judge=judge, reasons="Шешімдердің бұзылуы."
        )
        note = Notification.objects.get(kind="quality_flag_you")
        assert note.user == judge.user
        assert note.params["reasons"] == "Шешімдердің бұзылуы."


# =============================================================================
# 3. One term across pairs (§5, §1.6); the replacement continues it and the plan
# =============================================================================


class TestOneTerm:
    def test_a_replacement_in_month_14_keeps_the_remaining_term_and_the_plan(self, world, entries):
        mentor_entry = entries[0]
        pair = h.active_pair(world, entry=mentor_entry)
        services.add_plan_item(
            by=pair.protege.user,
            pair=pair,
            task=3,
            description="Отырыстарды талдау",
            expected_result="Жазба",
            due_on=today() + dt.timedelta(days=40),
        )
        services.submit_plan(by=pair.mentor.user, pair=pair)
        services.decide_plan(by=office(world, "court_chair"), pair=pair, approve=True)
        started = add_months(today(), -14)
        term_end = add_months(started, 24) - DAY
        backdate(pair, started, term_end)
        lapse_first_year(pair.protege)
        replace_by_protocol(world, pair)
        assert pair.status == "replaced"
        assert pair.participation.status == "admitted"  # the programme goes on
        second = extra_entry(world, "mentor")
        new = consented_pair(world, second, protege=pair.protege)
        new = services.register_pair(by=council(world), pair=new)
        assert new.participation_id == pair.participation_id
        # §5: the remaining term, not a fresh twelve months
        assert new.registered_on == today()
        assert new.term_ends_on == term_end
        assert new.participation.term_starts_on == started
        # §2: the programme in force goes on as the new pair's first version
        version = PlanVersion.objects.get(plan__pair=new)
        assert version.status == "approved"
        assert [i.description for i in version.items.all()] == ["Отырыстарды талдау"]

    def test_the_three_year_cap_counts_across_two_pairs(self, world, entries):
        pair = h.active_pair(world, entry=entries[0])
        started = add_months(today(), -20)
        backdate(pair, started, add_months(started, 24) - DAY)
        replace_by_protocol(world, pair)
        new = services.register_pair(
            by=council(world),
            pair=consented_pair(world, extra_entry(world, "mentor"), protege=pair.protege),
        )
        chair = office(world, "regional_chair")
        limit = longest_term_end(started)
        refused(
            services.extend_term,
            match="§1.6",
            by=chair,
            pair=new,
            new_end=limit + DAY,
            reasons="тәжірибе",
        )
        order = services.extend_term(by=chair, pair=new, new_end=limit, reasons="тәжірибе")
        assert order.participation_id == new.participation_id
        new.refresh_from_db()
        assert new.term_ends_on == new.participation.term_ends_on == limit

    def test_a_later_extension_supersedes_the_earlier_and_both_stay(self, world, entries):
        pair = h.active_pair(world, entry=entries[0])
        chair = office(world, "regional_chair")
        start = pair.participation.term_starts_on
        first = services.extend_term(
            by=chair, pair=pair, new_end=add_months(start, 18) - DAY, reasons="тәжірибе"
        )
        second = services.extend_term(
            by=chair, pair=pair, new_end=add_months(start, 24) - DAY, reasons="оқу"
        )
        assert second.supersedes == first
        assert (first.number, second.number) == (first.number, first.number + 1)
        assert list(pair.participation.extensions.order_by("id")) == [first, second]

    def test_a_registration_after_the_term_ran_out_is_refused(self, world, entries):
        pair = h.active_pair(world, entry=entries[0])
        started = add_months(today(), -13)
        backdate(pair, started)
        replace_by_protocol(world, pair)
        new = consented_pair(world, extra_entry(world, "mentor"), protege=pair.protege)
        refused(services.register_pair, match="§5, §1.6", by=council(world), pair=new)


# =============================================================================
# 4. Every live pair has a way to close (§4.1, §14, §16.4)
# =============================================================================


class TestEndings:
    def test_either_side_withdraws_consent_before_registration(self, world, entries):
        pair = consented_pair(world, entries[0])
        refused(services.withdraw_consent, by=office(world, "coordinator"), pair=pair)
        services.withdraw_consent(by=pair.mentor.user, pair=pair)
        pair.refresh_from_db()
        assert (pair.status, pair.mentor_consent) == ("withdrawn", "declined")
        assert world.users["coordinator"].pk in notified("pair_declined")
        active = h.active_pair(world, entry=entries[1])
        refused(services.withdraw_consent, match="§4.1", by=active.protege.user, pair=active)

    def test_the_mentor_withdraws_for_own_reasons_and_the_programme_goes_on(self, world, entries):
        pair = h.active_pair(world, entry=entries[0])
        refused(
            services.file_petition,
            match="§4.1",
            by=pair.mentor.user,
            pair=pair,
            kind="mentor_withdraws",
            reasons=" ",
        )
        petition = services.file_petition(
            by=pair.mentor.user, pair=pair, kind="mentor_withdraws", reasons="Денсаулық."
        )
        protocol = services.create_protocol(
            by=council(world), region=world.region, held_on=today(), members_present="А."
        )
        services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="petition",
            pairs=[],
            petition=petition,
            granted=True,
        )
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        assert pair.status == "mentor_withdrew"
        assert pair.participation.status == "admitted"
        assert notified("mentor_replaced") == {world.users["coordinator"].pk}

    @pytest.mark.parametrize(
        ("concerns", "pair_status", "programme"),
        [("protege", "ended", "ended"), ("mentor", "ended", "admitted")],
    )
    def test_an_objective_ending_recorded_by_the_council(
        self, world, entries, concerns, pair_status, programme
    ):
        pair = h.active_pair(world, entry=entries[0])
        protocol = services.create_protocol(
            by=council(world), region=world.region, held_on=today(), members_present="А."
        )
        before = participation_state()
        refused(
            services.add_decision,
            match="§14",
            by=council(world),
            protocol=protocol,
            kind="objective",
            pairs=[pair],
            objective_reason="bored",
            concerns=concerns,
        )
        assert participation_state() == before
        decision = services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="objective",
            pairs=[pair],
            objective_reason="moved_region",
            concerns=concerns,
        )
        assert (decision.objective_reason, decision.concerns) == ("moved_region", concerns)
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        assert (pair.status, pair.participation.status) == (pair_status, programme)
        if programme == "ended":
            assert pair.participation.end_reason == "objective"

    def test_a_completion_leaves_the_programme_open_while_another_pair_is_live(
        self, world, entries
    ):
        # §10.1: a tutor and a mentor at once; completing one pair does not end it
        tutor_pair = h.active_pair(world, entry=entries[1])
        mentor_pair = h.active_pair(world, entry=entries[0], protege_judge=tutor_pair.protege)
        protocol = services.create_protocol(
            by=council(world), region=world.region, held_on=today(), members_present="А."
        )
        services.add_decision(
            by=council(world), protocol=protocol, kind="no_need", pairs=[tutor_pair]
        )
        services.issue_protocol(by=council(world), protocol=protocol)
        mentor_pair.refresh_from_db()
        assert mentor_pair.participation.status == "admitted"

    def test_the_final_report_is_written_after_the_end_16_8(self, world, entries):
        pair = h.active_pair(world, entry=entries[0])
        protocol = services.create_protocol(
            by=council(world), region=world.region, held_on=today(), members_present="А."
        )
        services.add_decision(by=council(world), protocol=protocol, kind="no_need", pairs=[pair])
        services.issue_protocol(by=council(world), protocol=protocol)
        report = services.start_report(pair.protege.user, pair)
        assert (report.kind, report.status) == ("final", "draft")


# =============================================================================
# 5. Roster (§1.4, §11, §12) and court levels in pairing (§1.2, §1.3)
# =============================================================================


class TestRosterAndLevels:
    def add(self, w, judge, role, **kw):
        return services.propose_roster_member(
            by=office(w, "coordinator"), region=w.region, judge=judge, role=role, **kw
        )

    def test_a_judge_with_a_ground_but_no_participation_may_be_listed(self, world):
        # §11 ¶2: a twenty-year judge transferred from another region
        veteran = h.with_account(
            f.judge(
                world.district_court,
                appointed=D(2005, 1, 1),
                events=(("transfer_region", today() - dt.timedelta(days=40)),),
            )
        )
        assert veteran.protege_grounds(today())
        assert self.add(world, veteran, "tutor").role == "tutor"

    def test_a_protege_in_the_programme_and_a_first_year_judge_are_refused(self, world, entries):
        in_programme = h.protege(world, months_ago=2)
        h.participation(in_programme)
        refused(self.add, match="§1.4", w=world, judge=in_programme, role="tutor")
        first_year = h.protege(world, months_ago=3)
        refused(self.add, match="§1.4", w=world, judge=first_year, role="tutor")

    def test_a_mentor_is_added_on_the_councils_decision_12(self, world):
        candidate = h.mentor_candidate(world)
        refused(self.add, match="§12", w=world, judge=candidate, role="mentor")
        refused(
            self.add,
            match="§12",
            w=world,
            judge=candidate,
            role="mentor",
            council_decision_number="5",
            council_decision_on=today() + DAY,
        )
        entry = self.add(
            world,
            candidate,
            "mentor",
            council_decision_number="5",
            council_decision_on=today(),
        )
        assert (entry.council_decision_number, entry.council_decision_on) == ("5", today())
        assert RosterEntry.objects.filter(pk=entry.pk).exists()

    def test_a_regional_court_protege_gets_no_tutor_and_a_retired_mentor(self, world, entries):
        regional_protege = h.protege(world, court=world.regional_court)
        refused(
            services.propose_pair,
            match="§1.2",
            by=office(world, "coordinator"),
            protege=regional_protege,
            entry=entries[1],
        )
        refused(
            services.propose_pair,
            match="retired",
            by=office(world, "coordinator"),
            protege=regional_protege,
            entry=entries[0],
        )
        retired = h.with_account(
            f.judge(world.regional_court, appointed=D(1995, 1, 1), status="retired")
        )
        order = entries[0].added_by
        retired_entry = RosterEntry.objects.create(
            roster=order.roster,
            judge=retired,
            role="mentor",
            consent="accepted",
            proposed_by=world.users["coordinator"],
            added_by=order,
        )
        pair = services.propose_pair(
            by=office(world, "coordinator"), protege=regional_protege, entry=retired_entry
        )
        assert pair.status == "proposed"


# =============================================================================
# 6. Orders amended (§5, §6) and those named told (§5, §6, §12); §10.4 events
# =============================================================================


class TestOrdersAndNotices:
    def test_a_workload_order_supersedes_an_earlier_one_from_a_date(self, world):
        chair = office(world, "court_chair")
        judge = h.protege(world, months_ago=1)
        first = services.issue_workload_order(
            by=chair,
            judge=judge,
            percent=20,
            starts_on=today(),
            ends_on=today() + dt.timedelta(days=60),
        )
        assert notified("workload_order_hr") == {world.users["hr_officer"].pk}
        refused(
            services.issue_workload_order,
            match="supersed",
            by=chair,
            judge=judge,
            percent=10,
            starts_on=today() + dt.timedelta(days=30),
            ends_on=today() + dt.timedelta(days=90),
        )
        later = services.issue_workload_order(
            by=chair,
            judge=judge,
            percent=10,
            starts_on=today() + dt.timedelta(days=30),
            ends_on=today() + dt.timedelta(days=90),
            supersedes=first,
        )
        assert later.supersedes == first
        assert later.number == first.number + 1
        assert WorkloadOrder.objects.filter(judge=judge).count() == 2
        # the same order is not superseded twice
        refused(
            services.issue_workload_order,
            match="§6",
            by=chair,
            judge=judge,
            percent=5,
            starts_on=today() + dt.timedelta(days=40),
            ends_on=today() + dt.timedelta(days=50),
            supersedes=first,
        )

    def test_an_extension_tells_the_coordinator_and_the_council(self, world, entries):
        pair = h.active_pair(world, entry=entries[0])
        services.extend_term(
            by=office(world, "regional_chair"),
            pair=pair,
            new_end=add_months(pair.registered_on, 18),
            reasons="тәжірибе",
        )
        assert notified("term_extended_office") == {
            world.users["coordinator"].pk,
            world.users["branch_council"].pk,
        }

    def test_a_registered_pair_tells_the_chair_of_the_proteges_court(self, world, entries):
        h.active_pair(world, entry=entries[0])
        assert world.users["court_chair"].pk in notified("pair_registered")

    def test_the_coordinator_organises_educational_events_10_4(self, world):
        event = services.schedule_seminar(
            by=office(world, "coordinator"),
            region=world.region,
            held_on=today(),
            place="Көкшетау",
            topic="Судья әдебі",
            kind="educational",
        )
        assert event.kind == "educational"
        # an orientation seminar stays the councils' (§8)
        refused(
            services.schedule_seminar,
            by=office(world, "coordinator"),
            region=world.region,
            held_on=today(),
            place="Көкшетау",
            topic="x",
            kind="orientation",
        )
        assert Seminar.objects.count() == 1


# =============================================================================
# 7. The coordinator and the programme (§10.3): drafts read and commented
# =============================================================================


class TestCoordinatorAndTheProgramme:
    def test_the_coordinator_reads_and_comments_on_a_draft_never_the_journal(
        self, world, entries, client
    ):
        from programs.visibility import plan_versions

        pair = h.active_pair(world, entry=entries[0])
        coordinator = office(world, "coordinator")
        draft = PlanVersion.objects.get(plan__pair=pair)
        assert draft.status == "draft"
        assert plan_versions(coordinator.user, coordinator.office).filter(pk=draft.pk).exists()
        chair = office(world, "court_chair")
        assert not plan_versions(chair.user, chair.office).filter(pk=draft.pk).exists()
        comment = services.comment_plan(by=coordinator, pair=pair, text="Этика бөлімін қосыңыз.")
        assert comment.version == draft
        assert notified("plan_commented") == {pair.protege.user.pk, pair.mentor.user.pk}
        refused(services.comment_plan, by=chair, pair=pair, text="x")
        refused(services.comment_plan, match="empty", by=coordinator, pair=pair, text=" ")
        assert PlanComment.objects.count() == 1
        # the journal stays the pair's (§4.2)
        client.force_login(world.users["coordinator"])
        assert client.get(f"/programme/pairs/{pair.pk}/journal/").status_code == 403
        page = client.get(f"/programme/pairs/{pair.pk}/plan/").content.decode()
        assert "Этика бөлімін қосыңыз." in page


def test_the_coordinator_sees_report_statuses_not_their_text_10_5(client, world, entries):
    pair = h.active_pair(world, entry=entries[0])
    report = services.start_report(pair.mentor.user, pair)
    services.save_report(
        by=pair.mentor.user,
        report=report,
        addressee="branch_council",
        work_done="ЕСЕП-МӘТІНІ-9182",
        effectiveness="тиімді",
    )
    services.submit_report(by=pair.mentor.user, report=report)
    client.force_login(world.users["coordinator"])
    page = client.get(f"/programme/pairs/{pair.pk}/")
    statuses = page.content.decode()
    assert 'data-testid="report-statuses"' in statuses
    assert "ЕСЕП-МӘТІНІ-9182" not in statuses
    assert client.get(f"/programme/reports/{report.pk}/").status_code == 404
