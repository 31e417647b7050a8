"""Benchmark (not a test): the national annual report (§18) over a judiciary
`--scale` times the demo. Run it on a throwaway database, e.g.

    createdb -h 127.0.0.1 -U postgres bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python manage.py benchmark_annual_report --scale 50

It loads the demo courts and judges at that scale, synthesises pairs with
plans, items, feedback and reports by bulk insert (bypassing the services, for
speed), then times the national report: figures, PDF and XLSX, with the peak
memory of the Python heap (tracemalloc) and of the process (max RSS)."""

from __future__ import annotations

import datetime as dt
import random
import resource
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from courts import demo
from courts.models import Court, CourtLevel, Judge, Region
from mentorship.models import Document
from programs.models import (
    Feedback,
    Pair,
    Plan,
    PlanItem,
    PlanVersion,
    Report,
    Roster,
    RosterEntry,
    RosterOrder,
)
from programs.regulation import default_term_end
from reports import services
from reports.models import AnnualReport


class Command(BaseCommand):
    help = "Time the national annual report over a judiciary --scale times the demo."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=50)
        parser.add_argument("--pairs-per-region", type=int, default=0, help="default: 9 × scale")

    def handle(self, *args, scale: float, pairs_per_region: int, **options):
        if "bench" not in connection.settings_dict["NAME"]:
            self.stderr.write("Refusing: run this on a database whose name contains 'bench'.")
            return
        t0 = time.perf_counter()
        demo.load_reference()
        demo.load_judges(scale=scale)
        self.stdout.write(
            f"judges: {Judge.objects.count()} ({time.perf_counter() - t0:.1f} s to load)"
        )
        per_region = pairs_per_region or int(9 * scale)
        t0 = time.perf_counter()
        made = self.synthesise(per_region)
        self.stdout.write(f"pairs: {made} ({time.perf_counter() - t0:.1f} s to insert)")

        user, _ = get_user_model().objects.get_or_create(username="bench")
        today = timezone.localdate()
        report = AnnualReport.objects.create(
            region=None,
            period_start=dt.date(today.year, 1, 1),
            period_end=dt.date(today.year, 12, 31),
            requested_by=user,
        )
        tracemalloc.start()
        t0 = time.perf_counter()
        queries_before = len(connection.queries) if connection.queries_logged else None
        generated = services.generate_annual_report(report.pk)
        assert generated is not None and generated.document is not None
        report, document = generated, generated.document
        elapsed = time.perf_counter() - t0
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        pdf_kib = len(bytes(document.pdf or b"")) // 1024
        xlsx_kib = len(bytes(report.xlsx or b"")) // 1024
        self.stdout.write(
            f"national annual report: {report.state} in {elapsed:.2f} s; python heap peak "
            f"{peak / 2**20:.1f} MiB; process max RSS {rss:.0f} MiB; PDF "
            f"{pdf_kib} KiB; XLSX {xlsx_kib}"
            f" KiB; pairs formed {report.figures['pairs']['formed']}"
            + (
                f"; queries {len(connection.queries) - queries_before}"
                if queries_before is not None
                else ""
            )
        )

    @transaction.atomic
    def synthesise(self, per_region: int) -> int:

        rng = random.Random(2026)
        user, _ = get_user_model().objects.get_or_create(username="bench")
        today = timezone.localdate()
        made = 0
        for region in Region.objects.all():
            if Pair.objects.filter(region=region).exists():
                continue
            regional = Court.objects.filter(region=region, level=CourtLevel.REGIONAL)[:1].get()
            mentors = list(Judge.objects.filter(court=regional, status="serving")[:40])
            proteges = list(
                Judge.objects.filter(
                    court__region=region, court__level=CourtLevel.DISTRICT, status="serving"
                ).exclude(pk__in=[m.pk for m in mentors])[:per_region]
            )
            if not mentors or not proteges:
                continue
            roster, _ = Roster.objects.get_or_create(region=region)
            document = Document.objects.create(
                kind="roster_order",
                number=f"bench-{region.pk}",
                issued_on=today,
                issuer="bench",
                signatory="bench",
                language="kk",
                pdf=b"%PDF-bench",
                sha256="0" * 64,
            )
            order = RosterOrder.objects.create(
                roster=roster,
                court=regional,
                year=today.year,
                number=900 + region.pk,
                issued_on=today,
                signatory=user,
                document=document,
            )
            entries = RosterEntry.objects.bulk_create(
                [
                    RosterEntry(
                        roster=roster,
                        judge=m,
                        role="mentor",
                        consent="accepted",
                        proposed_by=user,
                        added_by=order,
                    )
                    for m in mentors
                ]
            )
            pairs = []
            for p in proteges:
                entry = rng.choice(entries)
                start = today - dt.timedelta(days=rng.randint(0, 330))
                status = rng.choice(["active", "active", "completed", "ended_early", "replaced"])
                pairs.append(
                    Pair(
                        region=region,
                        protege=p,
                        mentor=entry.judge,
                        role="mentor",
                        roster_entry=entry,
                        status=status,
                        proposed_by=user,
                        mentor_consent="accepted",
                        protege_consent="accepted",
                        registered_on=start,
                        registered_by=user,
                        term_ends_on=default_term_end(start),
                        ended_on=None if status == "active" else today,
                    )
                )
            pairs = Pair.objects.bulk_create(pairs)
            plans = Plan.objects.bulk_create([Plan(pair=p) for p in pairs])
            versions = PlanVersion.objects.bulk_create(
                [PlanVersion(plan=plan, number=1, status="approved", author=user) for plan in plans]
            )
            items = []
            for v, pair in zip(versions, pairs, strict=True):
                assert pair.registered_on is not None
                for k in range(5):
                    due = pair.registered_on + dt.timedelta(days=30 * (k + 1))
                    done = rng.random() < 0.7
                    items.append(
                        PlanItem(
                            version=v,
                            task=k + 1,
                            description=f"item {k}",
                            expected_result="result",
                            due_on=due,
                            fulfilled_on=due - dt.timedelta(days=rng.randint(-5, 10))
                            if done
                            else None,
                        )
                    )
            PlanItem.objects.bulk_create(items, batch_size=5000)
            Feedback.objects.bulk_create(
                [
                    Feedback(
                        pair=p,
                        period=today.replace(day=1) - dt.timedelta(days=31 * k),
                        rating=rng.randint(2, 5),
                    )
                    for p in pairs
                    for k in range(2)
                ]
            )
            now = timezone.now()
            Report.objects.bulk_create(
                [
                    Report(
                        pair=p,
                        kind=kind,
                        author=user,
                        status="accepted",
                        submitted_at=now,
                        work_done="w",
                        effectiveness="e",
                    )
                    for p in pairs
                    if p.status != "active"
                    for kind in ("mentor", "final")
                ]
            )
            made += len(pairs)
        return made
