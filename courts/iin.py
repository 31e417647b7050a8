"""The IIN (individual identification number): 12 digits ``YYMMDD C NNNN K``
whose last digit is a check digit (weights 1..11 on the first eleven digits,
mod 11; if that is 10, weights 3..11, 1, 2; if again 10 the number is never
issued)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def iin_check_digit(first11: str) -> int | None:
    digits = [int(c) for c in first11]
    for weights in (range(1, 12), [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return check
    return None


def is_valid_iin(value: str) -> bool:
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        return False
    return iin_check_digit(value[:11]) == int(value[11])


def validate_iin(value: str) -> None:
    if value and not is_valid_iin(value):
        raise ValidationError(
            _("An IIN has 12 digits and a valid check digit."), code="invalid_iin"
        )


def mask_iin(value: str) -> str:
    """What an office other than the judge's HR service sees: that an IIN is
    recorded, and its last two digits to tell two records apart."""
    return "•" * 10 + value[-2:] if value else ""
