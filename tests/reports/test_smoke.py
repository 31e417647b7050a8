import datetime as dt

from django.urls import reverse

from mentorship.models import Notification
from programs import services
from reports import services as rs
from tests.programs import helpers as h


def test_smoke_jobs_and_annual(world, client):
    pair = h.world_pair(world)
    counts = services.watch_terms(pair.term_ends_on - dt.timedelta(days=20))
    assert counts["term_ending"] == 1, counts
    assert services.watch_terms(pair.term_ends_on - dt.timedelta(days=20))["term_ending"] == 0
    report = rs.request_annual_report(
        by=h.as_office(world.users["branch_council"]),
        region=world.region,
        year=dt.date.today().year,
    )
    report = rs.generate_annual_report(report.pk)
    assert report.state == "done", report.error
    nat = rs.request_annual_report(
        by=h.as_office(world.users["central_council"]), region=None, year=dt.date.today().year
    )
    nat = rs.generate_annual_report(nat.pk)
    assert nat.state == "done"
    client.force_login(world.users["branch_council"])
    for name, args in (
        ("annual_list", None),
        ("annual_report_detail", [report.pk]),
        ("annual_report_pdf", [report.pk]),
        ("annual_report_xlsx", [report.pk]),
        ("notification_centre", None),
        ("dashboard", None),
    ):
        r = client.get(reverse(name, args=args))
        assert r.status_code == 200, (name, r.content[:2000])
    client.force_login(pair.protege.user)
    r = client.get(reverse("notification_centre"))
    assert r.status_code == 200
    assert Notification.objects.filter(user=pair.protege.user, kind="term_ending").exists()
    for actor in (
        "coordinator",
        "court_chair",
        "hr_officer",
        "central_council",
        "training_centre",
        "regional_chair",
    ):
        client.force_login(world.users[actor])
        r = client.get(reverse("dashboard"))
        assert r.status_code == 200, actor
