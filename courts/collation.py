"""Names in the order of the Kazakh alphabet (А Ә Б … И І … О Ө … У Ұ Ү …),
not by code point (which puts Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І after Я).

The PostgreSQL collation `kk-KZ-x-icu` (ICU) does it; migration
courts/0005_kazakh_collation creates it where the server has ICU and no such
collation yet. Where the server has no ICU the migration creates a collation of
the same name from the libc locale kk_KZ.UTF-8 if installed, else from the
database's default collation — the code stays the same and names then sort as
the database sorts by default (see README)."""

from __future__ import annotations

from django.db.models.functions import Collate

KAZAKH = "kk-KZ-x-icu"


def kazakh(field: str) -> Collate:
    return Collate(field, KAZAKH)


def by_name(prefix: str = "") -> list:
    """order_by(*by_name("judge__")): surname, first name, patronymic in Kazakh order."""
    return [kazakh(f"{prefix}{part}") for part in ("last_name", "first_name", "patronymic")]


# the name as in KAZAKH (a literal: no SQL built from strings)
CREATE_SQL = """
DO $$
DECLARE
  fallback text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'kk-KZ-x-icu') THEN
    RETURN;
  END IF;
  BEGIN
    CREATE COLLATION "kk-KZ-x-icu" (provider = icu, locale = 'kk-KZ');
  EXCEPTION WHEN others THEN
    BEGIN
      CREATE COLLATION "kk-KZ-x-icu" (provider = libc, locale = 'kk_KZ.UTF-8');
    EXCEPTION WHEN others THEN
      SELECT datcollate INTO fallback FROM pg_database WHERE datname = current_database();
      EXECUTE format('CREATE COLLATION "kk-KZ-x-icu" (provider = libc, locale = %L)', fallback);
    END;
  END;
END $$;
"""
