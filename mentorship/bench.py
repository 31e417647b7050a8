"""`manage.py bench` (#16): what a page costs at two scales of data, in-process.

It builds its own throwaway database on the configured server (never the
one in use), loads the demo data at a small and a large scale (judges × scale,
plus seeded pairs), signs in as every demo office and walks every GET page
that office opens, printing per page the queries and the median CPU time at
each scale with their ratio. Then it runs the register of pairs beside the
Django admin changelist of the same pairs (list_select_related, the same page
size), a floor of one raw SQL query and a minimal template, and a signed-in
hello view — interleaved, so that the machine's drift touches them alike.

Not a test: its numbers depend on the machine. The README quotes its output.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from courts.models import Court, Judge, Region
from programs.models import Pair

PAGE_SIZE = 50

# --- the comparison views, mounted only while the benchmark runs ----------------


class PairChangelist(admin.ModelAdmin):
    list_display = (
        "register_number",
        "region",
        "protege",
        "mentor",
        "role",
        "status",
        "registered_on",
        "term_ends_on",
    )
    list_select_related = ("region", "protege", "mentor")
    list_per_page = PAGE_SIZE
    ordering = ("-registered_on", "-proposed_at")


bench_site = admin.AdminSite(name="bench_admin")
bench_site.register(Pair, PairChangelist)

FLOOR = engines["django"].from_string(
    "<table>{% for r in rows %}<tr><td>{{ r.0 }}</td><td>{{ r.1 }}</td><td>{{ r.2 }}</td>"
    "<td>{{ r.3 }}</td><td>{{ r.4 }}</td><td>{{ r.5 }}</td><td>{{ r.6 }}</td></tr>"
    "{% endfor %}</table>"
)
FLOOR_SQL = """
    SELECT p.register_number, r.name_en, pj.last_name, mj.last_name, p.role, p.status,
           p.registered_on
    FROM programs_pair p
    JOIN courts_region r ON r.id = p.region_id
    JOIN courts_judge pj ON pj.id = p.protege_id
    JOIN courts_judge mj ON mj.id = p.mentor_id
    ORDER BY p.registered_on DESC NULLS FIRST, p.proposed_at DESC
    LIMIT %s
"""


def floor_view(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, [PAGE_SIZE])
        rows = cursor.fetchall()
    return HttpResponse(FLOOR.render({"rows": rows}))


def hello_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"hello, {request.user.get_username()}")


urlpatterns = [
    path("bench/floor/", floor_view, name="bench_floor"),
    path("bench/hello/", hello_view, name="bench_hello"),
    path("bench/admin/", bench_site.urls),
    path("", include(settings.ROOT_URLCONF)),
]

# --- seeding ----------------------------------------------------------------------


def seed_pairs(n: int) -> int:
    """`n` registered pairs copied from a demo pair, each with a protégé of its
    own (judges of every region, in a fixed order), spread over ten years and
    over the registered statuses. Set-based: one INSERT … SELECT."""
    template = Pair.objects.filter(registered_on__isnull=False).order_by("pk").first()
    if template is None or n <= 0:
        return 0
    keep = [
        f.column
        for f in Pair._meta.concrete_fields
        if f.column
        not in (
            "id",
            "status",
            "registered_on",
            "proposed_at",
            "region_id",
            "register_number",
            "term_ends_on",
            "protege_id",
            "mentor_id",
            "ended_on",
            # the seeded judges have no accounts: their journals are bound to none
            "protege_account_id",
            "mentor_account_id",
        )
    ]
    listed = ", ".join(str(c) for c in keep)
    taken = list(Pair.objects.values_list("protege_id", flat=True)) + list(
        Pair.objects.values_list("mentor_id", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(  # the column names come from the model, not from input
            f"""
            WITH judges AS (
                SELECT j.id, c.region_id, row_number() OVER (ORDER BY j.id) AS k
                FROM courts_judge j JOIN courts_court c ON c.id = j.court_id
                WHERE j.status = 'serving' AND NOT (j.id = ANY(%s))
            ),
            -- a protégé and a mentor each (two neighbours in id order): a mentor
            -- has one pair here, as in a court
            proteges AS (
                SELECT p.id, p.region_id, m.id AS mentor_id, row_number() OVER (ORDER BY p.id) AS n
                FROM judges p JOIN judges m ON m.k = p.k + 1
                WHERE p.k %% 2 = 1
                ORDER BY p.id LIMIT %s
            )
            INSERT INTO programs_pair ({listed}, status, registered_on, proposed_at,
                region_id, register_number, term_ends_on, protege_id, mentor_id, ended_on)
            SELECT {listed},
                   (ARRAY['active','completed','ended_early','replaced','ended'])[1 + q.n %% 5],
                   t.registered_on - (q.n %% 3000)::int,
                   t.proposed_at - make_interval(days => (q.n %% 3000)::int, secs => q.n),
                   q.region_id,
                   100000 + q.n,
                   t.term_ends_on - (q.n %% 3000)::int,
                   q.id,
                   q.mentor_id,
                   CASE WHEN q.n %% 5 = 0 THEN NULL
                        ELSE t.term_ends_on - (q.n %% 3000)::int END
            FROM programs_pair t, proteges q
            WHERE t.id = %s
            """,  # noqa: S608
            [taken, n, template.pk],
        )
        return cursor.rowcount


# --- measuring --------------------------------------------------------------------

ACCOUNTS = (
    "admin",
    "regional_chair",
    "court_chair",
    "coordinator",
    "council",
    "training",
    "hr",
    "central",
    "union_chair",
    "privacy",
    "judge",
    "mentor",
)
SKIP = {
    "logout",
    "set_language",
    "switch_office",
    "login",
    "two_factor",
    "enrol",
    "ecp_login",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "password_change_done",
    "healthz",
    "pair_export",
    "participation_apply",
}


def signed_in(username: str) -> Client | None:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return None
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _plain_routes() -> list[str]:
    """Named URLs without arguments, outside the admin."""
    from django.urls import get_resolver  # noqa: PLC0415

    names = []
    resolver = get_resolver()
    for name in list(resolver.reverse_dict.keys()):
        if not isinstance(name, str) or name in SKIP or name.startswith("bench_"):
            continue
        possibilities = resolver.reverse_dict.getlist(name)[0][0]
        if not possibilities[0][1]:  # no URL parameters
            names.append(name)
    return sorted(set(names))


def object_pages(user) -> list[tuple[str, str]]:
    """A few pages about one object the office sees: a judge, a court, a pair
    and its plan, a roster."""
    from courts.queries import courts_visible_to, judges_visible_to  # noqa: PLC0415
    from programs.queries import pairs_visible_to  # noqa: PLC0415

    office = user.offices.first()
    out = []
    judge = judges_visible_to(user, office).order_by("pk").first()
    if judge:
        out.append(("judge_detail", reverse("judge_detail", args=[judge.pk])))
    court = courts_visible_to(user, office).order_by("pk").first()
    if court:
        out.append(("court_detail", reverse("court_detail", args=[court.pk])))
    pair = pairs_visible_to(user, office).first()
    if pair:
        out.append(("pair_detail", reverse("pair_detail", args=[pair.pk])))
        out.append(("pair_plan", reverse("pair_plan", args=[pair.pk])))
    region = Region.objects.order_by("pk").first()
    if region:
        out.append(("roster_detail", reverse("roster_detail", args=[region.slug])))
    return out


@dataclass
class Cost:
    status: int = 0
    queries: int = 0
    cpu_ms: list[float] = field(default_factory=list)
    size: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.cpu_ms) if self.cpu_ms else 0.0


def measure(get: Callable[[], Any], repeat: int) -> Cost:
    cost = Cost()
    with CaptureQueriesContext(connection) as queries:
        response = get()
    cost.status, cost.queries = response.status_code, len(queries)
    cost.size = len(response.content) if not response.streaming else 0
    gc.collect()  # what earlier pages left is collected before, not during, the timing
    for _ in range(repeat):
        start = time.process_time()
        get()
        cost.cpu_ms.append((time.process_time() - start) * 1000)
    return cost


def walk(repeat: int, log: Callable[[str], None]) -> dict[tuple[str, str], Cost]:
    """Every GET page of every demo office: (account, page) → cost."""
    out: dict[tuple[str, str], Cost] = {}
    routes = _plain_routes()
    for username in ACCOUNTS:
        client = signed_in(username)
        if client is None:
            continue
        user = get_user_model().objects.get(username=username)
        pages = [(name, reverse(name)) for name in routes] + object_pages(user)
        for name, url in pages:
            first = client.get(url)
            if first.status_code != 200 or first.get("Content-Type", "").split(";")[0] not in (
                "text/html",
            ):
                continue
            out[(username, name)] = measure(partial(client.get, url), repeat)
        log(f"  {username}: {sum(1 for k in out if k[0] == username)} pages")
    return out


def side_by_side(rounds: int) -> dict[str, Cost]:
    """The register beside the admin changelist, the floor and hello, interleaved."""
    staff = get_user_model().objects.filter(username="bench_superuser").first()
    if staff is None:
        staff = get_user_model().objects.create_superuser(
            "bench_superuser", "bench@example.invalid", None
        )
        TOTPDevice.objects.create(user=staff, name="bench", confirmed=True)  # the admin asks it
    central = signed_in("central")
    root = signed_in("bench_superuser")
    assert central is not None and root is not None
    targets = {
        "pair_list (ours)": (central, reverse("pair_list")),
        "admin changelist": (root, "/bench/admin/programs/pair/"),
        "raw SQL + template": (central, "/bench/floor/"),
        "hello (signed in)": (central, "/bench/hello/"),
    }
    costs = {name: Cost() for name in targets}
    for name, (client, url) in targets.items():
        response = client.get(url)
        costs[name].status = response.status_code
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        costs[name].queries = len(queries)
    for _ in range(rounds):
        for name, (client, url) in targets.items():
            start = time.process_time()
            client.get(url)
            costs[name].cpu_ms.append((time.process_time() - start) * 1000)
    return costs


def scale_summary() -> str:
    return (
        f"{Judge.objects.count()} judges, {Court.objects.count()} courts, "
        f"{Pair.objects.count()} pairs"
    )
