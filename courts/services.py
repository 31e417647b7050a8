"""State changes to reference data. Each business action is one function."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .iin import is_valid_iin
from .models import (
    CareerEvent,
    CareerEventKind,
    Court,
    CourtKind,
    CourtLevel,
    ImportJob,
    ImportState,
    Judge,
    JudgeStatus,
    Position,
    Region,
    Specialisation,
)

COURT_COLUMNS = ["code", "region", "level", "kind", "name_kk", "name_ru", "name_en", "small"]
JUDGE_COLUMNS = [
    "last_name",
    "first_name",
    "patronymic",
    "court",
    "position",
    "specialisation",
    "status",
    "email",
    "career",
]
# an optional last column: the judge's IIN, by which a judge already recorded
# is found again (a new court, a corrected name) rather than duplicated
JUDGE_IIN_COLUMN = "iin"
MAX_IMPORT_ROWS = 50_000


@dataclass
class RowError:
    sheet: str
    row: int
    reason: str


@dataclass
class ImportResult:
    courts: int = 0
    judges: int = 0
    events: int = 0
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(ValueError):
    """The file as a whole cannot be read."""


def _read_tables(name: str, content: bytes) -> list[tuple[str, list[list[str]]]]:
    lower = name.lower()
    if lower.endswith(".xlsx"):
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc
        tables = []
        for sheet in book.worksheets:
            rows = [
                [
                    ""
                    if v is None
                    else (
                        v.isoformat()[:10] if isinstance(v, dt.date | dt.datetime) else str(v)
                    ).strip()
                    for v in row
                ]
                for row in sheet.iter_rows(values_only=True)
            ]
            tables.append((sheet.title, rows))
        return tables
    if lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("The CSV file must be encoded in UTF-8.")) from exc
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
        return [
            (name, [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)])
        ]
    raise ImportFileError(_("Only .csv and .xlsx files can be imported."))


def _parse_date(value: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(
        _("“%(value)s” is not a date (use DD.MM.YYYY or YYYY-MM-DD).") % {"value": value}
    )


def _choice(value: str, choices, label: str) -> str:
    if value in choices.values:
        return value
    raise ValueError(
        _("unknown %(label)s “%(value)s” (allowed: %(allowed)s)")
        % {"label": label, "value": value, "allowed": ", ".join(choices.values)}
    )


def import_reference_data(*, name: str, content: bytes, dry_run: bool) -> ImportResult:
    """Import courts and judges (with career events) from CSV or XLSX.

    All rows are checked first; if any row is bad nothing is imported and every
    bad row is reported with its reason. Courts are matched by code, judges by
    IIN where the file gives one, otherwise by full name and court, so
    importing the same file twice changes nothing. A row's IIN is never echoed
    in its error (personal data): the row number names it.
    """
    tables = _read_tables(name, content)
    result = ImportResult()
    regions = {r.slug: r for r in Region.objects.all()}
    courts_by_code = {c.code: c for c in Court.objects.all()}
    new_courts: dict[str, dict] = {}
    judge_rows: list[tuple[dict, list[tuple[str, dt.date]]]] = []
    regional_in_file: dict[int, str] = {}
    judges_in_file: dict[tuple, int] = {}
    iins_in_file: dict[str, int] = {}
    index: JudgeIndex | None = None

    for sheet, rows in tables:
        if not rows:
            continue
        header = [h.lower() for h in rows[0]]
        if header[: len(COURT_COLUMNS)] == COURT_COLUMNS:
            kind = "courts"
        elif header[: len(JUDGE_COLUMNS)] == JUDGE_COLUMNS:
            kind = "judges"
        else:
            result.errors.append(
                RowError(
                    sheet,
                    1,
                    _("unknown header; expected the columns %(courts)s or %(judges)s")
                    % {"courts": ", ".join(COURT_COLUMNS), "judges": ", ".join(JUDGE_COLUMNS)},
                )
            )
            continue
        if len(rows) > MAX_IMPORT_ROWS:
            result.errors.append(
                RowError(sheet, 1, _("too many rows (at most %(n)d)") % {"n": MAX_IMPORT_ROWS})
            )
            continue
        for number, raw in enumerate(rows[1:], start=2):
            if not any(raw):
                continue
            cells = dict(zip(header, raw + [""] * (len(header) - len(raw)), strict=False))
            try:
                if kind == "courts":
                    code = cells["code"]
                    if code in new_courts:
                        raise ValueError(
                            _("the court code “%(value)s” appears twice in the file")
                            % {"value": code[:80]}
                        )
                    data = _check_court(cells, regions, courts_by_code)
                    if data["level"] == CourtLevel.REGIONAL:
                        twin = regional_in_file.get(data["region"].pk)
                        if twin is not None and twin != code:
                            raise ValueError(
                                _(
                                    "a second regional court in the region "
                                    "(“%(other)s” is already in the file)"
                                )
                                % {"other": twin}
                            )
                        regional_in_file[data["region"].pk] = code
                    new_courts[code] = data
                else:
                    if index is None:
                        index = JudgeIndex()
                    checked = _check_judge(cells, courts_by_code, new_courts, index)
                    key = (
                        checked[0]["last_name"],
                        checked[0]["first_name"],
                        checked[0]["patronymic"],
                        checked[0]["court_code"],
                    )
                    if key in judges_in_file:
                        raise ValueError(
                            _("the same judge appears twice in the file (row %(row)d)")
                            % {"row": judges_in_file[key]}
                        )
                    iin = checked[0]["iin"]
                    if iin and iin in iins_in_file:
                        raise ValueError(
                            _("the IIN of this row is also given in row %(row)d")
                            % {"row": iins_in_file[iin]}
                        )
                    judges_in_file[key] = number
                    if iin:
                        iins_in_file[iin] = number
                    judge_rows.append(checked)
            except ValueError as exc:
                result.errors.append(RowError(sheet, number, str(exc)))

    result.courts = len(new_courts)
    result.judges = len(judge_rows)
    result.events = sum(len(events) for _j, events in judge_rows)
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        _write(new_courts, judge_rows, index)
    result.applied = True
    return result


def _write(new_courts: dict, judge_rows: list, index: JudgeIndex | None) -> None:
    """The checked rows, written set-based (#16): courts upserted, new judges
    created and known ones updated in bulk, missing career events added in
    bulk. The audit triggers still record every row (they are row triggers)."""
    for code, data in new_courts.items():
        Court.objects.update_or_create(code=code, defaults=data)
    if not judge_rows:
        return
    index = index or JudgeIndex()
    court_ids = dict(Court.objects.values_list("code", "pk"))
    fresh: list[tuple[Judge, list]] = []
    known: list[tuple[Judge, list, bool]] = []
    for data, events in judge_rows:
        fields = {k: v for k, v in data.items() if k != "court_code"}
        court_id = court_ids[data["court_code"]]
        pk = index.match(fields, court_id)
        if pk is None:
            fresh.append((Judge(court_id=court_id, **fields), events))
        else:
            if not fields["iin"]:  # an IIN is not erased by a file without one
                fields["iin"] = index.iin_of.get(pk, "")
            judge = Judge(pk=pk, court_id=court_id, **fields)
            row = tuple(getattr(judge, f) for f in (*IMPORTED_JUDGE_FIELDS, "court_id"))
            # an unchanged judge is not written (nor a no-op recorded in the trail)
            known.append((judge, events, row != index.current.get(pk)))
    Judge.objects.bulk_create([j for j, _e in fresh], batch_size=1000)
    Judge.objects.bulk_update(
        [j for j, _e, changed in known if changed],
        [*IMPORTED_JUDGE_FIELDS, "court"],
        batch_size=500,
    )
    have = set(
        CareerEvent.objects.filter(judge_id__in=[j.pk for j, _e, _c in known]).values_list(
            "judge_id", "kind", "date"
        )
    )
    new_events = []
    for judge, events in [*fresh, *((j, e) for j, e, _c in known)]:
        for kind, day in events:
            if (judge.pk, kind, day) not in have:
                have.add((judge.pk, kind, day))
                new_events.append(CareerEvent(judge_id=judge.pk, kind=kind, date=day))
    CareerEvent.objects.bulk_create(new_events, batch_size=2000)


IMPORTED_JUDGE_FIELDS = (
    "last_name",
    "first_name",
    "patronymic",
    "position",
    "specialisation",
    "status",
    "email",
    "iin",
)


class JudgeIndex:
    """The judges already recorded, loaded once per import (#16): by IIN and by
    full name and court, with their first appointments — so that checking and
    matching a row asks the database nothing, however long the file."""

    def __init__(self) -> None:
        self.by_iin: dict[str, int] = {}
        self.by_name: dict[tuple, list[tuple[int, str]]] = {}
        self.iin_of: dict[int, str] = {}
        self.current: dict[int, tuple] = {}  # what an update would write, as recorded
        rows = Judge.objects.order_by("pk").values_list("pk", *IMPORTED_JUDGE_FIELDS, "court_id")
        for pk, *values in rows.iterator(chunk_size=5000):
            fields = dict(zip((*IMPORTED_JUDGE_FIELDS, "court_id"), values, strict=True))
            iin = fields["iin"]
            if iin:
                self.by_iin[iin] = pk
            key = (fields["last_name"], fields["first_name"], fields["patronymic"])
            self.by_name.setdefault((*key, fields["court_id"]), []).append((pk, iin))
            self.iin_of[pk] = iin
            self.current[pk] = tuple(values)
        self.first_appointed: dict[int, set[dt.date]] = {}
        for judge_id, day in CareerEvent.objects.filter(kind="first_appointment").values_list(
            "judge_id", "date"
        ):
            self.first_appointed.setdefault(judge_id, set()).add(day)

    def match(self, data: dict, court_id: int | None) -> int | None:
        """The judge a row describes: by IIN first; else by full name and court,
        unless that judge carries another IIN (then the row is another person)."""
        if data["iin"] and data["iin"] in self.by_iin:
            return self.by_iin[data["iin"]]
        if court_id is None:
            return None
        named = self.by_name.get(
            (data["last_name"], data["first_name"], data["patronymic"], court_id), []
        )
        for pk, iin in named:
            if not data["iin"] or not iin:
                return pk
        return None


def _reasons(exc: ValidationError) -> str:
    """A model's validation errors as one line: «field: message; …»."""
    if hasattr(exc, "error_dict"):
        parts: list[str] = []
        for name, errors in exc.message_dict.items():
            parts.extend(m if name == "__all__" else f"{name}: {m}" for m in errors)
        return "; ".join(parts)
    return "; ".join(exc.messages)


def _full_clean(instance, exclude=None) -> None:
    """The instance as the import would save it: every field, uniqueness and
    constraint checked against the database, so a dry run that passes means
    the import passes."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise ValueError(_reasons(exc)) from exc


def _check_court(cells: dict, regions: dict, courts: dict) -> dict:
    if not cells["code"]:
        raise ValueError(_("the court code is empty"))
    region = regions.get(cells["region"])
    if region is None:
        raise ValueError(_("unknown region “%(value)s”") % {"value": cells["region"]})
    for lang in ("kk", "ru", "en"):
        if not cells[f"name_{lang}"]:
            raise ValueError(_("the name in every language (kk, ru, en) is required"))
    data = {
        "region": region,
        "level": _choice(cells["level"], CourtLevel, _("level")),
        "kind": _choice(cells["kind"], CourtKind, _("kind")),
        "name_kk": cells["name_kk"],
        "name_ru": cells["name_ru"],
        "name_en": cells["name_en"],
        "is_small": cells["small"].lower() in {"1", "yes", "true", "да", "иә"},
    }
    existing = courts.get(cells["code"])
    court = Court(pk=existing.pk if existing else None, code=cells["code"], **data)
    _full_clean(court)
    return data


def _check_judge(cells: dict, courts: dict, new_courts: dict, index: JudgeIndex):
    if not cells["last_name"] or not cells["first_name"]:
        raise ValueError(_("surname and first name are required"))
    if cells["court"] not in courts and cells["court"] not in new_courts:
        raise ValueError(_("unknown court code “%(value)s”") % {"value": cells["court"]})
    events: list[tuple[str, dt.date]] = []
    for part in filter(None, (p.strip() for p in cells["career"].split(";"))):
        kind, _sep, day = part.partition(":")
        events.append(
            (_choice(kind.strip(), CareerEventKind, _("career event")), _parse_date(day.strip()))
        )
    first = {d for kind, d in events if kind == "first_appointment"}
    if not first:
        raise ValueError(
            _("the career must include the first appointment (first_appointment:DD.MM.YYYY)")
        )
    if len(first) > 1:
        raise ValueError(
            _("a judge is first appointed once; the career names two first appointments")
        )
    data = {
        "last_name": cells["last_name"],
        "first_name": cells["first_name"],
        "patronymic": cells["patronymic"],
        "court_code": cells["court"],
        "position": _choice(cells["position"] or "judge", Position, _("position")),
        "specialisation": _choice(cells["specialisation"], Specialisation, _("specialisation")),
        "status": _choice(cells["status"] or "serving", JudgeStatus, _("status")),
        "email": cells["email"],
        "iin": cells.get(JUDGE_IIN_COLUMN, "").strip(),
    }
    if data["iin"] and not is_valid_iin(data["iin"]):
        raise ValueError(_("the IIN is malformed: it has 12 digits and a valid check digit"))
    court = courts.get(cells["court"])
    fields = {k: v for k, v in data.items() if k != "court_code"}
    judge = Judge(court=court, **fields)
    # a court of this file is not in the database yet: its own row is checked
    # the IIN's uniqueness is the match itself (JudgeIndex.match), not an error
    # the court is one of the file's or the database's (checked above), so the
    # foreign key is not looked up once per row (#16)
    _full_clean(judge, exclude=["court", "iin"])
    for kind, day in events:
        _full_clean(CareerEvent(kind=kind, date=day), exclude=["judge"])
    existing = index.match(data, court.pk) if court is not None else None
    if existing is not None:
        known = index.first_appointed.get(existing, set())
        if known and known != first:
            raise ValueError(
                _(
                    "the judge is already recorded as first appointed on "
                    "%(date)s; the file gives another date"
                )
                % {"date": min(known).strftime("%d.%m.%Y")}
            )
    return data, events


# --- #16 the import in the worker ----------------------------------------------


def start_import(*, by, name: str, content: bytes, dry_run: bool, language: str) -> ImportJob:
    """Record the upload and hand it to the worker once the row is committed."""
    from .tasks import run_import  # noqa: PLC0415 (tasks import this module)

    job = ImportJob.objects.create(
        created_by=by, name=name[:200], content=content, dry_run=dry_run, language=language
    )
    transaction.on_commit(lambda: run_import.delay(job.pk))
    return job


def run_import_job(pk: int) -> str:
    """The worker's side: check and import in the uploader's language, keep
    the result for the page, drop the file."""
    claimed = ImportJob.objects.filter(pk=pk, state=ImportState.PENDING).update(
        state=ImportState.RUNNING
    )
    if not claimed:
        return "taken"
    job = ImportJob.objects.get(pk=pk)
    try:
        with translation.override(job.language):
            result = import_reference_data(
                name=job.name, content=bytes(job.content), dry_run=job.dry_run
            )
            outcome = {
                "ok": result.ok,
                "applied": result.applied,
                "courts": result.courts,
                "judges": result.judges,
                "events": result.events,
                "errors": [
                    {"sheet": e.sheet, "row": e.row, "reason": str(e.reason)} for e in result.errors
                ],
            }
            state = ImportState.DONE
    except ImportFileError as exc:
        outcome, state = {"file_error": str(exc)}, ImportState.DONE
    except Exception:
        ImportJob.objects.filter(pk=pk).update(
            state=ImportState.FAILED, content=b"", finished_at=timezone.now()
        )
        raise
    ImportJob.objects.filter(pk=pk).update(
        state=state, result=outcome, content=b"", finished_at=timezone.now()
    )
    return state
