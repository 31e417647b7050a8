from django.core.management.base import BaseCommand

from courts import demo
from programs.demo import load_programme


class Command(BaseCommand):
    help = "Load demo courts, judges and one account per office (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="multiply the judges per court (benchmarks: 50)",
        )
        parser.add_argument("--no-accounts", action="store_true")

    def handle(self, *args, scale: float, no_accounts: bool, **options):
        demo.load_reference()
        made = demo.load_judges(scale=scale)
        self.stdout.write(f"Courts and reference data loaded; {made} new judges.")
        if no_accounts:
            return
        self.stdout.write(f"\nDemo accounts (password for all: {demo.DEMO_PASSWORD}):")
        for a in demo.load_accounts():
            self.stdout.write(f"  {a.username:<15} {a.office:<40} {a.scope}  {a.name}")
        programme = load_programme()
        if programme:
            self.stdout.write("Programme: " + ", ".join(programme) + ".")
