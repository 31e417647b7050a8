"""Builds, in the database of DATABASE_URL (committed, not a test
transaction), what the multi-node and backup tests need; prints it as JSON.

    DATABASE_URL=... python -m tests.deploy.populate
"""

from __future__ import annotations

import datetime as dt
import json
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

import django  # noqa: E402

django.setup()

from courts.models import CourtLevel, Office  # noqa: E402
from programs import services  # noqa: E402
from tests import factories as f  # noqa: E402
from tests.programs import helpers as h  # noqa: E402

PASSWORD = "correct-horse-battery"  # tests.factories.user
JOURNAL_TEXTS = ["Бірінші кездесу: іс жүргізу жоспары", "Сот отырысын талдау — ескертпелер"]


class World:
    pass


def main() -> dict:
    w = World()
    w.region = f.region("nodes")
    w.regional_court = f.court(w.region, level=CourtLevel.REGIONAL)
    w.district_court = f.court(w.region)
    w.users = {
        "regional_chair": f.user("nodes_chair", office=Office.REGIONAL_CHAIR, region=w.region),
        "coordinator": f.user("nodes_coordinator", office=Office.COORDINATOR, region=w.region),
        "branch_council": f.user("nodes_council", office=Office.BRANCH_COUNCIL, region=w.region),
    }
    pair = h.active_pair(w)  # issues roster order № 1
    mentor = pair.mentor.user
    for text, kind in zip(JOURNAL_TEXTS, ("meeting", "discussion"), strict=True):
        services.add_journal_entry(
            by=mentor, pair=pair, kind=kind, occurred_on=dt.date.today(), text=text
        )
    report = services.start_report(mentor, pair)
    # a pending roster change: an accepted tutor candidate awaiting approval
    candidate = h.with_account(h.tutor_candidate(w))
    entry = services.propose_roster_member(
        by=h.as_office(w.users["coordinator"]), region=w.region, judge=candidate, role="tutor"
    )
    services.answer_roster_invitation(by=candidate.user, entry=entry, accept=True)
    # the chair holds an office: the sign-in asks for the app's code (#12.5)
    from tests.otp import device_for

    return {
        "chair_totp_key": device_for(w.users["regional_chair"]).key,
        "password": PASSWORD,
        "mentor": mentor.username,
        "chair": w.users["regional_chair"].username,
        "region": w.region.slug,
        "report": report.pk,
        "term_ends_on": pair.term_ends_on.isoformat(),
        "reminded": sorted([pair.protege.user.pk, mentor.pk, w.users["coordinator"].pk]),
        "journal": JOURNAL_TEXTS,
    }


if __name__ == "__main__":
    print("POPULATED " + json.dumps(main()))
