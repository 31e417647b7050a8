"""Realistic, obviously fictitious demo data: every regional-level court of
Kazakhstan, district-level courts in each region, about a thousand judges with
varied careers (every protégé ground, tutors and mentors), retired judges and
one account per office. Idempotent; `scale` multiplies the judges per court."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pgtrigger
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from mentorship.officestyle import branch_name, central_council_name

from . import demo_data
from .iin import iin_check_digit
from .models import (
    CareerEvent,
    Court,
    CourtKind,
    CourtLevel,
    HROffice,
    Judge,
    JudgeStatus,
    Office,
    OfficeAssignment,
    Position,
    Region,
    TrainingCentre,
    UnionBody,
)

DEMO_PASSWORD = "Demo-2026-kz"
DEMO_EMAIL_DOMAIN = "mentorship.example.kz"
DEMO_REGION = "akmola"
REPUBLICAN_CITIES = {"astana", "almaty_city", "shymkent"}
SPEC_BY_KIND = {
    "interdistrict_civil": ["civil"],
    "interdistrict_criminal": ["criminal", "investigating"],
    "economic": ["economic"],
    "administrative": ["administrative"],
    "juvenile": ["juvenile"],
    "criminal": ["criminal"],
    "military": ["military"],
}


@dataclass
class DemoAccount:
    username: str
    office: str
    scope: str
    name: str


def _person(rng: random.Random) -> tuple[str, str, str]:
    female = rng.random() < 0.5
    first = rng.choice(demo_data.FEMALE_FIRST_NAMES if female else demo_data.MALE_FIRST_NAMES)
    male_form, female_form = rng.choice(demo_data.SURNAMES)
    root = rng.choice(demo_data.PATRONYMIC_ROOTS)
    patronymic = "" if rng.random() < 0.1 else root + ("қызы" if female else "ұлы")
    return (female_form if female else male_form), first, patronymic


def _career(rng: random.Random, court: Court, today: dt.date, spec: str):
    """A varied career: returns (status, events). The mix makes every protégé
    ground occur, and both tutors (≥ 5 years, §11) and mentors (§12)."""
    roll = rng.random()
    events: list[tuple[str, dt.date, str]] = []

    def days_ago(lo: int, hi: int) -> dt.date:
        return today - dt.timedelta(days=rng.randint(lo, hi))

    if roll < 0.12:  # first appointed less than a year ago (preamble)
        events.append(("first_appointment", days_ago(10, 360), ""))
        return JudgeStatus.SERVING, events
    start = days_ago(400, 30 * 365)
    events.append(("first_appointment", start, ""))
    if roll < 0.17:
        events.append(("specialisation_change", days_ago(10, 360), spec))
    elif roll < 0.21:
        events.append(("transfer_region", days_ago(10, 360), ""))
    elif roll < 0.24:
        leave = days_ago(500, 1000)
        events.append(("childcare_start", max(leave, start + dt.timedelta(days=30)), ""))
        events.append(("childcare_end", days_ago(10, 300), ""))
    elif roll < 0.27:  # on childcare leave now
        events.append(("childcare_start", days_ago(30, 300), ""))
        return JudgeStatus.CHILDCARE, events
    elif roll < 0.33 and (today - start).days > 20 * 365:
        events.append(("retirement", days_ago(30, 3 * 365), ""))
        return JudgeStatus.RETIRED, events
    return JudgeStatus.SERVING, events


def _judges_per_court(court: Court, rng: random.Random) -> int:
    if court.level == CourtLevel.REGIONAL:
        return rng.randint(10, 14)
    if court.is_small:
        return 2
    return rng.randint(3, 5)


@transaction.atomic
def load_reference() -> None:
    UnionBody.objects.update_or_create(
        kind="central",
        defaults={f"name_{lang}": central_council_name(lang) for lang in ("kk", "ru", "en")},
    )
    for r in demo_data.REGIONS:
        region, _ = Region.objects.update_or_create(
            slug=r["slug"],
            defaults={
                "name_kk": r["region_kk"],
                "name_ru": r["region_ru"],
                "name_en": r["region_en"],
            },
        )
        kind = CourtKind.CITY_REPUBLICAN if r["slug"] in REPUBLICAN_CITIES else CourtKind.OBLAST
        regional, _ = Court.objects.update_or_create(
            code=r["slug"],
            defaults={
                "region": region,
                "level": CourtLevel.REGIONAL,
                "kind": kind,
                "name_kk": r["court_kk"],
                "name_ru": r["court_ru"],
                "name_en": r["court_en"],
                "seat_kk": demo_data.SEATS[r["slug"]][0],
                "seat_ru": demo_data.SEATS[r["slug"]][1],
                "seat_en": r["seat"],
            },
        )
        UnionBody.objects.update_or_create(
            region=region,
            defaults={
                "kind": "branch",
                **{f"name_{lang}": branch_name(region, lang) for lang in ("kk", "ru", "en")},
            },
        )
        TrainingCentre.objects.update_or_create(
            court=regional,
            defaults={
                "name_kk": f"{r['court_kk']} Оқу орталығы",
                "name_ru": f"Учебный центр ({r['court_ru']})",
                "name_en": f"Training Centre, {r['court_en']}",
            },
        )
        for c in demo_data.DISTRICT_COURTS[r["slug"]]:
            Court.objects.update_or_create(
                code=c["code"],
                defaults={
                    "region": region,
                    "level": CourtLevel.DISTRICT,
                    "kind": c["kind"],
                    "name_kk": c["kk"],
                    "name_ru": c["ru"],
                    "name_en": c["en"],
                    "is_small": c["small"],
                },
            )
    for court in Court.objects.filter(hr_office__isnull=True):
        HROffice.objects.create(
            court=court,
            name_kk=f"{court.name_kk} кадр қызметі",
            name_ru=f"Кадровая служба ({court.name_ru})",
            name_en=f"HR office, {court.name_en}",
        )


@transaction.atomic
def load_judges(scale: float = 1.0, seed: int = 2026) -> int:
    """Create judges for courts that have none yet; returns how many were made."""
    rng = random.Random(seed)
    today = timezone.localdate()
    specs = [s[0] for s in demo_data.SPECIALISATIONS if s[0] not in {"military", "investigating"}]
    courts = list(Court.objects.order_by("code"))
    staffed = set(Judge.objects.values_list("court_id", flat=True).distinct())
    created = 0
    for court in courts:
        count = max(1, round(_judges_per_court(court, rng) * scale))
        if court.id in staffed:
            continue
        judges, careers = [], []
        for i in range(count):
            last, first, patronymic = _person(rng)
            spec = rng.choice(SPEC_BY_KIND.get(court.kind, specs))
            status, events = _career(rng, court, today, spec)
            if i == 0:
                position, status = Position.CHAIR, JudgeStatus.SERVING
                events = [
                    (
                        "first_appointment",
                        today - dt.timedelta(days=rng.randint(6 * 365, 25 * 365)),
                        "",
                    )
                ]
            elif court.level == CourtLevel.REGIONAL and i <= 3:
                position = Position.COLLEGIUM_CHAIR
            else:
                position = Position.JUDGE
            judges.append(
                Judge(
                    last_name=last,
                    first_name=first,
                    patronymic=patronymic,
                    court=court,
                    position=position,
                    status=status,
                    specialisation=spec if court.kind != "military" else "military",
                )
            )
            careers.append(events)
        Judge.objects.bulk_create(judges)
        CareerEvent.objects.bulk_create(
            [
                CareerEvent(
                    judge=j,
                    kind=kind,
                    date=day,
                    court=court if kind == "first_appointment" else None,
                    specialisation=spec,
                )
                for j, events in zip(judges, careers, strict=True)
                for kind, day, spec in events
            ]
        )
        created += len(judges)
    return created


def _pick(court: Court, nth: int = 0, **filters) -> Judge:
    return Judge.objects.filter(court=court, **filters).order_by("id")[nth : nth + 1].get()


def demo_iin(n: int) -> str:
    """An obviously synthetic IIN (born in the 1800s: century digit 1) with a
    valid check digit, for the demo chairs' ЭЦП."""
    for serial in range(n, n + 100):
        first11 = f"650101{1}{serial % 10000:04d}"
        check = iin_check_digit(first11)
        if check is not None:
            return first11 + str(check)
    raise ValueError(n)


@transaction.atomic
def load_accounts() -> list[DemoAccount]:
    User = get_user_model()
    region = Region.objects.get(slug=DEMO_REGION)
    regional = Court.objects.get(code=DEMO_REGION)
    today = timezone.localdate()
    admin_group, _ = Group.objects.get_or_create(name="Reference data administrators")
    admin_group.permissions.set(
        # reference data and its history; nothing of `auth` (#12: accounts are
        # the judge's, and the break-glass superuser's on the server)
        Permission.objects.filter(content_type__app_label__in=["courts", "pghistory"])
    )

    district_judges = list(
        Judge.objects.filter(
            court__region=region,
            court__kind__in=["district", "city"],
            status=JudgeStatus.SERVING,
            position=Position.JUDGE,
        )
        .select_related("court")
        .prefetch_related("career_events", "quality_flags")
        .order_by("court__code", "id")
    )
    protege = next(
        j
        for j in district_judges
        if any(g.code == "first_appointment" for g in j.protege_grounds(today))
    )
    district = protege.court  # the court chair and HR of the demo protégé's court
    tutor = next(
        j for j in district_judges if j.years_in_office(today) >= 5 and not j.protege_grounds(today)
    )
    # a judge in the second year of the programme, whose first mentor was
    # replaced (programs.demo): first appointed 13-30 months ago
    second_year = next(
        (
            j
            for j in district_judges
            if j not in (protege, tutor)
            and j.court_id == protege.court_id  # the demo court chair approves its programme
            and 1 <= j.years_in_office(today) <= 2
        ),
        None,
    ) or next(
        j for j in district_judges if j not in (protege, tutor) and j.court_id == protege.court_id
    )
    mentors = list(
        Judge.objects.filter(
            court=regional, position=Position.JUDGE, status=JudgeStatus.SERVING
        ).order_by("id")[:5]
    )
    # the 2nd to 4th regional judges sit on the council and the national bodies
    # below: the replacement mentor is another judge
    mentors = [mentors[0], mentors[-1]]
    # candidates for the roster who can answer their invitation (§4.1): two
    # more experienced district judges (programs.demo puts them in the draft)
    candidates = [
        j
        for j in district_judges
        if j not in (protege, tutor, second_year)
        and j.years_in_office(today) >= 5
        and not j.protege_grounds(today)
    ][:2]
    specs = [
        ("admin", Office.ADMINISTRATOR, None, None, None),
        # a second administrator: a grant recorded by one takes effect once the
        # other approves it (#12.4)
        ("admin2", Office.ADMINISTRATOR, None, None, None),
        ("regional_chair", Office.REGIONAL_CHAIR, region, None, _pick(regional, position="chair")),
        ("court_chair", Office.COURT_CHAIR, None, district, _pick(district, position="chair")),
        (
            "coordinator",
            Office.COORDINATOR,
            region,
            None,
            _pick(regional, position="collegium_chair"),
        ),
        # the council's chair: a judge of the regional court (signs protocols)
        (
            "council",
            Office.BRANCH_COUNCIL,
            region,
            None,
            _pick(regional, 1, position="judge", status="serving"),
        ),
        ("training", Office.TRAINING_CENTRE, region, None, None),
        ("hr", Office.HR_OFFICER, None, district, None),
        ("privacy", Office.DATA_PROTECTION, None, None, None),
        (
            "central",
            Office.CENTRAL_COUNCIL,
            None,
            None,
            _pick(regional, 3, position="judge", status="serving"),
        ),
        (
            "union_chair",
            Office.UNION_CHAIR,
            None,
            None,
            _pick(regional, 2, position="judge", status="serving"),
        ),
        ("judge", None, None, None, protege),
        ("mentor", None, None, None, mentors[0]),
        ("tutor", None, None, None, tutor),
        ("protege2", None, None, None, second_year),
        ("mentor2", None, None, None, mentors[1]),
        ("tutor2", None, None, None, candidates[0]),
        ("candidate", None, None, None, candidates[1]),
    ]
    accounts: list[DemoAccount] = []
    for username, office, reg, court, judge in specs:
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@{DEMO_EMAIL_DOMAIN}"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        if judge is not None:
            if username in ("regional_chair", "court_chair", "council") and not judge.iin:
                judge.iin = demo_iin(len(accounts) + 1)
                judge.save(update_fields=["iin"])
            user.first_name, user.last_name = judge.first_name, judge.last_name
            if judge.user_id != user.pk:
                # the demo alone hands accounts out (a real judge enrols, #12);
                # a reload may give a demo account another judge
                with pgtrigger.ignore("courts.Judge:account_is_linked_once"):
                    Judge.objects.filter(user=user).exclude(pk=judge.pk).update(user=None)
                    judge.user = user
                    judge.save(update_fields=["user"])
        if office == Office.ADMINISTRATOR:
            user.is_staff = True
            user.groups.add(admin_group)
        user.save()
        # enrolled with a second factor (#12.5): `manage.py demo_code USER`
        # prints the current code
        # (bulk_create: enrolled before the demo begins, so no "second factor
        # added" notice clutters the first look)
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.bulk_create(
                [TOTPDevice(user=user, confirmed=True, name="demo authenticator")]
            )
        wanted = [(office, reg, court)] if office else []
        if username == "regional_chair":
            wanted.append((Office.COURT_CHAIR, None, regional))
        keep = []
        for off, off_region, off_court in wanted:
            assignment, _ = OfficeAssignment.objects.get_or_create(
                user=user,
                office=off,
                region=off_region,
                court=off_court,
                defaults={"starts_on": today - dt.timedelta(days=365), "note": "demo"},
            )
            keep.append(assignment.pk)
        OfficeAssignment.objects.filter(user=user, note="demo").exclude(pk__in=keep).delete()
        scope = str(court or reg or ("—" if office is None else "KZ"))
        name = judge.full_name if judge else ""
        accounts.append(
            DemoAccount(username, str(Office(office).label) if office else "judge", scope, name)
        )
    return accounts
