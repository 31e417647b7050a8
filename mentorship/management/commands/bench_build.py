"""manage.py bench_build — the throwaway data `manage.py bench` measures:
migrate, the demo at a scale, seeded pairs, fresh statistics. Run by the
bench in a process of its own, on the bench's own database."""

from __future__ import annotations

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from mentorship import bench


class Command(BaseCommand):
    help = "Build the benchmark's data (run by manage.py bench on its own database)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--pairs", type=int, default=200)

    def handle(self, *args, scale: float, pairs: int, **options):
        if not connection.settings_dict["NAME"].endswith("_bench"):
            self.stderr.write("bench_build writes only to a database named …_bench")
            raise SystemExit(2)
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", scale=scale, stdout=quiet)
        bench.seed_pairs(pairs)
        # fresh statistics and no autovacuum left to run beside the walk
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
