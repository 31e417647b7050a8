"""The confidential journal (§4.2, §4.3, §15.1) and the protégé's feedback (§16.3)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.db import connection

from mentorship import crypto
from mentorship.models import Notification
from programs import services
from programs.models import (
    JournalEntry,
    Pair,
)

from .pairs_support import DAY, consented_pair, members, office, refused, today

# =============================================================================
# 8. Confidential journal (§4.2, §4.3, §15.1)
# =============================================================================

SENTINEL = "SENTINEL-құпия-7f3a9"


def write(pair, by, text=SENTINEL, kind="meeting", occurred_on=None):
    return services.add_journal_entry(
        by=by, pair=pair, kind=kind, occurred_on=occurred_on or today(), text=text
    )


def raw_journal_texts() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {JournalEntry._meta.db_table} ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


class TestJournal:
    def test_members_write_and_read(self, world, pair):
        protege_user, mentor_user = members(pair)
        write(pair, protege_user, "протеже")
        write(pair, mentor_user, "тәлімгер", kind="discussion")
        assert sorted(JournalEntry.objects.filter(pair=pair).values_list("text", flat=True)) == [
            "протеже",
            "тәлімгер",
        ]

    @pytest.mark.parametrize("name", ["coordinator", "court_chair", "branch_council", "judge"])
    def test_nobody_else_writes_4_2(self, world, pair, name):
        refused(write, "§4.2", pair=pair, by=office(world, name))

    def test_hearing_review_tomorrow_refused_today_accepted_4_3_15_1(self, world, pair):
        _, mentor_user = members(pair)
        refused(
            write,
            "§4.3",
            pair=pair,
            by=mentor_user,
            kind="hearing_review",
            occurred_on=today() + DAY,
        )
        assert write(pair, mentor_user, kind="hearing_review").occurred_on == today()

    def test_other_entries_cannot_be_dated_in_the_future(self, world, pair):
        refused(write, pair=pair, by=members(pair)[0], occurred_on=today() + DAY)

    def test_a_pair_not_yet_active_keeps_no_journal(self, world, entries):
        pair = consented_pair(world, entries[0])
        refused(write, pair=pair, by=pair.protege.user)

    def test_the_column_holds_ciphertext_only(self, world, pair):
        write(pair, members(pair)[0])
        [token] = raw_journal_texts()
        assert SENTINEL not in token and "SENTINEL" not in token
        assert crypto.decrypt(token) == SENTINEL

    def test_key_rotation(self, world, pair, settings):
        old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
        settings.JOURNAL_KEYS = [old_key]
        entry = write(pair, members(pair)[0])
        settings.JOURNAL_KEYS = [new_key, old_key]
        assert JournalEntry.objects.get(pk=entry.pk).text == SENTINEL  # old entries still read
        [token] = raw_journal_texts()
        rotated = crypto.rotate(token)
        settings.JOURNAL_KEYS = [new_key]
        with pytest.raises(InvalidToken):
            crypto.decrypt(token)
        assert crypto.decrypt(rotated) == SENTINEL
        # new entries are written with the first key
        settings.JOURNAL_KEYS = [new_key, old_key]
        write(pair, members(pair)[1], text="екінші")
        settings.JOURNAL_KEYS = [new_key]
        assert crypto.decrypt(raw_journal_texts()[1]) == "екінші"

    def test_no_notification_or_audit_row_carries_the_text(self, world, pair):
        import pghistory.models

        protege_user, mentor_user = members(pair)
        before = Notification.objects.count()
        write(pair, protege_user)
        write(pair, mentor_user, kind="hearing_review")
        assert Notification.objects.count() == before
        assert not any(
            SENTINEL in str(p) for p in Notification.objects.values_list("params", flat=True)
        )
        event_models = [
            m
            for m in apps.get_models()
            if issubclass(m, pghistory.models.Event) and not m._meta.abstract
        ]
        assert event_models
        assert JournalEntry not in {getattr(m, "pgh_tracked_model", None) for m in event_models}
        for model in event_models:
            rows = list(model.objects.values())
            assert SENTINEL not in str(rows), model
        assert SENTINEL not in str(list(pghistory.models.Context.objects.values()))


# =============================================================================
# 9. Feedback (§16.3)
# =============================================================================


class TestFeedback:
    def test_the_protege_rates_once_a_month(self, world, pair):
        protege_user, _ = members(pair)
        fb = services.give_feedback(by=protege_user, pair=pair, rating=5, comment="Пайдалы")
        assert (fb.rating, fb.period) == (5, today().replace(day=1))
        refused(services.give_feedback, "§16.3", by=protege_user, pair=pair, rating=4)

    @pytest.mark.parametrize("rating", [1, 3])
    def test_valid_ratings(self, world, pair, rating):
        assert (
            services.give_feedback(by=members(pair)[0], pair=pair, rating=rating).rating == rating
        )

    @pytest.mark.parametrize("rating", [0, 6])
    def test_rating_outside_1_to_5_refused(self, world, pair, rating):
        refused(services.give_feedback, "§16.3", by=members(pair)[0], pair=pair, rating=rating)

    def test_only_the_protege(self, world, pair):
        refused(services.give_feedback, "§16.3", by=members(pair)[1], pair=pair, rating=4)
        refused(
            services.give_feedback, "§16.3", by=office(world, "coordinator"), pair=pair, rating=4
        )

    def test_a_pair_that_is_not_active_refused(self, world, entries, pair):
        proposed = consented_pair(world, entries[1])
        refused(services.give_feedback, by=proposed.protege.user, pair=proposed, rating=4)
        Pair.objects.filter(pk=pair.pk).update(status="completed", ended_on=today())
        refused(services.give_feedback, by=members(pair)[0], pair=pair, rating=4)
