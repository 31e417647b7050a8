"""The tests' way past the second factor (#12.5): a confirmed TOTP device for
the user and the session django-otp leaves after a good code — the same state
a real sign-in reaches, with no switch in the application code."""

from __future__ import annotations

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def device_for(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        # an account enrolled before the test begins: bulk_create sends no
        # post_save, so no "second factor added" notice (mentorship/accounts.py)
        TOTPDevice.objects.bulk_create([TOTPDevice(user=user, name="test", confirmed=True)])
        device = TOTPDevice.objects.get(user=user, name="test", confirmed=True)
    return device


def current_code(user, device: TOTPDevice | None = None) -> str:
    """The code the user's authenticator app would show now (for `device`, or
    the user's confirmed one). The device's last accepted step and its
    throttle are cleared so that one user may sign in twice within thirty
    seconds in a test."""
    device = device or device_for(user)
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


class VerifiedClient(Client):
    """`force_login` as after the password and the code."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device_for(user).persistent_id
        session.save()

    def force_login_password_only(self, user, backend=None):
        """Signed in with the password alone (the second factor not given yet)."""
        super().force_login(user, backend)
