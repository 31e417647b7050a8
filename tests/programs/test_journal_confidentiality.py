"""§4.2 confidentiality: the pair's journal is readable by its two members
only — through no page, admin screen, export, notification, log or audit entry
for anyone else — and its column holds ciphertext only."""

from __future__ import annotations

import datetime as dt
import io
import logging
import uuid
import zipfile

import pytest
from django.contrib import admin
from django.db import connection
from django.urls import reverse

from mentorship import crypto
from mentorship.models import Notification
from programs import services
from programs.models import JournalEntry
from tests import factories as f
from tests.programs import helpers as h
from tests.test_permission_matrix import ACTORS, MATRIX


@pytest.fixture
def secret(world):
    pair = h.world_pair(world)
    sentinel = f"KUPIYA-{uuid.uuid4().hex}"
    services.add_journal_entry(
        by=pair.mentor.user,
        pair=pair,
        kind="hearing_review",
        occurred_on=dt.date.today(),
        text=f"Сот отырысына шолу: {sentinel}",
    )
    return pair, sentinel


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):  # an XLSX workbook: read every part
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return content.decode("utf-8", "replace")


def test_the_members_read_it(client, world, secret):
    pair, sentinel = secret
    for user in (pair.protege.user, pair.mentor.user):
        client.force_login(user)
        assert sentinel in body(client.get(reverse("pair_journal", args=[pair.pk])))


def test_no_page_of_the_matrix_shows_it_to_anyone_else(client, world, secret):
    pair, sentinel = secret
    rows = {
        name: (args(world) if args else None)
        for name, (method, args, _e) in MATRIX.items()
        if method == "get"
    }
    fetched = 0
    for actor in ACTORS:
        if actor == "judge":  # the protégé of the pair
            continue
        client.logout()
        if actor != "anonymous":
            client.force_login(world.users[actor])
        for name, args in rows.items():
            response = client.get(reverse(name, args=args))
            assert sentinel not in body(response), (name, actor)
            fetched += 1
    assert fetched == 11 * len(rows) and len(rows) >= 30


def test_no_admin_screen_shows_it_even_to_a_superuser(client, world, secret):
    _pair, sentinel = secret
    assert JournalEntry not in admin.site._registry
    root = f.user("root")
    root.is_superuser = root.is_staff = True
    root.save()
    client.force_login(root)
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        obj = model.objects.first()
        if obj is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert sentinel not in body(response), page


def test_no_notification_audit_entry_or_log_carries_it(client, world, secret, caplog):
    pair, sentinel = secret
    caplog.set_level(logging.DEBUG)
    client.force_login(pair.protege.user)
    response = client.post(
        reverse("pair_journal", args=[pair.pk]),
        {
            "kind": "discussion",
            "occurred_on": dt.date.today().isoformat(),
            "text": f"Талқылау {sentinel}",
        },
    )
    assert response.status_code == 302
    assert JournalEntry.objects.filter(pair=pair).count() == 2
    assert sentinel not in caplog.text
    for n in Notification.objects.all():
        assert sentinel not in str(n.params)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = [r[0] for r in cursor.fetchall()]
        leaks = []
        for table in tables:
            cursor.execute(
                f'SELECT count(*) FROM "{table}" t WHERE t::text LIKE %s', [f"%{sentinel}%"]
            )
            if cursor.fetchone()[0]:
                leaks.append(table)
    assert leaks == [], f"the journal text is stored in clear in {leaks}"


def test_the_column_holds_ciphertext_only(world, secret):
    pair, sentinel = secret
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM programs_journalentry WHERE pair_id = %s", [pair.pk])
        (token,) = cursor.fetchone()
    assert sentinel not in token
    assert token.startswith("gAAAA")  # a Fernet token
    assert sentinel in crypto.decrypt(token)


def test_key_rotation_command_re_encrypts_with_the_newest_key(world, secret, settings):
    from cryptography.fernet import Fernet, InvalidToken
    from django.core.management import call_command

    pair, sentinel = secret
    old_keys = list(settings.JOURNAL_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.JOURNAL_KEYS = [new_key, *old_keys]
    out = io.StringIO()
    call_command("rotate_journal_keys", stdout=out)
    assert "1 journal entries" in out.getvalue() and sentinel not in out.getvalue()
    settings.JOURNAL_KEYS = [new_key]  # the old key is gone: entries still read
    assert sentinel in JournalEntry.objects.get(pair=pair).text
    settings.JOURNAL_KEYS = old_keys  # and the old key alone no longer does
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM programs_journalentry WHERE pair_id = %s", [pair.pk])
        (token,) = cursor.fetchone()
    with pytest.raises(InvalidToken):
        crypto.decrypt(token)
