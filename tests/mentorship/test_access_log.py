"""#12.6 the access log of personal data: every view or export of a judge's
page, personal file, report text, attachment, register export, annual
workbook and every IIN shown in full writes who, in which office, when, what
and how; append-only (a trigger); read by the data-protection officer,
filtered by person and period; a refused request records nothing; the journal
is never in it (§4.2)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from courts.models import Judge, Office
from mentorship.models import AccessRecord
from programs import services
from tests import factories as f
from tests.programs import helpers as h
from tests.programs.protocol_support import FULL


def records():
    return list(
        AccessRecord.objects.order_by("id").values_list(
            "user__username", "how", "what", "subject_id"
        )
    )


def test_a_judge_page_is_recorded_with_the_office_and_an_iin_shown_in_full_too(client, world):
    Judge.objects.filter(pk=world.judge.pk).update(iin="850302300602")
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("judge_detail", args=[world.judge.pk])).status_code == 200
    client.force_login(world.users["hr_officer"])
    assert client.get(reverse("judge_detail", args=[world.judge.pk])).status_code == 200
    assert records() == [
        ("coordinator", "viewed", "courts.judge", world.judge.pk),
        ("hr_officer", "viewed", "courts.judge", world.judge.pk),
        ("hr_officer", "iin_shown", "courts.judge", world.judge.pk),
    ]
    first = AccessRecord.objects.order_by("id").first()
    assert "alpha" in first.office and first.path == reverse("judge_detail", args=[world.judge.pk])


def test_a_refused_request_records_nothing(client, world):
    client.force_login(world.users["other_region"])
    assert client.get(reverse("judge_detail", args=[world.judge.pk])).status_code == 404
    client.force_login(world.users["court_chair"])
    assert client.get(reverse("pair_export")).status_code in (200, 403)
    assert all(r[0] != "other_region" for r in records())


def test_report_texts_and_attachments_are_recorded_but_not_the_authors_own_reading(
    client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    pair = h.active_pair(world)
    user = pair.protege.user
    report = services.start_report(user, pair)
    attachment = services.add_attachment(
        by=user,
        report=report,
        uploaded=SimpleUploadedFile("есеп.pdf", h.MINIMAL_PDF, content_type="application/pdf"),
    )
    services.save_report(by=user, report=report, addressee="branch_council", **FULL)
    services.submit_report(by=user, report=report)
    client.force_login(user)
    assert client.get(reverse("report_detail", args=[report.pk])).status_code == 200
    assert client.get(reverse("attachment_download", args=[attachment.pk])).status_code == 200
    assert records() == []  # their own report
    client.force_login(world.users["branch_council"])
    assert client.get(reverse("report_detail", args=[report.pk])).status_code == 200
    assert client.get(reverse("attachment_download", args=[attachment.pk])).status_code == 200
    assert records() == [
        ("branch_council", "viewed", "programs.report", pair.protege_id),
        ("branch_council", "downloaded", "programs.attachment", pair.protege_id),
    ]


def test_the_register_export_is_recorded(client, world):
    client.force_login(world.users["central_council"])
    assert client.get(reverse("pair_export")).status_code == 200
    assert records() == [("central_council", "exported", "programs.register_of_pairs", None)]


def test_the_journal_is_never_in_the_log(client, world):
    pair = h.active_pair(world)
    for user in (pair.protege.user, pair.mentor.user):
        client.force_login(user)
        client.get(reverse("pair_journal", args=[pair.pk]))
        client.get(reverse("pair_detail", args=[pair.pk]))
    assert not AccessRecord.objects.filter(what__icontains="journal").exists()
    assert not AccessRecord.objects.filter(path__icontains="journal").exists()


def test_the_log_is_append_only(world):
    AccessRecord.objects.create(user=world.users["coordinator"], how="viewed", what="courts.judge")
    for change in (
        lambda: AccessRecord.objects.update(how="exported"),
        lambda: AccessRecord.objects.all().delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            change()
    assert AccessRecord.objects.get().how == "viewed"


@pytest.fixture
def officer(world):
    return f.user("dpo", office=Office.DATA_PROTECTION)


def test_the_officer_filters_by_person_and_period(client, world, officer):
    coordinator, council = world.users["coordinator"], world.users["branch_council"]
    AccessRecord.objects.create(
        user=coordinator, how="viewed", what="courts.judge", subject=world.judge
    )
    AccessRecord.objects.create(
        user=council, how="viewed", what="courts.judge", subject=world.other_judge
    )
    client.force_login(officer)
    url = reverse("access_log")
    everything = client.get(url)
    assert everything.status_code == 200 and len(everything.context["page"]) == 2
    person = client.get(url, {"person": world.other_judge.last_name})
    assert [r.subject_id for r in person.context["page"]] == [world.other_judge.pk]
    today = timezone.localdate()
    later = client.get(url, {"since": (today + dt.timedelta(days=1)).isoformat()})
    assert len(later.context["page"]) == 0
    now = client.get(url, {"since": today.isoformat(), "until": today.isoformat()})
    assert len(now.context["page"]) == 2


def test_bad_filters_are_a_message_not_an_error(client, world, officer):
    client.force_login(officer)
    client.cookies["django_language"] = "ru"
    url = reverse("access_log")
    for query in (
        {"since": "31.02.2026"},
        {"since": "2026-12-02", "until": "2026-01-01"},
        {"page": "x"},
        {"person": "а" * 500},
    ):
        response = client.get(url, query)
        assert response.status_code == 200, query
    backwards = client.get(url, {"since": "2026-12-02", "until": "2026-01-01"}).content.decode()
    assert "Дата окончания периода предшествует дате его начала." in backwards


def test_no_other_office_reads_the_log(client, world):
    for name in ("administrator", "central_council", "hr_officer", "judge"):
        client.force_login(world.users[name])
        assert client.get(reverse("access_log")).status_code == 403, name
