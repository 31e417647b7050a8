"""§4.2, #12: a pair's journal is bound to the accounts its members had when
the pair was registered. Pointing a judge record at another account — by the
admin, the ORM or raw SQL — neither succeeds nor, were the trigger bypassed,
opens the journal; a member who had no account at registration is bound by
their own enrolment, and both members and the branch council are told."""

from __future__ import annotations

import datetime as dt

import pgtrigger
import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from courts.models import Judge
from mentorship.enrolment import enrol, issue_code
from mentorship.errors import Refused
from mentorship.models import Notification
from programs import services
from programs.models import JournalEntry, Pair
from tests import factories as f
from tests.programs import helpers as h

GOOD = {"username": "aigerim.s", "email": "aigerim@example.kz", "password": "Жаңа-құпия-2026"}


def _write(pair, user, text="Шолу"):
    return services.add_journal_entry(
        by=user, pair=pair, kind="meeting", occurred_on=dt.date.today(), text=text
    )


@pytest.fixture
def paper_pair(world):
    """A registered pair whose protégé had no account then: consent given on
    paper (as the demo's tutor pair), so the protégé's side is unbound."""
    from programs.regulation import add_months

    mentor_entry, _tutor = h.roster_entries(world)
    judge_without_account = f.judge(world.district_court, appointed=add_months(dt.date.today(), -2))
    pair = services.propose_pair(
        by=h.as_office(world.users["coordinator"]),
        protege=judge_without_account,
        entry=mentor_entry,
    )
    Pair.objects.filter(pk=pair.pk).update(protege_consent="accepted")
    services.answer_pair(by=mentor_entry.judge.user, pair=pair, accept=True)
    return services.register_pair(by=h.as_office(world.users["branch_council"]), pair=pair)


def test_registration_binds_the_members_accounts(world):
    pair = h.active_pair(world)
    assert pair.protege_account_id == pair.protege.user_id is not None
    assert pair.mentor_account_id == pair.mentor.user_id is not None
    assert pair.journal_side(pair.protege.user) == "protege"
    assert pair.journal_side(pair.mentor.user) == "mentor"


def test_relinking_a_judge_to_the_administrators_account_is_refused_by_the_database(world):
    pair = h.active_pair(world)
    admin = world.users["administrator"]
    for attempt in (
        lambda: Judge.objects.filter(pk=pair.protege_id).update(user=admin),
        lambda: Judge.objects.filter(pk=pair.protege_id).update(user=None),  # unlink
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE courts_judge SET user_id = %s WHERE id = %s", [admin.pk, pair.protege_id]
        )
    assert Judge.objects.get(pk=pair.protege_id).user_id == pair.protege_account_id


def test_the_bound_accounts_of_a_pair_cannot_be_changed(world):
    pair = h.active_pair(world)
    admin = world.users["administrator"]
    for field in ("protege_account", "mentor_account"):
        for value in (admin, None):
            with pytest.raises(DatabaseError), transaction.atomic():
                Pair.objects.filter(pk=pair.pk).update(**{field: value})
    pair.refresh_from_db()
    assert pair.protege_account_id == pair.protege.user_id


def test_with_the_trigger_bypassed_a_relinked_account_still_does_not_open_the_journal(
    client, world
):
    """Even a database superuser who re-links the judge record gets nothing:
    the journal follows the bound account, not the judge record."""
    pair = h.active_pair(world)
    _write(pair, pair.mentor.user, "Құпия жазба")
    admin = world.users["administrator"]
    with pgtrigger.ignore("courts.Judge:account_is_linked_once"):
        Judge.objects.filter(pk=pair.protege_id).update(user=admin)
    pair = Pair.objects.get(pk=pair.pk)
    admin.refresh_from_db()
    assert pair.side_of(admin) == "protege"  # the judge record now points at them
    assert pair.journal_side(admin) is None
    client.force_login(admin)
    response = client.get(reverse("pair_journal", args=[pair.pk]))
    assert response.status_code in (403, 404)
    assert "Құпия жазба" not in response.content.decode()
    detail = client.get(reverse("pair_detail", args=[pair.pk]))
    assert reverse("pair_journal", args=[pair.pk]) not in detail.content.decode()
    before = JournalEntry.objects.count()
    with pytest.raises(Refused):
        _write(pair, admin)
    assert JournalEntry.objects.count() == before


def test_an_unbound_side_opens_for_nobody_not_even_an_account_linked_behind_the_enrolment(
    client, world, paper_pair
):
    """The attack of #12 on the demo's tutor pair: the protégé has no account;
    the administrator links their own account to the judge record (here by
    the ORM, the admin field being read-only) and tries the journal."""
    assert paper_pair.protege_account_id is None
    assert paper_pair.mentor_account_id == paper_pair.mentor.user_id
    admin = world.users["administrator"]
    Judge.objects.filter(pk=paper_pair.protege_id).update(user=admin)  # NULL → an account
    client.force_login(admin)
    response = client.get(reverse("pair_journal", args=[paper_pair.pk]))
    assert response.status_code in (403, 404)
    with pytest.raises(Refused):
        _write(Pair.objects.get(pk=paper_pair.pk), admin)
    client.force_login(paper_pair.mentor.user)  # the mentor's side is bound
    assert client.get(reverse("pair_journal", args=[paper_pair.pk])).status_code == 200


def test_the_members_own_enrolment_binds_the_side_and_tells_both_members_and_the_council(
    client, world, paper_pair
):
    hr = h.as_office(world.users["hr_officer"])
    code, _row = issue_code(hr, paper_pair.protege)
    Notification.objects.all().delete()
    user = enrol(code=code, **GOOD)
    pair = Pair.objects.get(pk=paper_pair.pk)
    assert pair.protege_account_id == user.pk
    told = set(
        Notification.objects.filter(kind="pair_member_account").values_list(
            "user__username", flat=True
        )
    )
    assert told == {GOOD["username"], pair.mentor.user.username, "branch_council"}
    client.force_login(user)
    assert client.get(reverse("pair_journal", args=[pair.pk])).status_code == 200
    _write(pair, user, "Бірінші жазбам")
    assert JournalEntry.objects.filter(pair=pair, author=user).count() == 1


def test_an_enrolment_binds_only_the_enrolling_judges_unbound_sides(world, paper_pair):
    """Another judge's enrolment leaves this pair's unbound side as it is."""
    other = f.judge(world.district_court)
    hr = h.as_office(world.users["hr_officer"])
    code, _row = issue_code(hr, other)
    enrol(code=code, **GOOD)
    assert Pair.objects.get(pk=paper_pair.pk).protege_account_id is None
