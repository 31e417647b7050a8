"""#16: the judges' tables (a court's page, the judges in scope) take their
rows as values; each row says what the judge's record says, §11's years in
office counted as courts.rules counts them."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import translation

from courts.models import Judge
from tests import factories as f


def test_each_row_says_what_the_record_says_in_each_language(client, world):
    today = dt.date.today()
    judges = [
        f.judge(world.district_court, appointed=today.replace(year=today.year - 7)),
        f.judge(world.district_court, appointed=today - dt.timedelta(days=30)),
        f.judge(  # retired four years after the appointment: four years, not more
            world.district_court,
            appointed=dt.date(2010, 3, 1),
            status="retired",
            position="chair",
            specialisation="criminal",
            events=(("retirement", dt.date(2014, 6, 1)),),
        ),
    ]
    client.force_login(world.users["hr_officer"])
    for lang in ("kk", "ru", "en"):
        client.cookies["django_language"] = lang
        for url in (reverse("judge_list"), reverse("court_detail", args=[world.district_court.pk])):
            html = client.get(url).content.decode()
            with translation.override(lang):
                for judge in Judge.objects.filter(pk__in=[j.pk for j in judges]):
                    row = (
                        f'<tr><td><a href="{reverse("judge_detail", args=[judge.pk])}">'
                        f"{judge.full_name}</a></td><td>{judge.court.name}</td>"
                        f"<td>{judge.get_position_display()}</td>"
                        f"<td>{judge.get_specialisation_display()}</td>"
                        f"<td>{judge.get_status_display()}</td>"
                        f"<td>{judge.years_in_office(today)}</td></tr>"
                    )
                    assert row in html, (lang, url, judge.full_name)
    assert [j.years_in_office(today) for j in judges] == [7, 0, 4]


def test_no_judges_says_so(client, world):
    client.force_login(world.users["hr_officer"])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("judge_list") + "?q=nobody-of-that-name").content.decode()
    assert "No judges." in html
