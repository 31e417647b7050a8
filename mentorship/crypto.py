"""Encryption at rest for the confidential journal (§4.2), with key rotation.

`cryptography`'s MultiFernet: the first key of settings.JOURNAL_KEYS encrypts,
every key decrypts; rotation re-encrypts with the first key. The database holds
only Fernet tokens, so a dump does not reveal what the pair wrote.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import models


def _fernet() -> MultiFernet:
    return MultiFernet(
        [Fernet(k.encode() if isinstance(k, str) else k) for k in settings.JOURNAL_KEYS]
    )


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    return _fernet().rotate(token.encode()).decode()


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; decrypted when read, encrypted when saved.
    Not searchable, by design."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(str(value))
