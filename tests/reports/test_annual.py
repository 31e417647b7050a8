"""The annual analysis (§17–19)."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from courts.models import CourtLevel, Office
from programs import services
from programs.models import PlanItem
from programs.rules import add_months
from reports import rules
from reports import services as rs
from tests import factories as f
from tests.programs import helpers as h


def pdf_text(document) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(document.pdf))).pages)


def beta_world(w):
    """The second region with its own regional court and offices."""
    return SimpleNamespace(
        region=w.other_region, regional_court=f.court(w.other_region, level=CourtLevel.REGIONAL),
        district_court=w.other_court,
        users={"coordinator": w.users["other_region"],
               "regional_chair": f.user(office=Office.REGIONAL_CHAIR, region=w.other_region),
               "branch_council": f.user(office=Office.BRANCH_COUNCIL, region=w.other_region)})


def test_scratch(world, monkeypatch):
    w = world
    today = timezone.localdate()
    mentor_entry, tutor_entry = h.roster_entries(w)
    a = h.active_pair(w, entry=mentor_entry)
    b = h.active_pair(w, entry=mentor_entry)
    c = h.active_pair(w, entry=tutor_entry)
    beta = beta_world(w)
    h.active_pair(beta)
    chair = h.as_office(w.users["court_chair"])
    services.extend_term(by=h.as_office(w.users["regional_chair"]), pair=b,
                         new_end=add_months(today, 24) - dt.timedelta(days=1),
                         reasons="Кәсіби даярлық")
    b.refresh_from_db()

    def plan(pair, *dues):
        items = [services.add_plan_item(by=pair.mentor.user, pair=pair, task=1,
                                        description=f"Тапсырма {n}", expected_result="Нәтиже",
                                        due_on=due) for n, due in enumerate(dues)]
        services.submit_plan(by=pair.protege.user, pair=pair)
        services.decide_plan(by=chair, pair=pair, approve=True)
        return items

    def check(pair, item):
        services.check_plan_item(by=pair.mentor.user, pair=pair, item_id=item.pk, fulfilled=True)

    a1, a2 = plan(a, today, today)
    b1, b2, b3 = plan(b, today, today, add_months(today, 13))
    c1, c2, c3 = plan(c, today, today, today)
    for pair, item in ((a, a1), (b, b1), (b, b3), (c, c2)):
        check(pair, item)
    with monkeypatch.context() as m:
        m.setattr(timezone, "localdate", lambda *args, **kw: today + dt.timedelta(days=1))
        check(c, c1)
    for pair, rating in ((a, 5), (b, 4), (c, 3)):
        services.give_feedback(by=pair.protege.user, pair=pair, rating=rating)
    council = h.as_office(w.users["branch_council"])
    h.accepted_reports(w, a)
    protocol = services.create_protocol(by=council, region=w.region, held_on=today,
                                        members_present="Кеңес мүшелері")
    services.add_decision(by=council, protocol=protocol, kind="completed", pairs=[a])
    services.issue_protocol(by=council, protocol=protocol)
    seminar = services.schedule_seminar(by=council, region=w.region, held_on=today,
                                        place="Көкшетау", topic="Бағдарлау")
    services.invite_to_seminar(by=council, seminar=seminar,
                               judges=[a.protege, b.protege, c.protege])
    services.record_attendance(by=council, seminar=seminar,
                               attended_ids={a.protege.pk, b.protege.pk})
    cc = h.as_office(w.users["central_council"])
    national = services.schedule_seminar(by=cc, region=None, held_on=today, place="Астана",
                                         topic="Ұлттық семинар")
    services.invite_to_seminar(by=cc, seminar=national, judges=[c.protege, w.other_judge])
    services.record_attendance(by=cc, seminar=national,
                               attended_ids={c.protege.pk, w.other_judge.pk})
    rs.nominate(by=council, region=w.region, year=today.year, judge=a.mentor,
                reasons="Үздік тәлімгер")
    rs.recommend(by=cc, year=today.year, text="Тәжірибені тарату ұсынылады")
    with translation.override("kk"):
        report = rs.request_annual_report(by=council, region=w.region, year=today.year)
        report = rs.generate_annual_report(report.pk)
        nat = rs.request_annual_report(by=cc, region=None, year=today.year)
        nat = rs.generate_annual_report(nat.pk)
    import pprint
    pprint.pprint(report.figures)
    pprint.pprint(nat.figures)
    print(pdf_text(report.document))
    print(pdf_text(nat.document))
    print(a.mentor.full_name, c.mentor.full_name)
