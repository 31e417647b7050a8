"""Small builders for test data (plain functions; no factory library needed)."""

from __future__ import annotations

import datetime as dt  # noqa: F401  (tests use f.dt)
import itertools

from django.contrib.auth import get_user_model

from courts.models import (
    CareerEvent,
    Court,
    CourtKind,
    CourtLevel,
    Judge,
    OfficeAssignment,
    Region,
)

_seq = itertools.count(1)


def region(slug: str | None = None) -> Region:
    n = next(_seq)
    slug = slug or f"region-{n}"
    return Region.objects.create(
        slug=slug, name_kk=f"{slug} облысы", name_ru=f"область {slug}", name_en=f"{slug} Region"
    )


def court(
    reg: Region, *, level: str = CourtLevel.DISTRICT, small: bool = False, kind: str | None = None
) -> Court:
    n = next(_seq)
    kind = kind or (CourtKind.OBLAST if level == CourtLevel.REGIONAL else CourtKind.DISTRICT)
    return Court.objects.create(
        code=f"court-{n}",
        region=reg,
        level=level,
        kind=kind,
        is_small=small,
        name_kk=f"№{n} Сот",
        name_ru=f"Суд №{n}",
        name_en=f"Court No. {n}",
    )


def judge(
    crt: Court,
    *,
    appointed: dt.date = dt.date(2010, 1, 15),
    position: str = "judge",
    status: str = "serving",
    specialisation: str = "civil",
    last_name: str | None = None,
    events: tuple[tuple[str, dt.date], ...] = (),
) -> Judge:
    n = next(_seq)
    j = Judge.objects.create(
        last_name=last_name or f"Сәрсенбаев{n}",
        first_name="Ғалымжан",
        patronymic="Қайратұлы",
        court=crt,
        position=position,
        specialisation=specialisation,
        status=status,
    )
    CareerEvent.objects.create(judge=j, kind="first_appointment", date=appointed, court=crt)
    for kind, day in events:
        CareerEvent.objects.create(judge=j, kind=kind, date=day)
    return j


def user(username: str | None = None, *, judge_record: Judge | None = None, **office):
    n = next(_seq)
    u = get_user_model().objects.create_user(
        username or f"user{n}", email=f"user{n}@example.kz", password="correct-horse-battery"
    )
    if judge_record is not None:
        judge_record.user = u
        judge_record.save(update_fields=["user"])
    if office:
        OfficeAssignment.objects.create(user=u, **office)
        if office["office"] == "administrator":
            from django.contrib.auth.models import Permission

            u.is_staff = True
            u.save(update_fields=["is_staff"])
            u.user_permissions.set(Permission.objects.filter(content_type__app_label="courts"))
    return u
