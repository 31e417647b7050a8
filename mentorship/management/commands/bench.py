"""manage.py bench — the cost of every page at two scales (#16, mentorship/bench.py).

    manage.py bench                  # scales 1 and 50, 9 timed runs per page
    manage.py bench --small 1 --large 10 --repeat 3

It creates, fills and drops its own database (`<database>_bench`) on the
configured server; the database in use is not touched."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from urllib.parse import quote

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections
from django.test.utils import override_settings

from mentorship import bench


class Command(BaseCommand):
    help = "Measure every GET page of every office at two scales of data (in-process CPU)."

    def add_arguments(self, parser):
        parser.add_argument("--small", type=float, default=1.0)
        parser.add_argument("--large", type=float, default=50.0)
        parser.add_argument("--repeat", type=int, default=9)
        parser.add_argument("--rounds", type=int, default=30, help="side-by-side rounds")
        parser.add_argument("--pairs-per-scale", type=int, default=200)

    def _admin(self):
        db = connections["default"].settings_dict
        return psycopg.connect(
            dbname="postgres",
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            autocommit=True,
        )

    def _url(self, name: str) -> str:
        db = connections["default"].settings_dict
        auth = quote(db.get("USER") or "")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"])
        host = db.get("HOST") or "localhost"
        port = f":{db['PORT']}" if db.get("PORT") else ""
        return f"postgres://{auth}{'@' if auth else ''}{host}{port}/{name}"

    def _fresh(self, name: str) -> None:
        connections["default"].close()
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        settings.DATABASES["default"]["NAME"] = name
        connections["default"].settings_dict["NAME"] = name

    def handle(
        self,
        *args,
        small: float,
        large: float,
        repeat: int,
        rounds: int,
        pairs_per_scale: int,
        **options,
    ):
        original = connections["default"].settings_dict["NAME"]
        name = f"{original}_bench"
        results = {}
        sides = {}
        logging.getLogger("django.request").setLevel(logging.CRITICAL)  # refusals are expected
        try:
            for scale in (small, large):
                self.stdout.write(f"scale {scale:g}: building {name} …")
                self._fresh(name)
                # built by another process: the measuring one stays as a web
                # worker is (the 53,000 judges' load leaves a heap whose garbage
                # collections would land on random pages)
                subprocess.run(  # noqa: S603 (this interpreter, this project's manage.py)
                    [
                        sys.executable,
                        "manage.py",
                        "bench_build",
                        "--scale",
                        str(scale),
                        "--pairs",
                        str(int(pairs_per_scale * scale)),
                    ],
                    check=True,
                    cwd=settings.BASE_DIR,
                    env={**os.environ, "DATABASE_URL": self._url(name)},
                    stdout=subprocess.DEVNULL,
                )
                # fresh statistics and no autovacuum left to run beside the walk
                with connections["default"].cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
                self.stdout.write(f"  {bench.scale_summary()}")
                with override_settings(
                    ROOT_URLCONF="mentorship.bench",
                    ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
                    SECURE_SSL_REDIRECT=False,
                    # a cache of its own, empty at each scale (the figures'
                    # fragments, mentorship.dataversion; never the server's)
                    CACHES={
                        "default": {
                            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                            "LOCATION": f"bench-{scale:g}",
                        }
                    },
                ):
                    results[scale] = bench.walk(repeat, self.stdout.write)
                    sides[scale] = bench.side_by_side(rounds)
        finally:
            connections["default"].close()
            settings.DATABASES["default"]["NAME"] = original
            connections["default"].settings_dict["NAME"] = original
            with self._admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._report(results, sides, small, large)

    def _report(self, results, sides, small, large) -> None:
        out = self.stdout.write
        out("")
        out(f"Pages: queries and median CPU ms at scale {small:g} and {large:g}, ratio")
        out(f"{'office':<15} {'page':<28} {'q':>4} {'ms':>7} {'q':>4} {'ms':>8} {'×':>6} {'KB':>6}")
        worst = []
        for key in sorted(results[small]):
            a, b = results[small][key], results[large].get(key)
            if b is None:
                continue
            ratio = b.median / a.median if a.median else 0.0
            worst.append((b.median, key))
            out(
                f"{key[0]:<15} {key[1]:<28} {a.queries:>4} {a.median:>7.1f} "
                f"{b.queries:>4} {b.median:>8.1f} {ratio:>6.2f} {b.size // 1024:>6}"
            )
        worst.sort(reverse=True)
        out("")
        out(
            "Slowest at the large scale: "
            + ", ".join(f"{k[0]}/{k[1]} {ms:.0f} ms" for ms, k in worst[:5])
        )
        for scale in (small, large):
            costs = sides[scale]
            ours = costs["pair_list (ours)"].median
            out("")
            out(f"The register side by side at scale {scale:g} (median CPU ms, queries):")
            for label, cost in costs.items():
                ratio = ours / cost.median if cost.median else 0.0
                out(
                    f"  {label:<22} {cost.median:>7.1f} ms  {cost.queries:>3} q  "
                    f"status {cost.status}  ours/this {ratio:.2f}"
                )
