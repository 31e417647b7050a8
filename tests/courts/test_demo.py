"""The first-look demo data loads, twice (idempotent), and shows the programme:
an approved roster, an active pair with an approved plan."""

from django.core.management import call_command

from programs.models import Pair, PlanVersion, RosterOrder


def test_load_demo_is_idempotent_and_builds_a_programme(db):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert RosterOrder.objects.count() == 1
    pair = Pair.objects.get()
    assert pair.status == "active" and pair.protege.user.username == "judge"
    assert PlanVersion.objects.get(plan__pair=pair).status == "approved"
    assert pair.journal.count() == 1
