import datetime as dt

from django.urls import reverse

from programs import services
from programs.models import ProtocolCopy
from tests.programs import helpers as h


def test_smoke_reports_protocol(world, client):
    pair = h.world_pair(world)
    m, p = pair.mentor.user, pair.protege.user
    council = h.as_office(world.users["branch_council"])
    for user in (p, m):
        r = services.start_report(user, pair)
        services.save_report(
            by=user,
            report=r,
            addressee="branch_council",
            work_done="а",
            knowledge_gained="ә",
            effectiveness="б",
            proposals="в",
        )
        services.submit_report(by=user, report=r)
        services.decide_report(by=council, report=r, accept=True)
    proto = services.create_protocol(
        by=council, region=world.region, held_on=dt.date.today(), members_present="А. Б."
    )
    services.add_decision(by=council, protocol=proto, kind="completed", pairs=[pair])
    client.force_login(world.users["branch_council"])
    for name, args in (
        ("council_queue", None),
        ("protocol_list", None),
        ("protocol_detail", [proto.pk]),
    ):
        r = client.get(reverse(name, args=args))
        assert r.status_code == 200, (name, r.content[:2000])
    # issuing confirms first: the page shows what will be issued
    r = client.get(reverse("protocol_issue", args=[proto.pk]))
    assert r.status_code == 200 and pair.protege.full_name in r.content.decode()
    r = client.post(reverse("protocol_issue", args=[proto.pk]), {"language": "kk"})
    assert r.status_code == 302
    proto.refresh_from_db()
    assert proto.status == "issued", [str(m) for m in r.wsgi_request._messages]
    pair.refresh_from_db()
    assert pair.status == "completed"
    assert ProtocolCopy.objects.count() == 3  # the Training Centre's, two extracts
    client.force_login(world.users["hr_officer"])
    for name, args in (
        ("copies_inbox", None),
        ("personal_file", [pair.protege.pk]),
        ("protocol_pdf", [proto.pk]),
        ("judge_detail", [pair.protege.pk]),
    ):
        r = client.get(reverse(name, args=args))
        assert r.status_code == 200, (name, r.content[:2000])
    client.force_login(p)
    r = client.get(reverse("pair_detail", args=[pair.pk]))
    assert r.status_code == 200
