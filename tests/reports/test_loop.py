"""§17–18: the Training Centre nominates as well as the branch council; a
branch's proposals go to the Central Council and the Training Centre and are
listed in the national report; the Central Council records a nomination's
outcome, once; the coordinator reads the region's analysis (§10.5)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from mentorship.errors import Refused
from mentorship.models import Notification
from reports import services as rs
from reports.models import Nomination, Recommendation
from tests.programs import helpers as h


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def office(w, name):
    return h.as_office(w.users[name])


def test_the_training_centre_nominates_a_mentor_17(world):
    pair = h.active_pair(world)
    nomination = rs.nominate(
        by=office(world, "training_centre"),
        region=world.region,
        year=dt.date.today().year,
        judge=pair.mentor,
        reasons="Үздік ментор",
    )
    assert nomination.entered_by == world.users["training_centre"]
    with pytest.raises(Refused):
        rs.nominate(
            by=office(world, "coordinator"),
            region=world.region,
            year=dt.date.today().year - 1,
            judge=pair.mentor,
            reasons="x",
        )
    assert Nomination.objects.count() == 1


def test_a_branch_proposal_reaches_the_central_council_and_the_national_report_17(world):
    year = dt.date.today().year
    proposal = rs.propose_improvement(
        by=office(world, "branch_council"),
        region=world.region,
        year=year,
        text="Тәлімгерлерге оқу курстарын ұйымдастыру.",
    )
    told = set(
        Notification.objects.filter(kind="branch_proposal").values_list("user_id", flat=True)
    )
    assert told == {world.users["central_council"].pk, world.users["training_centre"].pk}
    national = rs.request_annual_report(by=office(world, "central_council"), region=None, year=year)
    report = rs.generate_annual_report(national.pk)
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(bytes(report.document.pdf))).pages
    )
    assert "Тәлімгерлерге оқу курстарын" in " ".join(text.split())
    with pytest.raises(Refused):
        rs.propose_improvement(
            by=office(world, "branch_council"), region=world.region, year=year, text="  "
        )
    assert list(Recommendation.objects.filter(kind="branch_proposal")) == [proposal]


def test_the_central_council_records_a_nominations_outcome_once_18(world):
    pair = h.active_pair(world)
    nomination = rs.nominate(
        by=office(world, "branch_council"),
        region=world.region,
        year=dt.date.today().year,
        judge=pair.mentor,
        reasons="Үздік ментор",
    )
    with pytest.raises(Refused):
        rs.record_nomination_outcome(
            by=office(world, "branch_council"), nomination=nomination, rewarded=True
        )
    done = rs.record_nomination_outcome(
        by=office(world, "central_council"),
        nomination=nomination,
        rewarded=True,
        note="Алғыс хат",
    )
    assert (done.outcome, done.outcome_by) == ("rewarded", world.users["central_council"])
    assert Notification.objects.filter(
        kind="nomination_outcome", user=world.users["branch_council"]
    ).exists()
    with pytest.raises(Refused, match="§18"):
        rs.record_nomination_outcome(
            by=office(world, "central_council"), nomination=nomination, rewarded=False
        )
    nomination.refresh_from_db()
    assert nomination.outcome == "rewarded"
