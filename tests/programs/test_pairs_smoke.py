import datetime as dt

from django.urls import reverse

from programs import services
from tests.programs import helpers as h


def test_smoke_flow(world, client):
    pair = h.active_pair(world)
    assert pair.status == "active"
    m = pair.mentor.user
    p = pair.protege.user
    services.add_plan_item(
        by=p,
        pair=pair,
        task=1,
        description="Оқу",
        expected_result="Нәтиже",
        due_on=pair.registered_on + dt.timedelta(days=30),
    )
    services.submit_plan(by=m, pair=pair)
    services.add_journal_entry(
        by=m, pair=pair, kind="meeting", occurred_on=dt.date.today(), text="SENTINEL-xyz"
    )
    for u, name in (
        (m, "pair_detail"),
        (m, "pair_plan"),
        (m, "pair_journal"),
        (world.users["coordinator"], "pair_detail"),
    ):
        client.force_login(u)
        r = client.get(reverse(name, args=[pair.pk]))
        assert r.status_code == 200, (name, r.content[:3000])
    client.force_login(world.users["court_chair"])
    r = client.post(reverse("plan_approve", args=[pair.pk]))
    assert r.status_code == 302
    for name in ("needs_analysis", "pair_list", "pair_export", "dashboard"):
        client.force_login(world.users["coordinator"])
        r = client.get(reverse(name))
        assert r.status_code == 200, (name, r.content[:3000])
    client.force_login(world.users["court_chair"])
    for name in ("quality_flags", "workload_orders", "dashboard"):
        r = client.get(reverse(name))
        assert r.status_code == 200, (name, r.content[:3000])
    client.force_login(world.users["coordinator"])
    r = client.get(reverse("pair_new", args=[pair.protege.pk]))
    assert r.status_code == 200
    client.force_login(world.users["regional_chair"])
    data = {
        "new_end": (pair.term_ends_on + dt.timedelta(days=90)).isoformat(),
        "reasons": "тәжірибе",
        "language": "kk",
    }
    # an order is irreversible: the first POST shows what it will say
    r = client.post(reverse("pair_extend", args=[pair.pk]), data)
    assert r.status_code == 200 and "тәжірибе" in r.content.decode()
    assert 'name="confirmed" value="1"' in r.content.decode()
    assert pair.extensions.count() == 0
    r = client.post(reverse("pair_extend", args=[pair.pk]), {**data, "confirmed": "1"})
    pair.refresh_from_db()
    assert pair.extensions.count() == 1
