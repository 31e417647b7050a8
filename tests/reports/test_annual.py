"""The annual analysis (§17–19): the figures of a known year, in `figures`,
the XLSX workbook and the PDF; the best-mentor ranking by the stated
criteria (§17); nominations (§17) and the Central Council's recommendations
(§18); the reporting periods; the yearly job (idempotent); permissions; the
beat schedule; a query budget independent of the data size."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader

from courts.models import CourtLevel, Office, Region
from mentorship.errors import Refused
from mentorship.models import Document, Notification
from programs import services
from programs.models import Feedback
from programs.regulation import add_months
from reports import rules
from reports import services as rs
from reports.models import AnnualReport
from tests import factories as f
from tests.programs import helpers as h


@pytest.fixture(autouse=True)
def _calendar_year(settings):
    """§17: the calendar year unless a test says otherwise (REPORT_YEAR may be set)."""
    settings.REPORT_YEAR = "calendar"


def pdf_text(document) -> str:
    """The PDF's text with whitespace collapsed (table cells wrap)."""
    raw = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(document.pdf))).pages)
    return " ".join(raw.split())


def workbook(report):
    return load_workbook(io.BytesIO(bytes(report.xlsx)))


def beta_world(w):
    """The second region, with its regional court and offices, in the shape
    the helpers expect."""
    return SimpleNamespace(
        region=w.other_region,
        regional_court=f.court(w.other_region, level=CourtLevel.REGIONAL),
        district_court=w.other_court,
        users={
            "coordinator": w.users["other_region"],
            "regional_chair": f.user(office=Office.REGIONAL_CHAIR, region=w.other_region),
            "branch_council": f.user(office=Office.BRANCH_COUNCIL, region=w.other_region),
        },
    )


@pytest.fixture
def known(world, monkeypatch):
    """A known year in the world's region (alpha):

    pairs registered this year: A and B (mentor M), C (tutor T); A completed
    by a protocol on both accepted reports (§13, §14); B extended by the
    regional chair (§5). Plan items due this year: A 1 on time + 1 open,
    B 1 on time + 1 open (+ 1 due next year, outside the period), C 1 on
    time + 1 late + 1 open. Feedback (§16.3): A 5, B 4, C 3. A regional
    seminar (3 invited, 2 attended) and a national one (an alpha and a beta
    judge invited, both attended). M nominated (§17); a Central Council
    recommendation (§18). Beta: one mentor pair, no activity.
    """
    w = world
    today = timezone.localdate()
    mentor_entry, tutor_entry = h.roster_entries(w)
    a = h.active_pair(w, entry=mentor_entry)
    b = h.active_pair(w, entry=mentor_entry)
    c = h.active_pair(w, entry=tutor_entry)
    beta = beta_world(w)
    beta_pair = h.active_pair(beta)
    services.extend_term(
        by=h.as_office(w.users["regional_chair"]),
        pair=b,
        new_end=add_months(today, 24) - dt.timedelta(days=1),
        reasons="Кәсіби даярлық",
    )
    b.refresh_from_db()
    chair = h.as_office(w.users["court_chair"])

    def plan(pair, *dues):
        items = [
            services.add_plan_item(
                by=pair.mentor.user,
                pair=pair,
                task=n % 7 + 1,
                description=f"Тапсырма {n}",
                expected_result="Нәтиже",
                due_on=due,
            )
            for n, due in enumerate(dues, start=1)
        ]
        services.submit_plan(by=pair.protege.user, pair=pair)
        services.decide_plan(by=chair, pair=pair, approve=True)
        return items

    def check(pair, item):
        services.check_plan_item(by=pair.mentor.user, pair=pair, item_id=item.pk, fulfilled=True)

    a1, _a2 = plan(a, today, today)
    b1, _b2, b3 = plan(b, today, today, add_months(today, 13))
    c1, c2, _c3 = plan(c, today, today, today)
    for pair, item in ((a, a1), (b, b1), (b, b3), (c, c2)):
        check(pair, item)
    with monkeypatch.context() as m:  # the tutor checks c1 a day after it was due
        m.setattr(timezone, "localdate", lambda *args, **kw: today + dt.timedelta(days=1))
        check(c, c1)
    for pair, rating in ((a, 5), (b, 4), (c, 3)):
        services.give_feedback(by=pair.protege.user, pair=pair, rating=rating)

    council = h.as_office(w.users["branch_council"])
    h.accepted_reports(w, a)
    protocol = services.create_protocol(
        by=council, region=w.region, held_on=today, members_present="Кеңес мүшелері"
    )
    services.add_decision(by=council, protocol=protocol, kind="completed", pairs=[a])
    services.issue_protocol(by=council, protocol=protocol)

    seminar = services.schedule_seminar(
        by=council, region=w.region, held_on=today, place="Көкшетау", topic="Бағдарлау"
    )
    services.invite_to_seminar(
        by=council, seminar=seminar, judges=[a.protege, b.protege, c.protege]
    )
    services.record_attendance(
        by=council, seminar=seminar, attended_ids={a.protege.pk, b.protege.pk}
    )
    cc = h.as_office(w.users["central_council"])
    national = services.schedule_seminar(
        by=cc, region=None, held_on=today, place="Астана", topic="Ұлттық семинар"
    )
    services.invite_to_seminar(by=cc, seminar=national, judges=[c.protege, w.other_judge])
    services.record_attendance(
        by=cc, seminar=national, attended_ids={c.protege.pk, w.other_judge.pk}
    )

    rs.nominate(
        by=council,
        region=w.region,
        year=today.year,
        judge=a.mentor,
        reasons="Үздік тәлімгер, үш жұп",
    )
    rs.recommend(by=cc, year=today.year, text="Тәлімгерлік тәжірибесін кеңінен тарату")
    return SimpleNamespace(
        w=w,
        today=today,
        a=a,
        b=b,
        c=c,
        beta_pair=beta_pair,
        council=council,
        cc=cc,
        mentor=a.mentor,
        tutor=c.mentor,
    )


def generate(by, region, year, django_capture_on_commit_callbacks):
    """Request the report; the task is enqueued on commit and (eager in tests)
    generates it in the active language — Kazakh here."""
    with translation.override("kk"), django_capture_on_commit_callbacks(execute=True):
        report = rs.request_annual_report(by=by, region=region, year=year)
    report.refresh_from_db()
    assert report.state == "done", report.error
    return report


def expected_best(k):
    m = {
        "name": k.mentor.full_name,
        "role": "mentor",
        "completed": 1,
        "items_due": 4,
        "items_on_time": 2,
        "feedback": 4.5,
        "score": 24.0,
    }
    t = {
        "name": k.tutor.full_name,
        "role": "tutor",
        "completed": 0,
        "items_due": 3,
        "items_on_time": 1,
        "feedback": 3.0,
        "score": 9.33,
    }
    for row in (m, t):  # the score is the stated formula of its parts (§17)
        assert row["score"] == rules.mentor_score(
            completed=row["completed"],
            items_due=row["items_due"],
            items_on_time=row["items_on_time"],
            feedback_avg=row["feedback"],
        )
    return [m, t]


SUMMARY_LABELS = [
    "Scope",
    "Period",
    "Pairs formed",
    "of which mentors",
    "of which tutors",
    "Pairs active",
    "Pairs completed",
    "Pairs ended early",
    "Pairs extended",
    "Mentors replaced",
    "Plan items due",
    "fulfilled on time",
    "fulfilled late",
    "not fulfilled",
    "Mentors' reports received",
    "Protégés' final reports received",
    "Reports accepted",
    "Feedback given",
    "Average rating (1–5)",
    "Seminars held",
    "Judges invited",
    "Judges attended",
]


def summary(report) -> list[tuple]:
    book = workbook(report)
    with translation.override("kk"):
        sheet = book[gettext("Summary")]
    return [(r[0], r[1]) for r in sheet.iter_rows(min_col=1, max_col=2, values_only=True)]


def check_summary(report, expected_values):
    rows = summary(report)
    assert [v for _label, v in rows] == expected_values
    with translation.override("kk"):
        assert [label for label, _v in rows] == [gettext(x) for x in SUMMARY_LABELS]


def best_sheet_rows(report):
    book = workbook(report)
    with translation.override("kk"):
        sheet = book[gettext("Best mentors")[:31]]
    return [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)]


class TestKnownYear:
    def test_s17_regional_report_figures_xlsx_and_pdf(
        self, known, django_capture_on_commit_callbacks
    ):
        k = known
        report = generate(k.council, k.w.region, k.today.year, django_capture_on_commit_callbacks)
        year = k.today.year
        assert (report.period_start, report.period_end) == (
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
        )
        fig = report.figures
        assert fig["pairs"] == {
            "formed": 3,
            "formed_mentor": 2,
            "formed_tutor": 1,
            "active": 2,
            "completed": 1,
            "ended_early": 0,
            "extended": 1,
            "replaced": 0,
        }
        assert fig["items"] == {"due": 7, "on_time": 3, "late": 1, "open": 3}
        assert fig["reports"] == {"mentor": 1, "final": 1, "accepted": 2}
        assert fig["feedback"] == {"count": 3, "average": 4.0}
        # the national seminar counts for the alpha judge it invited, not the beta one
        assert fig["events"] == {"seminars": 2, "invited": 4, "attended": 3}
        assert fig["best"] == expected_best(k)
        assert "regions" not in fig
        # the stored figures are what compute_figures gives
        assert fig == rs.compute_figures(k.w.region, report.period_start, report.period_end)

        check_summary(
            report,
            [
                "alpha облысы",
                f"01.01.{year} – 31.12.{year}",
                3,
                2,
                1,
                2,
                1,
                0,
                1,
                0,
                7,
                3,
                1,
                3,
                1,
                1,
                2,
                3,
                4.0,
                2,
                4,
                3,
            ],
        )
        assert best_sheet_rows(report) == [
            # the role in the workbook's language, not the code
            [k.mentor.full_name, "ментор", 1, 4, 2, 4.5, 24.0],
            [k.tutor.full_name, "тәлімгер", 0, 3, 1, 3.0, 9.33],
        ]
        book = workbook(report)
        with translation.override("kk"):
            nominations = book[gettext("Nominations")[:31]]
            assert gettext("Regions")[:31] not in book.sheetnames
        assert [list(r) for r in nominations.iter_rows(min_row=2, values_only=True)] == [
            [k.mentor.full_name, "Үздік тәлімгер, үш жұп"]
        ]

        text = pdf_text(report.document)
        assert report.document.language == "kk"
        assert "alpha облысы" in text
        assert f"{year} жылғы 1 қаңтар – {year} жылғы 31 желтоқсан" in text
        assert "3 2 1 2 1 0 1 0" in text  # pairs: formed … replaced
        assert "7 3 1 3" in text  # items: due, on time, late, open
        assert "1 1 2 3 4,0" in text  # reports, feedback
        assert "2 4 3" in text  # events
        assert f"1 {k.mentor.full_name} ментор 1 2 / 4 4,5 24,0" in text
        # the tutor's row may break across the page: its figures, then its name
        assert "0 1 / 3 3,0 9,33" in text and k.tutor.full_name in text
        assert text.index(k.mentor.full_name) < text.index(k.tutor.full_name)
        assert f"{k.mentor.full_name}: Үздік тәлімгер, үш жұп" in text
        # §18 recommendations belong to the national report only
        assert "Тәлімгерлік тәжірибесін кеңінен тарату" not in text
        assert "beta облысы" not in text

        ready = Notification.objects.filter(kind="annual_report_ready")
        assert [n.user for n in ready] == [k.w.users["branch_council"]]
        assert ready.get().params["scope"]["kk"] == "alpha облысы"
        assert ready.get().url == reverse("annual_report_detail", args=[report.pk])

    def test_s18_national_report_figures_xlsx_and_pdf(
        self, known, django_capture_on_commit_callbacks
    ):
        k = known
        report = generate(k.cc, None, k.today.year, django_capture_on_commit_callbacks)
        year = k.today.year
        fig = report.figures
        assert fig["pairs"] == {
            "formed": 4,
            "formed_mentor": 3,
            "formed_tutor": 1,
            "active": 3,
            "completed": 1,
            "ended_early": 0,
            "extended": 1,
            "replaced": 0,
        }
        assert fig["items"] == {"due": 7, "on_time": 3, "late": 1, "open": 3}
        assert fig["reports"] == {"mentor": 1, "final": 1, "accepted": 2}
        assert fig["feedback"] == {"count": 3, "average": 4.0}
        assert fig["events"] == {"seminars": 2, "invited": 5, "attended": 4}
        # the beta mentor scores 0 and is not ranked
        assert fig["best"] == expected_best(k)
        assert fig["regions"] == [
            {
                "name": {"kk": "alpha облысы", "ru": "область alpha", "en": "alpha Region"},
                "formed": 3,
                "completed": 1,
                "ended_early": 0,
                "replaced": 0,
            },
            {
                "name": {"kk": "beta облысы", "ru": "область beta", "en": "beta Region"},
                "formed": 1,
                "completed": 0,
                "ended_early": 0,
                "replaced": 0,
            },
        ]

        check_summary(
            report,
            [
                "Қазақстан Республикасы",
                f"01.01.{year} – 31.12.{year}",
                4,
                3,
                1,
                3,
                1,
                0,
                1,
                0,
                7,
                3,
                1,
                3,
                1,
                1,
                2,
                3,
                4.0,
                2,
                5,
                4,
            ],
        )
        book = workbook(report)
        with translation.override("kk"):
            regions = book[gettext("Regions")[:31]]
        assert [list(r) for r in regions.iter_rows(min_row=2, values_only=True)] == [
            ["alpha облысы", 3, 1, 0, 0],
            ["beta облысы", 1, 0, 0, 0],
        ]

        text = pdf_text(report.document)
        assert "Қазақстан Республикасы" in text
        assert "4 3 1 3 1 0 1 0" in text
        assert "1 1 2 3 4,0" in text and "2 5 4" in text
        assert "alpha облысы 3 1 0 0" in text and "beta облысы 1 0 0 0" in text
        assert f"1 {k.mentor.full_name} ментор 1 2 / 4 4,5 24,0" in text
        assert f"{k.mentor.full_name} (alpha облысы): Үздік тәлімгер, үш жұп" in text
        assert "Тәлімгерлік тәжірибесін кеңінен тарату" in text
        assert [n.user for n in Notification.objects.filter(kind="annual_report_ready")] == [
            k.w.users["central_council"]
        ]

        # the dashboard's key figure agrees with the report
        from reports.queries import key_figures

        cc = k.cc
        with translation.override("kk"):
            figures = {label: n for label, n, _url in key_figures(cc.office, cc.user)}
            assert figures[gettext("Pairs completed this year")] == fig["pairs"]["completed"]


# --- §17: the best-mentor score, a pure function -----------------------------------------


class TestMentorScore:
    def test_s17_one_completed_pair_half_the_items_on_time_average_4_5_scores_24(self):
        assert (
            rules.mentor_score(completed=1, items_due=4, items_on_time=2, feedback_avg=4.5) == 24.0
        )

    def test_s17_no_items_due_and_no_feedback_count_as_zero(self):
        assert (
            rules.mentor_score(completed=2, items_due=0, items_on_time=0, feedback_avg=None) == 20.0
        )
        assert (
            rules.mentor_score(completed=0, items_due=0, items_on_time=0, feedback_avg=None) == 0.0
        )

    def test_s17_the_score_is_rounded_to_two_places(self):
        assert (
            rules.mentor_score(completed=0, items_due=3, items_on_time=1, feedback_avg=3.0) == 9.33
        )

    def test_s17_ranking_orders_by_score(self, world):
        """best_mentors sorts by the score, highest first."""
        mentor_entry, tutor_entry = h.roster_entries(world)
        weak = h.active_pair(world, entry=tutor_entry)
        strong = h.active_pair(world, entry=mentor_entry)
        today = timezone.localdate()
        Feedback.objects.create(pair=weak, period=today.replace(day=1), rating=2)
        Feedback.objects.create(pair=strong, period=today.replace(day=1), rating=5)
        start, end = rules.period("calendar", today.year)
        best = rs.best_mentors(world.region, start, end)
        assert [(r["name"], r["score"]) for r in best] == [
            (strong.mentor.full_name, 10.0),
            (weak.mentor.full_name, 4.0),
        ]


# --- §17, §18: reporting periods --------------------------------------------------------


class TestPeriods:
    def test_s18_the_academic_year_runs_from_september_to_august(self):
        assert rules.period("academic", 2025) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))

    def test_s17_the_calendar_year(self):
        assert rules.period("calendar", 2026) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))

    def test_s17_the_year_just_ended_is_reported_in_its_first_three_days(self):
        assert rules.period_just_ended("calendar", dt.date(2027, 1, 1)) == (
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
        )
        assert rules.period_just_ended("calendar", dt.date(2027, 1, 3)) == (
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
        )
        assert rules.period_just_ended("calendar", dt.date(2027, 1, 4)) is None
        assert rules.period_just_ended("calendar", dt.date(2026, 12, 31)) is None
        assert rules.period_just_ended("calendar", dt.date(2026, 6, 1)) is None

    def test_s18_the_academic_year_just_ended(self):
        assert rules.period_just_ended("academic", dt.date(2026, 9, 1)) == (
            dt.date(2025, 9, 1),
            dt.date(2026, 8, 31),
        )
        assert rules.period_just_ended("academic", dt.date(2026, 1, 2)) is None

    def test_period_labels(self):
        assert rules.period_label(*rules.period("calendar", 2026)) == "2026"
        assert rules.period_label(*rules.period("academic", 2025)) == "2025/2026"


# --- the yearly job (idempotent) -----------------------------------------------------------


class TestYearlyJob:
    def test_s17_s18_one_scheduled_report_per_region_and_one_national_once(
        self, world, settings, django_capture_on_commit_callbacks
    ):
        settings.REPORT_YEAR = "calendar"
        year = timezone.localdate().year
        with django_capture_on_commit_callbacks() as enqueued:
            made = rs.annual_reports_due(dt.date(year + 1, 1, 2))
        regions = Region.objects.count()
        assert regions == 2
        assert len(made) == regions + 1 and len(enqueued) == regions + 1
        reports = AnnualReport.objects.filter(pk__in=made)
        assert {r.region_id for r in reports} == {None, world.region.pk, world.other_region.pk}
        assert all(r.scheduled and r.requested_by is None and r.state == "pending" for r in reports)
        assert {(r.period_start, r.period_end) for r in reports} == {
            (dt.date(year, 1, 1), dt.date(year, 12, 31))
        }
        # again (a second beat, or a second worker): nothing new
        with django_capture_on_commit_callbacks() as again:
            assert rs.annual_reports_due(dt.date(year + 1, 1, 3)) == []
        assert not again
        assert AnnualReport.objects.count() == regions + 1
        # outside the first three days the job does nothing
        assert rs.annual_reports_due(dt.date(year + 1, 1, 4)) == []
        assert rs.annual_reports_due(dt.date(year + 1, 6, 1)) == []

    def test_s18_the_academic_year_setting_reports_on_september_to_august(self, world, settings):
        settings.REPORT_YEAR = "academic"
        assert rs.annual_reports_due(dt.date(2026, 1, 2)) == []
        made = rs.annual_reports_due(dt.date(2026, 9, 2))
        assert len(made) == 3
        assert set(AnnualReport.objects.values_list("period_start", "period_end")) == {
            (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
        }

    def test_the_unique_constraint_keeps_one_scheduled_national_report(self, world):
        start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
        AnnualReport.objects.create(region=None, period_start=start, period_end=end, scheduled=True)
        with pytest.raises(IntegrityError), transaction.atomic():
            AnnualReport.objects.create(
                region=None, period_start=start, period_end=end, scheduled=True
            )
        # reports on demand are not limited
        AnnualReport.objects.create(region=None, period_start=start, period_end=end)
        AnnualReport.objects.create(region=None, period_start=start, period_end=end)

    def test_generating_twice_leaves_the_same_document(self, world):
        council = h.as_office(world.users["branch_council"])
        report = rs.request_annual_report(
            by=council, region=world.region, year=timezone.localdate().year
        )
        with translation.override("kk"):
            first = rs.generate_annual_report(report.pk)
        assert first.state == "done" and first.document_id and first.xlsx
        documents = Document.objects.count()
        with translation.override("kk"):
            second = rs.generate_annual_report(report.pk)
        assert second.document_id == first.document_id
        assert bytes(second.xlsx) == bytes(first.xlsx)
        assert second.finished_at == first.finished_at
        assert Document.objects.count() == documents
        assert Notification.objects.filter(kind="annual_report_ready").count() == 1

    def test_a_missing_report_is_reported_as_missing(self, world):
        from reports.tasks import generate_annual_report

        assert rs.generate_annual_report(987654) is None
        assert generate_annual_report.delay(987654).get() == "missing"

    def test_requesting_a_done_report_again_replaces_it_in_the_list(
        self, world, client, django_capture_on_commit_callbacks
    ):
        """Regenerating the national analysis (after the §19 text came, say)
        leaves one row in the list; the earlier version points to the new one."""
        central = h.as_office(world.users["central_council"])
        year = timezone.localdate().year
        first = generate(central, None, year, django_capture_on_commit_callbacks)
        second = generate(central, None, year, django_capture_on_commit_callbacks)
        regional = generate(
            h.as_office(world.users["branch_council"]),
            world.region,
            year,
            django_capture_on_commit_callbacks,
        )
        assert second.pk != first.pk
        first.refresh_from_db()
        assert first.superseded_by_id == second.pk
        regional.refresh_from_db()
        assert regional.superseded_by_id is None  # another scope is not replaced
        client.force_login(world.users["central_council"])
        listed = list(client.get(reverse("annual_list")).context["reports"])
        assert second in listed and regional in listed and first not in listed
        with translation.override("en"):
            page = client.get(
                reverse("annual_report_detail", args=[first.pk]), HTTP_ACCEPT_LANGUAGE="en"
            )
        assert page.status_code == 200
        assert reverse("annual_report_detail", args=[second.pk]) in page.content.decode()


# --- permissions --------------------------------------------------------------------------


class TestPermissions:
    def test_s17_a_coordinator_or_a_court_chair_cannot_request(self, world):
        year = timezone.localdate().year
        for actor in ("coordinator", "court_chair", "regional_chair", "judge"):
            with pytest.raises(Refused):
                rs.request_annual_report(
                    by=h.as_office(world.users[actor]), region=world.region, year=year
                )
        assert not AnnualReport.objects.exists()

    def test_s17_a_branch_council_requests_its_own_region_only(self, world):
        year = timezone.localdate().year
        council = h.as_office(world.users["branch_council"])
        with pytest.raises(Refused):
            rs.request_annual_report(by=council, region=world.other_region, year=year)
        with pytest.raises(Refused):
            rs.request_annual_report(by=council, region=None, year=year)
        assert (
            rs.request_annual_report(by=council, region=world.region, year=year).region
            == world.region
        )
        training = h.as_office(world.users["training_centre"])
        assert rs.request_annual_report(by=training, region=world.region, year=year)

    def test_s18_the_central_council_requests_the_national_report(self, world):
        year = timezone.localdate().year
        report = rs.request_annual_report(
            by=h.as_office(world.users["central_council"]), region=None, year=year
        )
        assert report.region is None and report.state == "pending"

    def test_a_future_year_is_refused(self, world):
        with pytest.raises(Refused):
            rs.request_annual_report(
                by=h.as_office(world.users["central_council"]),
                region=None,
                year=timezone.localdate().year + 1,
            )

    def test_a_branch_council_of_another_region_cannot_view(self, world, client):
        year = timezone.localdate().year
        regional = rs.request_annual_report(
            by=h.as_office(world.users["branch_council"]), region=world.region, year=year
        )
        national = rs.request_annual_report(
            by=h.as_office(world.users["central_council"]), region=None, year=year
        )
        beta_council = f.user(office=Office.BRANCH_COUNCIL, region=world.other_region)
        client.force_login(beta_council)
        for name in ("annual_report_detail", "annual_report_xlsx", "annual_report_pdf"):
            assert client.get(reverse(name, args=[regional.pk])).status_code == 403, name
        assert client.get(reverse("annual_report_detail", args=[national.pk])).status_code == 403
        client.force_login(world.users["branch_council"])
        assert client.get(reverse("annual_report_detail", args=[regional.pk])).status_code == 200
        assert client.get(reverse("annual_report_detail", args=[national.pk])).status_code == 403
        client.force_login(world.users["central_council"])
        for report in (regional, national):
            assert client.get(reverse("annual_report_detail", args=[report.pk])).status_code == 200


# --- scheduling and task options --------------------------------------------------------


def _beat_entry(task: str) -> dict:
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == task]
    assert len(entries) == 1, task
    return entries[0]


class TestSchedule:
    def test_the_term_watch_runs_daily(self):
        schedule = _beat_entry("programs.tasks.watch_terms")["schedule"]
        assert isinstance(schedule, crontab)
        assert len(schedule.hour) == 1 and len(schedule.minute) == 1
        assert schedule.day_of_month == set(range(1, 32))
        assert schedule.month_of_year == set(range(1, 13))
        assert schedule.day_of_week == set(range(7))

    def test_s17_s18_the_yearly_job_runs_in_the_first_days_after_either_year_ends(self):
        schedule = _beat_entry("reports.tasks.annual_reports_due")["schedule"]
        assert isinstance(schedule, crontab)
        assert len(schedule.hour) == 1 and len(schedule.minute) == 1
        assert schedule.month_of_year == {1, 9}
        assert schedule.day_of_month == {1, 2, 3}
        # each run day falls in the window in which the job acts
        for kind, month in (("calendar", 1), ("academic", 9)):
            for day in schedule.day_of_month:
                assert rules.period_just_ended(kind, dt.date(2027, month, day)) is not None

    def test_long_jobs_acknowledge_late_and_have_time_limits(self):
        from mentorship.tasks import send_notification_emails
        from programs.tasks import watch_terms
        from reports.tasks import annual_reports_due, generate_annual_report

        assert generate_annual_report.acks_late is True
        assert generate_annual_report.time_limit
        assert generate_annual_report.soft_time_limit < generate_annual_report.time_limit
        assert send_notification_emails.acks_late is True
        assert send_notification_emails.time_limit
        for task in (watch_terms, annual_reports_due):
            assert task.time_limit and task.soft_time_limit < task.time_limit


# --- a fixed number of queries -------------------------------------------------------------


def test_national_figures_cost_the_same_queries_for_3_and_30_pairs(world):
    mentor_entry, tutor_entry = h.roster_entries(world)
    today = timezone.localdate()
    start, end = rules.period("calendar", today.year)

    def add_pairs(n):
        for i in range(n):
            pair = h.active_pair(world, entry=(mentor_entry, tutor_entry)[i % 2])
            Feedback.objects.create(pair=pair, period=today.replace(day=1), rating=i % 5 + 1)

    def cost():
        with CaptureQueriesContext(connection) as ctx:
            figures = rs.compute_figures(None, start, end)
        return len(ctx.captured_queries), figures

    add_pairs(3)
    few, figures = cost()
    assert figures["pairs"]["formed"] == 3
    add_pairs(27)
    many, figures = cost()
    assert figures["pairs"]["formed"] == 30
    assert len(figures["best"]) == 2
    assert many == few


# --- bugs ----------------------------------------------------------------------------------


def test_s17_the_kazakh_annual_report_is_in_kazakh(world):
    council = h.as_office(world.users["branch_council"])
    report = rs.request_annual_report(
        by=council, region=world.region, year=timezone.localdate().year
    )
    with translation.override("kk"):
        report = rs.generate_annual_report(report.pk)
    text = pdf_text(report.document)
    for english in (
        "ANNUAL ANALYSIS OF JUDICIAL MENTORSHIP",
        "The best mentors and tutors",
        "Nominations for a reward",
        "Individual plans",
        "Score = 10",
    ):
        assert english not in text, english
    labels = [label for label, _v in summary(report)]
    assert "Pairs formed" not in labels and "Plan items due" not in labels


def test_s17_the_kazakh_report_does_not_depend_on_the_active_language(world):
    council = h.as_office(world.users["branch_council"])
    report = rs.request_annual_report(
        by=council, region=world.region, year=timezone.localdate().year
    )
    with translation.override("ru"):
        report = rs.generate_annual_report(report.pk)
        russian_active = gettext("active")
    issuer = "«Қазақстан Республикасы Судьялар одағы» РҚБ alpha облыстық филиалының кеңесі"
    assert report.document.language == "kk"
    assert report.document.issuer == issuer
    assert russian_active not in pdf_text(report.document)


def test_a_report_left_running_by_a_dead_worker_is_completed_when_the_task_runs_again(world):
    report = AnnualReport.objects.create(
        region=world.region,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        scheduled=True,
    )
    # a worker set it running two hours ago and died (longer than the task's time limit)
    AnnualReport.objects.filter(pk=report.pk).update(
        state="running", progress=40, created_at=timezone.now() - dt.timedelta(hours=2)
    )
    with translation.override("kk"):
        rs.generate_annual_report(report.pk)
    report.refresh_from_db()
    assert report.state == "done"
    assert report.document_id is not None
