"""What the tests of written reports, petitions, protocols and copies share:
the report texts, the database snapshot `state()` and the steps that build a
protocol (§13–§16)."""

import datetime as dt
import io
import zipfile

from django.db import DatabaseError
from django.db.utils import InternalError, ProgrammingError
from django.utils import timezone
from pypdf import PdfReader

from mentorship.models import Document, Notification
from programs import services
from programs.models import (
    Attachment,
    Decision,
    Finalisation,
    Pair,
    Petition,
    Protocol,
    ProtocolCopy,
    Report,
)
from tests import factories as f
from tests.programs import helpers as h
from tests.programs.helpers import MINIMAL_PDF

# what a trigger raises (pgtrigger: RAISE EXCEPTION), as test_rosters checks documents
TRIGGER_ERRORS = (InternalError, ProgrammingError, DatabaseError)
FULL = {
    "work_done": "Сот отырыстарын бірге талдадық",
    "knowledge_gained": "Іс жүргізу дағдылары",
    "effectiveness": "Бағдарлама тиімді болды",
    "proposals": "Семинарларды көбейту",
}
PDF = MINIMAL_PDF


def today() -> dt.date:
    return timezone.localdate()  # the services' date (Asia/Almaty)


def docx_bytes(with_document: bool = True) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        if with_document:
            z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buf.getvalue()


class RawUpload:
    """An upload whose name reaches the service as sent (Django's own upload
    classes already reduce the name to its base name)."""

    def __init__(self, name: str, content: bytes):
        self.name, self.size, self._buf = name, len(content), io.BytesIO(content)

    def read(self, n: int = -1) -> bytes:
        return self._buf.read(n)


def pdf_text(document) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(document.pdf))).pages)
    return " ".join(text.split())


def state() -> dict:
    """The rows this feature writes, to compare before and after a refusal."""
    return {
        "reports": sorted(
            Report.objects.values_list(
                "pk",
                "status",
                "addressee",
                "work_done",
                "knowledge_gained",
                "effectiveness",
                "proposals",
                "comment",
                "decided_by",
                "revision_of",
            )
        ),
        "attachments": sorted(Attachment.objects.values_list("pk", "report", "sha256")),
        "petitions": sorted(Petition.objects.values_list("pk", "kind", "status", "reasons")),
        "protocols": sorted(Protocol.objects.values_list("pk", "status", "number", "document")),
        "decisions": sorted(Decision.objects.values_list("pk", "kind", "granted", "frozen")),
        "finalisations": sorted(Finalisation.objects.values_list("pair", "status")),
        "pairs": sorted(Pair.objects.values_list("pk", "status", "ended_on")),
        "copies": sorted(ProtocolCopy.objects.values_list("pk", "acknowledged_at")),
        "documents": Document.objects.count(),
        "notifications": Notification.objects.count(),
    }


def stored_files(root) -> list:
    """What the configured storage holds (attachments are rows in PostgreSQL,
    mentorship.storage), as paths under root, plus any file on the disk there."""
    from mentorship.models import StoredFile

    return [root / name for name in StoredFile.objects.values_list("name", flat=True)] + [
        p for p in root.rglob("*") if p.is_file()
    ]


def read_stored(name: str) -> bytes:
    from django.core.files.storage import default_storage

    with default_storage.open(name) as f:
        return f.read()


def council(w):
    return h.as_office(w.users["branch_council"])


def centre(w):
    return h.as_office(w.users["training_centre"])


def office_user(office, **scope):
    return h.as_office(f.user(office=office, **scope))


def draft(user, pair, addressee="branch_council", **texts):
    report = services.start_report(user, pair)
    return services.save_report(by=user, report=report, addressee=addressee, **texts)


def submitted(user, pair, addressee="branch_council"):
    report = draft(user, pair, addressee, **FULL)
    return services.submit_report(by=user, report=report)


def accept_both(w, pair, addressee="branch_council"):
    """Both sides report; the addressee accepts both reports (§13)."""
    body = council(w) if addressee == "branch_council" else centre(w)
    return {
        r.kind: services.decide_report(by=body, report=r, accept=True)
        for r in (
            submitted(pair.protege.user, pair, addressee),
            submitted(pair.mentor.user, pair, addressee),
        )
    }


def another_pair(w, pair, court):
    """A second active pair of the same mentor (no new roster order)."""
    return h.active_pair(w, entry=pair.roster_entry, protege_judge=h.protege(w, court=court))


def new_protocol(w, held_on=None):
    return services.create_protocol(
        by=council(w), region=w.region, held_on=held_on or today(), members_present="Ахметов А."
    )


def completion_protocol(w, *pairs):
    for pair in pairs:
        accept_both(w, pair)
    protocol = new_protocol(w)
    services.add_decision(by=council(w), protocol=protocol, kind="completed", pairs=list(pairs))
    return protocol


def issued(w, *pairs):
    return services.issue_protocol(by=council(w), protocol=completion_protocol(w, *pairs))


def notified(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))
