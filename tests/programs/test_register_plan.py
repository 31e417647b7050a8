"""#16: the register of pairs (§12) is read through an index in its order, for
the national offices and for a region's, on a large table: the database
reads the first page from the index, it does not sort every pair."""

import tracemalloc

from django.db import connection

from courts.models import Office
from programs import exports, queries
from programs.models import Pair
from tests.programs import helpers as h

PAIRS = 8_000


def _fill(world) -> None:
    """PAIRS copies of one registered pair (ended, so that no live-pair rule
    applies), spread over ten years and over two regions."""
    pair = h.active_pair(world)
    columns = [
        f.column
        for f in Pair._meta.concrete_fields
        if f.column
        not in (
            "id",
            "status",
            "registered_on",
            "proposed_at",
            "region_id",
            "register_number",
            "term_ends_on",
        )
    ]
    listed = ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO programs_pair
                ({listed}, status, registered_on, proposed_at, region_id, register_number, term_ends_on)
            SELECT {listed}, 'completed',
                   registered_on - (n %% 3650),
                   proposed_at - make_interval(days => n %% 3650, secs => n),
                   CASE WHEN n %% 2 = 0 THEN region_id ELSE %s END,
                   register_number + n,
                   term_ends_on - (n %% 3650)
            FROM programs_pair, generate_series(1, %s) AS n
            WHERE id = %s
            """,
            [world.other_region.pk, PAIRS, pair.pk],
        )
        cursor.execute("ANALYZE programs_pair")


def _plan(qs) -> str:
    sql, params = qs[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_first_page_of_the_register_comes_from_the_index(world):
    _fill(world)
    for actor, index in [
        ("central_council", "pair_register_order"),
        ("branch_council", "pair_region_register_order"),
    ]:
        user = world.users[actor]
        office = user.offices.get()
        assert office.office in (Office.CENTRAL_COUNCIL, Office.BRANCH_COUNCIL)
        plan = _plan(queries.pairs_visible_to(user, office))
        assert index in plan, plan
        # the page is read in order from the index: no sort of the scope's rows
        top = plan.splitlines()[0:3]
        assert not any("Sort" in line and "Incremental" not in line for line in top), plan
    # and without the index the database sorts the whole scope (the test sees it)
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX pair_register_order")
    user = world.users["central_council"]
    plan = _plan(queries.pairs_visible_to(user, user.offices.get()))
    assert "Sort" in plan and "pair_register_order" not in plan, plan


def test_the_register_export_streams_in_bounded_memory(world):
    """#16: four times the pairs, about the same peak memory: the workbook is
    written row by row into a temporary file, the pairs read in chunks."""
    _fill(world)
    user = world.users["central_council"]
    every = queries.pairs_visible_to(user, user.offices.get())
    peaks = {}
    for rows in (2_000, PAIRS):
        tracemalloc.start()
        with exports.register_workbook(every[:rows]) as book:
            size = book.seek(0, 2)
        peaks[rows] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert size > rows * 20  # the rows are in the file
    assert peaks[PAIRS] < 1.5 * peaks[2_000], peaks
