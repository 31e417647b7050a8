"""What an issued protocol sends on (§14): copies to the Training Centre and the
HR service, personal files, the council's queue."""

import datetime as dt

import pytest
from django.urls import reverse

from courts.models import Office
from mentorship.errors import Refused
from programs import queries, services
from programs.models import (
    Decision,
    Pair,
    ProtocolCopy,
)
from programs.regulation import (
    add_months,
    term_last_day,
)
from tests import factories as f
from tests.programs import helpers as h
from tests.programs.protocol_support import (
    another_pair,
    centre,
    council,
    issued,
    new_protocol,
    office_user,
    state,
    submitted,
    today,
)

# --- copies, personal files, the council's queue (§14) --------------------------------------


class TestCopies:
    def test_the_recipients_see_and_acknowledge_their_copies(self, world):
        protocol = issued(world, h.active_pair(world))
        tc, hr = centre(world), h.as_office(world.users["hr_officer"])
        tc_copy = queries.copies_for(tc.office).get()
        hr_copy = queries.copies_for(hr.office).get()
        assert (tc_copy.protocol, tc_copy.recipient) == (protocol, "training_centre")
        assert (hr_copy.protocol, hr_copy.recipient, hr_copy.court) == (
            protocol,
            "hr",
            world.district_court,
        )
        # §14: the mentor's court's HR receives an extract for the mentor's file
        mentor_copy = ProtocolCopy.objects.get(protocol=protocol, court=world.regional_court)
        assert (hr_copy.judge, mentor_copy.judge) == (
            protocol.decisions.get().pairs.get().protege,
            protocol.decisions.get().pairs.get().mentor,
        )
        queue = queries.council_queue(council(world).office)
        assert set(queue["unacknowledged"]) == {tc_copy, hr_copy, mentor_copy}
        services.acknowledge_copy(by=hr, copy=hr_copy)
        hr_copy.refresh_from_db()
        assert hr_copy.acknowledged_at is not None and hr_copy.acknowledged_by == hr.user
        assert set(queries.council_queue(council(world).office)["unacknowledged"]) == {
            tc_copy,
            mentor_copy,
        }
        services.acknowledge_copy(by=tc, copy=tc_copy)
        assert queries.council_queue(council(world).office)["unacknowledged"] == [mentor_copy]
        before = state()
        with pytest.raises(Refused):
            services.acknowledge_copy(by=hr, copy=hr_copy)
        assert state() == before

    def test_other_recipients_neither_acknowledge_nor_open_the_copy(self, world, client):
        protocol = issued(world, h.active_pair(world))
        tc_copy = ProtocolCopy.objects.get(recipient="training_centre")
        hr_copy = ProtocolCopy.objects.get(recipient="hr", court=world.district_court)
        other_hr = office_user(Office.HR_OFFICER, court=world.small_court)
        other_tc = office_user(Office.TRAINING_CENTRE, region=world.other_region)
        before = state()
        for by, copy in (
            (other_hr, hr_copy),
            (other_tc, tc_copy),
            (other_hr, tc_copy),
            (centre(world), hr_copy),
            (h.as_office(world.users["hr_officer"]), tc_copy),
            (council(world), hr_copy),
        ):
            with pytest.raises(Refused):
                services.acknowledge_copy(by=by, copy=copy)
        assert not queries.copies_for(other_hr.office).exists()
        assert not queries.copies_for(other_tc.office).exists()
        pdf = reverse("protocol_pdf", args=[protocol.pk])
        for user in (other_hr.user, other_tc.user, world.users["court_chair"]):
            client.force_login(user)
            assert client.get(pdf).status_code == 404, user
            response = client.post(reverse("copy_acknowledge", args=[hr_copy.pk]))
            assert response.status_code == 404
        assert state() == before
        for user in (world.users["hr_officer"], world.users["training_centre"]):
            client.force_login(user)
            response = client.get(pdf)
            assert response.status_code == 200
            assert response.content == bytes(protocol.document.pdf)

    def test_the_hr_officer_acknowledges_through_the_inbox(self, world, client):
        issued(world, h.active_pair(world))
        copy = ProtocolCopy.objects.get(recipient="hr", court=world.district_court)
        client.force_login(world.users["hr_officer"])
        response = client.get(reverse("copy_pdf", args=[copy.pk]))
        assert response.status_code == 200 and response.content == bytes(copy.document.pdf)
        assert client.get(reverse("copies_inbox")).status_code == 200
        response = client.post(reverse("copy_acknowledge", args=[copy.pk]))
        assert response.status_code == 302
        copy.refresh_from_db()
        assert copy.acknowledged_by == world.users["hr_officer"]


class TestPersonalFile:
    def test_the_hr_officer_of_the_proteges_court_opens_it(self, world, client):
        pair = h.active_pair(world)
        protocol = issued(world, pair)
        url = reverse("personal_file", args=[pair.protege.pk])
        client.force_login(world.users["hr_officer"])
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert f"№ {protocol.number}, " in page
        extract = ProtocolCopy.objects.get(protocol=protocol, judge=pair.protege)
        assert reverse("copy_pdf", args=[extract.pk]) in page
        for user in (
            f.user(office=Office.HR_OFFICER, court=world.small_court),
            world.users["court_chair"],
            world.users["training_centre"],
        ):
            client.force_login(user)
            assert client.get(url).status_code == 404, user

    def test_it_lists_issued_decisions_as_protege_and_as_mentor(self, world):
        pair = h.active_pair(world)
        other = another_pair(world, pair, world.district_court)
        protocol = issued(world, pair)
        decision = Decision.objects.get(protocol=protocol)
        # a draft protocol about the other pair is not in any personal file yet
        pending = new_protocol(world)
        services.add_decision(
            by=council(world), protocol=pending, kind="replacement", pairs=[other], reasons="себебі"
        )
        assert queries.personal_file(pair.protege) == [decision]
        assert queries.personal_file(pair.mentor) == [decision]
        assert queries.personal_file(other.protege) == []
        assert queries.personal_file(world.judge) == []
        services.issue_protocol(by=council(world), protocol=pending)
        later = Decision.objects.get(protocol=pending)
        assert set(queries.personal_file(pair.mentor)) == {decision, later}
        assert queries.personal_file(other.protege) == [later]


class TestCouncilQueue:
    def test_overdue_pairs_petitions_and_submitted_reports_await_the_council(self, world):
        pair = h.active_pair(world)
        late = another_pair(world, pair, world.district_court)
        registered = add_months(today(), -13)
        Pair.objects.filter(pk=late.pk).update(
            registered_on=registered, term_ends_on=term_last_day(registered, 12)
        )
        petition = services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        to_council = submitted(pair.protege.user, pair, "branch_council")
        to_centre = submitted(pair.mentor.user, pair, "training_centre")
        protocol = new_protocol(world)
        queue = queries.council_queue(council(world).office)
        assert [r["pk"] for r in queue["overdue"]] == [late.pk]
        assert queue["overdue"][0]["mentor_name"] == late.mentor.full_name
        assert queue["petitions"] == [petition]
        assert queue["reports"] == [to_council]
        assert queue["drafts"] == [protocol]
        centre_queue = queries.council_queue(centre(world).office)
        assert centre_queue["reports"] == [to_centre]
        assert centre_queue["petitions"] == [] and [r["pk"] for r in centre_queue["overdue"]] == [
            late.pk
        ]
        other = office_user(Office.BRANCH_COUNCIL, region=world.other_region)
        assert not any(queries.council_queue(other.office).values())
        # decided items leave the queue
        services.decide_report(by=council(world), report=to_council, accept=True)
        assert queries.council_queue(council(world).office)["reports"] == []

    def test_a_pair_within_its_term_is_not_overdue(self, world):
        pair = h.active_pair(world)
        # an (extended) term whose last day is today is not yet overdue
        Pair.objects.filter(pk=pair.pk).update(
            registered_on=add_months(today(), -13), term_ends_on=today()
        )
        assert queries.council_queue(council(world).office)["overdue"] == []
        later = queries.council_queue(council(world).office, today=today() + dt.timedelta(days=1))
        assert [r["pk"] for r in later["overdue"]] == [pair.pk]

    def test_the_queue_page(self, world, client):
        pair = h.active_pair(world)
        submitted(pair.protege.user, pair)
        for user, status in (
            (world.users["branch_council"], 200),
            (world.users["training_centre"], 200),
            (world.users["coordinator"], 403),
            (world.users["hr_officer"], 403),
        ):
            client.force_login(user)
            assert client.get(reverse("council_queue")).status_code == status, user
