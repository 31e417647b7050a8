import datetime as dt

from programs import services
from programs.models import Seminar
from tests import factories as f


def mentor_candidate(w):
    return f.judge(w.regional_court, appointed=dt.date(2012, 5, 1))


def tutor_candidate(w, years=6):
    today = dt.date.today()
    return f.judge(w.district_court, appointed=today.replace(year=today.year - years))


def with_account(judge):
    f.user(judge_record=judge)
    judge.refresh_from_db()
    return judge


def approved_order(w, language="kk"):
    """A roster with one mentor and one tutor, approved by the regional chair."""
    mentor = with_account(mentor_candidate(w))
    tutor = with_account(tutor_candidate(w))
    by = w.users["coordinator"]
    for judge, role in ((mentor, "mentor"), (tutor, "tutor")):
        entry = services.propose_roster_member(
            by=as_office(by), region=w.region, judge=judge, role=role, **selection(role)
        )
        services.answer_roster_invitation(by=judge.user, entry=entry, accept=True)
    return services.approve_roster(
        by=as_office(w.users["regional_chair"]), region=w.region, language=language
    )


def selection(role: str) -> dict:
    """§12: a mentor joins the roster on the branch council's decision."""
    if role != "mentor":
        return {}
    return {"council_decision_number": "12", "council_decision_on": dt.date.today()}


def as_office(user):
    """The user acting in their (only) current office, as the middleware builds
    `request.acting`; services and rules take it explicitly."""
    from courts.models import OfficeAssignment
    from mentorship.permissions import Acting

    return Acting(
        user,
        OfficeAssignment.objects.current()
        .filter(user=user)
        .select_related("court", "region")
        .first(),
    )


def pending_entry(w):
    judge = with_account(tutor_candidate(w))
    judge.user = f.user() if judge.user is None else judge.user
    entry = services.propose_roster_member(
        by=as_office(w.users["coordinator"]), region=w.region, judge=judge, role="tutor"
    )
    return entry


def seminar(w):
    return Seminar.objects.create(
        region=w.region,
        held_on=dt.date.today(),
        place="Көкшетау",
        topic="Бағдарлау семинары",
        organised_by=w.users["branch_council"],
    )


def entry_for_world_judge(w):
    """An invitation addressed to the world's plain judge (a 6-year district judge)."""
    from courts.models import CareerEvent

    CareerEvent.objects.filter(judge=w.judge, kind="first_appointment").update(
        date=dt.date.today().replace(year=dt.date.today().year - 6)
    )
    return services.propose_roster_member(
        by=as_office(w.users["coordinator"]), region=w.region, judge=w.judge, role="tutor"
    )


def protege(w, *, months_ago: int = 2, court=None):
    """A judge with an account, first appointed `months_ago` months ago (a
    protégé ground: first appointment less than a year ago)."""
    from programs.regulation import add_months

    appointed = add_months(dt.date.today(), -months_ago)
    return with_account(f.judge(court or w.district_court, appointed=appointed))


def participation(judge, *, ground="first_appointment", **kw):
    """An admitted participation of `judge` (as the coordinator's admission makes)."""
    from programs.models import Participation

    return Participation.objects.create(
        protege=judge,
        region=judge.court.region,
        ground=ground,
        origin="needs_analysis",
        status="admitted",
        **kw,
    )


def application(w):
    """A serving judge's application to the programme, awaiting admission (§4.1)."""
    judge = with_account(f.judge(w.district_court, appointed=dt.date(2009, 1, 1)))
    return services.apply_to_programme(
        by=judge.user, ground="professional_development", reasons="Кәсіби даму."
    )


def roster_entries(w):
    """An approved roster: returns (mentor entry, tutor entry)."""
    from programs.models import RosterEntry

    order = approved_order(w)
    entries = {
        e.role: e
        for e in RosterEntry.objects.filter(added_by=order).select_related(
            "judge__court", "added_by"
        )
    }
    return entries["mentor"], entries["tutor"]


def active_pair(w, *, role="mentor", protege_judge=None, entry=None):
    """A registered (active) pair of the world's region; the judges have accounts."""
    if entry is None:
        mentor_entry, tutor_entry = roster_entries(w)
        entry = mentor_entry if role == "mentor" else tutor_entry
    judge = protege_judge or protege(w)
    pair = services.propose_pair(by=as_office(w.users["coordinator"]), protege=judge, entry=entry)
    services.answer_pair(by=judge.user, pair=pair, accept=True)
    services.answer_pair(by=entry.judge.user, pair=pair, accept=True)
    return services.register_pair(by=as_office(w.users["branch_council"]), pair=pair)


def world_pair(w):
    """The active mentor pair whose protégé is the world's plain judge (actor
    "judge"), created once per test: its member is in the permission matrix."""
    from courts.models import CareerEvent
    from programs.models import Pair

    existing = Pair.objects.filter(protege=w.judge, role="mentor").first()
    if existing:
        return existing
    CareerEvent.objects.get_or_create(
        judge=w.judge, kind="specialisation_change", date=dt.date.today() - dt.timedelta(days=30)
    )
    w.judge.refresh_from_db()
    return active_pair(w, protege_judge=w.judge)


def proposed_world_pair(w):
    """A proposal (awaiting consent) to the world's plain judge."""
    from courts.models import CareerEvent
    from programs.models import Pair

    existing = Pair.objects.filter(protege=w.judge, status="proposed").first()
    if existing:
        return existing
    CareerEvent.objects.get_or_create(
        judge=w.judge, kind="specialisation_change", date=dt.date.today() - dt.timedelta(days=30)
    )
    mentor_entry, _tutor = roster_entries(w)
    return services.propose_pair(
        by=as_office(w.users["coordinator"]), protege=w.judge, entry=mentor_entry
    )


def consented_world_pair(w):
    pair = proposed_world_pair(w)
    services.answer_pair(by=pair.protege.user, pair=pair, accept=True)
    return services.answer_pair(by=pair.mentor.user, pair=pair, accept=True)


def workload_order(w):
    judge = protege(w, months_ago=1)
    today = dt.date.today()
    return services.issue_workload_order(
        by=as_office(w.users["court_chair"]),
        judge=judge,
        percent=20,
        starts_on=today,
        ends_on=today + dt.timedelta(days=30),
    )


def extension_order(w):
    from programs.regulation import longest_term_end

    pair = world_pair(w)
    return services.extend_term(
        by=as_office(w.users["regional_chair"]),
        pair=pair,
        new_end=longest_term_end(pair.registered_on),
        reasons="тәжірибе",
    )


def blank_pdf(width: int = 72, height: int = 72) -> bytes:
    """A real one-page PDF (uploads are parsed, so a stub would be refused)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width, height)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


MINIMAL_PDF = blank_pdf()


def accepted_reports(w, pair):
    """Both sides' reports of the pair, submitted to and accepted by the council."""
    council = as_office(w.users["branch_council"])
    out = []
    for user in (pair.protege.user, pair.mentor.user):
        report = services.start_report(user, pair)  # or the one already open
        if report.status == "draft":
            services.save_report(
                by=user,
                report=report,
                addressee="branch_council",
                work_done="Бірлескен жұмыс",
                knowledge_gained="Дағдылар",
                effectiveness="Тиімді",
                proposals="Ұсыныстар",
            )
            report = services.submit_report(by=user, report=report)
        if report.status == "submitted":
            report = services.decide_report(by=council, report=report, accept=True)
        out.append(report)
    return out


def world_report(w):
    """The world judge's (protégé's) final report, submitted to the council."""
    from programs.models import Report

    pair = world_pair(w)
    existing = Report.objects.filter(pair=pair, kind="final").first()
    if existing:
        return existing
    user = pair.protege.user
    report = services.start_report(user, pair)
    services.save_report(
        by=user,
        report=report,
        addressee="branch_council",
        work_done="Бірлескен жұмыс",
        knowledge_gained="Дағдылар",
        effectiveness="Тиімді",
        proposals="Ұсыныстар",
    )
    return services.submit_report(by=user, report=report)


def world_attachment(w):
    """A file attached to the mentor's report on the world pair, submitted."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from programs.models import Attachment

    existing = Attachment.objects.filter(report__kind="mentor").first()
    if existing:
        return existing
    pair = world_pair(w)
    user = pair.mentor.user
    report = services.start_report(user, pair)
    attachment = services.add_attachment(
        by=user,
        report=report,
        uploaded=SimpleUploadedFile("есеп.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    services.save_report(
        by=user,
        report=report,
        addressee="branch_council",
        work_done="Бірлескен жұмыс",
        effectiveness="Тиімді",
    )
    services.submit_report(by=user, report=report)
    return attachment


def issued_world_protocol(w):
    """A completion protocol for the world pair, issued by the council."""
    from programs.models import Protocol

    existing = Protocol.objects.filter(status="issued").first()
    if existing:
        return existing
    pair = world_pair(w)
    accepted_reports(w, pair)
    council = as_office(w.users["branch_council"])
    protocol = services.create_protocol(
        by=council, region=w.region, held_on=dt.date.today(), members_present="Кеңес мүшелері"
    )
    services.add_decision(by=council, protocol=protocol, kind="completed", pairs=[pair])
    return services.issue_protocol(by=council, protocol=protocol)


def training_centre_copy(w):
    return issued_world_protocol(w).copies.get(recipient="training_centre")


def annual_report(w):
    """A generated annual report for the world's region (§17)."""
    from reports import services as report_services
    from reports.models import AnnualReport

    existing = AnnualReport.objects.filter(region=w.region, state="done").first()
    if existing:
        return existing
    report = report_services.request_annual_report(
        by=as_office(w.users["branch_council"]), region=w.region, year=dt.date.today().year
    )
    return report_services.generate_annual_report(report.pk)
