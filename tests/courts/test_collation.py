"""Names sort in the Kazakh alphabet — А Ә Б … Г Ғ … К Қ … Н Ң О Ө … У Ұ Ү …
Х Һ … Ы І Ь … — through the PostgreSQL ICU collation kk-KZ-x-icu (courts.collation),
not by code point (which put Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І after Я)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from courts.collation import KAZAKH
from courts.models import Judge
from programs.models import RosterEntry
from tests import factories as f
from tests.programs.pairs_support import fast_roster

pytestmark = pytest.mark.django_db

#: the Kazakh alphabet order, one surname per letter that code points misplace
ALPHABETICAL = [
    "Аханов", "Әлиев", "Бекова", "Гуля", "Ғалиев", "Иванов", "Каримов", "Қасымов",
    "Нұрланов", "Ңаев", "Оспанов", "Өтепов", "Уалиев", "Ұланов", "Үсенов", "Хамитов",
    "Һакимов", "Ыбыраев", "Ісаев", "Эрикова",
]  # fmt: skip


def _icu() -> bool:
    with connection.cursor() as c:
        c.execute("SELECT collprovider FROM pg_collation WHERE collname = %s", [KAZAKH])
        row = c.fetchone()
    return row is not None and row[0] == "i"


@pytest.fixture
def icu():
    if not _icu():
        pytest.skip("this PostgreSQL has no ICU: names sort by the database's default collation")


def test_the_migration_created_the_collation():
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM pg_collation WHERE collname = %s", [KAZAKH])
        assert c.fetchone()[0] == 1


def test_judges_sort_in_the_kazakh_alphabet(world, icu):
    for name in reversed(ALPHABETICAL):
        f.judge(world.district_court, last_name=name)
    names = list(
        Judge.objects.filter(last_name__in=ALPHABETICAL).values_list("last_name", flat=True)
    )
    assert names == ALPHABETICAL
    assert names.index("Әлиев") == names.index("Аханов") + 1  # Ә after А, before Б
    assert names.index("Ісаев") > names.index("Иванов")  # І after И (after Ы)
    assert sorted(ALPHABETICAL) != ALPHABETICAL  # code points would get it wrong


def test_the_judge_list_page_uses_the_kazakh_order(client, world, icu):
    for name in ("Бекова", "Әлиев", "Аханов"):
        f.judge(world.district_court, last_name=name)
    client.force_login(world.users["regional_chair"])
    html = client.get(reverse("judge_list"), {"q": ""}).content.decode()
    positions = [html.index(n) for n in ("Аханов", "Әлиев", "Бекова")]
    assert positions == sorted(positions)


def test_roster_members_sort_by_role_then_kazakh_name(world, icu):
    fast_roster(world)
    names = list(RosterEntry.objects.values_list("role", "judge__last_name"))
    for role in {r for r, _n in names}:
        of_role = [n for r, n in names if r == role]
        with connection.cursor() as c:
            c.execute(
                f'SELECT x FROM unnest(%s::text[]) x ORDER BY x COLLATE "{KAZAKH}"', [of_role]
            )
            assert of_role == [r[0] for r in c.fetchall()]
