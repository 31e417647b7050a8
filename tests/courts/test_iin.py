"""#12.1 the judge's IIN: optional, unique, shown in full to the HR service of
the judge's court only, masked elsewhere, absent from the admin, lists and
exports; the import finds a judge again by it and names a row whose IIN is
malformed without echoing it."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from courts.iin import iin_check_digit, mask_iin
from courts.models import CareerEvent, Court, Judge
from courts.services import JUDGE_COLUMNS, import_reference_data
from tests import factories as f
from tests.programs import helpers as h


def iin(serial: int) -> str:
    """A well-formed IIN (born 02.03.1985, a man of the 20th century)."""
    for n in range(serial, serial + 100):
        first = f"850302{3}{n:04d}"
        check = iin_check_digit(first)
        if check is not None:
            return first + str(check)
    raise AssertionError("no IIN")


def judges_csv(court, *rows, appointed="01.09.2015"):
    header = ",".join([*JUDGE_COLUMNS, "iin"])
    lines = [
        f"{last},Ғалымжан,Қайратұлы,{court.code},judge,civil,serving,,"
        f"first_appointment:{appointed},{number}"
        for last, number in rows
    ]
    return (header + "\n" + "\n".join(lines) + "\n").encode()


def state():
    return (
        sorted(Judge.objects.values_list("pk", "last_name", "court_id", "iin")),
        CareerEvent.objects.count(),
    )


def test_a_well_formed_iin_passes_its_check_digit_and_a_mistyped_one_does_not():
    good = iin(1)
    from courts.iin import is_valid_iin

    assert is_valid_iin(good)
    assert not is_valid_iin(good[:-1] + str((int(good[-1]) + 1) % 10))
    assert not is_valid_iin(good[:11]) and not is_valid_iin("８" * 12)


def test_the_import_finds_a_judge_again_by_iin_and_updates_rather_than_duplicates(world):
    number = iin(10)
    import_reference_data(
        name="j.csv", content=judges_csv(world.district_court, ("Өмірзақов", number)), dry_run=False
    )
    judge = Judge.objects.get(iin=number)
    moved = f.court(world.region)  # a transfer and a corrected surname, the same person
    result = import_reference_data(
        name="j.csv", content=judges_csv(moved, ("Өмірзаков", number)), dry_run=False
    )
    assert result.ok and result.applied
    judge.refresh_from_db()
    assert (judge.last_name, judge.court) == ("Өмірзаков", moved)
    assert Judge.objects.filter(last_name__in=["Өмірзақов", "Өмірзаков"]).count() == 1


def test_two_judges_of_the_same_name_in_one_court_are_told_apart_by_iin(world):
    first, second = iin(20), iin(40)
    content = judges_csv(world.district_court, ("Ахметов", first))
    import_reference_data(name="j.csv", content=content, dry_run=False)
    import_reference_data(
        name="j.csv", content=judges_csv(world.district_court, ("Ахметов", second)), dry_run=False
    )
    assert set(Judge.objects.filter(last_name="Ахметов").values_list("iin", flat=True)) == {
        first,
        second,
    }
    # a judge recorded without an IIN is given it, not duplicated
    plain = f.judge(world.district_court, last_name="Бекова")
    Judge.objects.filter(pk=plain.pk).update(first_name="Ғалымжан", patronymic="Қайратұлы")
    third = iin(60)
    import_reference_data(
        name="j.csv",
        content=judges_csv(world.district_court, ("Бекова", third), appointed="15.01.2010"),
        dry_run=False,
    )
    plain.refresh_from_db()
    assert plain.iin == third and Judge.objects.filter(last_name="Бекова").count() == 1


def test_a_malformed_iin_names_the_row_without_echoing_it_and_imports_nothing(world):
    good = iin(80)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    before = state()
    with translation.override("en"):
        result = import_reference_data(
            name="j.csv",
            content=judges_csv(world.district_court, ("Әлиев", good), ("Бөкеев", bad)),
            dry_run=False,
        )
    assert not result.ok and not result.applied
    assert [(e.row, "IIN" in e.reason) for e in result.errors] == [(3, True)]
    assert bad not in result.errors[0].reason
    assert state() == before


def test_an_iin_given_twice_in_a_file_names_the_first_row(world):
    number = iin(100)
    before = state()
    with translation.override("en"):
        result = import_reference_data(
            name="j.csv",
            content=judges_csv(world.district_court, ("Әлиев", number), ("Бөкеев", number)),
            dry_run=False,
        )
    assert [(e.row, "row 2" in e.reason) for e in result.errors] == [(3, True)]
    assert state() == before


def test_the_database_keeps_one_judge_per_iin(world):
    number = iin(120)
    Judge.objects.filter(pk=world.judge.pk).update(iin=number)
    with pytest.raises(IntegrityError), transaction.atomic():
        Judge.objects.filter(pk=world.other_judge.pk).update(iin=number)
    # the empty value is many judges' (the IIN is optional)
    assert Judge.objects.filter(iin="").count() >= 1


def test_the_iin_is_shown_to_the_hr_service_of_the_judges_court_only(client, world):
    number = iin(140)
    Judge.objects.filter(pk=world.judge.pk).update(iin=number)
    page = reverse("judge_detail", args=[world.judge.pk])
    client.force_login(world.users["hr_officer"])
    assert number in client.get(page).content.decode()
    for office in ("coordinator", "court_chair", "regional_chair", "central_council"):
        client.force_login(world.users[office])
        html = client.get(page).content.decode()
        assert number not in html, office
        assert mask_iin(number) in html, office
    # HR of another court holds no key to it either
    other_hr = f.user(office="hr_officer", court=world.small_court)
    Judge.objects.filter(pk=world.judge.pk).update(court=world.district_court)
    client.force_login(other_hr)
    assert number not in client.get(page).content.decode()


def test_the_iin_stays_out_of_the_admin_the_lists_and_the_register_export(client, world):
    number = iin(160)
    pair = h.active_pair(world)
    Judge.objects.filter(pk=pair.protege_id).update(iin=number)
    client.force_login(world.users["administrator"])
    change = client.get(reverse("admin:courts_judge_change", args=[pair.protege_id]))
    assert change.status_code == 200 and number not in change.content.decode()
    client.force_login(world.users["central_council"])
    for url in (
        reverse("judge_list"),
        reverse("pair_list"),
        reverse("pair_detail", args=[pair.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200 and number not in response.content.decode(), url
    export = client.get(reverse("pair_export"))
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert export.status_code == 200
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(body)) as book:
        assert all(number.encode() not in book.read(n) for n in book.namelist())
    assert not Court.objects.filter(code__contains=number).exists()
