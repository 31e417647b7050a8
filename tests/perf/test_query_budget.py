"""List and dashboard pages cost a fixed number of queries however many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["dashboard", "court_list", "judge_list", "roster_list",
                                  "seminar_list"])
def test_the_page_costs_the_same_with_few_and_many_rows(client, world, name):
    client.force_login(world.users["central_council"])
    url = reverse(name)
    client.get(url)  # warm-up: the first request of a session also writes the session
    few = count_queries(client, url)
    for i in range(60):
        court = f.court(world.region) if i % 10 == 0 else world.district_court
        f.judge(court, events=(("transfer_region", f.dt.date(2026, 1, 1)),))
    many = count_queries(client, url)
    assert many == few, (name, few, many)
