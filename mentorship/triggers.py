"""The two helper functions that every audit and protection trigger calls,
written without an error-catching block (#16).

pgtrigger's `_pgtrigger_should_ignore` and pghistory's `_pgh_attach_context`
read a session setting inside `BEGIN … EXCEPTION WHEN OTHERS … END`, which
PostgreSQL runs as a sub-transaction — and aborts one whenever the setting is
not defined, which is the usual case. Each abort rescans the transaction's
queue of deferred foreign-key checks, so a large transaction (an import, the
demo data) grew quadratic: `load_demo --scale 50` spent about 97 of its 106 s
on judges in these triggers. `CURRENT_SETTING(name, TRUE)` returns NULL for a
missing setting, and NULLIF covers the empty value a setting keeps after
`SET LOCAL` in an earlier transaction: the same answers, no sub-transaction,
every row still recorded by the audit trail.

Both libraries (re)install their versions — pgtrigger with every trigger a
migration installs, pghistory after `migrate` (turned off in settings:
PGHISTORY_INSTALL_CONTEXT_FUNC_ON_MIGRATE) — so ours are installed after
every app's migrations (post_migrate), and the test suite checks the result
(tests/mentorship/test_triggers.py)."""

from __future__ import annotations

from django.db import connections

SHOULD_IGNORE = """
CREATE OR REPLACE FUNCTION _pgtrigger_should_ignore(trigger_name NAME)
RETURNS BOOLEAN AS $$
    DECLARE
        _pgtrigger_ignore TEXT[];
    BEGIN
        _pgtrigger_ignore := NULLIF(CURRENT_SETTING('pgtrigger.ignore', TRUE), '')::TEXT[];
        IF _pgtrigger_ignore IS NOT NULL THEN
            RETURN trigger_name = ANY(_pgtrigger_ignore);
        END IF;
        RETURN FALSE;
    END;
$$ LANGUAGE plpgsql;
"""

ATTACH_CONTEXT = """
CREATE OR REPLACE FUNCTION _pgh_attach_context()
RETURNS pghistory_context.id%TYPE AS $$
    DECLARE
        _pgh_context_id UUID;
        _pgh_context_metadata JSONB;
    BEGIN
        _pgh_context_id := NULLIF(CURRENT_SETTING('pghistory.context_id', TRUE), '')::UUID;
        _pgh_context_metadata :=
            NULLIF(CURRENT_SETTING('pghistory.context_metadata', TRUE), '')::JSONB;
        IF _pgh_context_id IS NOT NULL AND _pgh_context_metadata IS NOT NULL THEN
            INSERT INTO pghistory_context (id, metadata, created_at, updated_at)
                VALUES (_pgh_context_id, _pgh_context_metadata, NOW(), NOW())
                ON CONFLICT (id) DO UPDATE
                    SET metadata = EXCLUDED.metadata,
                        updated_at = EXCLUDED.updated_at
                    WHERE pghistory_context.metadata != EXCLUDED.metadata;
            RETURN _pgh_context_id;
        END IF;
        RETURN NULL;
    END;
$$ LANGUAGE plpgsql;
"""


def install(using: str = "default", **_kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_regclass('pghistory_context') IS NOT NULL, "
            "EXISTS (SELECT 1 FROM pg_proc WHERE proname = '_pgtrigger_should_ignore')"
        )
        has_context, has_ignore = cursor.fetchone()
        if has_ignore:
            cursor.execute(SHOULD_IGNORE)
        if has_context:
            cursor.execute(ATTACH_CONTEXT)
