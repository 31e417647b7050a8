"""Written reports of the pair (§13, §16.8) and their attachments: upload,
checks, download. Every refusal leaves the database as it was (`state()`)."""

import hashlib

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from courts.models import Office
from mentorship.errors import Refused
from mentorship.models import Notification
from programs import services
from programs.models import (
    Attachment,
    Report,
)
from tests import factories as f
from tests.programs import helpers as h
from tests.programs.protocol_support import (
    FULL,
    PDF,
    TRIGGER_ERRORS,
    RawUpload,
    centre,
    council,
    docx_bytes,
    draft,
    notified,
    office_user,
    read_stored,
    state,
    stored_files,
    submitted,
)

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
