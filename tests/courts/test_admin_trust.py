"""#12.3 separation of duties, tried as an attacker holding the administrator
account would: the administrator keeps reference data and nothing of `auth`
(even with every `auth` permission granted), never links a judge's account,
never grants an office to themselves; each grant is told to the person, the
region's council and chair; the audit trail holds no pair's free text (#12.7)."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from courts.admin import JudgeAdmin
from courts.models import Judge, Office, OfficeAssignment, SecondFactorReset
from mentorship.models import Notification
from tests import factories as f
from tests.otp import device_for


@pytest.fixture
def admin_user(world):
    """The administrator office, given every `auth` permission too (as the demo
    group once had): the refusals must not rest on missing permissions."""
    user = world.users["administrator"]
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="auth"))
    return user


def test_the_administrator_cannot_reach_accounts_groups_or_passwords(client, world, admin_user):
    judge_user = world.users["judge"]
    password = judge_user.password
    client.force_login(admin_user)
    for url in (
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[judge_user.pk]),
        reverse("admin:auth_user_password_change", args=[judge_user.pk]),
        reverse("admin:auth_group_changelist"),
    ):
        assert client.get(url).status_code == 403, url
    attempts = [
        (
            reverse("admin:auth_user_password_change", args=[judge_user.pk]),
            {"password1": "Stolen-pass-2026", "password2": "Stolen-pass-2026"},
        ),
        (
            reverse("admin:auth_user_change", args=[admin_user.pk]),
            {"username": admin_user.username, "is_superuser": "on", "is_staff": "on"},
        ),
        (
            reverse("admin:auth_user_change", args=[judge_user.pk]),
            {"username": judge_user.username, "email": "attacker@example.kz"},
        ),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    judge_user.refresh_from_db()
    admin_user.refresh_from_db()
    assert judge_user.password == password and judge_user.email != "attacker@example.kz"
    assert not admin_user.is_superuser
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:auth_user_changelist") not in index


def test_a_judges_account_is_never_linked_in_the_admin(client, world, admin_user, rf):
    unlinked = f.judge(world.district_court)
    assert unlinked.user_id is None
    request = rf.get("/")
    request.user = admin_user
    form = JudgeAdmin(Judge, admin.site).get_form(request, unlinked)
    assert "user" not in form.base_fields  # read-only for a judge without an account too
    client.force_login(admin_user)
    page = client.get(reverse("admin:courts_judge_change", args=[unlinked.pk])).content.decode()
    assert 'name="user"' not in page


def test_nobody_grants_an_office_to_themselves(client, world, admin_user):
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    before = OfficeAssignment.objects.count()
    response = client.post(
        reverse("admin:courts_officeassignment_add"),
        {
            "user": admin_user.pk,
            "office": Office.BRANCH_COUNCIL,
            "region": world.region.pk,
            "starts_on": "01.12.2026",
        },
    )
    assert response.status_code == 200  # the form again, with the refusal
    assert "Nobody grants an office to themselves" in response.content.decode()
    assert OfficeAssignment.objects.count() == before
    own = OfficeAssignment.objects.get(user=admin_user)
    url = reverse("admin:courts_officeassignment_change", args=[own.pk])
    assert (
        client.post(url, {"user": admin_user.pk, "office": Office.UNION_CHAIR}).status_code == 403
    )
    own.refresh_from_db()
    assert own.office == Office.ADMINISTRATOR


def _grant(client, admin_user, someone, world):
    client.force_login(admin_user)
    return client.post(
        reverse("admin:courts_officeassignment_add"),
        {
            "user": someone.pk,
            "office": Office.TRAINING_CENTRE,
            "region": world.region.pk,
            "starts_on": "01.12.2026",
        },
    )


def _approve(client, approver, assignment):
    client.force_login(approver)
    return client.post(
        reverse("admin:courts_officeassignment_changelist"),
        {"action": "approve_grants", "_selected_action": [assignment.pk]},
    )


@pytest.fixture
def second_admin(world):
    return f.user("second_admin", office=Office.ADMINISTRATOR)


def test_a_grant_waits_for_a_second_administrator(client, world, admin_user, second_admin):
    """#12.4: recorded by one administrator, the office is not in force (not
    listed, not usable) until another approves it; the other is asked."""
    someone = f.user("newcomer")
    assert _grant(client, admin_user, someone, world).status_code == 302
    grant = OfficeAssignment.objects.get(user=someone)
    assert grant.pending_approval and grant.granted_by == admin_user
    assert not OfficeAssignment.objects.current().filter(user=someone).exists()
    asked = Notification.objects.filter(kind="office_grant_pending").values_list("user", flat=True)
    assert set(asked) == {second_admin.pk}
    assert not Notification.objects.filter(kind="office_granted").exists()
    client.force_login(someone)
    assert client.get(reverse("council_queue")).status_code in (403, 404)


def test_the_recording_administrator_cannot_approve_the_grant(
    client, world, admin_user, second_admin
):
    someone = f.user("newcomer")
    _grant(client, admin_user, someone, world)
    grant = OfficeAssignment.objects.get(user=someone)
    _approve(client, admin_user, grant)
    grant.refresh_from_db()
    assert grant.pending_approval and grant.approved_by is None
    # nor can the database be made to say so
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeAssignment.objects.filter(pk=grant.pk).update(approved_by=admin_user)


def test_a_grant_approved_by_another_is_in_force_and_told_to_the_person_the_council_and_the_chair(
    client, world, admin_user, second_admin
):
    someone = f.user("newcomer")
    _grant(client, admin_user, someone, world)
    grant = OfficeAssignment.objects.get(user=someone)
    assert _approve(client, second_admin, grant).status_code == 302
    grant.refresh_from_db()
    assert not grant.pending_approval and grant.approved_by == second_admin
    assert OfficeAssignment.objects.current().filter(user=someone).exists()
    told = set(Notification.objects.filter(kind="office_granted").values_list("user_id", flat=True))
    assert told == {
        someone.pk,
        world.users["branch_council"].pk,
        world.users["regional_chair"].pk,
    }


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        ("programs.PlanItemEvent", {"description", "expected_result"}),
        ("programs.PlanVersionEvent", {"reason", "comment"}),
        ("programs.DecisionEvent", {"reasons", "missing_reports"}),
        ("programs.ReportEvent", {"work_done", "proposals", "comment"}),
        ("programs.WorkloadOrderEvent", {"reasons"}),
        ("programs.PetitionEvent", {"reasons"}),
        ("courts.QualityFlagEvent", {"reasons"}),
        ("courts.JudgeEvent", {"iin"}),
    ],
)
def test_the_audit_trail_keeps_no_free_text_of_a_pair(model, fields):
    recorded = {field.name for field in apps.get_model(model)._meta.get_fields()}
    assert recorded and not (recorded & fields), recorded & fields


# --- #12.5 a lost second factor: one records, another approves -----------------


def _request_reset(client, admin, username):
    client.force_login(admin)
    return client.post(
        reverse("admin:courts_secondfactorreset_add"),
        {"username": username, "reason": "letter № 14 of 01.12.2026"},
    )


def test_a_second_factor_reset_needs_a_second_administrator(
    client, world, admin_user, second_admin
):
    person = world.users["coordinator"]
    device_for(person)
    assert _request_reset(client, admin_user, person.username).status_code == 302
    reset = SecondFactorReset.objects.get(user=person)
    assert TOTPDevice.objects.filter(user=person).exists()  # recorded, not done
    told = set(
        Notification.objects.filter(kind="second_factor_reset_requested").values_list(
            "user", flat=True
        )
    )
    assert told == {person.pk, second_admin.pk}
    # the recorder cannot approve it
    client.post(
        reverse("admin:courts_secondfactorreset_changelist"),
        {"action": "approve_resets", "_selected_action": [reset.pk]},
    )
    assert TOTPDevice.objects.filter(user=person).exists()
    # another administrator can
    _approve_reset(client, second_admin, reset)
    assert not TOTPDevice.objects.filter(user=person).exists()
    reset.refresh_from_db()
    assert reset.approved_by == second_admin
    assert Notification.objects.filter(user=person, kind="account_factor_removed").exists()
    # the record stays, and stays as approved
    with pytest.raises(DatabaseError), transaction.atomic():
        SecondFactorReset.objects.filter(pk=reset.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        SecondFactorReset.objects.filter(pk=reset.pk).update(reason="something else")


def _approve_reset(client, approver, reset):
    client.force_login(approver)
    return client.post(
        reverse("admin:courts_secondfactorreset_changelist"),
        {"action": "approve_resets", "_selected_action": [reset.pk]},
    )


def test_nobody_resets_their_own_second_factor(client, world, admin_user):
    client.cookies["django_language"] = "en"
    response = _request_reset(client, admin_user, admin_user.username)
    assert response.status_code == 200
    assert "Nobody resets their own second factor" in response.content.decode()
    unknown = _request_reset(client, admin_user, "nobody-of-that-name")
    assert unknown.status_code == 200 and "No account has this username" in unknown.content.decode()
    assert not SecondFactorReset.objects.exists()
