"""System checks that make a misconfigured deployment fail closed: every
journal key must be a Fernet key, and in production neither the development
key derived from SECRET_KEY nor a placeholder of .env.example is accepted."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, register

from mentorship.settings import _DEV_KEY

PLACEHOLDER_PREFIXES = ("change-me", "changeme", "replace-me", "dev-only-insecure-key")


def derived_journal_key(secret_key: str) -> str:
    return base64.urlsafe_b64encode(
        hashlib.sha256(b"journal:" + secret_key.encode()).digest()
    ).decode()


@register(Tags.security, deploy=False)
def journal_keys_check(app_configs=None, **kwargs):

    errors = []
    keys = list(getattr(settings, "JOURNAL_KEYS", []))
    if not keys:
        errors.append(Error("JOURNAL_KEYS is empty.", id="mentorship.E001"))
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode() if isinstance(key, str) else key)
        except (ValueError, TypeError):
            errors.append(
                Error(
                    f"JOURNAL_KEYS: key number {position} is not a Fernet key "
                    "(32 url-safe base64-encoded bytes).",
                    hint='Generate one with: python -c "from cryptography.fernet import Fernet; '
                    'print(Fernet.generate_key().decode())"',
                    id="mentorship.E002",
                )
            )
    if getattr(settings, "PRODUCTION", False):
        development = {derived_journal_key(settings.SECRET_KEY), derived_journal_key(_DEV_KEY)}
        if any(key in development for key in keys):
            errors.append(
                Error(
                    "JOURNAL_KEYS holds the development key derived from SECRET_KEY; "
                    "production needs keys of its own.",
                    id="mentorship.E003",
                )
            )
        if settings.SECRET_KEY == _DEV_KEY or settings.SECRET_KEY.lower().startswith(
            PLACEHOLDER_PREFIXES
        ):
            errors.append(
                Error(
                    "SECRET_KEY is a placeholder or the development key.",
                    hint="Set a long random SECRET_KEY in the environment.",
                    id="mentorship.E004",
                )
            )
        if settings.DEBUG:
            errors.append(Error("DEBUG is on in production.", id="mentorship.E005"))
    return errors
