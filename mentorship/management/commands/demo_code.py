"""Print the current second-factor code of a demo account (`load_demo`
enrols every demo account with a TOTP device), so the first look needs no
phone: `python manage.py demo_code coordinator`."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from courts.demo import DEMO_EMAIL_DOMAIN


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not user.email.endswith("@" + DEMO_EMAIL_DOMAIN):
            raise CommandError(f"{username}: not a demo account")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username}: no second factor enrolled")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        self.stdout.write(f"{totp.token():0{device.digits}d}")
