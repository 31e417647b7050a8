"""#16: the helpers every audit and protection trigger calls run without an
error-catching block (no sub-transaction per row, so a large transaction is
not quadratic), and still answer as the libraries' versions do: pgtrigger's
ignore, pghistory's context — also after a transaction that set them."""

import pghistory
import pgtrigger
import pytest
from django.db import connection, transaction

from courts.models import Court
from mentorship.models import AccessRecord
from tests import factories as f


def _source(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", [name])
        rows = cursor.fetchall()
    assert len(rows) == 1, name
    return rows[0][0]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["_pgtrigger_should_ignore", "_pgh_attach_context"])
def test_the_helpers_open_no_sub_transaction(name):
    source = _source(name).upper()
    assert "EXCEPTION" not in source and "CURRENT_SETTING" in source


@pytest.mark.django_db(transaction=True)
def test_a_protected_row_stays_protected_before_and_after_an_ignore(world):
    record = AccessRecord.objects.create(
        user=world.users["coordinator"], how="viewed", what="courts.judge"
    )
    with pytest.raises(Exception, match="access_record_is_append_only"), transaction.atomic():
        AccessRecord.objects.filter(pk=record.pk).update(path="/changed/")
    # the ignore of the library (SET LOCAL) is honoured within its block …
    with (
        transaction.atomic(),
        pgtrigger.ignore("mentorship.AccessRecord:access_record_is_append_only"),
    ):
        AccessRecord.objects.filter(pk=record.pk).update(path="/by-the-migration/")
    # … and once it ended (the setting is now empty, not missing), protected again
    with pytest.raises(Exception, match="access_record_is_append_only"), transaction.atomic():
        AccessRecord.objects.filter(pk=record.pk).delete()
    assert AccessRecord.objects.get(pk=record.pk).path == "/by-the-migration/"


@pytest.mark.django_db(transaction=True)
def test_the_audit_context_is_attached_and_none_outside_it(world):
    with pghistory.context(user=world.users["administrator"].pk, url="/admin/"):
        court = f.court(world.region)
    event = Court.pgh_event_model.objects.filter(pgh_obj_id=court.pk).latest("pgh_id")
    assert event.pgh_context is not None
    assert event.pgh_context.metadata["user"] == world.users["administrator"].pk
    court.name_en = "Renamed"
    court.save()  # after the context's transaction: the setting is empty
    later = Court.pgh_event_model.objects.filter(pgh_obj_id=court.pk).latest("pgh_id")
    assert later.name_en == "Renamed" and later.pgh_context is None


@pytest.mark.django_db
def test_the_database_compiles_no_query_just_in_time():
    """#16: JIT compiling the grounds' subqueries cost ~480 ms per dashboard."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase"
            " WHERE d.datname = current_database() AND s.setrole = 0"
        )
        settings_of_db = [item for row in cursor.fetchall() for item in (row[0] or [])]
    assert "jit=off" in settings_of_db
