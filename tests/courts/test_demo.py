"""The first-look demo data loads, twice (idempotent), and shows the programme:
an approved roster, an active pair with an approved plan."""

from django.core.management import call_command

from programs.models import Pair, PlanVersion, RosterOrder


def test_load_demo_is_idempotent_and_builds_a_programme(db):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert RosterOrder.objects.count() == 1
    pair = Pair.objects.get(protege__user__username="judge")
    assert pair.status == "active"
    assert Pair.objects.count() == 2  # and a tutor pair whose term ends in 20 days
    from programs.services import watch_terms

    assert watch_terms()["term_ending"] == 1
    assert PlanVersion.objects.get(plan__pair=pair).status == "approved"
    assert pair.journal.count() == 1
