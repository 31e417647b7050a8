"""Audit trail: PostgreSQL triggers (django-pghistory) record every change in
the same transaction, bulk updates included; the history is append-only."""

import pytest
from django.db import connection, transaction
from django.db.utils import InternalError, ProgrammingError
from django.urls import reverse

from courts.models import Court, Judge


def judge_events(judge):
    return Judge.pgh_event_model.objects.filter(pgh_obj_id=judge.pk)


def test_a_change_leaves_a_history_row(world):
    before = judge_events(world.judge).count()
    world.judge.position = "collegium_chair"
    world.judge.save()
    assert judge_events(world.judge).count() == before + 1
    assert judge_events(world.judge).latest("pgh_id").position == "collegium_chair"


def test_a_bulk_update_cannot_bypass_the_trail(world):
    before = Court.pgh_event_model.objects.count()
    changed = Court.objects.filter(region=world.region).update(kind="city")
    assert changed == 3
    assert Court.pgh_event_model.objects.count() == before + 3


@pytest.mark.parametrize("statement", ["UPDATE {t} SET name_en = 'forged'", "DELETE FROM {t}"])
def test_history_cannot_be_edited_or_deleted(world, statement):
    table = Court.pgh_event_model._meta.db_table
    assert Court.pgh_event_model.objects.exists()
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement.format(t=table))


def test_the_administrator_reads_the_history_of_a_record(client, world):
    world.district_court.name_en = "Renamed Court"
    world.district_court.save()
    client.force_login(world.users["administrator"])
    page = client.get(reverse("record_history", args=["court", world.district_court.pk]))
    assert page.status_code == 200
    assert "Renamed Court" in page.content.decode()


def test_history_records_the_signed_in_user(client, world):
    """Changes made in a request are attributed to the user (pghistory context)."""
    client.force_login(world.users["administrator"])
    url = reverse("admin:courts_court_change", args=[world.district_court.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "code": world.district_court.code,
        "region": world.region.pk,
        "level": "district",
        "kind": "district",
        "name_kk": "Жаңа атау",
        "name_ru": "Новое имя",
        "name_en": "New name",
        "is_small": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    event = Court.pgh_event_model.objects.filter(pgh_obj_id=world.district_court.pk).latest(
        "pgh_id"
    )
    assert event.name_en == "New name"
    assert event.pgh_context is not None
    assert event.pgh_context.metadata["user"] == world.users["administrator"].pk
