"""The data version (#16): a number that changes whenever a table the
dashboards' figures count changes, so that an office's figures are computed
once and then served from the cache until something they count changes.

A PostgreSQL sequence, `mentorship_data_version`, is advanced by a
statement-level trigger on each table of `TABLES` (any INSERT, UPDATE,
DELETE or TRUNCATE, from the application, an import's COPY or an operator's
SQL). A sequence takes no row lock, so writers never wait on each other.

The trigger fires inside the writing transaction, before it commits; a
reader in between could cache the old figures under the new number. So the
trigger also marks the connection, and the application advances the number
once more after each request that may write (any method but GET, HEAD,
OPTIONS) and after each Celery task, once their transactions have committed,
if the connection wrote a counted table (`BumpAfterWriteMiddleware`,
`bump_after_task`). The cache entries also expire (`FIGURES_SECONDS`), which
bounds what a write outside the application could leave stale.

`tests/mentorship/test_dataversion.py` checks that every table the cached
figures read carries the trigger.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.db import connection, connections

SEQUENCE = "mentorship_data_version"
FIGURES_SECONDS = 300

#: the tables the cached figures and tables read — the dashboards' figures and
#: the needs analysis (the test reads their SQL and fails when one is missing)
TABLES = (
    "courts_region",
    "courts_court",
    "courts_judge",
    "courts_careerevent",
    "courts_qualityflag",
    "programs_pair",
    "programs_participation",
    "programs_plan",
    "programs_planversion",
    "programs_report",
    "programs_petition",
    "programs_protocol",
    "programs_protocolcopy",
    # the needs analysis's table (§10.1): preferences and the roster they name
    "programs_protegepreference",
    "programs_rosterentry",
    # the dashboard's own lists: roster invitations name their roster's region
    "programs_roster",
)

FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION mentorship_bump_data_version() RETURNS trigger AS $$
BEGIN
    PERFORM nextval('{SEQUENCE}');
    -- this connection wrote a counted table: advance again once committed
    PERFORM set_config('mentorship.wrote_counted', '1', false);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def trigger_sql(table: str) -> str:
    return (
        f'DROP TRIGGER IF EXISTS mentorship_data_version ON "{table}"; '
        f'CREATE TRIGGER mentorship_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
        "FOR EACH STATEMENT EXECUTE FUNCTION mentorship_bump_data_version();"
    )


def install(using: str = "default", app_config: Any = None, **_kwargs: Any) -> None:
    """After every migrate (post_migrate, once: for this app): the sequence,
    the function and a trigger on each table of TABLES that exists."""
    if app_config is not None and app_config.label != "mentorship":
        return
    conn = connections[using]
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        # a database's versions start at a random number: a shared cache never
        # mistakes another (or a rebuilt) database's figures for this one's
        start = secrets.randbelow(2**40) + 1
        cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE} START WITH {start}")
        cursor.execute(FUNCTION_SQL)
        for table in TABLES:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            if cursor.fetchone()[0]:
                cursor.execute(trigger_sql(table))
        # a table no longer counted loses its trigger
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'mentorship_data_version' AND NOT (c.relname = ANY(%s))",
            [list(TABLES)],
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER mentorship_data_version ON "{table}"')


def current() -> int:
    """The data version now (one cheap read of the sequence)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_value FROM {SEQUENCE}")  # noqa: S608 (a constant)
        return int(cursor.fetchone()[0])


def bump() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [SEQUENCE])


def bump_if_written() -> None:
    """Advance the version if this connection's committed work wrote a counted
    table since the last call (the triggers leave a session setting)."""
    if connection.connection is None or connection.in_atomic_block:
        return  # no connection opened, or still inside a transaction
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN current_setting('mentorship.wrote_counted', true) = '1' "
            "THEN nextval(%s) END, set_config('mentorship.wrote_counted', '', false)",
            [SEQUENCE],
        )


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BumpAfterWriteMiddleware:
    """After a request that may have written, when its transactions have
    committed, the data version moves on (see the module's note)."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            bump_if_written()
        return response


def bump_after_task(**_kwargs: Any) -> None:
    """Celery task_postrun: a task's writes have committed."""
    bump_if_written()
