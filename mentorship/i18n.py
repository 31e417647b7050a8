"""Reference data carries its names in kk/ru/en; pick the one for the active language."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TranslatedNameMixin(models.Model):
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = (get_language() or "kk")[:2]
        return getattr(self, f"name_{lang}", None) or self.name_kk


# --- the same, as SQL expressions: list pages take rows, not model instances (#16)


def name_sql(path: str) -> Coalesce:
    """A related reference row's name in the active language (as `name`)."""

    lang = (get_language() or "kk")[:2]
    if lang not in ("kk", "ru", "en"):
        lang = "kk"
    return Coalesce(NullIf(F(f"{path}__name_{lang}"), Value("")), F(f"{path}__name_kk"))


def full_name_sql(path: str) -> Func:
    """A judge's full name as `Judge.full_name` builds it: surname, first
    name and patronymic, the empty parts left out (`path` "" for the judge
    itself, else the relation to the judge)."""

    prefix = f"{path}__" if path else ""
    parts = [
        NullIf(F(f"{prefix}{p}"), Value("")) for p in ("last_name", "first_name", "patronymic")
    ]
    return Func(Value(" "), *parts, function="CONCAT_WS", output_field=CharField())


_STRFTIME = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y", "H": "%H", "i": "%M"}


def short_date_formatter() -> Callable[[dt.date | None], str]:
    """`|date:"SHORT_DATE_FORMAT"` for many dates: the active language's
    format read once and, where it has only day, month and year, formatted
    by strftime (a list page formats a hundred dates)."""
    fmt = get_format("SHORT_DATE_FORMAT")
    if all(ch in _STRFTIME or not ch.isalpha() for ch in fmt) and "\\" not in fmt:
        pattern = "".join(_STRFTIME.get(ch, ch.replace("%", "%%")) for ch in fmt)
        return lambda day: day.strftime(pattern) if day else ""
    return lambda day: dateformat.format(day, fmt) if day else ""


def choice_labels(choices: Any) -> dict[str, str]:
    """A choice field's labels in the active language, once for a page's rows."""
    return {value: str(label) for value, label in choices}
