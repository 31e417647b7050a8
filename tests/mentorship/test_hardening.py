"""Issue 13: each finding of the fuzzing and probing has a test that fails if
it comes back — NUL bytes, long usernames, next=, strict numbers, sessions
that end, CSP without inline script, no caching of personal data, workbooks
without formulas, inspected uploads, throttles, fail-closed settings."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentorship.errors import Refused
from mentorship.middleware import SESSION_SEEN_KEY, SESSION_SIGNED_IN_KEY
from tests.otp import current_code
from tests.programs import helpers as h

ROOT = Path(settings.BASE_DIR)


# --- no 5xx on any input ----------------------------------------------------------


def test_a_username_longer_than_axes_column_is_a_form_error(client, world):
    response = client.post(reverse("login"), {"username": "x" * 300, "password": "p"})
    assert response.status_code == 200
    assert "Дұрыс" in response.content.decode()


@pytest.mark.parametrize(
    "name, query, actor",
    [
        ("verify_document", "code=AB%00CD", None),
        ("pair_list", "q=%00", "coordinator"),
        ("pair_export", "q=a%00", "coordinator"),
        ("judge_list", "q=%00", "coordinator"),
    ],
)
def test_a_nul_byte_in_a_query_string_is_a_translated_400(client, world, name, query, actor):
    if actor:
        client.force_login(world.users[actor])
    response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code == 400
    assert "NUL" in response.content.decode() and "таңба" in response.content.decode()


def test_a_nul_byte_in_the_roster_search_and_in_a_post_is_a_400(client, world):
    client.force_login(world.users["coordinator"])
    assert (
        client.get(reverse("roster_detail", args=[world.region.slug]), {"q": "a\x00b"}).status_code
        == 400
    )
    response = client.post(reverse("notification_centre"), {"id": "1\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "name, default",
    [("switch_office", "dashboard"), ("notification_centre", "notification_centre")],
)
@pytest.mark.parametrize(
    "target",
    ["abc", "//evil.example/", "https://evil.example/", "javascript:alert(1)", "/\\evil.example"],
)
def test_next_that_is_not_a_path_here_goes_to_a_safe_default(client, world, name, default, target):
    client.force_login(world.users["coordinator"])
    response = client.post(reverse(name), {"next": target, "office": "0"})
    assert response.status_code == 302
    assert response.url == reverse(default)


def test_next_that_is_a_path_here_is_followed(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("notification_centre"), {"next": "/courts/"})
    assert response.url == "/courts/"


def test_seminar_attendance_parses_numbers_strictly(client, world):
    seminar = h.seminar(world)
    client.force_login(world.users["branch_council"])
    response = client.post(
        reverse("seminar_detail", args=[seminar.pk]), {"attended": ["²", "١", "9" * 40, "-1"]}
    )
    assert response.status_code == 302


# --- sessions ---------------------------------------------------------------------


def test_sign_in_time_is_kept_and_the_expiry_is_a_fixed_moment(client, world):
    client.post(reverse("login"), {"username": "coordinator", "password": "correct-horse-battery"})
    coordinator = world.users["coordinator"]
    client.post(reverse("two_factor"), {"code": current_code(coordinator)})  # #12.5
    session = client.session
    signed_in = session[SESSION_SIGNED_IN_KEY]
    expiry = session.get_expiry_date()
    assert abs(signed_in - time.time()) < 5
    assert abs((expiry - timezone.now()).total_seconds() - 12 * 3600) < 10
    # activity that rewrites the session (last_seen older than a minute)
    session[SESSION_SEEN_KEY] = int(time.time()) - 120
    session.save()
    assert client.get(reverse("dashboard")).status_code == 200
    session = client.session
    assert session[SESSION_SEEN_KEY] > int(time.time()) - 10  # it was re-saved
    assert session.get_expiry_date() == expiry  # … without moving the end


def test_past_12_hours_the_user_signs_in_again_however_active(client, world):
    client.force_login(world.users["coordinator"])
    session = client.session
    session[SESSION_SIGNED_IN_KEY] = int(time.time()) - 12 * 3600 - 5
    session[SESSION_SEEN_KEY] = int(time.time()) - 30  # active half a minute ago
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.get(reverse("dashboard")).status_code == 302


# --- browser policy: CSP, Permissions-Policy, no inline script ---------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=|<style", re.I)


def _inline(text: str) -> list[str]:
    return [
        m.group(0)[:80]
        for rx in (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE)
        for m in rx.finditer(text)
    ]


def test_no_template_has_inline_script_handlers_or_styles():
    found = {}
    for template in (ROOT / "templates").rglob("*.html"):
        if "documents" in template.parts:  # rendered to PDF by WeasyPrint, never served
            continue
        hits = _inline(template.read_text())
        if hits:
            found[str(template.relative_to(ROOT))] = hits
    assert not found, found


@pytest.mark.parametrize("actor", ["coordinator", "branch_council", "judge", "regional_chair"])
def test_rendered_pages_carry_csp_and_no_inline_script(client, world, actor):
    client.force_login(world.users[actor])
    for name in (
        "dashboard",
        "roster_list",
        "seminar_list",
        "notification_centre",
        "court_list",
        "judge_list",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert not _inline(response.content.decode()), (name, _inline(response.content.decode()))
        csp = response["Content-Security-Policy"]
        for directive in (
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ):
            assert directive in csp
        assert "camera=()" in response["Permissions-Policy"]


# --- no caching of personal data ---------------------------------------------------


def test_authenticated_pages_and_downloads_are_not_stored(client, world):
    client.force_login(world.users["coordinator"])
    for url in (reverse("dashboard"), reverse("pair_export"), reverse("judge_list")):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store, private", url
    client.force_login(world.users["branch_council"])
    response = client.get(reverse("attachment_download", args=[h.world_attachment(world).pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store, private"


# --- workbooks: text stays text -----------------------------------------------------


def _cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_the_register_workbook_writes_a_formula_like_name_as_text(client, world):
    pair = h.world_pair(world)
    pair.protege.last_name = '=HYPERLINK("http://x.example","y")'
    pair.protege.save()
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("pair_export"))
    assert response.streaming  # #16: streamed from a temporary file
    content = b"".join(response.streaming_content)
    cells = [c for c in _cells(content) if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml


def test_the_annual_workbook_writes_a_nomination_as_text(world):
    from reports import services as rs

    council = h.as_office(world.users["branch_council"])
    pair = h.world_pair(world)
    year = timezone.localdate().year
    rs.nominate(
        by=council, region=world.region, year=year, judge=pair.mentor, reasons="=1+2 @SUM(A1)"
    )
    report = rs.request_annual_report(by=council, region=world.region, year=year)
    done = rs.generate_annual_report(report.pk)
    cells = [c for c in _cells(bytes(done.xlsx)) if c.value == "=1+2 @SUM(A1)"]
    assert cells and all(c.data_type == "s" for c in cells)


# --- uploads ------------------------------------------------------------------------


def _pdf(mutate) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    mutate(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _launch(writer):
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
    )


def _javascript(writer):
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('x');"),
        }
    )


def _docx(**extra) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        for name, data in extra.items():
            z.writestr(name.replace("__", "/"), data)
    return out.getvalue()


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("js.pdf", lambda: _pdf(_javascript), "JavaScript"),
        ("launch.pdf", lambda: _pdf(_launch), "launches a program"),
        (
            "embedded.pdf",
            lambda: _pdf(lambda w: w.add_attachment("a.exe", b"MZ...")),
            "embedded files",
        ),
        ("broken.pdf", lambda: b"%PDF-1.4\ngarbage", "cannot be read"),
        ("macro.docx", lambda: _docx(word__vbaProject_bin=b"\xd0\xcf"), "macros"),
        ("exe.docx", lambda: _docx(word__media__tool_exe=b"MZ\x90\x00"), "program"),
        ("hidden.docx", lambda: _docx(word__media__image1_png=b"MZ\x90\x00rest"), "program"),
        ("bomb.docx", lambda: _docx(word__media__big_xml=b"\x00" * (20 * 2**20)), "compressed"),
    ],
)
def test_active_or_dangerous_uploads_are_refused_with_the_reason(name, content, reason):
    from django.utils import translation

    from mentorship.uploads import check_upload

    with translation.override("en"), pytest.raises(Refused, match=reason):
        check_upload(SimpleUploadedFile(name, content()))
    with translation.override("ru"), pytest.raises(Refused) as refused:
        check_upload(SimpleUploadedFile(name, content()))
    assert re.search("[а-яё]", str(refused.value))  # the reason, translated


def test_a_plain_pdf_and_docx_pass():
    from mentorship.uploads import check_upload

    assert check_upload(SimpleUploadedFile("a.pdf", h.blank_pdf())).extension == ".pdf"
    assert check_upload(SimpleUploadedFile("a.docx", _docx())).extension == ".docx"


def test_a_report_takes_a_bounded_number_of_attachments(world, settings):
    from programs import services
    from programs.models import Attachment

    settings.REPORT_MAX_ATTACHMENTS = 2
    pair = h.world_pair(world)
    user = pair.protege.user
    report = services.start_report(user, pair)
    for n in range(2):
        services.add_attachment(
            by=user, report=report, uploaded=SimpleUploadedFile(f"{n}.pdf", h.blank_pdf())
        )
    from django.utils import translation

    with translation.override("kk"), pytest.raises(Refused, match="ең көбі 2"):
        services.add_attachment(
            by=user, report=report, uploaded=SimpleUploadedFile("3.pdf", h.blank_pdf())
        )
    assert Attachment.objects.filter(report=report).count() == 2


# --- throttles ----------------------------------------------------------------------


def test_verify_is_rate_limited_per_address(client, db, settings):
    settings.VERIFY_RATE = "3/600"
    for _ in range(3):
        assert client.get(reverse("verify_document"), {"code": "ABCD"}).status_code == 200
    response = client.get(reverse("verify_document"), {"code": "ABCD"})
    assert response.status_code == 429
    assert (
        client.get(reverse("verify_document"), {"code": "ABCD"}, REMOTE_ADDR="10.0.0.9").status_code
        == 200
    )


def test_password_reset_is_throttled_per_address_and_per_computer(client, world, settings):
    settings.PASSWORD_RESET_RATE_EMAIL = "2/3600"
    settings.PASSWORD_RESET_RATE_IP = "4/3600"
    user = world.users["coordinator"]
    user.email = "coord@example.kz"
    user.save()
    url = reverse("password_reset")
    statuses = [client.post(url, {"email": "coord@example.kz"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2
    # another address from the same computer: the per-computer budget (4) runs out
    statuses = [client.post(url, {"email": f"n{i}@example.kz"}).status_code for i in range(2)]
    assert statuses == [302, 429]


def test_one_account_is_locked_after_failures_from_many_addresses(client, world):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "coordinator", "password": "nope"},
            REMOTE_ADDR=f"10.1.0.{n + 1}",
        )
    response = client.post(
        reverse("login"),
        {"username": "coordinator", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.1.1.1",
    )
    assert response.status_code == 429


def test_one_address_trying_many_accounts_is_throttled(client, world, settings):
    settings.LOGIN_IP_RATE = "3/900"
    for n in range(3):
        client.post(reverse("login"), {"username": f"nobody{n}", "password": "Spring2026"})
    response = client.post(
        reverse("login"), {"username": "coordinator", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert client.get(reverse("dashboard")).status_code == 302


def test_one_annual_report_in_flight_per_scope_and_period(world):
    from reports import services as rs
    from reports.models import AnnualReport

    council = h.as_office(world.users["branch_council"])
    year = timezone.localdate().year
    reports = {
        rs.request_annual_report(by=council, region=world.region, year=year).pk for _ in range(3)
    }
    assert len(reports) == 1
    assert AnnualReport.objects.filter(region=world.region).count() == 1


def test_the_configured_cache_counts_for_throttles(db):
    """The throttle against the cache the settings configure (Redis with
    REDIS_URL, else the database table), not the tests' in-process one."""
    from django.core.cache import caches
    from django.utils.module_loading import import_string

    from mentorship import settings as project
    from mentorship import throttle

    config = project.CACHES["default"]
    backend = import_string(config["BACKEND"])(
        config["LOCATION"], {k: v for k, v in config.items() if k not in ("BACKEND", "LOCATION")}
    )
    if config["BACKEND"].endswith("DatabaseCache"):
        from django.core.management import call_command

        call_command("createcachetable")
    original = caches["default"]
    throttle.cache = backend
    try:
        key = f"probe-{time.time_ns()}"
        assert [throttle.hit("test", key, "2/60") for _ in range(3)] == [True, True, False]
    finally:
        throttle.cache = original
        backend.delete(throttle._key("test", key))


# --- fail closed --------------------------------------------------------------------


def test_weasyprint_fetches_data_urls_only(tmp_path):
    from pypdf import PdfReader
    from weasyprint import HTML

    from mentorship.documents import url_fetcher

    fetcher = url_fetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("http://127.0.0.1:1/x.png")
    image = tmp_path / "i.png"
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(image)
    html = f'<img src="file://{image}"><img src="{image.as_uri()}">'
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    assert not resources.get("/XObject")  # the file: image was not fetched


def test_error_pages_are_translated(client, db, settings):
    from django.template.loader import render_to_string
    from django.utils import translation

    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Using the URLconf" not in page and '<html lang="kk"' in page
    with translation.override("ru"):
        assert "Ошибка сервера" in render_to_string("500.html")
        assert "Неверный запрос" in render_to_string("400.html")
    with translation.override("kk"):
        assert "Сервер қатесі" in render_to_string("500.html")
