"""Sign-in: login/logout, throttling, idle and absolute session limits, office switch."""

import time

from django.conf import settings
from django.core import mail
from django.urls import reverse

from mentorship.middleware import SESSION_OFFICE_KEY, SESSION_SEEN_KEY
from tests import factories as f
from tests.otp import current_code


def test_a_user_signs_in_and_out(client, world):
    response = client.post(
        reverse("login"), {"username": "coordinator", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302 and response.url == reverse("dashboard")
    # an office holder gives the second factor first (#12.5)
    assert client.get(reverse("dashboard")).url.startswith(reverse("two_factor"))
    code = current_code(world.users["coordinator"])
    assert client.post(reverse("two_factor"), {"code": code, "next": "/"}).url == "/"
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_wrong_password_gets_a_clear_message_in_kazakh(client, world):
    response = client.post(reverse("login"), {"username": "coordinator", "password": "nope"})
    assert response.status_code == 200
    assert "Дұрыс" in response.content.decode()  # «Дұрыс … және құпиясөз енгізіңіз»


def test_repeated_failures_are_throttled(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "coordinator", "password": "nope"})
    # even the right password is refused during the cool-off
    response = client.post(
        reverse("login"), {"username": "coordinator", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "15" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


def test_idle_sessions_end_after_30_minutes(client, world):
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("dashboard")).status_code == 200
    session = client.session
    session[SESSION_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_active_sessions_within_30_minutes_stay(client, world):
    client.force_login(world.users["coordinator"])
    client.get(reverse("dashboard"))
    session = client.session
    session[SESSION_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT + 60
    session.save()
    assert client.get(reverse("dashboard")).status_code == 200


def test_sessions_last_at_most_12_hours_and_are_not_renewed():
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is False


def test_password_reset_sends_an_email(client, world):
    client.post(reverse("password_reset"), {"email": world.users["coordinator"].email})
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_a_user_with_two_offices_switches_between_them(client, world):
    from courts.models import Office, OfficeAssignment

    user = world.users["coordinator"]
    second = OfficeAssignment.objects.create(
        user=user, office=Office.COURT_CHAIR, court=world.district_court
    )
    client.force_login(user)
    client.post(reverse("switch_office"), {"office": second.pk})
    assert client.session[SESSION_OFFICE_KEY] == second.pk
    page = client.get(reverse("court_list")).content.decode()
    # as a court chair the scope is one court
    assert world.small_court.name_kk not in page and world.district_court.name_kk in page


def test_an_office_not_held_cannot_be_chosen(client, world):
    from courts.models import OfficeAssignment

    theirs = OfficeAssignment.objects.get(user=world.users["central_council"])
    client.force_login(world.users["coordinator"])
    client.post(reverse("switch_office"), {"office": theirs.pk})
    assert client.session.get(SESSION_OFFICE_KEY) != theirs.pk


def test_an_ended_office_gives_no_access(client, world):
    import datetime as dt

    from courts.models import Office

    u = f.user(
        office=Office.ADMINISTRATOR, starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2021, 1, 1)
    )
    client.force_login(u)
    assert client.get(reverse("import_reference")).status_code == 403
