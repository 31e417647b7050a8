"""Protocol decisions of the branch council (§14): drafts, issuing, the issued
document, and two sessions issuing at once."""

import datetime as dt
import hashlib
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from courts.models import CourtLevel, Office
from mentorship.errors import Refused
from mentorship.models import Document
from mentorship.officestyle import branch_council_name, long_date
from programs import queries, services
from programs.models import (
    Decision,
    Finalisation,
    Protocol,
    ProtocolCopy,
    Report,
)
from tests import factories as f
from tests.programs import helpers as h
from tests.programs.protocol_support import (
    TRIGGER_ERRORS,
    accept_both,
    another_pair,
    centre,
    completion_protocol,
    council,
    issued,
    new_protocol,
    notified,
    office_user,
    pdf_text,
    state,
    submitted,
    today,
)

# --- §14 protocol decisions -------------------------------------------------------------


class TestProtocolDrafts:
    def test_only_the_branch_council_of_the_region_keeps_protocols(self, world):
        before = state()
        for by in (
            centre(world),
            h.as_office(world.users["coordinator"]),
            h.as_office(world.users["regional_chair"]),
            office_user(Office.BRANCH_COUNCIL, region=world.other_region),
            world.users["judge"],
        ):
            with pytest.raises(Refused):
                services.create_protocol(
                    by=by, region=world.region, held_on=today(), members_present="А. Б."
                )
        assert state() == before
        protocol = new_protocol(world)
        assert (protocol.status, protocol.number, protocol.document) == ("draft", None, None)

    def test_a_meeting_in_the_future_or_without_members_is_refused_14(self, world):
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.create_protocol(
                by=council(world),
                region=world.region,
                held_on=today() + dt.timedelta(days=1),
                members_present="А. Б.",
            )
        with pytest.raises(Refused, match="§14"):
            services.create_protocol(
                by=council(world), region=world.region, held_on=today(), members_present="  "
            )
        assert state() == before
        assert new_protocol(world, held_on=today() - dt.timedelta(days=7)).status == "draft"

    def test_a_completion_rests_on_the_reports_presented_13_14(self, world):
        # §14 «on the results of the information presented»: a report submitted
        # is presented (it used to need acceptance by the council)
        pair = h.active_pair(world)
        protocol = new_protocol(world)
        mentor_report = submitted(pair.mentor.user, pair)
        before = state()
        with pytest.raises(Refused, match="§13, §14"):
            services.add_decision(
                by=council(world), protocol=protocol, kind="completed", pairs=[pair]
            )
        assert state() == before
        final = submitted(pair.protege.user, pair)  # submitted, not yet accepted
        decision = services.add_decision(
            by=council(world), protocol=protocol, kind="completed", pairs=[pair]
        )
        assert set(decision.reports.values_list("pk", flat=True)) == {mentor_report.pk, final.pk}
        assert list(decision.pairs.all()) == [pair]
        # the same pair is not the subject of two items of one protocol
        before = state()
        with pytest.raises(Refused):
            services.add_decision(
                by=council(world), protocol=protocol, kind="replacement", pairs=[pair], reasons="x"
            )
        assert state() == before

    def test_a_completion_with_one_report_recorded_as_not_submitted_14(self, world):
        pair = h.active_pair(world)
        protocol = new_protocol(world)
        submitted(pair.mentor.user, pair)
        decision = services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="completed",
            pairs=[pair],
            missing_reports="The protégé's final report was not submitted: long illness.",
        )
        assert decision.missing_reports.startswith("The protégé's final report")
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        assert pair.status == "completed"
        assert pair.participation.status == "ended"
        assert pair.participation.end_reason == "completed"

    def test_a_completion_on_application_needs_no_report_14_16_5(self, world):
        pair = h.active_pair(world)
        assert not pair.reports.exists()
        protocol = new_protocol(world)
        services.add_decision(by=council(world), protocol=protocol, kind="no_need", pairs=[pair])
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        assert (pair.status, pair.participation.status) == ("ended_early", "ended")
        assert pair.participation.end_reason == "no_need"

    def test_a_completion_needs_the_final_report_too(self, world):
        pair = h.active_pair(world)
        protocol = new_protocol(world)
        final = submitted(pair.protege.user, pair)
        services.decide_report(by=council(world), report=final, accept=True)
        before = state()
        with pytest.raises(Refused, match="§13, §14"):
            services.add_decision(
                by=council(world), protocol=protocol, kind="completed", pairs=[pair]
            )
        assert state() == before

    def test_reports_accepted_by_the_training_centre_count(self, world):
        pair = h.active_pair(world)
        accept_both(world, pair, addressee="training_centre")
        decision = services.add_decision(
            by=council(world), protocol=new_protocol(world), kind="completed", pairs=[pair]
        )
        assert decision.reports.count() == 2

    def test_other_offices_cannot_add_decisions_and_replacement_needs_reasons(self, world):
        pair = h.active_pair(world)
        protocol = new_protocol(world)
        before = state()
        for by in (centre(world), office_user(Office.BRANCH_COUNCIL, region=world.other_region)):
            with pytest.raises(Refused):
                services.add_decision(
                    by=by, protocol=protocol, kind="replacement", pairs=[pair], reasons="себебі"
                )
        with pytest.raises(Refused, match="§16.4"):
            services.add_decision(
                by=council(world), protocol=protocol, kind="replacement", pairs=[pair], reasons=" "
            )
        assert state() == before

    def test_a_decision_is_removed_from_a_draft(self, world):
        pair = h.active_pair(world)
        protocol = new_protocol(world)
        decision = services.add_decision(
            by=council(world), protocol=protocol, kind="replacement", pairs=[pair], reasons="себебі"
        )
        with pytest.raises(Refused):
            services.remove_decision(by=centre(world), decision=decision)
        assert Decision.objects.filter(pk=decision.pk).exists()
        services.remove_decision(by=council(world), decision=decision)
        assert not Decision.objects.exists()


class TestIssuing:
    def test_a_completion_finalises_the_pairs_and_delivers_the_copies(self, world):
        first = h.active_pair(world)
        same_court = another_pair(world, first, world.district_court)
        small = another_pair(world, first, world.small_court)
        hr_small = f.user("hr_small", office=Office.HR_OFFICER, court=world.small_court)
        protocol = completion_protocol(world, first, same_court, small)
        protocol = services.issue_protocol(by=council(world), protocol=protocol)
        assert (protocol.status, protocol.number, protocol.year, protocol.issued_on) == (
            "issued",
            1,
            today().year,
            today(),
        )
        for pair in (first, same_court, small):
            pair.refresh_from_db()
            assert (pair.status, pair.ended_on) == ("completed", today())
            assert (pair.finalisation.status, pair.finalisation.decision.protocol_id) == (
                "completed",
                protocol.pk,
            )
        assert Finalisation.objects.count() == 3
        assert Decision.objects.get().frozen
        copies = sorted(
            ProtocolCopy.objects.filter(protocol=protocol).values_list(
                "recipient", "region", "court", "judge"
            ),
            key=str,
        )
        # §14: the whole protocol to the Training Centre; to HR an extract per
        # judge, for the protégé's file and for the mentor's
        mentor = first.mentor
        assert copies == sorted(
            [
                ("training_centre", world.region.pk, None, None),
                ("hr", world.region.pk, world.district_court.pk, first.protege.pk),
                ("hr", world.region.pk, world.district_court.pk, same_court.protege.pk),
                ("hr", world.region.pk, world.small_court.pk, small.protege.pk),
                ("hr", world.region.pk, mentor.court.pk, mentor.pk),
            ],
            key=str,
        )
        tc_copy = ProtocolCopy.objects.get(protocol=protocol, recipient="training_centre")
        assert tc_copy.document == protocol.document
        for copy in ProtocolCopy.objects.filter(protocol=protocol, recipient="hr"):
            assert copy.document.kind == "protocol_extract"
            text = pdf_text(copy.document)
            assert copy.judge.full_name in text
            others = {first.protege, same_court.protege, small.protege} - {copy.judge}
            if copy.judge != mentor:
                # the extract concerns that judge only
                assert not any(o.full_name in text for o in others), text
        assert notified("protocol_copy") == {
            world.users["training_centre"].pk,
            world.users["hr_officer"].pk,
            hr_small.pk,
        }
        assert not notified("mentor_replaced")
        members = {p.protege.user.pk for p in (first, same_court, small)} | {first.mentor.user.pk}
        assert notified("protocol_issued") == members

    @pytest.mark.parametrize(
        ("kind", "outcome"), [("no_need", "ended_early"), ("replacement", "replaced")]
    )
    def test_each_kind_of_decision_has_its_outcome(self, world, kind, outcome):
        pair = h.active_pair(world)
        if kind == "no_need":
            accept_both(world, pair)
        protocol = new_protocol(world)
        services.add_decision(
            by=council(world), protocol=protocol, kind=kind, pairs=[pair], reasons="Тәлімгер ауысты"
        )
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        assert (pair.status, pair.ended_on, pair.finalisation.status) == (outcome, today(), outcome)
        coordinator = {world.users["coordinator"].pk}
        assert notified("mentor_replaced") == (coordinator if kind == "replacement" else set())

    def test_numbers_run_per_branch_and_year(self, world):
        first = h.active_pair(world)
        second = another_pair(world, first, world.district_court)
        one = issued(world, first)
        protocol = new_protocol(world)
        services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="replacement",
            pairs=[second],
            reasons="себебі",
        )
        two = services.issue_protocol(by=council(world), protocol=protocol)
        assert (one.number, two.number) == (1, 2)
        assert one.year == two.year == today().year
        assert (one.document.number, two.document.number) == ("1", "2")
        # another branch numbers from 1
        other = type("W", (), {})()
        other.region, other.district_court = world.other_region, world.other_court
        other.regional_court = f.court(world.other_region, level=CourtLevel.REGIONAL)
        other.users = {
            "coordinator": world.users["other_region"],
            "regional_chair": f.user(office=Office.REGIONAL_CHAIR, region=world.other_region),
            "branch_council": f.user(office=Office.BRANCH_COUNCIL, region=world.other_region),
        }
        other_pair = h.active_pair(other, protege_judge=h.protege(other))
        other_council = h.as_office(other.users["branch_council"])
        protocol = services.create_protocol(
            by=other_council, region=world.other_region, held_on=today(), members_present="В. Г."
        )
        services.add_decision(
            by=other_council,
            protocol=protocol,
            kind="replacement",
            pairs=[other_pair],
            reasons="себебі",
        )
        # the branch council of alpha does not issue beta's protocol
        with pytest.raises(Refused):
            services.issue_protocol(by=council(world), protocol=protocol)
        assert services.issue_protocol(by=other_council, protocol=protocol).number == 1

    def test_a_draft_without_decisions_is_not_issued(self, world):
        protocol = new_protocol(world)
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.issue_protocol(by=council(world), protocol=protocol)
        assert state() == before

    def test_a_granted_goals_reached_petition_completes_the_pair(self, world):
        pair = h.active_pair(world)
        petition = services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        protocol = new_protocol(world)
        before = state()
        # §13, §14: a completion, also on a petition, rests on both accepted reports
        with pytest.raises(Refused, match="§13, §14"):
            services.add_decision(
                by=council(world),
                protocol=protocol,
                kind="petition",
                pairs=[],
                petition=petition,
                granted=True,
            )
        assert state() == before
        reports = h.accepted_reports(world, pair)
        decision = services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="petition",
            pairs=[],
            petition=petition,
            granted=True,
        )
        assert list(decision.pairs.all()) == [pair]
        assert set(decision.reports.all()) == set(reports)
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        petition.refresh_from_db()
        assert (pair.status, pair.ended_on, petition.status) == ("completed", today(), "granted")
        assert pair.finalisation.decision == decision

    def test_a_refused_petition_states_reasons_and_leaves_the_pair_active(self, world):
        pair = h.active_pair(world)
        petition = services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        protocol = new_protocol(world)
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.add_decision(
                by=council(world),
                protocol=protocol,
                kind="petition",
                pairs=[],
                petition=petition,
                granted=False,
                reasons=" ",
            )
        with pytest.raises(Refused):
            services.add_decision(
                by=council(world),
                protocol=protocol,
                kind="petition",
                pairs=[],
                petition=petition,
                granted=None,
            )
        assert state() == before
        services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="petition",
            pairs=[],
            petition=petition,
            granted=False,
            reasons="Жоспар әлі орындалған жоқ",
        )
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        petition.refresh_from_db()
        assert (pair.status, pair.ended_on, petition.status) == ("active", None, "refused")
        assert not Finalisation.objects.exists()
        # decided once: it is not put on another protocol
        before = state()
        with pytest.raises(Refused):
            services.add_decision(
                by=council(world),
                protocol=new_protocol(world),
                kind="petition",
                pairs=[],
                petition=petition,
                granted=True,
            )
        assert state()["decisions"] == before["decisions"]

    def test_after_a_replacement_the_coordinator_proposes_a_new_mentor(self, world):
        pair = h.active_pair(world)
        petition = services.file_petition(
            by=pair.protege.user, pair=pair, kind="replace_mentor", reasons="Кездесулер өтпейді"
        )
        protocol = new_protocol(world)
        services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="petition",
            pairs=[],
            petition=petition,
            granted=True,
        )
        coordinator = h.as_office(world.users["coordinator"])
        # while the pair is active the protégé has a mentor (§10.1)
        with pytest.raises(Refused, match="§10.1"):
            services.propose_pair(by=coordinator, protege=pair.protege, entry=pair.roster_entry)
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        petition.refresh_from_db()
        assert (pair.status, petition.status) == ("replaced", "granted")
        assert notified("mentor_replaced") == {world.users["coordinator"].pk}
        new_mentor = h.with_account(h.mentor_candidate(world))
        entry = services.propose_roster_member(
            by=coordinator,
            region=world.region,
            judge=new_mentor,
            role="mentor",
            **h.selection("mentor"),
        )
        services.answer_roster_invitation(by=new_mentor.user, entry=entry, accept=True)
        services.approve_roster(by=h.as_office(world.users["regional_chair"]), region=world.region)
        entry.refresh_from_db()
        proposal = services.propose_pair(by=coordinator, protege=pair.protege, entry=entry)
        assert (proposal.status, proposal.mentor, proposal.role) == (
            "proposed",
            new_mentor,
            "mentor",
        )

    def test_issuing_twice_is_refused(self, world):
        protocol = issued(world, h.active_pair(world))
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.issue_protocol(by=council(world), protocol=protocol)
        assert state() == before

    def test_a_pair_decided_by_an_issued_protocol_is_not_decided_again(self, world):
        pair = h.active_pair(world)
        accept_both(world, pair)
        first, second = new_protocol(world), new_protocol(world)
        for protocol in (first, second):
            services.add_decision(
                by=council(world), protocol=protocol, kind="completed", pairs=[pair]
            )
        services.issue_protocol(by=council(world), protocol=first)
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.issue_protocol(by=council(world), protocol=second)
        assert state() == before
        assert Finalisation.objects.get().decision.protocol_id == first.pk

    def test_an_issued_protocol_is_not_changed(self, world):
        pair = h.active_pair(world)
        other = another_pair(world, pair, world.district_court)
        protocol = issued(world, pair)
        decision = Decision.objects.get(protocol=protocol)
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.add_decision(
                by=council(world), protocol=protocol, kind="replacement", pairs=[other], reasons="x"
            )
        with pytest.raises(Refused, match="§14"):
            services.remove_decision(by=council(world), decision=decision)
        assert state() == before
        attempts = [
            lambda: Protocol.objects.filter(pk=protocol.pk).update(members_present="x"),
            lambda: Protocol.objects.filter(pk=protocol.pk).update(status="draft"),
            lambda: Decision.objects.filter(protocol=protocol).update(reasons="x"),
            lambda: Decision.objects.filter(protocol=protocol).update(frozen=False),
            lambda: Decision.objects.filter(protocol=protocol)._raw_delete(connection.alias),
            lambda: Document.objects.filter(pk=protocol.document_id).update(number="99"),
            lambda: Finalisation.objects.filter(pair=pair).update(status="replaced"),
        ]
        for attempt in attempts:
            with pytest.raises(TRIGGER_ERRORS, match="pgtrigger: Cannot"), transaction.atomic():
                attempt()
        for table in (Protocol._meta.db_table, Document._meta.db_table):
            with pytest.raises(TRIGGER_ERRORS, match="pgtrigger: Cannot"), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"DELETE FROM {table} WHERE id = %s",
                        [protocol.pk if table == Protocol._meta.db_table else protocol.document_id],
                    )
        with pytest.raises((IntegrityError, *TRIGGER_ERRORS)), transaction.atomic():
            Protocol.objects.filter(pk=protocol.pk).delete()
        assert state() == before
        protocol.refresh_from_db()
        assert protocol.document.hash_matches()
        # the triggers concern issued rows: a draft protocol is still edited
        draft_protocol = new_protocol(world)
        assert Protocol.objects.filter(pk=draft_protocol.pk).update(members_present="В.") == 1

    def test_the_pairs_and_reports_of_an_issued_decision_are_not_changed(self, world):
        pair = h.active_pair(world)
        other = another_pair(world, pair, world.district_court)
        decision = Decision.objects.get(protocol=issued(world, pair))
        for change in (
            lambda: decision.pairs.add(other),
            lambda: decision.pairs.clear(),
            lambda: decision.reports.clear(),
        ):
            with pytest.raises(TRIGGER_ERRORS), transaction.atomic():
                change()
        assert list(decision.pairs.all()) == [pair]

    def test_no_decision_is_inserted_into_an_issued_protocol(self, world):
        pair = h.active_pair(world)
        protocol = issued(world, pair)
        with pytest.raises(TRIGGER_ERRORS), transaction.atomic():
            Decision.objects.create(protocol=protocol, kind="replacement", reasons="x")
        assert Decision.objects.filter(protocol=protocol).count() == 1

    def test_a_finalised_pairs_pending_petition_leaves_the_council_queue(self, world):
        pair = h.active_pair(world)
        petition = services.file_petition(by=pair.protege.user, pair=pair, kind="no_need")
        issued(world, pair)  # completed on the reports, not on the petition
        with pytest.raises(Refused):
            services.add_decision(
                by=council(world),
                protocol=new_protocol(world),
                kind="petition",
                pairs=[],
                petition=petition,
                granted=True,
            )
        queue = queries.council_queue(council(world).office)
        assert petition not in queue["petitions"]


class TestProtocolDocument:
    def test_the_pdf_holds_number_dates_branch_decision_and_names(self, world, client):
        pair = h.active_pair(world)
        protocol = completion_protocol(world, pair)
        held = today() - dt.timedelta(days=3)
        Protocol.objects.filter(pk=protocol.pk).update(
            held_on=held, members_present="Ахметова Әйгерім"
        )
        # the reports it decides on were presented before the meeting (§14)
        Report.objects.filter(pair=pair).update(submitted_at=timezone.now() - dt.timedelta(days=5))
        protocol.refresh_from_db()
        protocol = services.issue_protocol(by=council(world), protocol=protocol, language="kk")
        document = protocol.document
        text = pdf_text(document)
        assert f"№ {protocol.number}" in text
        assert long_date(today(), "kk", "attr") in text
        assert f"{long_date(held, 'kk', 'loc')} өтті" in text
        assert branch_council_name(world.region, "kk") in text
        assert "Ахметова Әйгерім" in text
        with translation.override("kk"):
            heading = translation.gettext("PROTOCOL DECISION")
        # printed in Kazakh, not in the English source text
        assert heading in text and "PROTOCOL DECISION" not in text
        assert "Ереженің 14-тармағы негізінде" in text
        assert "менторлығы бағдарламаның мақсаттарына қол жеткізілуіне байланысты аяқталсын" in text
        assert pair.protege.full_name in text and pair.mentor.full_name in text
        assert document.verification_code in text
        assert document.kind == "protocol" and document.language == "kk"
        assert document.hash_matches()
        assert document.sha256 == hashlib.sha256(bytes(document.pdf)).hexdigest()
        client.force_login(world.users["branch_council"])
        response = client.get(reverse("protocol_pdf", args=[protocol.pk]))
        assert response.status_code == 200 and response.content == bytes(document.pdf)

    def test_the_issuer_line_is_in_the_documents_language(self, world):
        pair = h.active_pair(world)
        protocol = completion_protocol(world, pair)
        with translation.override("ru"):
            protocol = services.issue_protocol(by=council(world), protocol=protocol, language="kk")
        assert protocol.document.issuer == branch_council_name(world.region, "kk")
        assert "Завершить" not in pdf_text(protocol.document)


@pytest.mark.django_db(transaction=True)
def test_two_sessions_issuing_the_same_protocol_issue_it_once(world):
    pair = h.active_pair(world)
    protocol = completion_protocol(world, pair)
    users = [
        world.users["branch_council"].pk,
        f.user(office=Office.BRANCH_COUNCIL, region=world.region).pk,
    ]
    results, barrier = [], threading.Barrier(2)

    def issue(user_id):
        try:
            user = h.as_office(get_user_model().objects.get(pk=user_id))
            barrier.wait()
            results.append(services.issue_protocol(by=user, protocol=protocol))
        except Exception as exc:  # any other error fails the test
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(type(r).__name__ for r in results) == ["Protocol", "Refused"], results
    protocol.refresh_from_db()
    assert (protocol.status, protocol.number) == ("issued", 1)
    assert Finalisation.objects.count() == 1
    assert Document.objects.filter(kind="protocol").count() == 1
    assert ProtocolCopy.objects.count() == 3  # the Training Centre's, two extracts


@pytest.mark.django_db(transaction=True)
def test_two_protocols_deciding_the_same_pair_at_once_finalise_it_once(world):
    pair = h.active_pair(world)
    accept_both(world, pair)
    protocols = [new_protocol(world), new_protocol(world)]
    for protocol in protocols:
        services.add_decision(by=council(world), protocol=protocol, kind="completed", pairs=[pair])
    users = [
        world.users["branch_council"].pk,
        f.user(office=Office.BRANCH_COUNCIL, region=world.region).pk,
    ]
    results, barrier = [], threading.Barrier(2)

    def issue(user_id, protocol):
        try:
            user = h.as_office(get_user_model().objects.get(pk=user_id))
            barrier.wait()
            results.append(services.issue_protocol(by=user, protocol=protocol))
        except Exception as exc:  # any other error fails the test
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=a) for a in zip(users, protocols, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(type(r).__name__ for r in results) == ["Protocol", "Refused"], results
    winner = next(r for r in results if isinstance(r, Protocol))
    assert Finalisation.objects.count() == 1
    assert Finalisation.objects.get().decision.protocol_id == winner.pk
    assert sorted(Protocol.objects.values_list("status", flat=True)) == ["draft", "issued"]
    pair.refresh_from_db()
    assert pair.status == "completed"
