"""Backups restore: scripts/backup.sh (pg_dump -Fc) of a populated database,
scripts/restore.sh into an empty one; every issued document's PDF matches its
SHA-256, every journal entry decrypts with the configured keys, every stored
attachment is intact."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

from .conftest import ROOT, base_name, create_database, drop_database, inspect, process_env

pytestmark = [pytest.mark.server_db]


def script(name, url, *args):
    return subprocess.run(
        [str(ROOT / "scripts" / name), *args],
        cwd=ROOT,
        env=process_env(url),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_backup_restores_into_an_empty_database(populated_db, tmp_path):
    url, info = populated_db
    source = inspect(url)
    assert source["documents"] and len(source["journal"]) == len(info["journal"])

    dump = tmp_path / "backups" / "mentorship.dump"
    made = script("backup.sh", url, str(dump))
    assert made.returncode == 0, made.stderr
    assert dump.stat().st_size > 0 and (tmp_path / "backups" / "mentorship.dump.sha256").exists()

    name = f"{base_name()}_restored_{os.getpid()}"
    restored_url = create_database(name)
    try:
        restored = script("restore.sh", restored_url, str(dump))
        assert restored.returncode == 0, restored.stderr
        copy = inspect(restored_url)
        assert copy["documents"] == source["documents"]
        assert all(d["intact"] for d in copy["documents"])
        assert copy["journal"] == source["journal"] == info["journal"]
        assert copy["attachments"] == source["attachments"]
        assert all(a["intact"] for a in copy["attachments"])

        # the journal is encrypted in the dump: other keys cannot read it
        other = subprocess.run(
            [sys.executable, "-m", "tests.deploy.inspect_db"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=process_env(
                restored_url, REDIS_URL="", JOURNAL_KEYS=Fernet.generate_key().decode()
            ),
        )
        assert other.returncode != 0 and "InvalidToken" in other.stderr

        # a database that is not empty is refused, and left as it was
        again = script("restore.sh", restored_url, str(dump))
        assert again.returncode != 0 and "refusing" in again.stderr
        assert inspect(restored_url) == copy
    finally:
        drop_database(name)


def test_a_damaged_dump_is_refused(populated_db, tmp_path):
    url, _info = populated_db
    dump = tmp_path / "mentorship.dump"
    assert script("backup.sh", url, str(dump)).returncode == 0
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    name = f"{base_name()}_damaged_{os.getpid()}"
    target = create_database(name)
    try:
        result = script("restore.sh", target, str(dump))
        assert result.returncode != 0 and "FAILED" in (result.stdout + result.stderr)
    finally:
        drop_database(name)
