"""Translations: the kk and ru catalogues are complete; pages render in each
language; framework messages users meet are in Kazakh; Kazakh date formats."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

ROOT = Path(settings.BASE_DIR)
CATALOGUES = [ROOT / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in ("kk", "ru")] + [
    ROOT / "mentorship" / "locale" / "kk" / "LC_MESSAGES" / "django.po"
]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_has_no_untranslated_or_fuzzy_entries(po):
    for flag in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", str(po)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert 'msgid "' not in out.replace('msgid ""\nmsgstr ""', ""), (flag, out[:800])


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_is_up_to_date(po):
    mo = po.with_suffix(".mo")
    assert mo.exists()
    assert mo.stat().st_mtime >= po.stat().st_mtime - 1, f"run compilemessages for {po}"


def test_source_strings_are_all_in_the_catalogue(tmp_path):
    """makemessages finds no string that the committed kk catalogue lacks."""
    import polib

    committed = {e.msgid for e in polib.pofile(str(CATALOGUES[0]))}
    pot = tmp_path / "django.pot"
    sources = [
        str(p)
        for d in ("mentorship", "courts", "programs", "reports")
        for p in (ROOT / d).rglob("*.py")
        if "migrations" not in p.parts
    ]
    templates = [str(p) for p in (ROOT / "templates").rglob("*.html")] + [
        str(p) for p in (ROOT / "templates").rglob("*.txt")
    ]
    subprocess.run(
        [
            "xgettext",
            "-L",
            "Python",
            "--from-code=UTF-8",
            "-o",
            str(pot),
            "--keyword=_",
            "--keyword=gettext_lazy",
            "--keyword=gettext",
            "--keyword=ngettext:1,2",
            "--keyword=pgettext:1c,2",
            *sources,
        ],
        check=True,
    )
    found = {e.msgid for e in polib.pofile(str(pot)) if e.msgid}
    missing = found - committed
    assert not missing, f"strings missing from locale/kk: {sorted(missing)[:20]}"
    assert templates  # templates are covered by the Django-level check below


def test_framework_messages_are_in_kazakh():
    with translation.override("kk"):
        from django import forms

        field = forms.CharField()
        with pytest.raises(forms.ValidationError) as error:
            field.clean("")
        assert error.value.messages == ["Бұл өрісті толтыру міндетті."]
        assert formats.date_format(dt.date(2025, 3, 14), "SHORT_DATE_FORMAT") == "14.03.2025"
        assert formats.date_format(dt.date(2025, 3, 14)) == "2025 ж. 14 наурыз"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


@pytest.mark.parametrize(("lang", "word"), [("kk", "Кіру"), ("ru", "Войти"), ("en", "Sign in")])
def test_the_login_page_renders_in_each_language(client, lang, word):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    page = client.get(reverse("login")).content.decode()
    assert f'<html lang="{lang}">' in page
    assert word in page


def test_kazakh_is_the_default_language(client):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="kk">' in page


@pytest.mark.parametrize(
    ("lang", "word"), [("kk", "Басты бет"), ("ru", "Главная"), ("en", "Dashboard")]
)
def test_the_dashboard_renders_in_each_language(client, world, lang, word):
    client.force_login(world.users["coordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    page = client.get(reverse("dashboard")).content.decode()
    assert word in page
    assert world.region.name_kk if lang == "kk" else True


def test_template_strings_are_all_in_the_catalogue(tmp_path):
    """makemessages over the templates (and code) of a copy of the project finds
    no string that the committed kk and ru catalogues lack."""
    import shutil
    import sys

    import polib

    copy = tmp_path / "p"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo")
    for name in ("mentorship", "courts", "programs", "reports", "templates", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "kk", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    found = set()
    for po in (copy / "locale", copy / "mentorship" / "locale"):
        found |= {
            e.msgid
            for e in polib.pofile(str(po / "kk" / "LC_MESSAGES" / "django.po"))
            if not e.obsolete
        }
    for lang in ("kk", "ru"):
        committed = {
            e.msgid
            for e in polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))
            if e.msgstr or e.msgstr_plural
        } | {
            e.msgid
            for e in polib.pofile(str(CATALOGUES[2]))
            if lang == "kk" and (e.msgstr or e.msgstr_plural)
        }
        missing = sorted(m for m in found - committed if m)
        assert not missing, f"{lang}: {missing[:20]}"
