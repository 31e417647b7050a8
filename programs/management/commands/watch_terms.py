"""Run the daily term watch now (the beat schedule runs it every morning)."""

from django.core.management.base import BaseCommand

from programs.services import watch_terms


class Command(BaseCommand):
    help = "Run the daily term watch (§5, §10.1, §14, §15.5) now; idempotent."

    def handle(self, *args, **options):
        counts = watch_terms()
        self.stdout.write("Term watch: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
