"""Written reports with attachments (§13, §16.8), petitions (§15.8, §16.4,
§16.5), protocol decisions of the branch council with copies to the Training
Centre and the HR service, and personal files (§14) — issue #5.

Every refusal is checked to leave the database as it was (`state()`)."""

import datetime as dt
import hashlib
import io
import threading
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.utils import InternalError, ProgrammingError
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from courts.models import CourtLevel, Office
from mentorship.errors import Refused
from mentorship.models import Document, Notification
from mentorship.officestyle import branch_council_name, long_date
from programs import queries, services
from programs.models import (
    Attachment,
    Decision,
    Finalisation,
    Pair,
    Petition,
    Protocol,
    ProtocolCopy,
    Report,
)
from programs.regulation import (
    add_months,
    completion_refusal,
    decision_outcome,
    petition_refusal,
    report_submission_refusal,
    term_last_day,
)
from tests import factories as f
from tests.programs import helpers as h
from tests.programs.helpers import MINIMAL_PDF

# what a trigger raises (pgtrigger: RAISE EXCEPTION), as test_rosters checks documents
TRIGGER_ERRORS = (InternalError, ProgrammingError, DatabaseError)
FULL = {
    "work_done": "Сот отырыстарын бірге талдадық",
    "knowledge_gained": "Іс жүргізу дағдылары",
    "effectiveness": "Бағдарлама тиімді болды",
    "proposals": "Семинарларды көбейту",
}
PDF = MINIMAL_PDF


def today() -> dt.date:
    return timezone.localdate()  # the services' date (Asia/Almaty)


def docx_bytes(with_document: bool = True) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        if with_document:
            z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buf.getvalue()


class RawUpload:
    """An upload whose name reaches the service as sent (Django's own upload
    classes already reduce the name to its base name)."""

    def __init__(self, name: str, content: bytes):
        self.name, self.size, self._buf = name, len(content), io.BytesIO(content)

    def read(self, n: int = -1) -> bytes:
        return self._buf.read(n)


def pdf_text(document) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(document.pdf))).pages)
    return " ".join(text.split())


def state() -> dict:
    """The rows this feature writes, to compare before and after a refusal."""
    return {
        "reports": sorted(
            Report.objects.values_list(
                "pk",
                "status",
                "addressee",
                "work_done",
                "knowledge_gained",
                "effectiveness",
                "proposals",
                "comment",
                "decided_by",
                "revision_of",
            )
        ),
        "attachments": sorted(Attachment.objects.values_list("pk", "report", "sha256")),
        "petitions": sorted(Petition.objects.values_list("pk", "kind", "status", "reasons")),
        "protocols": sorted(Protocol.objects.values_list("pk", "status", "number", "document")),
        "decisions": sorted(Decision.objects.values_list("pk", "kind", "granted", "frozen")),
        "finalisations": sorted(Finalisation.objects.values_list("pair", "status")),
        "pairs": sorted(Pair.objects.values_list("pk", "status", "ended_on")),
        "copies": sorted(ProtocolCopy.objects.values_list("pk", "acknowledged_at")),
        "documents": Document.objects.count(),
        "notifications": Notification.objects.count(),
    }


def stored_files(root) -> list:
    """What the configured storage holds (attachments are rows in PostgreSQL,
    mentorship.storage), as paths under root, plus any file on the disk there."""
    from mentorship.models import StoredFile

    return [root / name for name in StoredFile.objects.values_list("name", flat=True)] + [
        p for p in root.rglob("*") if p.is_file()
    ]


def read_stored(name: str) -> bytes:
    from django.core.files.storage import default_storage

    with default_storage.open(name) as f:
        return f.read()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def council(w):
    return h.as_office(w.users["branch_council"])


def centre(w):
    return h.as_office(w.users["training_centre"])


def office_user(office, **scope):
    return h.as_office(f.user(office=office, **scope))


def draft(user, pair, addressee="branch_council", **texts):
    report = services.start_report(user, pair)
    return services.save_report(by=user, report=report, addressee=addressee, **texts)


def submitted(user, pair, addressee="branch_council"):
    report = draft(user, pair, addressee, **FULL)
    return services.submit_report(by=user, report=report)


def accept_both(w, pair, addressee="branch_council"):
    """Both sides report; the addressee accepts both reports (§13)."""
    body = council(w) if addressee == "branch_council" else centre(w)
    return {
        r.kind: services.decide_report(by=body, report=r, accept=True)
        for r in (
            submitted(pair.protege.user, pair, addressee),
            submitted(pair.mentor.user, pair, addressee),
        )
    }


def another_pair(w, pair, court):
    """A second active pair of the same mentor (no new roster order)."""
    return h.active_pair(w, entry=pair.roster_entry, protege_judge=h.protege(w, court=court))


def new_protocol(w, held_on=None):
    return services.create_protocol(
        by=council(w), region=w.region, held_on=held_on or today(), members_present="Ахметов А."
    )


def completion_protocol(w, *pairs):
    for pair in pairs:
        accept_both(w, pair)
    protocol = new_protocol(w)
    services.add_decision(by=council(w), protocol=protocol, kind="completed", pairs=list(pairs))
    return protocol


def issued(w, *pairs):
    return services.issue_protocol(by=council(w), protocol=completion_protocol(w, *pairs))


def notified(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


# --- §13, §16.8 written reports --------------------------------------------------------


class TestReports:
    def test_each_side_opens_its_own_kind_of_report_13_16_8(self, world):
        pair = h.active_pair(world)
        final = services.start_report(pair.protege.user, pair)
        mentor = services.start_report(pair.mentor.user, pair)
        assert (final.kind, final.author, final.status) == ("final", pair.protege.user, "draft")
        assert (mentor.kind, mentor.author, mentor.status) == ("mentor", pair.mentor.user, "draft")
        # an open report is returned as is, not duplicated
        assert services.start_report(pair.protege.user, pair).pk == final.pk
        assert Report.objects.count() == 2

    def test_a_non_member_cannot_open_a_report_13(self, world):
        pair = h.active_pair(world)
        before = state()
        for outsider in (world.users["judge"], council(world), world.users["coordinator"]):
            with pytest.raises(Refused, match="§13"):
                services.start_report(outsider, pair)
        assert state() == before

    def test_a_draft_is_saved_and_nobody_is_told_yet(self, world):
        pair = h.active_pair(world)
        report = draft(pair.protege.user, pair, "training_centre", work_done="  Бірге істедік  ")
        report.refresh_from_db()
        assert (report.status, report.addressee, report.work_done) == (
            "draft",
            "training_centre",
            "Бірге істедік",
        )
        assert not notified("report_submitted")
        # another user cannot save into the author's draft
        before = state()
        with pytest.raises(Refused):
            services.save_report(
                by=pair.mentor.user, report=report, addressee="branch_council", work_done="x"
            )
        assert state() == before

    @pytest.mark.parametrize("missing", sorted(FULL))
    def test_a_final_report_missing_a_section_is_refused_citing_16_8(self, world, missing):
        pair = h.active_pair(world)
        user = pair.protege.user
        report = draft(user, pair, **{**FULL, missing: "   "})
        before = state()
        with pytest.raises(Refused, match="§16.8"):
            services.submit_report(by=user, report=report)
        assert state() == before
        services.save_report(by=user, report=report, addressee="branch_council", **FULL)
        assert services.submit_report(by=user, report=report).status == "submitted"

    def test_the_mentors_report_states_the_work_done_and_the_results_13(self, world):
        pair = h.active_pair(world)
        user = pair.mentor.user
        report = draft(user, pair, knowledge_gained="a", proposals="b")
        for texts in ({"work_done": "бірге"}, {"effectiveness": "нәтиже"}):
            services.save_report(
                by=user,
                report=report,
                addressee="branch_council",
                **{"work_done": "", "effectiveness": "", **texts},
            )
            before = state()
            with pytest.raises(Refused, match="§13"):
                services.submit_report(by=user, report=report)
            assert state() == before
        # the two §13 sections suffice for the mentor (the §16.8 four are the protégé's)
        services.save_report(
            by=user,
            report=report,
            addressee="branch_council",
            work_done="бірге",
            effectiveness="нәтиже",
            knowledge_gained="",
            proposals="",
        )
        assert services.submit_report(by=user, report=report).status == "submitted"

    def test_submission_notifies_the_addressee_only(self, world):
        pair = h.active_pair(world)
        to_council = submitted(pair.protege.user, pair, "branch_council")
        assert to_council.submitted_at is not None
        assert notified("report_submitted") == {world.users["branch_council"].pk}
        note = Notification.objects.get(kind="report_submitted")
        assert note.url == reverse("report_detail", args=[to_council.pk])
        submitted(pair.mentor.user, pair, "training_centre")
        assert notified("report_submitted") == {
            world.users["branch_council"].pk,
            world.users["training_centre"].pk,
        }
        assert (
            Notification.objects.filter(
                kind="report_submitted", user=world.users["training_centre"]
            ).count()
            == 1
        )

    def test_the_council_accepts_a_report_addressed_to_it(self, world):
        pair = h.active_pair(world)
        report = submitted(pair.protege.user, pair, "branch_council")
        services.decide_report(by=council(world), report=report, accept=True)
        report.refresh_from_db()
        assert (report.status, report.decided_by) == ("accepted", world.users["branch_council"])
        assert report.decided_at is not None
        assert notified("report_accepted") == {pair.protege.user.pk}

    def test_the_training_centre_returns_a_report_addressed_to_it_with_a_comment(self, world):
        pair = h.active_pair(world)
        report = submitted(pair.mentor.user, pair, "training_centre")
        before = state()
        with pytest.raises(Refused):
            services.decide_report(by=centre(world), report=report, accept=False, comment="  ")
        assert state() == before
        services.decide_report(
            by=centre(world), report=report, accept=False, comment="Нәтижелерді толықтырыңыз"
        )
        report.refresh_from_db()
        assert (report.status, report.comment) == ("returned", "Нәтижелерді толықтырыңыз")
        assert notified("report_returned") == {pair.mentor.user.pk}

    def test_the_other_body_and_other_offices_cannot_decide(self, world):
        pair = h.active_pair(world)
        to_council = submitted(pair.protege.user, pair, "branch_council")
        to_centre = submitted(pair.mentor.user, pair, "training_centre")
        other_council = office_user(Office.BRANCH_COUNCIL, region=world.other_region)
        other_centre = office_user(Office.TRAINING_CENTRE, region=world.other_region)
        before = state()
        attempts = [
            (centre(world), to_council),
            (other_council, to_council),
            (h.as_office(world.users["coordinator"]), to_council),
            (h.as_office(world.users["court_chair"]), to_council),
            (pair.protege.user, to_council),
            (council(world), to_centre),
            (other_centre, to_centre),
        ]
        for by, report in attempts:
            with pytest.raises(Refused):
                services.decide_report(by=by, report=report, accept=True)
        assert state() == before

    def test_a_submitted_report_is_not_edited_through_the_service(self, world):
        pair = h.active_pair(world)
        report = submitted(pair.protege.user, pair)
        before = state()
        with pytest.raises(Refused):
            services.save_report(
                by=pair.protege.user,
                report=report,
                addressee="branch_council",
                work_done="басқа мәтін",
            )
        with pytest.raises(Refused):
            services.submit_report(by=pair.protege.user, report=report)
        assert state() == before

    def test_the_database_refuses_to_change_a_submitted_reports_text(self, world):
        pair = h.active_pair(world)
        report = submitted(pair.protege.user, pair)
        open_draft = draft(pair.mentor.user, pair, work_done="бастапқы")
        for change in ({"work_done": "x"}, {"proposals": "x"}, {"addressee": "training_centre"}):
            with pytest.raises(TRIGGER_ERRORS, match="pgtrigger: Cannot"), transaction.atomic():
                Report.objects.filter(pk=report.pk).update(**change)
        with pytest.raises(TRIGGER_ERRORS, match="pgtrigger: Cannot"), transaction.atomic():
            Report.objects.filter(pk=report.pk).delete()
        report.refresh_from_db()
        assert (report.work_done, report.addressee) == (FULL["work_done"], "branch_council")
        # the trigger is about submitted reports: a draft is still edited
        assert Report.objects.filter(pk=open_draft.pk).update(work_done="жаңа") == 1

    def test_a_returned_report_is_revised_once_into_a_new_draft(self, world, media):
        pair = h.active_pair(world)
        user = pair.protege.user
        report = draft(user, pair, **FULL)
        attachment = services.add_attachment(
            by=user, report=report, uploaded=SimpleUploadedFile("a.pdf", PDF)
        )
        services.submit_report(by=user, report=report)
        services.decide_report(
            by=council(world), report=report, accept=False, comment="Ұсыныстарды нақтылаңыз"
        )
        before = state()
        with pytest.raises(Refused):
            services.revise_report(by=pair.mentor.user, report=report)
        assert state() == before
        revision = services.revise_report(by=user, report=report)
        assert (revision.status, revision.revision_of_id, revision.kind) == (
            "draft",
            report.pk,
            "final",
        )
        assert {k: getattr(revision, k) for k in FULL} == FULL
        assert list(revision.attachments.values_list("sha256", "file")) == [
            (attachment.sha256, attachment.file.name)
        ]
        report.refresh_from_db()
        assert (report.status, report.comment) == ("returned", "Ұсыныстарды нақтылаңыз")
        before = state()
        with pytest.raises(Refused):
            services.revise_report(by=user, report=report)
        assert state() == before
        # the revision is edited and submitted like any draft
        services.save_report(
            by=user, report=revision, addressee="branch_council", proposals="Нақты ұсыныстар"
        )
        assert services.submit_report(by=user, report=revision).status == "submitted"

    def test_revising_when_a_fresh_draft_is_already_open_is_refused_not_a_crash(self, world):
        pair = h.active_pair(world)
        user = pair.protege.user
        report = submitted(user, pair)
        services.decide_report(by=council(world), report=report, accept=False, comment="қайта")
        fresh = services.start_report(user, pair)  # a returned report is not "open"
        assert fresh.pk != report.pk
        before = state()
        with pytest.raises(Refused):
            services.revise_report(by=user, report=report)
        assert state() == before


# --- uploads -----------------------------------------------------------------------


class TestAttachments:
    @pytest.fixture(autouse=True)
    def _english(self):
        with translation.override("en"):  # the refusals are matched in English
            yield

    def test_a_pdf_and_a_docx_are_stored_under_generated_names(self, world, media):
        pair = h.active_pair(world)
        user = pair.protege.user
        report = draft(user, pair)
        for name, content, ext, ctype in (
            ("Есеп-қорытынды.pdf", PDF, ".pdf", "application/pdf"),
            (
                "kundelik.docx",
                docx_bytes(),
                ".docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
        ):
            a = services.add_attachment(
                by=user, report=report, uploaded=SimpleUploadedFile(name, content)
            )
            a.refresh_from_db()
            stem = name.rsplit(".", 1)[0]
            assert (a.original_name, a.extension, a.content_type, a.size) == (
                name,
                ext,
                ctype,
                len(content),
            )
            assert a.sha256 == hashlib.sha256(content).hexdigest()
            assert a.file.name.startswith(f"reports/{report.pk}/") and a.file.name.endswith(ext)
            assert stem not in a.file.name
            assert read_stored(a.file.name) == content
        assert len(stored_files(media)) == 2

    @pytest.mark.parametrize(
        "content",
        [
            b"MZ\x90\x00 not a pdf",
            b"<html>report</html>",
            docx_bytes(with_document=False),
            b"PK\x03\x04broken",
        ],
    )
    def test_a_file_named_pdf_whose_content_is_not_is_refused(self, world, media, content):
        pair = h.active_pair(world)
        report = draft(pair.protege.user, pair)
        before = state()
        with pytest.raises(Refused, match="PDF or DOCX"):
            services.add_attachment(
                by=pair.protege.user,
                report=report,
                uploaded=SimpleUploadedFile("report.pdf", content),
            )
        assert state() == before
        assert stored_files(media) == []

    def test_the_size_is_capped(self, world, media, settings):
        settings.UPLOAD_MAX_BYTES = 1000
        pair = h.active_pair(world)
        report = draft(pair.protege.user, pair)
        big = PDF + b"0" * (1001 - len(PDF))
        before = state()
        with pytest.raises(Refused, match="too large"):
            services.add_attachment(
                by=pair.protege.user, report=report, uploaded=SimpleUploadedFile("big.pdf", big)
            )
        # a stream that understates its size is still cut at the cap
        with pytest.raises(Refused, match="too large"):
            upload = RawUpload("big.pdf", big)
            upload.size = 10
            services.add_attachment(by=pair.protege.user, report=report, uploaded=upload)
        assert state() == before
        assert stored_files(media) == []
        exact = big[:1000]
        assert (
            services.add_attachment(
                by=pair.protege.user, report=report, uploaded=SimpleUploadedFile("ok.pdf", exact)
            ).size
            == 1000
        )

    @pytest.mark.parametrize(
        "name", ["../../etc/passwd.pdf", "dir/report.pdf", "C:\\x\\a.pdf", "..", "nul\x00.pdf"]
    )
    def test_a_name_with_a_path_is_refused(self, world, media, name):
        pair = h.active_pair(world)
        report = draft(pair.protege.user, pair)
        before = state()
        with pytest.raises(Refused, match="path"):
            services.add_attachment(
                by=pair.protege.user, report=report, uploaded=RawUpload(name, PDF)
            )
        assert state() == before
        assert stored_files(media) == []

    def test_only_the_author_attaches_and_only_to_a_draft(self, world, media):
        pair = h.active_pair(world)
        report = draft(pair.protege.user, pair, **FULL)
        before = state()
        for by in (pair.mentor.user, council(world)):
            with pytest.raises(Refused):
                services.add_attachment(
                    by=by, report=report, uploaded=SimpleUploadedFile("a.pdf", PDF)
                )
        services.submit_report(by=pair.protege.user, report=report)
        with pytest.raises(Refused):
            services.add_attachment(
                by=pair.protege.user, report=report, uploaded=SimpleUploadedFile("a.pdf", PDF)
            )
        assert state()["attachments"] == before["attachments"] == []
        assert stored_files(media) == []


class TestUploadView:
    def post(self, client, report, upload):
        client.cookies["django_language"] = "en"
        return client.post(reverse("report_upload", args=[report.pk]), {"file": upload})

    def test_the_author_uploads_a_pdf_and_a_docx(self, client, world, media):
        pair = h.active_pair(world)
        report = draft(pair.protege.user, pair)
        client.force_login(pair.protege.user)
        for name, content in (("Есеп.pdf", PDF), ("есеп.docx", docx_bytes())):
            response = self.post(client, report, SimpleUploadedFile(name, content))
            assert response.status_code == 302
            a = Attachment.objects.get(report=report, original_name=name)
            assert a.sha256 == hashlib.sha256(content).hexdigest()
            assert name.rsplit(".", 1)[0] not in a.file.name
            assert read_stored(a.file.name) == content
        page = client.get(reverse("report_detail", args=[report.pk])).content.decode()
        assert "Есеп.pdf" in page and "есеп.docx" in page

    @pytest.mark.parametrize(
        ("name", "content", "limit", "message"),
        [
            ("report.pdf", b"just text, not a PDF", None, "PDF or DOCX"),
            ("report.docx", b"%PDX-1.4 not quite", None, "PDF or DOCX"),
            ("big.pdf", PDF + b"0" * 2000, 1000, "too large"),
        ],
    )
    def test_a_bad_file_is_refused_with_a_message_and_nothing_stored(
        self, client, world, media, settings, name, content, limit, message
    ):
        if limit:
            settings.UPLOAD_MAX_BYTES = limit
        pair = h.active_pair(world)
        report = draft(pair.protege.user, pair)
        client.force_login(pair.protege.user)
        before = state()
        response = self.post(client, report, SimpleUploadedFile(name, content))
        assert response.status_code == 200
        errors = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
        assert len(errors) == 1 and message in errors[0], errors
        assert state() == before
        assert stored_files(media) == []

    @pytest.mark.parametrize(
        ("sent", "base"),
        [
            ("../../etc/passwd.pdf", "passwd.pdf"),
            ("dir/report.pdf", "report.pdf"),
            ("C:\\x\\a.pdf", "a.pdf"),
        ],
    )
    def test_a_path_sent_over_http_never_reaches_the_disk(self, client, world, media, sent, base):
        """Django's multipart parser keeps only the base name before the app
        sees it (the app's own refusal is tested at the service above); the
        file is stored under a generated name inside MEDIA_ROOT."""
        pair = h.active_pair(world)
        report = draft(pair.protege.user, pair)
        client.force_login(pair.protege.user)
        boundary = "BoUnDaRyXyZ"
        body = b"\r\n".join(
            [
                f"--{boundary}".encode(),
                b'Content-Disposition: form-data; name="action"',
                b"",
                b"upload",
                f"--{boundary}".encode(),
                f'Content-Disposition: form-data; name="file"; filename="{sent}"'.encode(),
                b"Content-Type: application/pdf",
                b"",
                PDF,
                f"--{boundary}--".encode(),
                b"",
            ]
        )
        response = client.post(
            reverse("report_detail", args=[report.pk]),
            data=body,
            content_type=f"multipart/form-data; boundary={boundary}",
        )
        assert response.status_code in (200, 302)
        for a in Attachment.objects.filter(report=report):
            assert a.original_name == base
            assert a.file.name.startswith(f"reports/{report.pk}/")
        files = stored_files(media)
        assert all(p.resolve().is_relative_to(media.resolve()) for p in files)
        assert all(p.name.rsplit(".", 1)[0] not in ("passwd", "report", "a") for p in files)
        assert not (media.parent / "etc").exists()

    def test_another_user_cannot_upload_into_the_report(self, client, world, media):
        pair = h.active_pair(world)
        report = draft(pair.protege.user, pair)
        client.force_login(world.users["branch_council"])  # a draft is its author's alone
        before = state()
        response = self.post(client, report, SimpleUploadedFile("a.pdf", PDF))
        assert response.status_code == 404  # not visible: its existence is not confirmed
        client.force_login(pair.mentor.user)  # the other side does not even read it
        assert self.post(client, report, SimpleUploadedFile("a.pdf", PDF)).status_code == 404
        assert state() == before and stored_files(media) == []


class TestAttachmentDownload:
    @pytest.fixture
    def attachment(self, world, media):
        pair = h.active_pair(world)
        report = draft(pair.protege.user, pair, **FULL)
        a = services.add_attachment(
            by=pair.protege.user, report=report, uploaded=SimpleUploadedFile("Құпия-есеп.pdf", PDF)
        )
        services.submit_report(by=pair.protege.user, report=report)
        return a

    def test_the_author_and_the_addressee_download_it(self, client, world, attachment):
        for user in (attachment.report.author, world.users["branch_council"]):
            client.force_login(user)
            response = client.get(reverse("attachment_download", args=[attachment.pk]))
            assert response.status_code == 200
            assert b"".join(response.streaming_content) == PDF
            assert response["Content-Type"] == "application/pdf"
            assert "Құпия" not in response["Content-Disposition"]

    def test_others_cannot_download_it(self, client, world, attachment):
        url = reverse("attachment_download", args=[attachment.pk])
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]
        others = [
            world.users["court_chair"],
            world.users["hr_officer"],
            world.users["other_region"],
            world.users["judge"],
            f.user(office=Office.BRANCH_COUNCIL, region=world.other_region),
            f.user(office=Office.TRAINING_CENTRE, region=world.other_region),
        ]
        for user in others:
            client.force_login(user)
            assert client.get(url).status_code == 404, user


# --- §15.8, §16.4, §16.5 petitions -------------------------------------------------------


class TestPetitions:
    def test_the_mentor_petitions_that_the_goals_are_reached_15_8(self, world):
        pair = h.active_pair(world)
        before = state()
        with pytest.raises(Refused, match="§15.8"):
            services.file_petition(by=pair.protege.user, pair=pair, kind="goals_reached")
        with pytest.raises(Refused, match="§15.8"):
            services.file_petition(by=world.users["judge"], pair=pair, kind="goals_reached")
        assert state() == before
        petition = services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        assert (petition.status, petition.author) == ("pending", pair.mentor.user)
        note = Notification.objects.get(kind="petition_filed")
        assert note.user == world.users["branch_council"]
        assert note.url == reverse("council_queue")

    def test_the_protege_petitions_that_there_is_no_need_16_5(self, world):
        pair = h.active_pair(world)
        before = state()
        with pytest.raises(Refused, match="§16.5"):
            services.file_petition(by=pair.mentor.user, pair=pair, kind="no_need")
        assert state() == before
        petition = services.file_petition(by=pair.protege.user, pair=pair, kind="no_need")
        assert petition.kind == "no_need" and petition.status == "pending"
        assert notified("petition_filed") == {world.users["branch_council"].pk}

    def test_a_replacement_proposal_states_reasons_16_4(self, world):
        pair = h.active_pair(world)
        before = state()
        for reasons in ("", "   \n"):
            with pytest.raises(Refused, match="§16.4"):
                services.file_petition(
                    by=pair.protege.user, pair=pair, kind="replace_mentor", reasons=reasons
                )
        with pytest.raises(Refused, match="§16.4"):
            services.file_petition(
                by=pair.mentor.user,
                pair=pair,
                kind="replace_mentor",
                reasons="басқа тәлімгер керек",
            )
        assert state() == before
        petition = services.file_petition(
            by=pair.protege.user, pair=pair, kind="replace_mentor", reasons="  Кездесулер өтпейді  "
        )
        assert petition.reasons == "Кездесулер өтпейді"

    def test_a_second_pending_petition_of_the_same_kind_is_refused(self, world):
        pair = h.active_pair(world)
        services.file_petition(by=pair.protege.user, pair=pair, kind="no_need")
        before = state()
        with pytest.raises(Refused):
            services.file_petition(by=pair.protege.user, pair=pair, kind="no_need")
        assert state() == before
        assert Petition.objects.filter(pair=pair).count() == 1

    def test_a_petition_concerns_an_active_pair(self, world):
        pair = h.active_pair(world)
        issued(world, pair)
        before = state()
        with pytest.raises(Refused):
            services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        assert state() == before

    def test_rules(self):
        assert (
            petition_refusal("goals_reached", side="mentor", reasons="", pair_active=True) is None
        )
        assert petition_refusal("goals_reached", side="mentor", reasons="", pair_active=False)
        assert "§16.4" in petition_refusal(
            "replace_mentor", side="protege", reasons=" ", pair_active=True
        )
        assert petition_refusal("whatever", side="protege", reasons="x", pair_active=True)
        assert report_submission_refusal("mentor", {"work_done", "effectiveness"}) is None
        assert "§16.8" in report_submission_refusal("final", {"work_done", "effectiveness"})
        both = {"mentor_report_presented": True, "final_report_presented": True}
        assert completion_refusal(**both, missing_reasons="") is None
        one = {"mentor_report_presented": True, "final_report_presented": False}
        assert "§13, §14" in completion_refusal(**one, missing_reasons=" ")
        # §14: the council may record that a report was not submitted, with reasons
        assert completion_refusal(**one, missing_reasons="the protégé retired") is None
        assert petition_refusal("mentor_withdraws", side="mentor", reasons="", pair_active=True)
        assert (
            petition_refusal("mentor_withdraws", side="mentor", reasons="ill", pair_active=True)
            is None
        )
        assert petition_refusal("mentor_withdraws", side="protege", reasons="x", pair_active=True)
        assert decision_outcome("objective") == "ended"
        assert decision_outcome("petition", petition_kind="no_need", granted=False) is None
        assert (
            decision_outcome("petition", petition_kind="replace_mentor", granted=True) == "replaced"
        )
        assert decision_outcome("no_need") == "ended_early"


# --- §14 protocol decisions -------------------------------------------------------------


class TestProtocolDrafts:
    def test_only_the_branch_council_of_the_region_keeps_protocols(self, world):
        before = state()
        for by in (
            centre(world),
            h.as_office(world.users["coordinator"]),
            h.as_office(world.users["regional_chair"]),
            office_user(Office.BRANCH_COUNCIL, region=world.other_region),
            world.users["judge"],
        ):
            with pytest.raises(Refused):
                services.create_protocol(
                    by=by, region=world.region, held_on=today(), members_present="А. Б."
                )
        assert state() == before
        protocol = new_protocol(world)
        assert (protocol.status, protocol.number, protocol.document) == ("draft", None, None)

    def test_a_meeting_in_the_future_or_without_members_is_refused_14(self, world):
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.create_protocol(
                by=council(world),
                region=world.region,
                held_on=today() + dt.timedelta(days=1),
                members_present="А. Б.",
            )
        with pytest.raises(Refused, match="§14"):
            services.create_protocol(
                by=council(world), region=world.region, held_on=today(), members_present="  "
            )
        assert state() == before
        assert new_protocol(world, held_on=today() - dt.timedelta(days=7)).status == "draft"

    def test_a_completion_rests_on_the_reports_presented_13_14(self, world):
        # §14 «on the results of the information presented»: a report submitted
        # is presented (it used to need acceptance by the council)
        pair = h.active_pair(world)
        protocol = new_protocol(world)
        mentor_report = submitted(pair.mentor.user, pair)
        before = state()
        with pytest.raises(Refused, match="§13, §14"):
            services.add_decision(
                by=council(world), protocol=protocol, kind="completed", pairs=[pair]
            )
        assert state() == before
        final = submitted(pair.protege.user, pair)  # submitted, not yet accepted
        decision = services.add_decision(
            by=council(world), protocol=protocol, kind="completed", pairs=[pair]
        )
        assert set(decision.reports.values_list("pk", flat=True)) == {mentor_report.pk, final.pk}
        assert list(decision.pairs.all()) == [pair]
        # the same pair is not the subject of two items of one protocol
        before = state()
        with pytest.raises(Refused):
            services.add_decision(
                by=council(world), protocol=protocol, kind="replacement", pairs=[pair], reasons="x"
            )
        assert state() == before

    def test_a_completion_with_one_report_recorded_as_not_submitted_14(self, world):
        pair = h.active_pair(world)
        protocol = new_protocol(world)
        submitted(pair.mentor.user, pair)
        decision = services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="completed",
            pairs=[pair],
            missing_reports="The protégé's final report was not submitted: long illness.",
        )
        assert decision.missing_reports.startswith("The protégé's final report")
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        assert pair.status == "completed"
        assert pair.participation.status == "ended"
        assert pair.participation.end_reason == "completed"

    def test_a_completion_on_application_needs_no_report_14_16_5(self, world):
        pair = h.active_pair(world)
        assert not pair.reports.exists()
        protocol = new_protocol(world)
        services.add_decision(by=council(world), protocol=protocol, kind="no_need", pairs=[pair])
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        assert (pair.status, pair.participation.status) == ("ended_early", "ended")
        assert pair.participation.end_reason == "no_need"

    def test_a_completion_needs_the_final_report_too(self, world):
        pair = h.active_pair(world)
        protocol = new_protocol(world)
        final = submitted(pair.protege.user, pair)
        services.decide_report(by=council(world), report=final, accept=True)
        before = state()
        with pytest.raises(Refused, match="§13, §14"):
            services.add_decision(
                by=council(world), protocol=protocol, kind="completed", pairs=[pair]
            )
        assert state() == before

    def test_reports_accepted_by_the_training_centre_count(self, world):
        pair = h.active_pair(world)
        accept_both(world, pair, addressee="training_centre")
        decision = services.add_decision(
            by=council(world), protocol=new_protocol(world), kind="completed", pairs=[pair]
        )
        assert decision.reports.count() == 2

    def test_other_offices_cannot_add_decisions_and_replacement_needs_reasons(self, world):
        pair = h.active_pair(world)
        protocol = new_protocol(world)
        before = state()
        for by in (centre(world), office_user(Office.BRANCH_COUNCIL, region=world.other_region)):
            with pytest.raises(Refused):
                services.add_decision(
                    by=by, protocol=protocol, kind="replacement", pairs=[pair], reasons="себебі"
                )
        with pytest.raises(Refused, match="§16.4"):
            services.add_decision(
                by=council(world), protocol=protocol, kind="replacement", pairs=[pair], reasons=" "
            )
        assert state() == before

    def test_a_decision_is_removed_from_a_draft(self, world):
        pair = h.active_pair(world)
        protocol = new_protocol(world)
        decision = services.add_decision(
            by=council(world), protocol=protocol, kind="replacement", pairs=[pair], reasons="себебі"
        )
        with pytest.raises(Refused):
            services.remove_decision(by=centre(world), decision=decision)
        assert Decision.objects.filter(pk=decision.pk).exists()
        services.remove_decision(by=council(world), decision=decision)
        assert not Decision.objects.exists()


class TestIssuing:
    def test_a_completion_finalises_the_pairs_and_delivers_the_copies(self, world):
        first = h.active_pair(world)
        same_court = another_pair(world, first, world.district_court)
        small = another_pair(world, first, world.small_court)
        hr_small = f.user("hr_small", office=Office.HR_OFFICER, court=world.small_court)
        protocol = completion_protocol(world, first, same_court, small)
        protocol = services.issue_protocol(by=council(world), protocol=protocol)
        assert (protocol.status, protocol.number, protocol.year, protocol.issued_on) == (
            "issued",
            1,
            today().year,
            today(),
        )
        for pair in (first, same_court, small):
            pair.refresh_from_db()
            assert (pair.status, pair.ended_on) == ("completed", today())
            assert (pair.finalisation.status, pair.finalisation.decision.protocol_id) == (
                "completed",
                protocol.pk,
            )
        assert Finalisation.objects.count() == 3
        assert Decision.objects.get().frozen
        copies = sorted(
            ProtocolCopy.objects.filter(protocol=protocol).values_list(
                "recipient", "region", "court", "judge"
            ),
            key=str,
        )
        # §14: the whole protocol to the Training Centre; to HR an extract per
        # judge, for the protégé's file and for the mentor's
        mentor = first.mentor
        assert copies == sorted(
            [
                ("training_centre", world.region.pk, None, None),
                ("hr", world.region.pk, world.district_court.pk, first.protege.pk),
                ("hr", world.region.pk, world.district_court.pk, same_court.protege.pk),
                ("hr", world.region.pk, world.small_court.pk, small.protege.pk),
                ("hr", world.region.pk, mentor.court.pk, mentor.pk),
            ],
            key=str,
        )
        tc_copy = ProtocolCopy.objects.get(protocol=protocol, recipient="training_centre")
        assert tc_copy.document == protocol.document
        for copy in ProtocolCopy.objects.filter(protocol=protocol, recipient="hr"):
            assert copy.document.kind == "protocol_extract"
            text = pdf_text(copy.document)
            assert copy.judge.full_name in text
            others = {first.protege, same_court.protege, small.protege} - {copy.judge}
            if copy.judge != mentor:
                # the extract concerns that judge only
                assert not any(o.full_name in text for o in others), text
        assert notified("protocol_copy") == {
            world.users["training_centre"].pk,
            world.users["hr_officer"].pk,
            hr_small.pk,
        }
        assert not notified("mentor_replaced")
        members = {p.protege.user.pk for p in (first, same_court, small)} | {first.mentor.user.pk}
        assert notified("protocol_issued") == members

    @pytest.mark.parametrize(
        ("kind", "outcome"), [("no_need", "ended_early"), ("replacement", "replaced")]
    )
    def test_each_kind_of_decision_has_its_outcome(self, world, kind, outcome):
        pair = h.active_pair(world)
        if kind == "no_need":
            accept_both(world, pair)
        protocol = new_protocol(world)
        services.add_decision(
            by=council(world), protocol=protocol, kind=kind, pairs=[pair], reasons="Тәлімгер ауысты"
        )
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        assert (pair.status, pair.ended_on, pair.finalisation.status) == (outcome, today(), outcome)
        coordinator = {world.users["coordinator"].pk}
        assert notified("mentor_replaced") == (coordinator if kind == "replacement" else set())

    def test_numbers_run_per_branch_and_year(self, world):
        first = h.active_pair(world)
        second = another_pair(world, first, world.district_court)
        one = issued(world, first)
        protocol = new_protocol(world)
        services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="replacement",
            pairs=[second],
            reasons="себебі",
        )
        two = services.issue_protocol(by=council(world), protocol=protocol)
        assert (one.number, two.number) == (1, 2)
        assert one.year == two.year == today().year
        assert (one.document.number, two.document.number) == ("1", "2")
        # another branch numbers from 1
        other = type("W", (), {})()
        other.region, other.district_court = world.other_region, world.other_court
        other.regional_court = f.court(world.other_region, level=CourtLevel.REGIONAL)
        other.users = {
            "coordinator": world.users["other_region"],
            "regional_chair": f.user(office=Office.REGIONAL_CHAIR, region=world.other_region),
            "branch_council": f.user(office=Office.BRANCH_COUNCIL, region=world.other_region),
        }
        other_pair = h.active_pair(other, protege_judge=h.protege(other))
        other_council = h.as_office(other.users["branch_council"])
        protocol = services.create_protocol(
            by=other_council, region=world.other_region, held_on=today(), members_present="В. Г."
        )
        services.add_decision(
            by=other_council,
            protocol=protocol,
            kind="replacement",
            pairs=[other_pair],
            reasons="себебі",
        )
        # the branch council of alpha does not issue beta's protocol
        with pytest.raises(Refused):
            services.issue_protocol(by=council(world), protocol=protocol)
        assert services.issue_protocol(by=other_council, protocol=protocol).number == 1

    def test_a_draft_without_decisions_is_not_issued(self, world):
        protocol = new_protocol(world)
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.issue_protocol(by=council(world), protocol=protocol)
        assert state() == before

    def test_a_granted_goals_reached_petition_completes_the_pair(self, world):
        pair = h.active_pair(world)
        petition = services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        protocol = new_protocol(world)
        before = state()
        # §13, §14: a completion, also on a petition, rests on both accepted reports
        with pytest.raises(Refused, match="§13, §14"):
            services.add_decision(
                by=council(world),
                protocol=protocol,
                kind="petition",
                pairs=[],
                petition=petition,
                granted=True,
            )
        assert state() == before
        reports = h.accepted_reports(world, pair)
        decision = services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="petition",
            pairs=[],
            petition=petition,
            granted=True,
        )
        assert list(decision.pairs.all()) == [pair]
        assert set(decision.reports.all()) == set(reports)
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        petition.refresh_from_db()
        assert (pair.status, pair.ended_on, petition.status) == ("completed", today(), "granted")
        assert pair.finalisation.decision == decision

    def test_a_refused_petition_states_reasons_and_leaves_the_pair_active(self, world):
        pair = h.active_pair(world)
        petition = services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        protocol = new_protocol(world)
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.add_decision(
                by=council(world),
                protocol=protocol,
                kind="petition",
                pairs=[],
                petition=petition,
                granted=False,
                reasons=" ",
            )
        with pytest.raises(Refused):
            services.add_decision(
                by=council(world),
                protocol=protocol,
                kind="petition",
                pairs=[],
                petition=petition,
                granted=None,
            )
        assert state() == before
        services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="petition",
            pairs=[],
            petition=petition,
            granted=False,
            reasons="Жоспар әлі орындалған жоқ",
        )
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        petition.refresh_from_db()
        assert (pair.status, pair.ended_on, petition.status) == ("active", None, "refused")
        assert not Finalisation.objects.exists()
        # decided once: it is not put on another protocol
        before = state()
        with pytest.raises(Refused):
            services.add_decision(
                by=council(world),
                protocol=new_protocol(world),
                kind="petition",
                pairs=[],
                petition=petition,
                granted=True,
            )
        assert state()["decisions"] == before["decisions"]

    def test_after_a_replacement_the_coordinator_proposes_a_new_mentor(self, world):
        pair = h.active_pair(world)
        petition = services.file_petition(
            by=pair.protege.user, pair=pair, kind="replace_mentor", reasons="Кездесулер өтпейді"
        )
        protocol = new_protocol(world)
        services.add_decision(
            by=council(world),
            protocol=protocol,
            kind="petition",
            pairs=[],
            petition=petition,
            granted=True,
        )
        coordinator = h.as_office(world.users["coordinator"])
        # while the pair is active the protégé has a mentor (§10.1)
        with pytest.raises(Refused, match="§10.1"):
            services.propose_pair(by=coordinator, protege=pair.protege, entry=pair.roster_entry)
        services.issue_protocol(by=council(world), protocol=protocol)
        pair.refresh_from_db()
        petition.refresh_from_db()
        assert (pair.status, petition.status) == ("replaced", "granted")
        assert notified("mentor_replaced") == {world.users["coordinator"].pk}
        new_mentor = h.with_account(h.mentor_candidate(world))
        entry = services.propose_roster_member(
            by=coordinator,
            region=world.region,
            judge=new_mentor,
            role="mentor",
            **h.selection("mentor"),
        )
        services.answer_roster_invitation(by=new_mentor.user, entry=entry, accept=True)
        services.approve_roster(by=h.as_office(world.users["regional_chair"]), region=world.region)
        entry.refresh_from_db()
        proposal = services.propose_pair(by=coordinator, protege=pair.protege, entry=entry)
        assert (proposal.status, proposal.mentor, proposal.role) == (
            "proposed",
            new_mentor,
            "mentor",
        )

    def test_issuing_twice_is_refused(self, world):
        protocol = issued(world, h.active_pair(world))
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.issue_protocol(by=council(world), protocol=protocol)
        assert state() == before

    def test_a_pair_decided_by_an_issued_protocol_is_not_decided_again(self, world):
        pair = h.active_pair(world)
        accept_both(world, pair)
        first, second = new_protocol(world), new_protocol(world)
        for protocol in (first, second):
            services.add_decision(
                by=council(world), protocol=protocol, kind="completed", pairs=[pair]
            )
        services.issue_protocol(by=council(world), protocol=first)
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.issue_protocol(by=council(world), protocol=second)
        assert state() == before
        assert Finalisation.objects.get().decision.protocol_id == first.pk

    def test_an_issued_protocol_is_not_changed(self, world):
        pair = h.active_pair(world)
        other = another_pair(world, pair, world.district_court)
        protocol = issued(world, pair)
        decision = Decision.objects.get(protocol=protocol)
        before = state()
        with pytest.raises(Refused, match="§14"):
            services.add_decision(
                by=council(world), protocol=protocol, kind="replacement", pairs=[other], reasons="x"
            )
        with pytest.raises(Refused, match="§14"):
            services.remove_decision(by=council(world), decision=decision)
        assert state() == before
        attempts = [
            lambda: Protocol.objects.filter(pk=protocol.pk).update(members_present="x"),
            lambda: Protocol.objects.filter(pk=protocol.pk).update(status="draft"),
            lambda: Decision.objects.filter(protocol=protocol).update(reasons="x"),
            lambda: Decision.objects.filter(protocol=protocol).update(frozen=False),
            lambda: Decision.objects.filter(protocol=protocol)._raw_delete(connection.alias),
            lambda: Document.objects.filter(pk=protocol.document_id).update(number="99"),
            lambda: Finalisation.objects.filter(pair=pair).update(status="replaced"),
        ]
        for attempt in attempts:
            with pytest.raises(TRIGGER_ERRORS, match="pgtrigger: Cannot"), transaction.atomic():
                attempt()
        for table in (Protocol._meta.db_table, Document._meta.db_table):
            with pytest.raises(TRIGGER_ERRORS, match="pgtrigger: Cannot"), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"DELETE FROM {table} WHERE id = %s",
                        [protocol.pk if table == Protocol._meta.db_table else protocol.document_id],
                    )
        with pytest.raises((IntegrityError, *TRIGGER_ERRORS)), transaction.atomic():
            Protocol.objects.filter(pk=protocol.pk).delete()
        assert state() == before
        protocol.refresh_from_db()
        assert protocol.document.hash_matches()
        # the triggers concern issued rows: a draft protocol is still edited
        draft_protocol = new_protocol(world)
        assert Protocol.objects.filter(pk=draft_protocol.pk).update(members_present="В.") == 1

    def test_the_pairs_and_reports_of_an_issued_decision_are_not_changed(self, world):
        pair = h.active_pair(world)
        other = another_pair(world, pair, world.district_court)
        decision = Decision.objects.get(protocol=issued(world, pair))
        for change in (
            lambda: decision.pairs.add(other),
            lambda: decision.pairs.clear(),
            lambda: decision.reports.clear(),
        ):
            with pytest.raises(TRIGGER_ERRORS), transaction.atomic():
                change()
        assert list(decision.pairs.all()) == [pair]

    def test_no_decision_is_inserted_into_an_issued_protocol(self, world):
        pair = h.active_pair(world)
        protocol = issued(world, pair)
        with pytest.raises(TRIGGER_ERRORS), transaction.atomic():
            Decision.objects.create(protocol=protocol, kind="replacement", reasons="x")
        assert Decision.objects.filter(protocol=protocol).count() == 1

    def test_a_finalised_pairs_pending_petition_leaves_the_council_queue(self, world):
        pair = h.active_pair(world)
        petition = services.file_petition(by=pair.protege.user, pair=pair, kind="no_need")
        issued(world, pair)  # completed on the reports, not on the petition
        with pytest.raises(Refused):
            services.add_decision(
                by=council(world),
                protocol=new_protocol(world),
                kind="petition",
                pairs=[],
                petition=petition,
                granted=True,
            )
        queue = queries.council_queue(council(world).office)
        assert petition not in queue["petitions"]


class TestProtocolDocument:
    def test_the_pdf_holds_number_dates_branch_decision_and_names(self, world, client):
        pair = h.active_pair(world)
        protocol = completion_protocol(world, pair)
        held = today() - dt.timedelta(days=3)
        Protocol.objects.filter(pk=protocol.pk).update(
            held_on=held, members_present="Ахметова Әйгерім"
        )
        # the reports it decides on were presented before the meeting (§14)
        Report.objects.filter(pair=pair).update(submitted_at=timezone.now() - dt.timedelta(days=5))
        protocol.refresh_from_db()
        protocol = services.issue_protocol(by=council(world), protocol=protocol, language="kk")
        document = protocol.document
        text = pdf_text(document)
        assert f"№ {protocol.number}" in text
        assert long_date(today(), "kk", "attr") in text
        assert f"{long_date(held, 'kk', 'loc')} өтті" in text
        assert branch_council_name(world.region, "kk") in text
        assert "Ахметова Әйгерім" in text
        with translation.override("kk"):
            heading = translation.gettext("PROTOCOL DECISION")
        # printed in Kazakh, not in the English source text
        assert heading in text and "PROTOCOL DECISION" not in text
        assert "Ереженің 14-тармағы негізінде" in text
        assert "менторлығы бағдарламаның мақсаттарына қол жеткізілуіне байланысты аяқталсын" in text
        assert pair.protege.full_name in text and pair.mentor.full_name in text
        assert document.verification_code in text
        assert document.kind == "protocol" and document.language == "kk"
        assert document.hash_matches()
        assert document.sha256 == hashlib.sha256(bytes(document.pdf)).hexdigest()
        client.force_login(world.users["branch_council"])
        response = client.get(reverse("protocol_pdf", args=[protocol.pk]))
        assert response.status_code == 200 and response.content == bytes(document.pdf)

    def test_the_issuer_line_is_in_the_documents_language(self, world):
        pair = h.active_pair(world)
        protocol = completion_protocol(world, pair)
        with translation.override("ru"):
            protocol = services.issue_protocol(by=council(world), protocol=protocol, language="kk")
        assert protocol.document.issuer == branch_council_name(world.region, "kk")
        assert "Завершить" not in pdf_text(protocol.document)


@pytest.mark.django_db(transaction=True)
def test_two_sessions_issuing_the_same_protocol_issue_it_once(world):
    pair = h.active_pair(world)
    protocol = completion_protocol(world, pair)
    users = [
        world.users["branch_council"].pk,
        f.user(office=Office.BRANCH_COUNCIL, region=world.region).pk,
    ]
    results, barrier = [], threading.Barrier(2)

    def issue(user_id):
        try:
            user = h.as_office(get_user_model().objects.get(pk=user_id))
            barrier.wait()
            results.append(services.issue_protocol(by=user, protocol=protocol))
        except Exception as exc:  # any other error fails the test
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(type(r).__name__ for r in results) == ["Protocol", "Refused"], results
    protocol.refresh_from_db()
    assert (protocol.status, protocol.number) == ("issued", 1)
    assert Finalisation.objects.count() == 1
    assert Document.objects.filter(kind="protocol").count() == 1
    assert ProtocolCopy.objects.count() == 3  # the Training Centre's, two extracts


@pytest.mark.django_db(transaction=True)
def test_two_protocols_deciding_the_same_pair_at_once_finalise_it_once(world):
    pair = h.active_pair(world)
    accept_both(world, pair)
    protocols = [new_protocol(world), new_protocol(world)]
    for protocol in protocols:
        services.add_decision(by=council(world), protocol=protocol, kind="completed", pairs=[pair])
    users = [
        world.users["branch_council"].pk,
        f.user(office=Office.BRANCH_COUNCIL, region=world.region).pk,
    ]
    results, barrier = [], threading.Barrier(2)

    def issue(user_id, protocol):
        try:
            user = h.as_office(get_user_model().objects.get(pk=user_id))
            barrier.wait()
            results.append(services.issue_protocol(by=user, protocol=protocol))
        except Exception as exc:  # any other error fails the test
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=a) for a in zip(users, protocols, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(type(r).__name__ for r in results) == ["Protocol", "Refused"], results
    winner = next(r for r in results if isinstance(r, Protocol))
    assert Finalisation.objects.count() == 1
    assert Finalisation.objects.get().decision.protocol_id == winner.pk
    assert sorted(Protocol.objects.values_list("status", flat=True)) == ["draft", "issued"]
    pair.refresh_from_db()
    assert pair.status == "completed"


# --- copies, personal files, the council's queue (§14) --------------------------------------


class TestCopies:
    def test_the_recipients_see_and_acknowledge_their_copies(self, world):
        protocol = issued(world, h.active_pair(world))
        tc, hr = centre(world), h.as_office(world.users["hr_officer"])
        tc_copy = queries.copies_for(tc.office).get()
        hr_copy = queries.copies_for(hr.office).get()
        assert (tc_copy.protocol, tc_copy.recipient) == (protocol, "training_centre")
        assert (hr_copy.protocol, hr_copy.recipient, hr_copy.court) == (
            protocol,
            "hr",
            world.district_court,
        )
        # §14: the mentor's court's HR receives an extract for the mentor's file
        mentor_copy = ProtocolCopy.objects.get(protocol=protocol, court=world.regional_court)
        assert (hr_copy.judge, mentor_copy.judge) == (
            protocol.decisions.get().pairs.get().protege,
            protocol.decisions.get().pairs.get().mentor,
        )
        queue = queries.council_queue(council(world).office)
        assert set(queue["unacknowledged"]) == {tc_copy, hr_copy, mentor_copy}
        services.acknowledge_copy(by=hr, copy=hr_copy)
        hr_copy.refresh_from_db()
        assert hr_copy.acknowledged_at is not None and hr_copy.acknowledged_by == hr.user
        assert set(queries.council_queue(council(world).office)["unacknowledged"]) == {
            tc_copy,
            mentor_copy,
        }
        services.acknowledge_copy(by=tc, copy=tc_copy)
        assert queries.council_queue(council(world).office)["unacknowledged"] == [mentor_copy]
        before = state()
        with pytest.raises(Refused):
            services.acknowledge_copy(by=hr, copy=hr_copy)
        assert state() == before

    def test_other_recipients_neither_acknowledge_nor_open_the_copy(self, world, client):
        protocol = issued(world, h.active_pair(world))
        tc_copy = ProtocolCopy.objects.get(recipient="training_centre")
        hr_copy = ProtocolCopy.objects.get(recipient="hr", court=world.district_court)
        other_hr = office_user(Office.HR_OFFICER, court=world.small_court)
        other_tc = office_user(Office.TRAINING_CENTRE, region=world.other_region)
        before = state()
        for by, copy in (
            (other_hr, hr_copy),
            (other_tc, tc_copy),
            (other_hr, tc_copy),
            (centre(world), hr_copy),
            (h.as_office(world.users["hr_officer"]), tc_copy),
            (council(world), hr_copy),
        ):
            with pytest.raises(Refused):
                services.acknowledge_copy(by=by, copy=copy)
        assert not queries.copies_for(other_hr.office).exists()
        assert not queries.copies_for(other_tc.office).exists()
        pdf = reverse("protocol_pdf", args=[protocol.pk])
        for user in (other_hr.user, other_tc.user, world.users["court_chair"]):
            client.force_login(user)
            assert client.get(pdf).status_code == 404, user
            response = client.post(reverse("copy_acknowledge", args=[hr_copy.pk]))
            assert response.status_code == 404
        assert state() == before
        for user in (world.users["hr_officer"], world.users["training_centre"]):
            client.force_login(user)
            response = client.get(pdf)
            assert response.status_code == 200
            assert response.content == bytes(protocol.document.pdf)

    def test_the_hr_officer_acknowledges_through_the_inbox(self, world, client):
        issued(world, h.active_pair(world))
        copy = ProtocolCopy.objects.get(recipient="hr", court=world.district_court)
        client.force_login(world.users["hr_officer"])
        response = client.get(reverse("copy_pdf", args=[copy.pk]))
        assert response.status_code == 200 and response.content == bytes(copy.document.pdf)
        assert client.get(reverse("copies_inbox")).status_code == 200
        response = client.post(reverse("copy_acknowledge", args=[copy.pk]))
        assert response.status_code == 302
        copy.refresh_from_db()
        assert copy.acknowledged_by == world.users["hr_officer"]


class TestPersonalFile:
    def test_the_hr_officer_of_the_proteges_court_opens_it(self, world, client):
        pair = h.active_pair(world)
        protocol = issued(world, pair)
        url = reverse("personal_file", args=[pair.protege.pk])
        client.force_login(world.users["hr_officer"])
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert f"№ {protocol.number}, " in page
        extract = ProtocolCopy.objects.get(protocol=protocol, judge=pair.protege)
        assert reverse("copy_pdf", args=[extract.pk]) in page
        for user in (
            f.user(office=Office.HR_OFFICER, court=world.small_court),
            world.users["court_chair"],
            world.users["training_centre"],
        ):
            client.force_login(user)
            assert client.get(url).status_code == 404, user

    def test_it_lists_issued_decisions_as_protege_and_as_mentor(self, world):
        pair = h.active_pair(world)
        other = another_pair(world, pair, world.district_court)
        protocol = issued(world, pair)
        decision = Decision.objects.get(protocol=protocol)
        # a draft protocol about the other pair is not in any personal file yet
        pending = new_protocol(world)
        services.add_decision(
            by=council(world), protocol=pending, kind="replacement", pairs=[other], reasons="себебі"
        )
        assert queries.personal_file(pair.protege) == [decision]
        assert queries.personal_file(pair.mentor) == [decision]
        assert queries.personal_file(other.protege) == []
        assert queries.personal_file(world.judge) == []
        services.issue_protocol(by=council(world), protocol=pending)
        later = Decision.objects.get(protocol=pending)
        assert set(queries.personal_file(pair.mentor)) == {decision, later}
        assert queries.personal_file(other.protege) == [later]


class TestCouncilQueue:
    def test_overdue_pairs_petitions_and_submitted_reports_await_the_council(self, world):
        pair = h.active_pair(world)
        late = another_pair(world, pair, world.district_court)
        registered = add_months(today(), -13)
        Pair.objects.filter(pk=late.pk).update(
            registered_on=registered, term_ends_on=term_last_day(registered, 12)
        )
        petition = services.file_petition(by=pair.mentor.user, pair=pair, kind="goals_reached")
        to_council = submitted(pair.protege.user, pair, "branch_council")
        to_centre = submitted(pair.mentor.user, pair, "training_centre")
        protocol = new_protocol(world)
        queue = queries.council_queue(council(world).office)
        assert queue["overdue"] == [late]
        assert queue["petitions"] == [petition]
        assert queue["reports"] == [to_council]
        assert queue["drafts"] == [protocol]
        centre_queue = queries.council_queue(centre(world).office)
        assert centre_queue["reports"] == [to_centre]
        assert centre_queue["petitions"] == [] and centre_queue["overdue"] == [late]
        other = office_user(Office.BRANCH_COUNCIL, region=world.other_region)
        assert not any(queries.council_queue(other.office).values())
        # decided items leave the queue
        services.decide_report(by=council(world), report=to_council, accept=True)
        assert queries.council_queue(council(world).office)["reports"] == []

    def test_a_pair_within_its_term_is_not_overdue(self, world):
        pair = h.active_pair(world)
        # an (extended) term whose last day is today is not yet overdue
        Pair.objects.filter(pk=pair.pk).update(
            registered_on=add_months(today(), -13), term_ends_on=today()
        )
        assert queries.council_queue(council(world).office)["overdue"] == []
        assert queries.council_queue(council(world).office, today=today() + dt.timedelta(days=1))[
            "overdue"
        ] == [pair]

    def test_the_queue_page(self, world, client):
        pair = h.active_pair(world)
        submitted(pair.protege.user, pair)
        for user, status in (
            (world.users["branch_council"], 200),
            (world.users["training_centre"], 200),
            (world.users["coordinator"], 403),
            (world.users["hr_officer"], 403),
        ):
            client.force_login(user)
            assert client.get(reverse("council_queue")).status_code == status, user
