"""Django's queries through PgBouncer (DATABASE_URL points at it): two client
connections at once, each running the same queries more often than psycopg
3's prepare threshold, locking transactions and iterators; then an iterator
read while the other connection holds a transaction open, so that its next
chunk is fetched over another server connection.

    DATABASE_URL=postgres://...@pgbouncer/... python -m tests.deploy.pool_client
"""

from __future__ import annotations

import os
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from courts.models import Judge  # noqa: E402

errors: list[str] = []


def work():
    try:
        for _ in range(8):
            with transaction.atomic():
                list(Judge.objects.select_for_update().order_by("pk")[:3])
            list(Judge.objects.filter(status="serving").values_list("pk", flat=True))
        assert sum(1 for _ in Judge.objects.order_by("pk").iterator(chunk_size=2)) > 0
    except Exception as error:  # reported by the main thread
        errors.append(f"{error.__class__.__name__}: {error}")


def hold_a_transaction(started: threading.Event, done: threading.Event):
    with transaction.atomic():
        list(Judge.objects.select_for_update().order_by("pk")[:1])
        started.set()
        done.wait(30)


work()  # the main thread's connection stays open while the second one works
second = threading.Thread(target=work)
second.start()
second.join()

try:
    judges = Judge.objects.order_by("pk").iterator(chunk_size=1)
    next(judges)  # a server-side cursor would be declared here (WITH HOLD)
    started, done = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_a_transaction, args=(started, done))
    holder.start()
    started.wait(30)
    try:
        rest = list(judges)  # the next chunks, over another server connection
    finally:
        done.set()
        holder.join()
    assert rest
except Exception as error:
    errors.append(f"{error.__class__.__name__}: {error}")
if errors:
    raise SystemExit("POOL ERRORS " + " | ".join(errors))
print("POOLED OK")
