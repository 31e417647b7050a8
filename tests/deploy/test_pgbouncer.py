"""PgBouncer in transaction pooling mode (docker-compose.yml) needs
PGBOUNCER=1: with it Django's queries pass through Debian's pgbouncer;
without it an iterator's server-side cursor is lost when its next chunk is
fetched over another server connection."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .conftest import ROOT, free_port, process_env, wait_for_port

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
PGBOUNCER = shutil.which("pgbouncer") or (
    "/usr/sbin/pgbouncer" if os.path.exists("/usr/sbin/pgbouncer") else None
)

pytestmark = [
    pytest.mark.server_db,
    pytest.mark.skipif(
        not PGBOUNCER and not REQUIRE_SERVICES, reason="Debian's pgbouncer is not installed"
    ),
]


@pytest.fixture
def pgbouncer(populated_db):
    url, _info = populated_db
    server = urlsplit(url)
    port = free_port()
    # a folder the unprivileged pgbouncer can read (pytest's tmp_path is 0700)
    tmp_path = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
    tmp_path.chmod(0o755)
    (tmp_path / "userlist.txt").write_text(f'"{server.username}" ""\n')
    (tmp_path / "pgbouncer.ini").write_text(f"""[databases]
* = host={server.hostname} port={server.port or 5432}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {tmp_path}/userlist.txt
pool_mode = transaction
default_pool_size = 2
max_client_conn = 20
ignore_startup_parameters = extra_float_digits,options
""")
    args = [PGBOUNCER, str(tmp_path / "pgbouncer.ini")]
    if os.geteuid() == 0:  # pgbouncer refuses to run as root
        args[1:1] = ["-u", "nobody"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, proc, timeout=20)
        yield urlunsplit(server._replace(netloc=f"{server.username}@127.0.0.1:{port}"))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(tmp_path, ignore_errors=True)


def client(url, **env):
    return subprocess.run(
        [sys.executable, "-m", "tests.deploy.pool_client"],
        cwd=ROOT,
        env=process_env(url, REDIS_URL="", **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_django_works_through_transaction_pooling_with_pgbouncer_settings(pgbouncer):
    result = client(pgbouncer, PGBOUNCER="1")
    assert result.returncode == 0 and "POOLED OK" in result.stdout, result.stderr[-2000:]


def test_without_them_server_side_cursors_break(pgbouncer):
    result = client(pgbouncer, PGBOUNCER="0")
    assert result.returncode != 0
    assert "does not exist" in (result.stdout + result.stderr), result.stderr[-2000:]
