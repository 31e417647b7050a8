"""Office style of the documents a court files: long-form dates with the
Kazakh case endings, signatories as courts write them (initials and surname),
and the full official names of the Union of Judges and its bodies.

Kazakh attaches the case ending to the month, the last word of a long date:
«2026 жылғы 2 желтоқсандағы № 1 өкім», «… 2 желтоқсанда өтті»,
«… 2 желтоқсаннан бастап», «… 2 желтоқсанға дейін». Russian and English keep
one form («2 декабря 2026 года», "2 December 2026")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

#: Kazakh months: nominative, locative (-да), ablative (-дан), dative (-ға),
#: accusative (-ды); the attributive (-дағы) is the locative + ғы/гі.
KK_MONTHS = (
    ("қаңтар", "қаңтарда", "қаңтардан", "қаңтарға", "қаңтарды"),
    ("ақпан", "ақпанда", "ақпаннан", "ақпанға", "ақпанды"),
    ("наурыз", "наурызда", "наурыздан", "наурызға", "наурызды"),
    ("сәуір", "сәуірде", "сәуірден", "сәуірге", "сәуірді"),
    ("мамыр", "мамырда", "мамырдан", "мамырға", "мамырды"),
    ("маусым", "маусымда", "маусымнан", "маусымға", "маусымды"),
    ("шілде", "шілдеде", "шілдеден", "шілдеге", "шілдені"),
    ("тамыз", "тамызда", "тамыздан", "тамызға", "тамызды"),
    ("қыркүйек", "қыркүйекте", "қыркүйектен", "қыркүйекке", "қыркүйекті"),
    ("қазан", "қазанда", "қазаннан", "қазанға", "қазанды"),
    ("қараша", "қарашада", "қарашадан", "қарашаға", "қарашаны"),
    ("желтоқсан", "желтоқсанда", "желтоқсаннан", "желтоқсанға", "желтоқсанды"),
)
KK_FRONT = {"сәуір", "шілде", "қыркүйек"}  # front-vowel words take -гі, not -ғы
KK_CASES = ("nom", "loc", "abl", "dat", "acc", "attr")

RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def kk_month(month: int, case: str = "nom") -> str:
    forms = KK_MONTHS[month - 1]
    if case == "attr":
        return forms[1] + ("гі" if forms[0] in KK_FRONT else "ғы")
    return forms[KK_CASES.index(case)]


def long_date(day: dt.date, language: str | None = None, case: str = "nom") -> str:
    """«2026 жылғы 2 желтоқсан» (with ``case``: желтоқсандағы, желтоқсанда,
    желтоқсаннан, желтоқсанға, желтоқсанды); «2 декабря 2026 года»; "2 December 2026"."""

    if case not in KK_CASES:
        raise ValueError(f"unknown case {case!r}")
    language = (language or translation.get_language() or "kk")[:2]
    if language == "kk":
        return f"{day.year} жылғы {day.day} {kk_month(day.month, case)}"
    if language == "ru":
        return f"{day.day} {RU_MONTHS[day.month - 1]} {day.year} года"
    return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"


def long_date_all(day: dt.date, case: str = "nom") -> dict:
    """The long date in every language, for notifications read in the reader's one."""
    return {code: long_date(day, code, case) for code in ("kk", "ru", "en")}


def initials_and_surname(first_name: str, last_name: str, patronymic: str = "") -> str:
    """As courts sign: «Ә.Н. Сәрсенбаева» (initials of the first name and the
    patronymic, then the surname)."""

    initials = "".join(f"{n.strip()[0]}." for n in (first_name, patronymic) if n and n.strip())
    return f"{initials} {last_name.strip()}".strip()


def signatory_name(user) -> str:
    """The name printed under a document: from the office holder's judge
    record, else the account's first and last names — never the login."""

    judge = getattr(user, "judge", None) if user is not None else None
    if judge is not None:
        return initials_and_surname(judge.first_name, judge.last_name, judge.patronymic)
    if user is not None and user.last_name:
        return initials_and_surname(user.first_name, user.last_name)
    return ""


@dataclass(frozen=True)
class Signatory:
    """Who signs a document: the position (in the document's language) and the name."""

    position: str
    name: str

    def __str__(self) -> str:
        return f"{self.position} {self.name}".strip()


#: the signatory's position under a document, by the office that issues it
POSITIONS = {
    "court_chair": _("Chair of the court"),
    "branch_council": _("Chair of the branch council"),
    "training_centre": _("Head of the Training Centre"),
    "central_council": _("Member of the Central Council of the Union of Judges"),
    "union_chair": _("Chair of the Union of Judges"),
}


def signatory(user, position: str, language: str) -> Signatory:
    """The position (in the document's language) and the name of who signs."""
    with translation.override(language):
        title = str(POSITIONS[position])
    return Signatory(position=title, name=signatory_name(user))


def place_of(court, language: str) -> str:
    """The place of issue of a court's orders: «Көкшетау қ.», «г. Кокшетау»."""
    language = _lang(language)
    seat = getattr(court, f"seat_{language}", "") or ""
    if not seat:
        return ""
    if language == "kk":
        return f"{seat} қ."
    if language == "ru":
        return f"г. {seat}"
    return seat


# --- the Union of Judges and its bodies, by their full names -----------------------

UNION = {
    "kk": "«Қазақстан Республикасы Судьялар одағы» РҚБ",
    "ru": "РОО «Союз судей Республики Казахстан»",
    "en": "the Union of Judges of the Republic of Kazakhstan",
}
UNION_SHORT = {
    "kk": "Қазақстан Республикасы Судьялар одағы",
    "ru": "Союз судей Республики Казахстан",
    "en": "Union of Judges of the Republic of Kazakhstan",
}


def _lang(language: str | None) -> str:
    language = (language or translation.get_language() or "kk")[:2]
    return language if language in ("kk", "ru", "en") else "kk"


def _kk_branch(region_kk: str) -> str:
    """«Ақмола облысы» → «Ақмола облыстық», «Астана қаласы» → «Астана қалалық»."""
    for noun, adjective in (("облысы", "облыстық"), ("қаласы", "қалалық")):
        if region_kk.endswith(" " + noun):
            return region_kk[: -len(noun)] + adjective
    return region_kk


def _ru_dative(region_ru: str) -> str:
    """«Акмолинская область» → «Акмолинской области», «область Абай» →
    «области Абай», «город Астана» → «городу Астана»."""
    words = region_ru.split()
    out = []
    for w in words:
        if w == "область":
            out.append("области")
        elif w == "город":
            out.append("городу")
        elif w.endswith("ая") and w[:1].isupper():
            out.append(w[:-2] + "ой")
        else:
            out.append(w)
    return " ".join(out)


def branch_council_name(region, language: str | None = None) -> str:
    """The council of the Union's branch of a region, by its full name."""
    language = _lang(language)
    if language == "kk":
        return f"{UNION['kk']} {_kk_branch(region.name_kk)} филиалының кеңесі"
    if language == "ru":
        return f"Совет филиала {UNION['ru']} по {_ru_dative(region.name_ru)}"
    return f"Council of the {region.name_en} branch of {UNION['en']}"


def branch_name(region, language: str | None = None) -> str:
    """The Union's branch of a region, by its full name."""
    language = _lang(language)
    if language == "kk":
        return f"{UNION['kk']} {_kk_branch(region.name_kk)} филиалы"
    if language == "ru":
        return f"Филиал {UNION['ru']} по {_ru_dative(region.name_ru)}"
    return f"{region.name_en} branch of {UNION['en']}"


def central_council_name(language: str | None = None) -> str:
    language = _lang(language)
    if language == "kk":
        return f"{UNION['kk']} Орталық кеңесі"
    if language == "ru":
        return f"Центральный совет {UNION['ru']}"
    return f"Central Council of {UNION['en']}"


def name_in(obj, language: str | None = None) -> str:
    """A reference row's name (court, region) in the document's language."""
    language = _lang(language)
    return getattr(obj, f"name_{language}", "") or obj.name_kk
