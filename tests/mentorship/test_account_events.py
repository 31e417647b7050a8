"""#12.3: every change to an account is in an append-only trail that never
holds the password hash, and the person is told — a new password, another
e-mail (the old address too), a flag, a second factor added or removed. A
sign-in's time, or a hash upgraded at sign-in, is not a change."""

import pytest
from django.core import mail
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from mentorship.models import AccountEvent, Notification
from tests import factories as f


def kinds(user) -> list[str]:
    return list(
        Notification.objects.filter(user=user, kind__startswith="account_")
        .order_by("id")
        .values_list("kind", flat=True)
    )


def labels(user) -> list[str]:
    return list(
        AccountEvent.objects.filter(pgh_obj_id=user.pk)
        .order_by("pgh_id")
        .values_list("pgh_label", flat=True)
    )


def test_the_trail_records_each_change_and_never_the_hash(world):
    user = f.user("someone")
    user.email = "new@example.kz"
    user.save()
    user.set_password("A-new-password-2026")
    user.save()
    user.is_staff = True
    user.save()
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])  # a sign-in: no event
    assert labels(user) == [
        "account.created",
        "account.changed",
        "password.set",
        "account.changed",
    ]
    assert "password" not in {field.name for field in AccountEvent._meta.fields}
    assert "last_login" not in {field.name for field in AccountEvent._meta.fields}
    event = AccountEvent.objects.filter(pgh_obj_id=user.pk).latest("pgh_id")
    assert event.is_staff is True and event.email == "new@example.kz"
    with pytest.raises(DatabaseError), transaction.atomic():
        AccountEvent.objects.filter(pk=event.pk).update(is_staff=False)


def test_the_person_is_told_of_a_new_password_e_mail_and_flags(
    world, django_capture_on_commit_callbacks
):
    user = f.user("someone")
    type(user).objects.filter(pk=user.pk).update(email="old@example.kz")
    user.refresh_from_db()
    mail.outbox.clear()
    user.set_password("A-new-password-2026")
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        user.email = "new@example.kz"
        user.save()
    user.is_superuser = True
    user.save()
    assert kinds(user) == [
        "account_password_changed",
        "account_email_changed",
        "account_flags_changed",
    ]
    flags = Notification.objects.get(user=user, kind="account_flags_changed")
    assert "superuser" in flags.params["flags"]["en"]
    # the old address hears of the new one
    assert any(m.to == ["old@example.kz"] and "new@example.kz" in m.body for m in mail.outbox)


def test_a_hash_upgraded_at_sign_in_and_a_sign_ins_time_tell_nobody(world):
    user = world.users["coordinator"]
    user.check_password("correct-horse-battery")  # may re-save the hash alone
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    user.password = user.password  # unchanged
    user.save(update_fields=["password"])
    assert kinds(user) == []


def test_the_password_change_page_tells_the_person(client, world):
    user = world.users["judge"]
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct-horse-battery",
            "new_password1": "Жаңа-құпия-сөз-2026",
            "new_password2": "Жаңа-құпия-сөз-2026",
        },
    )
    assert response.status_code == 302
    told = kinds(user)
    assert told.count("account_password_changed") == 1, told


def test_a_second_factor_added_and_removed_is_told(world):
    user = world.users["judge"]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=False)
    assert kinds(user) == []  # enrolment not finished yet
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    device.delete()
    assert kinds(user) == ["account_factor_added", "account_factor_removed"]
