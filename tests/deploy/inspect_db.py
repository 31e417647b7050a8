"""Reads back, in the database of DATABASE_URL, what a backup must keep:
every issued document's PDF against its SHA-256, every journal entry
decrypted with the configured keys (JOURNAL_KEYS), every stored attachment
against its SHA-256. Prints JSON.

    DATABASE_URL=... python -m tests.deploy.inspect_db
"""

from __future__ import annotations

import hashlib
import json
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

import django  # noqa: E402

django.setup()

from django.core.files.storage import default_storage  # noqa: E402

from mentorship.models import Document  # noqa: E402
from programs.models import Attachment, JournalEntry  # noqa: E402


def main() -> dict:
    documents = [
        {
            "id": d.pk,
            "sha256": d.sha256,
            "intact": hashlib.sha256(bytes(d.pdf)).hexdigest() == d.sha256,
        }
        for d in Document.objects.order_by("pk")
    ]
    journal = [e.text for e in JournalEntry.objects.order_by("pk")]  # decrypts
    attachments = []
    for a in Attachment.objects.order_by("pk"):
        with default_storage.open(a.file.name) as stored:
            attachments.append(
                {"id": a.pk, "intact": hashlib.sha256(stored.read()).hexdigest() == a.sha256}
            )
    return {"documents": documents, "journal": journal, "attachments": attachments}


if __name__ == "__main__":
    print("INSPECTED " + json.dumps(main(), ensure_ascii=False))
