"""Pair formation, consent and registration (§4.1, §10, §12), the database's own guards, concurrency (§10.1), quality flags (preamble, §1.4), candidates (§8, §10.2)."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from courts import quality
from courts.models import Judge, Office, QualityFlag
from courts.rules import add_years
from mentorship.errors import Refused
from mentorship.models import Document, Notification
from programs import services
from programs.models import (
    ExtensionOrder,
    Pair,
    Participation,
    Plan,
    PlanVersion,
    ProtegePreference,
    Roster,
    RosterEntry,
    RosterOrder,
    WorkloadOrder,
)
from programs.queries import needs_analysis, pair_candidates
from programs.regulation import (
    default_term_end,
    longest_term_end,
)
from tests import factories as f
from tests.programs import helpers as h

from .pairs_support import (
    DAY,
    D,
    consented_pair,
    extra_entry,
    live_pair_message,
    office,
    propose,
    refused,
    today,
)

# =============================================================================
# 2. Pair formation, consent, registration (§4.1, §10, §12)
# =============================================================================


class TestProposal:
    def test_the_coordinator_proposes_from_the_approved_roster(self, world, entries):
        mentor_entry, _tutor = entries
        protege = h.protege(world)
        pair = propose(world, protege, mentor_entry)
        assert (pair.status, pair.role, pair.region, pair.mentor, pair.protege) == (
            "proposed",
            "mentor",
            world.region,
            mentor_entry.judge,
            protege,
        )
        assert pair.ground == "first_appointment"
        assert (pair.mentor_consent, pair.protege_consent) == ("pending", "pending")
        asked = set(
            Notification.objects.filter(kind="pair_proposed").values_list("user", flat=True)
        )
        assert asked == {protege.user.pk, mentor_entry.judge.user.pk}

    def test_the_branch_council_may_propose_too(self, world, entries):
        assert propose(world, h.protege(world), entries[1], by="branch_council").pk

    @pytest.mark.parametrize(
        "name",
        [
            "regional_chair",
            "court_chair",
            "training_centre",
            "hr_officer",
            "central_council",
            "other_region",
        ],
    )
    def test_other_offices_cannot_propose(self, world, entries, name):
        protege = h.protege(world)
        refused(services.propose_pair, by=office(world, name), protege=protege, entry=entries[0])

    def test_a_judge_without_an_office_cannot_propose(self, world, entries):
        protege = h.protege(world)
        refused(services.propose_pair, by=world.users["judge"], protege=protege, entry=entries[0])

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
        self, world, entries
    ):
        mentor_entry, _ = entries
        Judge.objects.filter(pk=mentor_entry.judge_id).update(status="childcare")
        before = Pair.objects.count()
        with translation.override("en"):
            refused(
                propose,
                "§12: the mentor or tutor is on childcare leave",
                w=world,
                protege=h.protege(world),
                entry=mentor_entry,
            )
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
        QualityFlag.objects.create(
            judge=tutor_entry.judge,
            reasons="r",
            flagged_on=today(),
            flagged_by=world.users["court_chair"],
        )
        assert tutor_entry.judge.protege_grounds(today())
        refused(
            propose, re.escape("§1.4, §12"), w=world, protege=tutor_entry.judge, entry=tutor_entry
        )

    def test_a_judge_appointed_years_ago_does_not_qualify_1_4(self, world, entries):
        refused(propose, "§1.4", w=world, protege=world.judge, entry=entries[0])

    def test_a_retired_judge_is_not_a_protege(self, world, entries):
        judge = h.protege(world)
        judge.status = "retired"
        judge.save()
        refused(propose, "§1.4", w=world, protege=judge, entry=entries[0])

    def test_pairs_are_formed_within_the_region_10_2(self, world, entries):
        protege = h.protege(world, court=world.other_court)
        refused(propose, "§10.2", w=world, protege=protege, entry=entries[1], by="other_region")

    def test_one_tutor_at_a_time_but_a_mentor_as_well_10_1(self, world, entries):
        mentor_entry, tutor_entry = entries
        second_tutor = extra_entry(world, "tutor")
        protege = h.protege(world)
        propose(world, protege, tutor_entry)
        refused(
            propose,
            re.escape(live_pair_message("tutor")),
            w=world,
            protege=protege,
            entry=second_tutor,
        )
        # §10.1: a tutor AND a mentor at the same time
        mentor_pair = propose(world, protege, mentor_entry)
        assert set(Pair.objects.filter(protege=protege).values_list("role", flat=True)) == {
            "tutor",
            "mentor",
        }
        second_mentor = extra_entry(world, "mentor")
        refused(
            propose,
            re.escape(live_pair_message("mentor")),
            w=world,
            protege=protege,
            entry=second_mentor,
        )
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
        self, world, entries, pair
    ):
        live = propose(world, h.protege(world), entries[1])
        refused(services.withdraw_pair, by=office(world, "regional_chair"), pair=live)
        refused(services.withdraw_pair, by=office(world, "coordinator"), pair=pair)


class TestConsent:
    """§4.1: voluntariness — both sides consent, either may decline."""

    def test_both_accept_then_consented_and_registrars_are_told(self, world, entries):
        pair = consented_pair(world, entries[0])
        pair.refresh_from_db()
        assert (pair.status, pair.mentor_consent, pair.protege_consent) == (
            "consented",
            "accepted",
            "accepted",
        )
        told = set(
            Notification.objects.filter(kind="pair_consented").values_list("user", flat=True)
        )
        assert told == {world.users["branch_council"].pk, world.users["training_centre"].pk}

    def test_one_acceptance_keeps_the_pair_proposed(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[0])
        services.answer_pair(by=protege.user, pair=pair, accept=True)
        pair.refresh_from_db()
        assert (pair.status, pair.protege_consent, pair.mentor_consent) == (
            "proposed",
            "accepted",
            "pending",
        )

    def test_one_declines_then_declined(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[0])
        services.answer_pair(by=entries[0].judge.user, pair=pair, accept=True)
        services.answer_pair(by=protege.user, pair=pair, accept=False)
        pair.refresh_from_db()
        assert (pair.status, pair.protege_consent, pair.ended_on) == (
            "declined",
            "declined",
            today(),
        )
        assert Notification.objects.filter(
            kind="pair_declined", user=world.users["coordinator"]
        ).exists()

    def test_after_a_decline_the_other_side_cannot_accept(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[0])
        services.answer_pair(by=protege.user, pair=pair, accept=False)
        refused(services.answer_pair, by=entries[0].judge.user, pair=pair, accept=True)

    def test_a_third_party_cannot_answer(self, world, entries):
        protege = h.protege(world)
        pair = propose(world, protege, entries[0])
        for user in (world.users["judge"], office(world, "coordinator"), entries[1].judge.user):
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
        first = services.register_pair(
            by=office(world, "branch_council"), pair=consented_pair(world, mentor_entry)
        )
        second = services.register_pair(
            by=office(world, "training_centre"), pair=consented_pair(world, tutor_entry)
        )
        for pair, number, by in ((first, 1, "branch_council"), (second, 2, "training_centre")):
            pair.refresh_from_db()
            assert (pair.status, pair.register_number, pair.registered_on) == (
                "active",
                number,
                today(),
            )
            assert pair.registered_by == world.users[by]
            assert pair.term_ends_on == default_term_end(today())
            assert pair.term_ends_on == add_years(today(), 1) - DAY
            version = PlanVersion.objects.get(plan__pair=pair)
            assert (version.number, version.status) == (1, "draft")
            assert not version.items.exists()

    def test_numbering_is_per_region(self, world, entries):
        other_roster = Roster.objects.create(region=world.other_region)
        tutor = f.judge(world.other_court, appointed=D(2005, 1, 1))
        other_entry = RosterEntry.objects.create(
            roster=other_roster,
            judge=tutor,
            role="tutor",
            consent="accepted",
            proposed_by=world.users["other_region"],
        )
        other_protege = h.protege(world, court=world.other_court)
        Pair.objects.create(
            region=world.other_region,
            participation=h.participation(
                other_protege, term_starts_on=today(), term_ends_on=default_term_end(today())
            ),
            protege=other_protege,
            mentor=tutor,
            role="tutor",
            roster_entry=other_entry,
            status="active",
            proposed_by=world.users["other_region"],
            register_number=7,
            registered_on=today(),
            term_ends_on=default_term_end(today()),
        )
        pair = services.register_pair(
            by=office(world, "branch_council"), pair=consented_pair(world, entries[0])
        )
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
        participation = Participation.objects.filter(protege=protege).first() or h.participation(
            protege
        )
        return Pair.objects.create(
            region=w.region,
            participation=participation,
            protege=protege,
            mentor=entry.judge,
            role=kw.pop("role", entry.role),
            roster_entry=entry,
            proposed_by=w.users["coordinator"],
            **kw,
        )

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
            document = Document.objects.create(
                kind="workload_order",
                number=str(number),
                issued_on=today(),
                issuer="x",
                signatory="y",
                language="kk",
                sha256="0",
                pdf=b"%PDF",
            )
            return WorkloadOrder.objects.create(
                judge=judge,
                court=judge.court,
                year=today().year,
                number=number,
                issued_on=today(),
                percent=percent,
                starts_on=today(),
                ends_on=today(),
                signatory=world.users["court_chair"],
                document=document,
            )

        with pytest.raises(IntegrityError), transaction.atomic():
            order(1, 31)
        with pytest.raises(IntegrityError), transaction.atomic():
            order(1, 0)
        assert order(1, 30).percent == 30

    def test_the_programme_term_is_12_to_36_months_1_6_5(self, world, pair):
        # §1.6, §5: the term belongs to the participation (a replacement pair
        # continues it, so a pair alone may run shorter than twelve months)
        participation = Participation.objects.filter(pk=pair.participation_id)
        registered = participation.get().term_starts_on
        for bad in (longest_term_end(registered) + DAY, default_term_end(registered) - DAY):
            with pytest.raises(IntegrityError), transaction.atomic():
                participation.update(term_ends_on=bad)
        participation.update(term_ends_on=longest_term_end(registered))
        assert participation.get().term_ends_on == longest_term_end(registered)
        # a pair's own term: within three years of its registration, never before it
        for bad in (longest_term_end(pair.registered_on) + DAY, pair.registered_on - DAY):
            with pytest.raises(IntegrityError), transaction.atomic():
                Pair.objects.filter(pk=pair.pk).update(term_ends_on=bad)
        Pair.objects.filter(pk=pair.pk).update(term_ends_on=pair.registered_on + DAY)

    def test_the_term_limit_on_a_29_february_registration(self, world, pair):
        leap = D(2024, 2, 29)
        participation = Participation.objects.filter(pk=pair.participation_id)
        participation.update(term_starts_on=leap, term_ends_on=longest_term_end(leap))
        with pytest.raises(IntegrityError), transaction.atomic():
            participation.update(term_ends_on=longest_term_end(leap) + DAY)
        with pytest.raises(IntegrityError), transaction.atomic():
            participation.update(term_ends_on=default_term_end(leap) - DAY)
        participation.update(term_ends_on=default_term_end(leap))

    def test_a_registered_pair_must_have_a_term(self, world, pair):
        with pytest.raises(IntegrityError), transaction.atomic():
            Pair.objects.filter(pk=pair.pk).update(term_ends_on=None)

    def test_the_extension_order_must_move_the_end_later(self, world, pair):
        document = Document.objects.create(
            kind="extension_order",
            number="9",
            issued_on=today(),
            issuer="x",
            signatory="y",
            language="kk",
            sha256="0",
            pdf=b"%PDF",
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            ExtensionOrder.objects.create(
                pair=pair,
                court=world.regional_court,
                year=2025,
                number=9,
                issued_on=today(),
                previous_end=pair.term_ends_on,
                new_end=pair.term_ends_on,
                reasons="r",
                signatory=world.users["regional_chair"],
                document=document,
            )


# =============================================================================
# 4. Concurrency: §10.1 under twenty simultaneous proposals
# =============================================================================


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_tutor_proposals_yield_one_pair_10_1(world):
    h.roster_entries(world)
    tutors = list(RosterEntry.objects.filter(role="tutor")) + [
        extra_entry(world, "tutor") for _ in range(19)
    ]
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
        flag = quality.flag_quality(
            by=office(world, "court_chair"), judge=judge, reasons="Шешімдердің күшін жою жиі"
        )
        assert self.grounds(judge) == ["quality"]
        rows = {r["judge"].pk: r for r in needs_analysis(world.region)}
        assert [g.code for g in rows[judge.pk]["grounds"]] == ["quality"]
        assert Notification.objects.filter(
            kind="quality_flagged", user=world.users["coordinator"]
        ).exists()
        refused(quality.flag_quality, by=office(world, "court_chair"), judge=judge, reasons="again")
        quality.lift_quality_flag(by=office(world, "court_chair"), flag=flag)
        assert self.grounds(judge) == []
        assert judge.pk not in {r["judge"].pk for r in needs_analysis(world.region)}
        refused(quality.lift_quality_flag, by=office(world, "court_chair"), flag=flag)

    def test_reasons_required(self, world):
        refused(
            quality.flag_quality,
            "§1.4",
            by=office(world, "court_chair"),
            judge=world.judge,
            reasons="   ",
        )

    def test_another_courts_chair_is_refused(self, world):
        chair = h.as_office(f.user(office=Office.COURT_CHAIR, court=world.small_court))
        refused(quality.flag_quality, by=chair, judge=world.judge, reasons="r")
        refused(
            quality.flag_quality, by=office(world, "coordinator"), judge=world.judge, reasons="r"
        )
        flag = quality.flag_quality(by=office(world, "court_chair"), judge=world.judge, reasons="r")
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
        assert [c["entry"].pk for c in pair_candidates(protege, role="tutor")] == [tutor_entry.pk]

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
