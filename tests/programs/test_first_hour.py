"""The first hour of a new user (issue 15): the landing office and the pending
work of every office on the dashboard."""

import datetime as dt

from django.urls import reverse
from django.utils import translation

from courts.models import Office, OfficeAssignment
from mentorship.middleware import SESSION_OFFICE_KEY
from programs import services
from tests.programs import helpers as h

TODAY = dt.date.today()


def _two_offices(world):
    """The regional chair also chairs a court (court_chair office first in order)."""
    chair = world.users["regional_chair"]
    OfficeAssignment.objects.create(
        user=chair, office=Office.COURT_CHAIR, court=world.regional_court, starts_on=TODAY
    )
    return chair


def _accepted_candidate(world):
    judge = h.with_account(h.tutor_candidate(world))
    entry = services.propose_roster_member(
        by=h.as_office(world.users["coordinator"]), region=world.region, judge=judge, role="tutor"
    )
    services.answer_roster_invitation(by=judge.user, entry=entry, accept=True)
    return judge


class TestLandingOffice:
    def test_a_chair_lands_where_the_roster_awaits_the_order(self, client, world):
        chair = _two_offices(world)
        _accepted_candidate(world)
        client.force_login(chair)
        with translation.override("en"):
            response = client.get(reverse("dashboard"))
        office = OfficeAssignment.objects.get(pk=client.session[SESSION_OFFICE_KEY])
        assert office.office == Office.REGIONAL_CHAIR
        pending = response.context["pending"]
        assert [(o.office, [n for _l, n, _u in rows]) for o, rows in pending] == [
            (Office.REGIONAL_CHAIR, [1])
        ]
        assert reverse("roster_detail", args=[world.region.slug]) in response.content.decode()

    def test_without_pending_work_the_first_office_is_kept(self, client, world):
        chair = _two_offices(world)
        client.force_login(chair)
        client.get(reverse("dashboard"))
        office = OfficeAssignment.objects.get(pk=client.session[SESSION_OFFICE_KEY])
        assert office.office == Office.COURT_CHAIR

    def test_the_dashboard_offers_the_switch_to_the_other_office(self, client, world):
        chair = _two_offices(world)
        court_office = OfficeAssignment.objects.get(user=chair, office=Office.COURT_CHAIR)
        client.force_login(chair)
        session = client.session
        session[SESSION_OFFICE_KEY] = court_office.pk  # the user chose the court office
        session.save()
        _accepted_candidate(world)
        response = client.get(reverse("dashboard"))
        html = response.content.decode()
        assert response.context["active_office"].pk == court_office.pk
        assert (
            f'name="office" value="{OfficeAssignment.objects.get(user=chair, office=Office.REGIONAL_CHAIR).pk}"'
            in html
        )
        # following the switch opens the roster in the regional office
        regional = OfficeAssignment.objects.get(user=chair, office=Office.REGIONAL_CHAIR)
        response = client.post(
            reverse("switch_office"),
            {"office": regional.pk, "next": reverse("roster_detail", args=[world.region.slug])},
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("roster_detail", args=[world.region.slug])
        assert client.session[SESSION_OFFICE_KEY] == regional.pk


def test_a_workload_order_confirms_first(client, world):
    """§6: an order is irreversible: the first POST shows what it will say."""
    from programs.models import WorkloadOrder

    judge = h.protege(world, months_ago=1)
    data = {
        "judge": judge.pk,
        "percent": 20,
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + dt.timedelta(days=30)).isoformat(),
        "language": "kk",
    }
    client.force_login(world.users["court_chair"])
    response = client.post(reverse("workload_orders"), data)
    html = response.content.decode()
    assert response.status_code == 200 and judge.full_name in html and "20 %" in html
    assert not WorkloadOrder.objects.exists()
    client.post(reverse("workload_orders"), {**data, "confirmed": "1"})
    assert WorkloadOrder.objects.filter(judge=judge, percent=20).count() == 1


def test_the_proteges_order_of_preference_ranks_the_suggestions(client, world):
    """§8: preference № 1 is the one the protégé put first, whatever the
    roster's order, and the match suggestions rank it first."""
    from programs import queries

    order = h.approved_order(world)
    mentor, tutor = order.additions.get(role="mentor"), order.additions.get(role="tutor")
    protege = h.protege(world, months_ago=1)
    client.force_login(protege.user)
    for first, second in ((tutor, mentor), (mentor, tutor)):
        client.post(reverse("protege_preferences"), {"entry": [first.pk, second.pk]})
        assert list(protege.preferences.order_by("rank").values_list("entry", flat=True)) == [
            first.pk,
            second.pk,
        ]
        suggestions = queries.pair_candidates(protege)
        assert suggestions[0]["entry"].pk == first.pk
    page = client.get(reverse("protege_preferences")).content.decode()
    assert f'<option value="{mentor.pk}" selected>' in page


def test_the_copies_inbox_says_whose_protocol_it_is(client, world):
    """§14: the Training Centre's copy names the pairs decided, HR's the judge."""
    protocol = h.issued_world_protocol(world)
    pair = protocol.decisions.get().pairs.get()
    for office in ("training_centre", "hr_officer"):
        client.force_login(world.users[office])
        html = client.get(reverse("copies_inbox")).content.decode()
        assert pair.protege.full_name in html, office
    client.force_login(world.users["training_centre"])
    html = client.get(reverse("copies_inbox")).content.decode()
    assert pair.mentor.full_name in html


def test_the_national_analysis_prompts_for_the_chairs_section_19_text(client, world):
    """§19: prepared before the Chair's text, the national analysis would print
    an empty section: the page asks for it (or an explicit 'without')."""
    from reports.models import AnnualReport, Recommendation

    year = TODAY.year
    client.force_login(world.users["central_council"])
    with translation.override("en"):
        response = client.post(reverse("annual_list"), {"year": year, "language": "kk"})
    assert response.status_code == 200 and "§19" in response.content.decode()
    assert not AnnualReport.objects.exists()
    Recommendation.objects.create(
        kind="chair_report",
        year=year,
        text="Төрағаның баяндамасы",
        entered_by=world.users["union_chair"],
    )
    response = client.post(reverse("annual_list"), {"year": year, "language": "kk"})
    assert response.status_code == 302 and AnnualReport.objects.count() == 1


def test_the_monthly_feedback_form_is_not_offered_after_its_monthly_use(client, world):
    """§16.3: once a month: after this month's feedback the form is gone."""
    pair = h.world_pair(world)
    client.force_login(pair.protege.user)
    url = reverse("pair_detail", args=[pair.pk])
    action = f'action="{reverse("pair_feedback", args=[pair.pk])}"'
    assert action in client.get(url).content.decode()
    services.give_feedback(by=pair.protege.user, pair=pair, rating=5)
    assert action not in client.get(url).content.decode()


def test_plans_awaiting_approval_open_their_own_list(client, world):
    """The dashboard's figure links to the list of plans, not to the dashboard."""
    from reports.queries import key_figures

    chair = h.as_office(world.users["court_chair"])
    with translation.override("en"):
        links = {str(label): link for label, _n, link in key_figures(chair.office, chair.user)}
    assert links["Plans awaiting approval"] == reverse("plans_to_approve")
    client.force_login(world.users["court_chair"])
    assert client.get(links["Plans awaiting approval"]).status_code == 200


def test_withdrawing_a_draft_candidate_says_so(client, world):
    """A message after every action: the roster's withdraw button too."""
    judge = h.with_account(h.tutor_candidate(world))
    entry = services.propose_roster_member(
        by=h.as_office(world.users["coordinator"]), region=world.region, judge=judge, role="tutor"
    )
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("roster_remove", args=[world.region.slug, entry.pk]), follow=True
    )
    assert judge.full_name in response.content.decode()
    assert not type(entry).objects.filter(pk=entry.pk).exists()


def test_the_petition_form_offers_each_side_only_what_it_may_file(client, world):
    """§15.8, §16.4, §16.5: the protégé is not offered the mentor's petitions
    (the old default was refused only after sending)."""
    pair = h.active_pair(world)
    offered = {}
    for side, user in (("protege", pair.protege.user), ("mentor", pair.mentor.user)):
        client.force_login(user)
        form = client.get(reverse("pair_detail", args=[pair.pk])).context["petition_form"]
        offered[side] = {value for value, _label in form.fields["kind"].choices}
    assert offered == {
        "protege": {"no_need", "replace_mentor"},
        "mentor": {"goals_reached", "mentor_withdraws"},
    }


def test_a_returned_reports_revision_shows_what_the_council_asked(client, world):
    pair = h.active_pair(world)
    user = pair.protege.user
    report = services.start_report(user, pair)
    services.save_report(
        by=user,
        report=report,
        addressee="branch_council",
        work_done="Істерді талдадық",
        knowledge_gained="Дағдылар",
        effectiveness="Тиімді",
        proposals="Семинарлар",
    )
    services.submit_report(by=user, report=report)
    council = h.as_office(world.users["branch_council"])
    services.decide_report(
        by=council, report=report, accept=False, comment="Ұсыныстарды нақтылаңыз"
    )
    revision = services.revise_report(by=user, report=report)
    client.force_login(user)
    page = client.get(reverse("report_detail", args=[revision.pk])).content.decode()
    shown = page[page.index('data-testid="revision-comment"') :]
    assert "Ұсыныстарды нақтылаңыз" in shown[: shown.index("</div>")]
