"""The first-look demo data loads, twice (idempotent), and shows the programme:
an approved roster, an active pair with an approved plan, and a programme in
its second year whose mentor was replaced."""

from django.core.management import call_command

from programs.models import Pair, PlanVersion, RosterOrder


def test_load_demo_is_idempotent_and_builds_a_programme(db):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    # the roster order and its amendment adding the second mentor (§8, §12)
    assert RosterOrder.objects.count() == 2
    pair = Pair.objects.get(protege__user__username="judge")
    assert pair.status == "active"
    # and a tutor pair whose term ends in 20 days, and the two pairs of protege2
    assert Pair.objects.count() == 4
    from programs.services import watch_terms

    assert watch_terms()["term_ending"] == 1
    assert PlanVersion.objects.get(plan__pair=pair).status == "approved"
    assert pair.journal.count() == 1


def test_the_demo_candidates_can_answer_and_the_chair_can_approve(db):
    """§4.1, §8: the draft's candidates have accounts; the chair's order lists
    the one who accepted, the other (still to answer) stays in the draft."""
    from programs import services
    from programs.demo import _as
    from programs.models import RosterEntry

    call_command("load_demo", verbosity=0)
    draft = RosterEntry.objects.filter(added_by__isnull=True)
    assert sorted(draft.values_list("judge__user__username", "consent")) == [
        ("candidate", "pending"),
        ("tutor2", "accepted"),
    ]
    # the notices of the backdated registrations say the term the register has
    from mentorship.models import Notification
    from mentorship.officestyle import long_date_all

    for pair in Pair.objects.exclude(register_number__isnull=True).filter(
        participation__extensions__isnull=True
    ):
        for notice in Notification.objects.filter(
            kind="pair_registered", params__number=str(pair.register_number)
        ):
            assert notice.params["end"] == long_date_all(pair.term_ends_on, "dat"), pair
    order = services.approve_roster(by=_as("regional_chair"), region=draft[0].roster.region)
    assert [e.judge.user.username for e in order.additions.all()] == ["tutor2"]
    waiting = RosterEntry.objects.get(judge__user__username="candidate")
    services.answer_roster_invitation(by=waiting.judge.user, entry=waiting, accept=True)
    assert RosterEntry.objects.get(pk=waiting.pk).consent == "accepted"


def test_the_demo_shows_a_second_year_programme_with_a_replaced_mentor(db):
    call_command("load_demo", verbosity=0)
    first, second = Pair.objects.filter(protege__user__username="protege2").order_by("id")
    assert (first.status, second.status) == ("replaced", "active")
    assert first.participation_id == second.participation_id
    participation = second.participation
    # §5, §1.6: one term across the pairs, in its second year, extended by an order
    assert (second.registered_on - participation.term_starts_on).days > 365
    assert second.term_ends_on == participation.term_ends_on
    assert participation.extensions.count() == 1
    # §2: the replacement pair continues the programme in force
    carried = PlanVersion.objects.get(plan__pair=second)
    assert carried.status == "approved"
    assert carried.items.count() == 1
