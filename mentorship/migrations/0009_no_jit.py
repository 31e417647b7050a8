"""#16: no JIT compilation for this database. The protégé grounds are
per-judge subqueries (courts.queries) whose estimated cost passes PostgreSQL's
`jit_above_cost`, and compiling them took ~480 ms for a 30 ms query — an OLTP
application's queries are short, JIT is for long analytical ones. Set on the
database, so that it holds for every connection (PgBouncer's too) from the
next one on; `tests/mentorship/test_triggers.py` checks it."""

from django.db import migrations

SQL = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
END
$$;
"""

REVERSE = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I RESET jit', current_database());
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("mentorship", "0008_account_events")]
    operations = [migrations.RunSQL(SQL, REVERSE)]
