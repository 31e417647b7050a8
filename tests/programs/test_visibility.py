"""What others than the pair see (§4.2): the pair's drafts, the reasons of a
petition, the text of reports in the audit trail; and checks repeated when a
proposal is finally registered (§12)."""

import datetime as dt

from django.contrib import admin
from django.urls import reverse

from courts.models import CareerEvent, Judge
from programs import services
from programs.models import Pair, Report
from tests.programs import helpers as h


def test_the_plan_draft_is_the_pairs_until_submitted(client, world):
    pair = h.world_pair(world)
    services.add_plan_item(
        by=pair.protege.user,
        pair=pair,
        task=1,
        description="ЖОБА-ТАРМАҚ-7731",
        expected_result="нәтиже",
        due_on=pair.registered_on + dt.timedelta(days=30),
    )
    url = reverse("pair_plan", args=[pair.pk])
    for office in ("branch_council", "court_chair", "training_centre"):
        client.force_login(world.users[office])
        assert "ЖОБА-ТАРМАҚ-7731" not in client.get(url).content.decode()
    # §10.3: the region's coordinator assists in drawing it up (issue 11; it
    # used to be hidden from the coordinator too)
    client.force_login(world.users["coordinator"])
    assert "ЖОБА-ТАРМАҚ-7731" in client.get(url).content.decode()
    client.force_login(pair.mentor.user)
    assert "ЖОБА-ТАРМАҚ-7731" in client.get(url).content.decode()
    services.submit_plan(by=pair.mentor.user, pair=pair)
    client.force_login(world.users["court_chair"])  # §2: the chair decides on it
    assert "ЖОБА-ТАРМАҚ-7731" in client.get(url).content.decode()


def test_the_reasons_for_replacing_the_mentor_reach_the_council_not_the_mentor(client, world):
    pair = h.world_pair(world)
    services.file_petition(
        by=pair.protege.user, pair=pair, kind="replace_mentor", reasons="СЕБЕП-5521"
    )
    url = reverse("pair_detail", args=[pair.pk])
    for user, sees in (
        (pair.protege.user, True),
        (world.users["branch_council"], True),
        (pair.mentor.user, False),
    ):
        client.force_login(user)
        assert ("СЕБЕП-5521" in client.get(url).content.decode()) is sees, user


def test_the_audit_trail_keeps_report_states_not_their_text(world):
    import pghistory.models

    pair = h.world_pair(world)
    report = services.start_report(pair.protege.user, pair)
    services.save_report(
        by=pair.protege.user,
        report=report,
        addressee="branch_council",
        work_done="ЕСЕП-МӘТІНІ-9911",
    )
    events = list(pghistory.models.Events.objects.filter(pgh_model="programs.ReportEvent"))
    assert events, "the report's changes are audited"
    assert all("ЕСЕП-МӘТІНІ-9911" not in str(e.pgh_data) for e in events)
    assert Report.objects.get(pk=report.pk).work_done == "ЕСЕП-МӘТІНІ-9911"


def test_a_proposal_is_registered_although_the_protege_ground_has_lapsed_since(world):
    """Preamble: eligibility is established when the participation begins; a
    registration rests on the live participation, not on the ground re-derived
    (it used to be refused once the protégé's first year had passed)."""
    pair = h.consented_world_pair(world)
    CareerEvent.objects.filter(judge=world.judge, kind="specialisation_change").update(
        date=dt.date.today() - dt.timedelta(days=800)
    )
    assert not world.judge.protege_grounds()
    services.register_pair(by=h.as_office(world.users["branch_council"]), pair=pair)
    assert Pair.objects.get(pk=pair.pk).status == "active"


def test_the_admin_does_not_re_link_a_judges_account(rf, world):
    """§4.2: the journal follows the account; the admin cannot move it, nor
    link an account to a judge who has none yet (#12.2)."""
    model_admin = admin.site._registry[Judge]
    request = rf.get("/")
    assert "user" in model_admin.get_readonly_fields(request, world.judge)
    unlinked = Judge.objects.filter(user__isnull=True).first()
    assert "user" in model_admin.get_readonly_fields(request, unlinked)
