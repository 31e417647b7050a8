"""Rosters of mentors and tutors (§8, §11, §12), consent (§4.1), orders and
their PDFs, coordinators (§9), preferences (§8), seminars (§8, §15.7, §16.6)."""

import datetime as dt
import io
import threading

import pytest
from django.core import mail
from django.db import connection, transaction
from django.db.utils import InternalError, ProgrammingError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from courts.models import Office, OfficeAssignment
from mentorship.errors import Refused
from mentorship.models import Document, Notification
from mentorship.officestyle import long_date
from programs import services
from programs.models import CoordinatorDesignation, RosterEntry, RosterOrder
from programs.regulation import approval_refusal, coordinator_refusal
from tests import factories as f
from tests.programs import helpers as h

TODAY = dt.date.today()


def propose(w, judge, role):
    return services.propose_roster_member(
        by=h.as_office(w.users["coordinator"]),
        region=w.region,
        judge=judge,
        role=role,
        **h.selection(role),
    )


def pdf_text(document) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(document.pdf))).pages)


class TestEligibilityThroughTheService:
    def test_a_district_judge_with_four_years_is_refused_as_tutor_citing_11(self, world):
        judge = h.tutor_candidate(world, years=4)
        with pytest.raises(Refused, match="§11"):
            propose(world, judge, "tutor")
        assert not RosterEntry.objects.exists()

    def test_exactly_five_years_is_accepted(self, world):
        judge = f.judge(world.district_court, appointed=TODAY.replace(year=TODAY.year - 5))
        assert propose(world, judge, "tutor").consent == "pending"

    def test_a_judge_transferred_to_a_district_court_is_judged_by_the_current_court(self, world):
        judge = f.judge(world.regional_court, appointed=dt.date(2005, 1, 1))
        judge.court = world.district_court
        judge.save()
        with pytest.raises(Refused, match="§1.3"):
            propose(world, judge, "mentor")
        assert propose(world, judge, "tutor").role == "tutor"

    def test_a_retired_district_judge_may_tutor_and_mentor(self, world):
        judge = f.judge(world.district_court, appointed=dt.date(1995, 1, 1), status="retired")
        assert propose(world, judge, "tutor")

    def test_nobody_appears_twice(self, world):
        judge = h.mentor_candidate(world)
        propose(world, judge, "mentor")
        with pytest.raises(Refused, match="§8"):
            propose(world, judge, "mentor")
        assert RosterEntry.objects.filter(judge=judge).count() == 1

    def test_a_protege_cannot_be_listed(self, world):
        judge = f.judge(world.regional_court, appointed=TODAY - dt.timedelta(days=30))
        with pytest.raises(Refused, match="§1.4"):
            propose(world, judge, "mentor")

    def test_a_judge_of_another_region_is_refused(self, world):
        with pytest.raises(Refused, match="§8"):
            propose(world, world.other_judge, "tutor")

    def test_a_district_chair_of_another_region_cannot_edit_or_approve(self, world):
        other = f.user(office=Office.COURT_CHAIR, court=world.other_court)
        with pytest.raises(Refused):
            services.propose_roster_member(
                by=h.as_office(other),
                region=world.region,
                judge=h.mentor_candidate(world),
                role="mentor",
                **h.selection("mentor"),
            )
        with pytest.raises(Refused):
            services.approve_roster(by=h.as_office(other), region=world.region)
        assert not RosterEntry.objects.exists() and not RosterOrder.objects.exists()


class TestConsentAndApproval:
    def test_approval_waits_for_every_candidate(self, world):
        propose(world, h.with_account(h.mentor_candidate(world)), "mentor")
        with pytest.raises(Refused, match="§4.1"):
            services.approve_roster(
                by=h.as_office(world.users["regional_chair"]), region=world.region
            )
        assert not RosterOrder.objects.exists() and not Document.objects.exists()

    def test_a_silent_candidate_stays_in_the_draft_and_blocks_nobody(self, world):
        """§4.1, §8: the order lists who accepted; a candidate without an
        account (who cannot consent until enrolled) stays in the draft."""
        silent = propose(world, h.mentor_candidate(world), "mentor")
        tutor = h.with_account(h.tutor_candidate(world))
        services.answer_roster_invitation(
            by=tutor.user, entry=propose(world, tutor, "tutor"), accept=True
        )
        order = services.approve_roster(
            by=h.as_office(world.users["regional_chair"]), region=world.region
        )
        assert list(order.additions.values_list("judge", flat=True)) == [tutor.pk]
        silent.refresh_from_db()
        assert silent.added_by_id is None and silent.consent == "pending"
        text = pdf_text(order.document)
        assert tutor.last_name in text and silent.judge.last_name not in text

    def test_adding_a_judge_without_an_account_warns_instead_of_claiming_a_request(
        self, client, world
    ):
        judge = h.tutor_candidate(world)
        assert judge.user_id is None
        client.force_login(world.users["coordinator"])
        client.cookies["django_language"] = "en"  # Kazakh first: the cookie chooses
        with translation.override("en"):
            response = client.post(
                reverse("roster_add", args=[world.region.slug]),
                {"judge": judge.pk, "role": "tutor"},
                follow=True,
                HTTP_ACCEPT_LANGUAGE="en",
            )
        text = response.content.decode()
        assert "cannot consent until enrolled" in text
        assert "asked to consent" not in text
        assert RosterEntry.objects.filter(judge=judge, consent="pending").exists()

    def test_declined_candidates_drop_out(self, world):
        judge = h.with_account(h.mentor_candidate(world))
        entry = propose(world, judge, "mentor")
        services.answer_roster_invitation(by=judge.user, entry=entry, accept=False)
        with pytest.raises(Refused, match="§8"):
            services.approve_roster(
                by=h.as_office(world.users["regional_chair"]), region=world.region
            )
        # a declined candidate may be proposed again later
        assert propose(world, judge, "mentor").consent == "pending"

    def test_only_the_candidate_answers(self, world):
        judge = h.with_account(h.mentor_candidate(world))
        entry = propose(world, judge, "mentor")
        with pytest.raises(Refused):
            services.answer_roster_invitation(
                by=world.users["coordinator"], entry=entry, accept=True
            )
        entry.refresh_from_db()
        assert entry.consent == "pending"

    def test_the_candidate_is_told_on_the_dashboard(self, client, world):
        judge = h.with_account(h.mentor_candidate(world))
        propose(world, judge, "mentor")
        client.force_login(judge.user)
        page = client.get(reverse("dashboard")).content.decode()
        assert 'data-testid="roster-invitation"' in page

    def test_approval_issues_a_numbered_order_and_notifies_district_chairs(
        self, world, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            order = h.approved_order(world)
        assert (order.number, order.year, order.issued_on) == (1, TODAY.year, TODAY)
        assert order.roster.entries.filter(added_by=order).count() == 2
        chair = world.users["court_chair"]
        assert Notification.objects.filter(user=chair, kind="roster_order").exists()
        assert any(chair.email in m.to for m in mail.outbox)
        # a court office of another region is not notified
        assert not Notification.objects.filter(kind="roster_order").exclude(user=chair).exists()

    def test_amendments_are_new_orders_and_history_is_kept(self, world):
        first = h.approved_order(world)
        member = first.additions.first()
        services.withdraw_or_propose_removal(
            by=h.as_office(world.users["coordinator"]), entry=member
        )
        second = services.approve_roster(
            by=h.as_office(world.users["regional_chair"]), region=world.region
        )
        assert second.number == 2
        member.refresh_from_db()
        assert member.removed_by == second and member.added_by == first
        from programs.queries import roster_members_on

        RosterOrder.objects.filter(pk=second.pk).update(issued_on=TODAY + dt.timedelta(days=1))
        assert member in roster_members_on(first.roster, TODAY)
        assert member not in roster_members_on(first.roster, TODAY + dt.timedelta(days=1))

    def test_approving_twice_yields_one_order(self, world):
        h.approved_order(world)
        with pytest.raises(Refused):
            services.approve_roster(
                by=h.as_office(world.users["regional_chair"]), region=world.region
            )
        assert RosterOrder.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_chairs_sessions_approving_at_once_yield_one_order(world):
    judge = h.with_account(h.mentor_candidate(world))
    entry = propose(world, judge, "mentor")
    services.answer_roster_invitation(by=judge.user, entry=entry, accept=True)
    second_chair = f.user(office=Office.REGIONAL_CHAIR, region=world.region)
    results, barrier = [], threading.Barrier(2)

    def approve(user):
        try:
            barrier.wait()
            results.append(services.approve_roster(by=h.as_office(user), region=world.region))
        except Refused as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(u,))
        for u in (world.users["regional_chair"], second_chair)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert RosterOrder.objects.count() == 1
    assert sorted(type(r).__name__ for r in results) == ["Refused", "RosterOrder"]


class TestOrderDocument:
    def test_the_pdf_text_holds_number_date_signatory_and_members_in_kazakh(self, world):
        chair = world.users["regional_chair"]
        chair.first_name, chair.last_name = "Әсел", "Сәрсенбаева"
        chair.save()
        order = h.approved_order(world, language="kk")
        text = pdf_text(order.document)
        assert "ӨКІМ" in text
        assert f"№ {order.number}" in text
        assert long_date(TODAY, "kk", "attr") in text
        # the signatory as courts write: position, initials and surname
        assert "Сот төрағасы" in text and "Ә. Сәрсенбаева" in text
        for entry in order.additions.select_related("judge"):
            assert entry.judge.full_name in text  # Kazakh Cyrillic names round-trip
        assert order.document.verification_code in text
        assert order.document.hash_matches()

    def test_a_russian_order(self, world):
        order = h.approved_order(world, language="ru")
        assert "РАСПОРЯЖЕНИЕ" in pdf_text(order.document)

    def test_an_issued_document_cannot_be_altered_or_deleted(self, world):
        document = h.approved_order(world).document
        for statement in (
            f"UPDATE {Document._meta.db_table} SET number = 'x'",
            f"DELETE FROM {Document._meta.db_table}",
        ):
            with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(statement)
        document.refresh_from_db()
        assert document.hash_matches()

    def test_the_public_verification_page(self, client, world):
        document = h.approved_order(world).document
        page = client.get(reverse("verify_document"), {"code": document.verification_code})
        text = page.content.decode()
        assert f"№ {document.number}" in text and document.issuer in text
        assert "Сәрсенбаев" not in text  # no member names, nothing confidential
        page = client.get(reverse("verify_document"), {"code": "AAAA-BBBB-CCCC"})
        assert 'data-testid="verify-result"' in page.content.decode()
        assert "alert-danger" in page.content.decode()


class TestCoordinator:
    def test_the_branch_council_designates_and_a_later_designation_ends_the_earlier(self, world):
        council = h.as_office(world.users["branch_council"])
        first = h.with_account(f.judge(world.regional_court)).user
        second = h.with_account(f.judge(world.district_court, status="retired")).user
        services.designate_coordinator(
            by=council,
            region=world.region,
            user=first,
            basis="regional_judge",
            decided_on=TODAY - dt.timedelta(days=10),
            decision_number="5",
        )
        services.designate_coordinator(
            by=council,
            region=world.region,
            user=second,
            basis="retired_judge",
            decided_on=TODAY,
            decision_number="6",
        )
        current = OfficeAssignment.objects.current().filter(
            office=Office.COORDINATOR, region=world.region
        )
        assert set(current.values_list("user", flat=True)) == {
            world.users["coordinator"].pk,
            second.pk,
        }
        assert CoordinatorDesignation.objects.get(decision_number="5").ended_on is not None

    def test_a_district_judge_is_refused_as_regional_judge_citing_9(self, world):
        council = h.as_office(world.users["branch_council"])
        user = h.with_account(f.judge(world.district_court)).user
        with pytest.raises(Refused, match="§9"):
            services.designate_coordinator(
                by=council,
                region=world.region,
                user=user,
                basis="regional_judge",
                decided_on=TODAY,
                decision_number="7",
            )
        assert not CoordinatorDesignation.objects.exists()

    def _designate(self, world, user, basis, decided_on=TODAY, number="8"):
        return services.designate_coordinator(
            by=h.as_office(world.users["branch_council"]),
            region=world.region,
            user=user,
            basis=basis,
            decided_on=decided_on,
            decision_number=number,
        )

    def test_a_person_of_another_region_is_refused_whatever_the_basis(self, world):
        """#12.4: the council designates among its region's people only."""
        stranger = h.with_account(f.judge(world.other_court, status="retired")).user
        outsider = f.user("outsider")  # an account with no judge record and no office
        for user, basis in [
            (stranger, "retired_judge"),
            (stranger, "branch_secretary"),
            (outsider, "branch_secretary"),
            (outsider, "training_coordinator"),
        ]:
            with pytest.raises(Refused, match="§9"):
                self._designate(world, user, basis)
        assert not CoordinatorDesignation.objects.exists()
        # the region's Training Centre officer may coordinate training programmes
        self._designate(world, world.users["training_centre"], "training_coordinator")
        assert CoordinatorDesignation.objects.count() == 1

    def test_the_decision_date_is_bounded(self, world):
        """#12.4: not in the future, not over a year back, not before the
        designation it replaces."""
        user = h.with_account(f.judge(world.regional_court)).user
        for day in (TODAY + dt.timedelta(days=1), TODAY - dt.timedelta(days=400)):
            with pytest.raises(Refused, match="§9"):
                self._designate(world, user, "regional_judge", decided_on=day)
        self._designate(world, user, "regional_judge", decided_on=TODAY - dt.timedelta(days=5))
        later = h.with_account(f.judge(world.regional_court)).user
        with pytest.raises(Refused, match="§9"):
            self._designate(world, later, "regional_judge", TODAY - dt.timedelta(days=6), "9")
        assert CoordinatorDesignation.objects.count() == 1

    def test_the_form_lists_the_regions_people_only(self, client, world):
        regional = h.with_account(f.judge(world.regional_court)).user
        district = h.with_account(f.judge(world.district_court)).user
        elsewhere = h.with_account(f.judge(world.other_court, status="retired")).user
        client.force_login(world.users["branch_council"])
        form = client.get(reverse("coordinator_designations")).context["form"]
        offered = set(form.fields["user"].queryset.values_list("pk", flat=True))
        assert regional.pk in offered and world.users["training_centre"].pk in offered
        assert district.pk not in offered and elsewhere.pk not in offered
        assert world.users["administrator"].pk not in offered
        before = CoordinatorDesignation.objects.count()
        posted = client.post(
            reverse("coordinator_designations"),
            {
                "user": elsewhere.pk,
                "basis": "retired_judge",
                "decision_number": "1",
                "decided_on": TODAY.isoformat(),
            },
        )
        assert posted.status_code == 200 and posted.context["form"].errors["user"]
        assert CoordinatorDesignation.objects.count() == before

    def test_rules(self):
        kw = dict(
            judge_court_level="district",
            judge_status="serving",
            judge_position="collegium_chair",
            judge_court_small=True,
            judge_in_region=True,
        )
        assert coordinator_refusal("collegium_chair", **kw) is None
        assert coordinator_refusal("collegium_chair", **{**kw, "judge_court_small": False})
        assert coordinator_refusal("branch_secretary", **kw) is None
        assert approval_refusal(pending_consent=0, changes=0)
        assert "§4.1" in approval_refusal(pending_consent=1, changes=0)
        assert approval_refusal(pending_consent=1, changes=2) is None
        assert approval_refusal(pending_consent=0, changes=2) is None


def test_a_protege_states_preferences_and_the_coordinator_sees_them(client, world):
    order = h.approved_order(world)
    protege = h.with_account(f.judge(world.district_court, appointed=TODAY - dt.timedelta(days=20)))
    mentor_entry = order.additions.get(role="mentor")
    client.force_login(protege.user)
    response = client.post(reverse("protege_preferences"), {"entry": [mentor_entry.pk]})
    assert response.status_code == 302
    assert list(protege.preferences.values_list("entry", flat=True)) == [mentor_entry.pk]


def test_a_judge_who_is_not_a_protege_cannot_state_preferences(client, world):
    order = h.approved_order(world)
    client.force_login(world.users["judge"])
    client.post(reverse("protege_preferences"), {"entry": [order.additions.first().pk]})
    assert not world.judge.preferences.exists()


def test_seminar_invitations_and_attendance(client, world):
    h.approved_order(world)
    protege = h.with_account(f.judge(world.district_court, appointed=TODAY - dt.timedelta(days=20)))
    seminar = h.seminar(world)
    client.force_login(world.users["branch_council"])
    client.post(reverse("seminar_detail", args=[seminar.pk]), {"action": "invite"})
    invited = set(seminar.invitations.values_list("judge_id", flat=True))
    assert protege.pk in invited and len(invited) == 3  # 2 roster members + 1 protégé
    client.post(
        reverse("seminar_detail", args=[seminar.pk]),
        {"action": "attendance", "attended": [protege.pk]},
    )
    assert seminar.invitations.get(judge=protege).attended is True
    client.force_login(protege.user)
    assert seminar.topic in client.get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("size", [5, 200])
def test_roster_pages_cost_a_fixed_number_of_queries(
    client, world, size, django_assert_max_num_queries
):
    from programs.models import Roster, RosterEntry, RosterOrder
    from tests.programs.helpers import approved_order

    order = approved_order(world)
    roster = Roster.objects.get(region=world.region)
    for _ in range(size):
        j = f.judge(world.regional_court)
        RosterEntry.objects.create(
            roster=roster,
            judge=j,
            role="mentor",
            consent="accepted",
            proposed_by=world.users["coordinator"],
            added_by=order,
        )
    client.force_login(world.users["regional_chair"])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("roster_detail", args=[world.region.slug]))
    assert response.status_code == 200
    assert RosterOrder.objects.count() == 1
    # fixed: the same budget with 5 or 200 members
    assert len(ctx.captured_queries) <= 20, len(ctx.captured_queries)
