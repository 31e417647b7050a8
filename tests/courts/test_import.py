"""Import of courts and judges from CSV/XLSX: all or nothing, every bad row named."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from courts.models import CareerEvent, Court, ImportJob, Judge
from courts.services import COURT_COLUMNS, JUDGE_COLUMNS, import_reference_data
from tests import factories as f

COURTS_CSV = (
    ",".join(COURT_COLUMNS) + "\n"
    "alpha-new,alpha,district,district,Жаңа аудандық соты,Новый районный суд,New District Court,yes\n"
)


def judges_csv(court_code="alpha-new", career="first_appointment:01.09.2015"):
    return (
        ",".join(JUDGE_COLUMNS) + "\n"
        f"Өмірзақов,Ғалымжан,Қайратұлы,{court_code},judge,civil,serving,,{career}\n"
        f"Сәрсенбаева,Әсел,Нұрланқызы,{court_code},chair,criminal,serving,,"
        "first_appointment:2010-02-01; transfer_region:01.03.2026\n"
    )


def xlsx(*sheets):
    book = Workbook()
    book.remove(book.active)
    for title, text in sheets:
        sheet = book.create_sheet(title)
        for line in text.strip().splitlines():
            sheet.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_good_workbook_imports_courts_judges_and_careers(world):
    content = xlsx(("courts", COURTS_CSV), ("judges", judges_csv()))
    result = import_reference_data(name="ref.xlsx", content=content, dry_run=False)
    assert result.ok and result.applied
    assert (result.courts, result.judges, result.events) == (1, 2, 3)
    court = Court.objects.get(code="alpha-new")
    assert court.is_small and court.region == world.region
    judge = Judge.objects.get(last_name="Сәрсенбаева")
    assert [e.kind for e in judge.career_events.all()] == ["first_appointment", "transfer_region"]


def test_importing_the_same_file_twice_changes_nothing(world):
    content = xlsx(("courts", COURTS_CSV), ("judges", judges_csv()))
    import_reference_data(name="ref.xlsx", content=content, dry_run=False)
    counts = (Court.objects.count(), Judge.objects.count(), CareerEvent.objects.count())
    import_reference_data(name="ref.xlsx", content=content, dry_run=False)
    assert counts == (Court.objects.count(), Judge.objects.count(), CareerEvent.objects.count())


def test_a_dry_run_imports_nothing(world):
    result = import_reference_data(name="c.csv", content=COURTS_CSV.encode(), dry_run=True)
    assert result.ok and not result.applied and result.courts == 1
    assert not Court.objects.filter(code="alpha-new").exists()


def test_one_bad_row_imports_nothing_and_names_the_row_and_reason(world):
    bad = judges_csv(career="first_appointment:31.02.2015")  # no 31 February
    content = xlsx(("courts", COURTS_CSV), ("judges", bad))
    before = (Court.objects.count(), Judge.objects.count())
    result = import_reference_data(name="ref.xlsx", content=content, dry_run=False)
    assert not result.applied
    assert [(e.sheet, e.row) for e in result.errors] == [("judges", 2)]
    assert "31.02.2015" in result.errors[0].reason
    assert before == (Court.objects.count(), Judge.objects.count())


def test_unknown_court_and_missing_appointment_are_each_reported(world):
    text = (
        ",".join(JUDGE_COLUMNS) + "\n"
        "Ли,Виктор,,nowhere,judge,civil,serving,,first_appointment:01.01.2020\n"
        f"Ким,Анна,,{world.district_court.code},judge,civil,serving,,"
        "transfer_court:01.01.2020\n"
    )
    result = import_reference_data(name="j.csv", content=text.encode(), dry_run=False)
    rows = {e.row: e.reason for e in result.errors}
    assert set(rows) == {2, 3}
    assert "nowhere" in rows[2]
    assert "first_appointment" in rows[3]
    assert not Judge.objects.filter(last_name__in=["Ли", "Ким"]).exists()


def test_the_import_page_lists_bad_rows_in_the_users_language(
    client, world, django_capture_on_commit_callbacks
):
    """The worker checks the file (#16) in the uploader's language; the job's
    page shows each bad row."""
    client.force_login(world.users["administrator"])
    upload = SimpleUploadedFile(
        "j.csv",
        (
            ",".join(JUDGE_COLUMNS) + "\n"
            "Ли,Виктор,,nowhere,judge,civil,serving,,"
            "first_appointment:01.01.2020\n"
        ).encode(),
    )
    client.cookies["django_language"] = "ru"
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(reverse("import_reference"), {"file": upload, "dry_run": ""})
    assert posted.status_code == 302
    job = ImportJob.objects.get()
    assert posted.url == reverse("import_job", args=[job.pk])
    assert job.state == "done" and job.content in (b"", memoryview(b""))  # the file is dropped
    response = client.get(posted.url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "nowhere" in page
    assert "Ничего не импортировано" in page
    assert not Judge.objects.filter(last_name="Ли").exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, world):
    client.force_login(world.users["administrator"])
    upload = SimpleUploadedFile("notes.txt", b"hello")
    response = client.post(reverse("import_reference"), {"file": upload})
    assert response.status_code == 200
    assert "csv" in response.content.decode()


# --- issue 13: a dry run that passes means the import passes --------------------


def _judge_row(court, last="Әлиев", email="", career="first_appointment:01.09.2015"):
    return (
        ",".join(JUDGE_COLUMNS) + f"\n{last},Арман,,{court},judge,civil,serving,{email},{career}\n"
    )


def _both_runs(name, text):
    """The dry run and the real import agree, and a refused file changes nothing."""
    before = (Court.objects.count(), Judge.objects.count(), CareerEvent.objects.count())
    dry = import_reference_data(name=name, content=text.encode(), dry_run=True)
    real = import_reference_data(name=name, content=text.encode(), dry_run=False)
    assert [(e.sheet, e.row) for e in dry.errors] == [(e.sheet, e.row) for e in real.errors]
    if real.errors:
        assert before == (Court.objects.count(), Judge.objects.count(), CareerEvent.objects.count())
    return real


def test_a_surname_longer_than_its_column_is_a_row_error(world):
    result = _both_runs("j.csv", _judge_row(world.district_court.code, last="Ә" * 101))
    assert [e.row for e in result.errors] == [2] and "last_name" in result.errors[0].reason


def test_an_email_longer_than_254_is_a_row_error(world):
    email = "a" * 250 + "@example.kz"
    result = _both_runs("j.csv", _judge_row(world.district_court.code, email=email))
    assert [e.row for e in result.errors] == [2] and "email" in result.errors[0].reason


def test_a_court_code_longer_than_80_is_a_row_error(world):
    text = ",".join(COURT_COLUMNS) + f"\n{'c' * 81},alpha,district,district,Сот,Суд,Court,no\n"
    result = _both_runs("c.csv", text)
    assert [e.row for e in result.errors] == [2] and "code" in result.errors[0].reason


def test_a_second_regional_court_in_a_region_is_a_row_error(world):
    # the world's region already has a regional court
    text = (
        ",".join(COURT_COLUMNS) + "\n"
        "alpha-reg2,alpha,regional,oblast,Облыстық,Областной,Regional,no\n"
    )
    result = _both_runs("c.csv", text)
    assert [e.row for e in result.errors] == [2] and "region" in result.errors[0].reason.lower()
    # and two in one file, for a region with none
    text = (
        ",".join(COURT_COLUMNS) + "\n"
        "beta-reg1,beta,regional,oblast,Облыстық,Областной,Regional,no\n"
        "beta-reg2,beta,regional,oblast,Облыстық 2,Областной 2,Regional 2,no\n"
    )
    result = _both_runs("c.csv", text)
    assert [e.row for e in result.errors] == [3] and "beta-reg1" in result.errors[0].reason


def test_two_first_appointments_are_a_row_error(world):
    career = "first_appointment:01.09.2015; first_appointment:01.09.2016"
    result = _both_runs("j.csv", _judge_row(world.district_court.code, career=career))
    assert [e.row for e in result.errors] == [2]
    # and a first appointment other than the one already recorded
    _both_runs("j.csv", _judge_row(world.district_court.code))
    result = _both_runs(
        "j.csv", _judge_row(world.district_court.code, career="first_appointment:01.09.2017")
    )
    assert [e.row for e in result.errors] == [2] and "01.09.2015" in result.errors[0].reason


def test_a_clean_dry_run_means_the_import_passes(world):
    content = xlsx(("courts", COURTS_CSV), ("judges", judges_csv()))
    assert import_reference_data(name="r.xlsx", content=content, dry_run=True).ok
    assert import_reference_data(name="r.xlsx", content=content, dry_run=False).applied


def _many_judges_csv(court_code: str, n: int, surname: str = "Көпбаев") -> bytes:
    lines = [",".join(JUDGE_COLUMNS)]
    for i in range(n):
        lines.append(
            f"{surname}{i},Асқар,Бекұлы,{court_code},judge,civil,serving,,"
            "first_appointment:01.09.2015; specialisation_change:01.02.2026"
        )
    return ("\n".join(lines) + "\n").encode()


def test_the_import_is_set_based_its_queries_do_not_grow_with_the_rows(world):
    """#16: a file of 300 judges costs the queries of a file of 10 — checked
    against judges loaded once, written in bulk — and is audited row by row."""
    code = world.district_court.code
    counts = {}
    for n, surname in ((10, "Азбаев"), (300, "Көпбаев")):
        with CaptureQueriesContext(connection) as queries:
            result = import_reference_data(
                name="j.csv", content=_many_judges_csv(code, n, surname), dry_run=False
            )
        assert result.applied and result.judges == n
        counts[n] = len(queries)
    assert counts[300] == counts[10], counts
    assert Judge.objects.filter(last_name__startswith="Көпбаев").count() == 300
    assert CareerEvent.objects.filter(judge__last_name__startswith="Көпбаев").count() == 600
    audited = Judge.pgh_event_model.objects.filter(last_name__startswith="Көпбаев").count()
    assert audited == 300  # the trail records every created judge
    # the same file again changes nothing and writes nothing to the trail
    again = import_reference_data(
        name="j.csv", content=_many_judges_csv(code, 300, "Көпбаев"), dry_run=False
    )
    assert again.applied and Judge.objects.filter(last_name__startswith="Көпбаев").count() == 300
    assert Judge.pgh_event_model.objects.filter(last_name__startswith="Көпбаев").count() == 300


def test_an_upload_is_imported_by_the_worker_and_its_page_is_the_uploaders(
    client, world, django_capture_on_commit_callbacks
):
    admin = world.users["administrator"]
    client.force_login(admin)
    upload = SimpleUploadedFile(
        "j.csv", _many_judges_csv(world.district_court.code, 3, "Жұмысбаев")
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        posted = client.post(reverse("import_reference"), {"file": upload, "dry_run": ""})
    job = ImportJob.objects.get()
    # before the worker: the page says so and polls
    waiting = client.get(posted.url).content.decode()
    assert 'data-state="pending"' in waiting and "hx-trigger" in waiting
    assert not Judge.objects.filter(last_name__startswith="Жұмысбаев").exists()
    for callback in callbacks:
        callback()  # the worker's turn (eager in tests)
    job.refresh_from_db()
    assert job.state == "done" and job.result["applied"] and job.result["judges"] == 3
    assert Judge.objects.filter(last_name__startswith="Жұмысбаев").count() == 3
    done = client.get(posted.url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-state="done"' in done and "hx-trigger" not in done
    # another administrator does not see this upload's page
    other = f.user("other_admin", office="administrator")
    client.force_login(other)
    assert client.get(posted.url).status_code == 404
