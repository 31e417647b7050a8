"""Re-encrypt every confidential journal entry (§4.2) with the first key of
JOURNAL_KEYS. Put the new key first, keep the old ones after it, run this,
then drop the old keys. Prints counts only, never text."""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from mentorship.crypto import rotate


class Command(BaseCommand):
    help = "Re-encrypt the confidential journal with the newest key of JOURNAL_KEYS."

    def handle(self, *args, **options):
        done = 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT id, text FROM programs_journalentry ORDER BY id FOR UPDATE")
            rows = cursor.fetchall()
            for pk, token in rows:
                cursor.execute(
                    "UPDATE programs_journalentry SET text = %s WHERE id = %s", [rotate(token), pk]
                )
                done += 1
        self.stdout.write(f"{done} journal entries re-encrypted with the newest key.")
