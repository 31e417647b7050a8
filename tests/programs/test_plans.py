"""The individual programme (plan): drafting, approval, correction, fulfilment (§2, §3, §15.5, §16.1–2)."""

from __future__ import annotations

import datetime as dt

import pytest

from courts.models import Office
from mentorship.models import Notification
from programs import services
from programs.models import (
    PlanItem,
    PlanVersion,
)
from programs.queries import plan_changes, plan_versions
from tests import factories as f
from tests.programs import helpers as h

from .pairs_support import DAY, D, members, move_registration, office, refused, today

# =============================================================================
# 7. The individual plan (§2, §3, §15.5, §16.1–2)
# =============================================================================


def add_item(pair, by, task=1, due_on=None, description="Сот отырысына қатысу"):
    return services.add_plan_item(
        by=by,
        pair=pair,
        task=task,
        description=description,
        expected_result="Дағды",
        due_on=due_on or pair.term_ends_on,
    )


def version(pair, number):
    return PlanVersion.objects.get(plan__pair=pair, number=number)


def approved_plan(world, pair):
    protege_user, mentor_user = members(pair)
    items = [add_item(pair, protege_user, task=1), add_item(pair, mentor_user, task=3)]
    services.submit_plan(by=mentor_user, pair=pair)
    services.decide_plan(by=office(world, "court_chair"), pair=pair, approve=True)
    return items


class TestPlanDrafting:
    def test_either_member_adds_items(self, world, pair):
        protege_user, mentor_user = members(pair)
        a = add_item(pair, protege_user, task=1, due_on=pair.registered_on)
        b = add_item(pair, mentor_user, task=7, due_on=pair.term_ends_on)
        assert {a.version_id, b.version_id} == {version(pair, 1).pk}
        assert (a.task, b.task) == (1, 7)

    @pytest.mark.parametrize("task", [0, 8])
    def test_a_task_outside_section_3_is_refused(self, world, pair, task):
        refused(add_item, "§3", pair=pair, by=members(pair)[0], task=task)

    def test_the_due_date_falls_within_the_term_5(self, world, pair):
        protege_user = members(pair)[0]
        refused(add_item, "§5", pair=pair, by=protege_user, due_on=pair.registered_on - DAY)
        refused(add_item, "§5", pair=pair, by=protege_user, due_on=pair.term_ends_on + DAY)

    def test_description_required(self, world, pair):
        refused(add_item, pair=pair, by=members(pair)[0], description="  ")

    @pytest.mark.parametrize("name", ["coordinator", "court_chair", "judge"])
    def test_others_cannot_edit_the_plan(self, world, pair, name):
        refused(add_item, pair=pair, by=office(world, name))

    def test_remove_an_item(self, world, pair):
        protege_user, mentor_user = members(pair)
        item = add_item(pair, protege_user)
        services.remove_plan_item(by=mentor_user, pair=pair, item_id=item.pk)
        assert not PlanItem.objects.exists()
        refused(services.remove_plan_item, by=mentor_user, pair=pair, item_id=item.pk)

    def test_submitting_an_empty_plan_is_refused_2(self, world, pair):
        refused(services.submit_plan, "§2", by=members(pair)[0], pair=pair)
        assert version(pair, 1).status == "draft"

    def test_submit_then_the_chair_of_the_protege_court_approves_2(self, world, pair):
        protege_user, _ = members(pair)
        add_item(pair, protege_user)
        services.submit_plan(by=protege_user, pair=pair)
        assert version(pair, 1).status == "submitted"
        assert Notification.objects.filter(
            kind="plan_submitted", user=world.users["court_chair"]
        ).exists()
        # no editing while with the chair
        refused(add_item, pair=pair, by=protege_user)
        chair = office(world, "court_chair")
        services.decide_plan(by=chair, pair=pair, approve=True)
        v1 = version(pair, 1)
        assert (v1.status, v1.decided_by) == ("approved", world.users["court_chair"])
        assert Notification.objects.filter(kind="plan_approved").count() == 2
        refused(services.decide_plan, by=chair, pair=pair, approve=True)

    def test_returning_needs_a_comment_then_revise_and_resubmit(self, world, pair):
        protege_user, mentor_user = members(pair)
        add_item(pair, protege_user)
        services.submit_plan(by=protege_user, pair=pair)
        chair = office(world, "court_chair")
        refused(services.decide_plan, "§2", by=chair, pair=pair, approve=False, comment=" ")
        services.decide_plan(by=chair, pair=pair, approve=False, comment="Мерзімдерді нақтылау")
        v1 = version(pair, 1)
        assert (v1.status, v1.comment) == ("returned", "Мерзімдерді нақтылау")
        add_item(pair, mentor_user, task=2)
        services.submit_plan(by=mentor_user, pair=pair)
        assert version(pair, 1).status == "submitted"

    @pytest.mark.parametrize(
        "name", ["regional_chair", "coordinator", "branch_council", "hr_officer", "mentor"]
    )
    def test_only_the_chair_of_the_protege_court_decides(self, world, pair, name):
        protege_user, mentor_user = members(pair)
        add_item(pair, protege_user)
        services.submit_plan(by=protege_user, pair=pair)
        by = mentor_user if name == "mentor" else office(world, name)
        refused(services.decide_plan, by=by, pair=pair, approve=True)
        other_chair = h.as_office(f.user(office=Office.COURT_CHAIR, court=world.small_court))
        refused(services.decide_plan, by=other_chair, pair=pair, approve=True)
        assert version(pair, 1).status == "submitted"


class TestPlanCorrection:
    """§15.5, §16.2: corrections by either side, agreed by the other."""

    def test_a_reason_is_required_and_the_plan_must_be_in_force(self, world, pair):
        protege_user, _ = members(pair)
        add_item(pair, protege_user)
        refused(services.start_correction, by=protege_user, pair=pair, reason="x")
        services.submit_plan(by=protege_user, pair=pair)
        services.decide_plan(by=office(world, "court_chair"), pair=pair, approve=True)
        refused(services.start_correction, "§16.2", by=protege_user, pair=pair, reason=" ")
        refused(services.start_correction, by=office(world, "coordinator"), pair=pair, reason="x")

    def test_correction_agreed_supersedes_and_the_chair_is_told(self, world, pair):
        protege_user, mentor_user = members(pair)
        old_items = approved_plan(world, pair)
        correction = services.start_correction(by=protege_user, pair=pair, reason="Жаңа санат")
        assert (correction.number, correction.status) == (2, "correction")
        copied = list(correction.items.order_by("origin_id"))
        assert [i.origin_id for i in copied] == sorted(i.pk for i in old_items)
        assert [(i.task, i.description) for i in copied] == [
            (o.task, o.description) for o in sorted(old_items, key=lambda o: o.pk)
        ]
        refused(services.start_correction, by=mentor_user, pair=pair, reason="another")
        # edit the correction: one item out, one new in
        services.remove_plan_item(by=protege_user, pair=pair, item_id=copied[0].pk)
        added = add_item(pair, mentor_user, task=6, description="Біліктілікті арттыру")
        assert added.version_id == correction.pk
        refused(services.propose_correction, by=mentor_user, pair=pair)  # not the author
        services.propose_correction(by=protege_user, pair=pair)
        refused(add_item, pair=pair, by=protege_user)  # frozen while proposed
        refused(services.answer_correction, "§15.5", by=protege_user, pair=pair, agree=True)
        services.answer_correction(by=mentor_user, pair=pair, agree=True)
        assert version(pair, 1).status == "superseded"
        v2 = version(pair, 2)
        assert (v2.status, v2.decided_by) == ("approved", mentor_user)
        assert PlanVersion.objects.filter(plan__pair=pair, status="approved").count() == 1
        assert Notification.objects.filter(
            kind="plan_corrected", user=world.users["court_chair"], params__number="2"
        ).exists()
        assert Notification.objects.filter(kind="correction_agreed", user=protege_user).exists()
        # the old version's items are kept unchanged as history
        assert set(version(pair, 1).items.values_list("pk", flat=True)) == {i.pk for i in old_items}
        # what changed, as the plan page shows it
        newest = plan_versions(pair)[0]
        assert newest.number == 2
        assert sorted((kind, item.pk) for kind, item in newest.changes) == sorted(
            [("added", added.pk), ("removed", copied[0].origin_id)]
        )

    def test_rejected_correction_keeps_the_old_version_in_force(self, world, pair):
        protege_user, mentor_user = members(pair)
        approved_plan(world, pair)
        services.start_correction(by=mentor_user, pair=pair, reason="Түзету")
        add_item(pair, mentor_user, task=5)
        services.propose_correction(by=mentor_user, pair=pair)
        services.answer_correction(by=protege_user, pair=pair, agree=False, comment="Жоқ")
        assert version(pair, 1).status == "approved"
        assert version(pair, 2).status == "rejected"
        assert not Notification.objects.filter(kind="plan_corrected").exists()
        assert Notification.objects.filter(kind="correction_rejected", user=mentor_user).exists()
        # a new correction may be opened later
        assert services.start_correction(by=protege_user, pair=pair, reason="Қайта").number == 3

    def test_proposing_an_empty_correction_is_refused(self, world, pair):
        protege_user, _ = members(pair)
        approved_plan(world, pair)
        correction = services.start_correction(by=protege_user, pair=pair, reason="Бос")
        for item in correction.items.all():
            services.remove_plan_item(by=protege_user, pair=pair, item_id=item.pk)
        refused(services.propose_correction, "§2", by=protege_user, pair=pair)


class TestPlanFulfilment:
    def test_only_the_mentor_side_checks_15_5(self, world, pair):
        protege_user, mentor_user = members(pair)
        item = approved_plan(world, pair)[0]
        refused(
            services.check_plan_item,
            "§15.5",
            by=protege_user,
            pair=pair,
            item_id=item.pk,
            fulfilled=True,
        )
        refused(
            services.check_plan_item,
            by=office(world, "court_chair"),
            pair=pair,
            item_id=item.pk,
            fulfilled=True,
        )
        checked = services.check_plan_item(
            by=mentor_user, pair=pair, item_id=item.pk, fulfilled=True
        )
        assert (checked.fulfilled_on, checked.checked_by) == (today(), mentor_user)
        unchecked = services.check_plan_item(
            by=mentor_user, pair=pair, item_id=item.pk, fulfilled=False
        )
        assert (unchecked.fulfilled_on, unchecked.checked_by) == (None, None)

    def test_items_are_checked_in_the_plan_in_force_only(self, world, pair):
        protege_user, mentor_user = members(pair)
        draft_item = add_item(pair, protege_user)
        refused(
            services.check_plan_item,
            "§15.5",
            by=mentor_user,
            pair=pair,
            item_id=draft_item.pk,
            fulfilled=True,
        )

    def test_fulfilment_on_the_old_version_carries_over_when_agreed(self, world, pair):
        protege_user, mentor_user = members(pair)
        first, second = approved_plan(world, pair)
        services.start_correction(by=protege_user, pair=pair, reason="Түзету")
        # meanwhile the mentor checks an item of the plan still in force
        services.check_plan_item(by=mentor_user, pair=pair, item_id=first.pk, fulfilled=True)
        services.propose_correction(by=protege_user, pair=pair)
        services.answer_correction(by=mentor_user, pair=pair, agree=True)
        carried = version(pair, 2).items.get(origin=first)
        assert (carried.fulfilled_on, carried.checked_by) == (today(), mentor_user)
        assert version(pair, 2).items.get(origin=second).fulfilled_on is None

    def test_fulfilment_withdrawn_on_the_old_version_does_not_come_back(self, world, pair):
        protege_user, mentor_user = members(pair)
        first, _ = approved_plan(world, pair)
        services.check_plan_item(by=mentor_user, pair=pair, item_id=first.pk, fulfilled=True)
        services.start_correction(by=protege_user, pair=pair, reason="Түзету")
        services.check_plan_item(by=mentor_user, pair=pair, item_id=first.pk, fulfilled=False)
        services.propose_correction(by=protege_user, pair=pair)
        services.answer_correction(by=mentor_user, pair=pair, agree=True)
        carried = version(pair, 2).items.get(origin=first)
        assert (carried.fulfilled_on, carried.checked_by) == (None, None)

    def test_overdue_items(self, world, pair):
        pair = move_registration(pair, today() - dt.timedelta(days=60))
        protege_user, mentor_user = members(pair)
        late = add_item(pair, protege_user, due_on=today() - DAY)
        due_today = add_item(pair, protege_user, due_on=today())
        assert late.is_overdue(today()) and not due_today.is_overdue(today())
        assert due_today.is_overdue(today() + DAY)
        services.submit_plan(by=protege_user, pair=pair)
        services.decide_plan(by=office(world, "court_chair"), pair=pair, approve=True)
        services.check_plan_item(by=mentor_user, pair=pair, item_id=late.pk, fulfilled=True)
        late.refresh_from_db()
        assert not late.is_overdue(today() + dt.timedelta(days=30))


def test_plan_changes_reports_added_removed_changed():
    base = dict(task=1, description="a", expected_result="r", due_on=D(2025, 5, 1))
    old = [PlanItem(pk=1, **base), PlanItem(pk=2, **base), PlanItem(pk=3, **base)]
    new = [
        PlanItem(pk=11, origin_id=1, **base),
        PlanItem(pk=12, origin_id=2, **{**base, "due_on": D(2025, 6, 1)}),
        PlanItem(pk=13, origin_id=None, **base),
    ]
    changes = plan_changes(old, new)
    assert sorted((kind, item.pk) for kind, item in changes) == [
        ("added", 13),
        ("changed", 12),
        ("removed", 3),
    ]
    for field, value in (("task", 2), ("description", "b"), ("expected_result", "s")):
        changed = [PlanItem(pk=11, origin_id=1, **{**base, field: value})]
        assert [(k, i.pk) for k, i in plan_changes(old[:1], changed)] == [("changed", 11)]
    assert plan_changes(old[:1], [PlanItem(pk=11, origin_id=1, **base)]) == []


@pytest.mark.parametrize("language", ["ru", "en", "kk"])
def test_each_plan_transition_has_its_url_and_answers_in_the_pages_language(
    client, world, pair, language
):
    """#10: one URL per transition; the message is translated per request (it
    was translated once, at import, and stayed Kazakh on ru and en pages)."""
    import html

    from django.urls import reverse
    from django.utils import translation

    _protege, mentor = members(pair)
    client.force_login(mentor)
    client.cookies["django_language"] = language
    # an incomplete item is refused and the page keeps what was typed
    response = client.post(
        reverse("plan_add_item", args=[pair.pk]), {"description": "Жартылай жазылған тармақ"}
    )
    assert response.status_code == 200
    assert "Жартылай жазылған тармақ" in response.content.decode()
    assert version(pair, 1).items.count() == 0
    add_item(pair, mentor)
    response = client.post(reverse("plan_submit", args=[pair.pk]), follow=True)
    with translation.override(language):
        expected = str(
            translation.gettext("The plan was submitted to the chair of the protégé's court (§2).")
        )
    assert expected in html.unescape(response.content.decode())
    assert version(pair, 1).status == "submitted"
    if language != "en":
        assert expected != "The plan was submitted to the chair of the protégé's court (§2)."
