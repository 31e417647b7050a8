"""§14: draft protocols are edited and deleted; the meeting date is checked
against the facts it decides on; issuing (irreversible) confirms first; one
URL per transition (no `action` field)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from mentorship.errors import Refused
from programs import regulation, services
from programs.models import Decision, Petition, Protocol
from tests.programs import helpers as h

TODAY = dt.date.today()


def _draft(world, held_on=TODAY):
    return services.create_protocol(
        by=h.as_office(world.users["branch_council"]),
        region=world.region,
        held_on=held_on,
        members_present="Кеңес мүшелері",
    )


def _completion_draft(world):
    pair = h.world_pair(world)
    h.accepted_reports(world, pair)
    protocol = _draft(world)
    services.add_decision(
        by=h.as_office(world.users["branch_council"]),
        protocol=protocol,
        kind="completed",
        pairs=[pair],
    )
    return protocol, pair


class TestMeetingDate:
    def test_a_meeting_before_the_petition_cannot_decide_it(self, world):
        pair = h.world_pair(world)
        petition = services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        protocol = _draft(world, held_on=TODAY - dt.timedelta(days=400))
        with translation.override("en"), pytest.raises(Refused) as refused:
            services.add_decision(
                by=h.as_office(world.users["branch_council"]),
                protocol=protocol,
                kind="petition",
                pairs=[],
                petition=petition,
                granted=False,
                reasons="Мақсаттарға әлі жеткен жоқ",
            )
        assert "§14" in str(refused.value) and "cannot be earlier" in str(refused.value)
        assert not Decision.objects.exists()
        assert Petition.objects.get(pk=petition.pk).status == "pending"

    def test_a_draft_cannot_be_moved_before_the_reports_it_relies_on(self, world):
        protocol, _pair = _completion_draft(world)
        with pytest.raises(Refused, match="§14"):
            services.update_protocol(
                by=h.as_office(world.users["branch_council"]),
                protocol=protocol,
                held_on=TODAY - dt.timedelta(days=30),
                members_present="Басқалар",
            )
        protocol.refresh_from_db()
        assert (protocol.held_on, protocol.members_present) == (TODAY, "Кеңес мүшелері")

    def test_the_rule(self):
        facts = [("petition", TODAY - dt.timedelta(days=3))]
        assert regulation.meeting_date_refusal(TODAY, today=TODAY, facts=facts) is None
        assert regulation.meeting_date_refusal(
            TODAY - dt.timedelta(days=4), today=TODAY, facts=facts
        )
        assert regulation.meeting_date_refusal(
            TODAY + dt.timedelta(days=1), today=TODAY, facts=[]
        ) == str(regulation.PROTOCOL_RECORDS_MEETING_TAKEN_PLACE)


class TestDraftPages:
    def test_the_council_corrects_a_draft(self, client, world):
        protocol = _draft(world)
        client.force_login(world.users["branch_council"])
        yesterday = TODAY - dt.timedelta(days=1)
        response = client.post(
            reverse("protocol_edit", args=[protocol.pk]),
            {"held_on": yesterday.isoformat(), "members_present": "А. Б., В. Г."},
        )
        assert response.status_code == 302
        protocol.refresh_from_db()
        assert (protocol.held_on, protocol.members_present) == (yesterday, "А. Б., В. Г.")

    def test_a_future_date_is_refused_with_the_typed_text_kept(self, client, world):
        protocol = _draft(world)
        client.force_login(world.users["branch_council"])
        with translation.override("en"):
            response = client.post(
                reverse("protocol_edit", args=[protocol.pk]),
                {
                    "held_on": (TODAY + dt.timedelta(days=5)).isoformat(),
                    "members_present": "Жаңа тізім",
                },
                HTTP_ACCEPT_LANGUAGE="en",
            )
        assert response.status_code == 200
        assert "Жаңа тізім" in response.content.decode()
        protocol.refresh_from_db()
        assert protocol.held_on == TODAY and protocol.members_present == "Кеңес мүшелері"

    def test_a_draft_is_deleted_an_issued_one_is_not(self, client, world):
        protocol, _pair = _completion_draft(world)
        client.force_login(world.users["branch_council"])
        response = client.post(reverse("protocol_delete", args=[protocol.pk]))
        assert response["Location"] == reverse("protocol_list")
        assert not Protocol.objects.filter(pk=protocol.pk).exists()
        issued = h.issued_world_protocol(world)
        client.post(reverse("protocol_delete", args=[issued.pk]))
        assert Protocol.objects.filter(pk=issued.pk, status="issued").exists()

    def test_issuing_confirms_first_and_shows_what_will_be_issued(self, client, world):
        protocol, pair = _completion_draft(world)
        client.force_login(world.users["branch_council"])
        page = client.get(reverse("protocol_issue", args=[protocol.pk]))
        html = page.content.decode()
        assert page.status_code == 200
        assert pair.protege.full_name in html and pair.mentor.full_name in html
        assert f'action="{reverse("protocol_issue", args=[protocol.pk])}"' in html
        protocol.refresh_from_db()
        assert protocol.status == "draft"  # the GET issued nothing
        client.post(reverse("protocol_issue", args=[protocol.pk]), {"language": "kk"})
        protocol.refresh_from_db()
        assert protocol.status == "issued"

    def test_the_detail_page_takes_no_action_field(self, client, world):
        protocol, _pair = _completion_draft(world)
        client.force_login(world.users["branch_council"])
        response = client.post(reverse("protocol_detail", args=[protocol.pk]), {"action": "issue"})
        assert response.status_code == 405
        protocol.refresh_from_db()
        assert protocol.status == "draft"
        assert (
            'name="action"'
            not in client.get(reverse("protocol_detail", args=[protocol.pk])).content.decode()
        )
