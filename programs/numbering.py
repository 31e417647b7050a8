"""Numbers the programme issues: a region's register of pairs (§12) and its
branch council's protocols (§14). One statement draws the next number and
locks only the counter row until the transaction ends; a counter created
late starts above any number already issued."""

from __future__ import annotations

from django.db import connection

from .models import Pair, Protocol, RegionCounter


def _next(region_id: int, kind: str, year: int, issued_sql: str, issued_params: list) -> int:
    table = RegionCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (region_id, kind, year, last) "  # noqa: S608 (names are ours)
            f"VALUES (%s, %s, %s, ({issued_sql}) + 1) "
            f"ON CONFLICT (region_id, kind, year) DO UPDATE SET last = {table}.last + 1 "
            f"RETURNING last",
            [region_id, kind, year, *issued_params],
        )
        return int(cursor.fetchone()[0])


def next_register_number(region_id: int) -> int:
    """§12: the next number in the region's register of pairs."""
    pairs = Pair._meta.db_table
    return _next(
        region_id,
        RegionCounter.Kind.REGISTER,
        0,
        f"SELECT COALESCE(MAX(register_number), 0) FROM {pairs} "  # noqa: S608
        f"WHERE region_id = %s",
        [region_id],
    )


def next_protocol_number(region_id: int, year: int) -> int:
    """§14: the next protocol number of the region's branch council in `year`."""
    protocols = Protocol._meta.db_table
    return _next(
        region_id,
        RegionCounter.Kind.PROTOCOL,
        year,
        f"SELECT COALESCE(MAX(number), 0) FROM {protocols} "  # noqa: S608
        f"WHERE region_id = %s AND year = %s",
        [region_id, year],
    )
