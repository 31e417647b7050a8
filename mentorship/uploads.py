"""Checking uploaded files: the type by content (not by name or the browser's
claim), a size cap, no path in the name, and the content itself: a PDF is
parsed (pypdf) and refused with JavaScript, a Launch action or embedded files;
a DOCX is opened as a document and refused with a macro part, an executable,
or parts that expand beyond a bounded ratio or size. Each refusal says why,
translated."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from .errors import Refused

PDF = ("application/pdf", ".pdf")
DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str
    content: bytes


# DOCX: what a document may expand to, and its parts' compression ratio
DOCX_MAX_UNCOMPRESSED = 100 * 2**20
DOCX_MAX_RATIO = 100
DOCX_MAX_PARTS = 1000
EXECUTABLE_EXTENSIONS = (
    ".exe",
    ".dll",
    ".com",
    ".scr",
    ".bat",
    ".cmd",
    ".ps1",
    ".vbs",
    ".js",
    ".jse",
    ".wsf",
    ".msi",
    ".jar",
    ".sh",
    ".lnk",
    ".hta",
    ".cpl",
)
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
# PDF names that run something or carry something
PDF_ACTIVE_NAMES = (
    "/JavaScript",
    "/JS",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/SubmitForm",
    "/ImportData",
)


def _kind(content: bytes) -> tuple[str, str] | None:
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
    return None


def _walk_pdf(obj, seen: set, depth: int = 0):
    """Every name (key and value) reachable from obj, without following an
    object twice."""

    if depth > 60:
        return
    if isinstance(obj, IndirectObject):
        key = (obj.idnum, obj.generation)
        if key in seen:
            return
        seen.add(key)
        obj = obj.get_object()
    if isinstance(obj, NameObject):
        yield str(obj)
    elif isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            yield str(key)
            yield from _walk_pdf(value, seen, depth + 1)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            yield from _walk_pdf(value, seen, depth + 1)


def check_pdf(content: bytes) -> None:
    """Parse the PDF; refuse JavaScript, Launch actions and embedded files."""

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise Refused(_("The PDF is encrypted; attach a PDF without a password."))
        names = set(_walk_pdf(reader.trailer, set()))
        for page in reader.pages:
            names.update(_walk_pdf(page.indirect_reference or page, set()))
    except Refused:
        raise
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        RecursionError,
        OSError,
        IndexError,
        AssertionError,
    ) as exc:
        raise Refused(_("The PDF cannot be read; save it again as PDF and attach it.")) from exc
    if names & {"/JavaScript", "/JS"}:
        raise Refused(
            _(
                "The PDF contains JavaScript, which is not accepted; print it to a "
                "new PDF without scripts and attach that."
            )
        )
    if "/Launch" in names:
        raise Refused(
            _("The PDF contains an action that launches a program, which is not accepted.")
        )
    if names & {"/EmbeddedFile", "/EmbeddedFiles", "/RichMedia"}:
        raise Refused(
            _(
                "The PDF carries embedded files, which are not accepted; attach each "
                "document on its own."
            )
        )
    if names & {"/SubmitForm", "/ImportData"}:
        raise Refused(
            _("The PDF contains a form that sends or imports data, which is not accepted.")
        )


def check_docx(content: bytes) -> None:
    """Open the DOCX as a document: its parts, no macros or executables, a
    bounded expansion."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            infos = z.infolist()
            if len(infos) > DOCX_MAX_PARTS:
                raise Refused(_("The DOCX file has too many parts to be a document."))
            total = 0
            for info in infos:
                name = info.filename.lower()
                if "vbaproject" in name or name.endswith((".bin", ".vba")) or "macro" in name:
                    raise Refused(
                        _(
                            "The DOCX file contains macros, which are not accepted; "
                            "save it as a plain document (.docx) and attach that."
                        )
                    )
                if name.endswith(EXECUTABLE_EXTENSIONS):
                    raise Refused(
                        _("The DOCX file carries a program (%(name)s), which is not accepted.")
                        % {"name": info.filename[:80]}
                    )
                total += info.file_size
                if total > DOCX_MAX_UNCOMPRESSED:
                    raise Refused(
                        _("The DOCX file expands to more than %(size)s, which is not accepted.")
                        % {"size": filesizeformat(DOCX_MAX_UNCOMPRESSED)}
                    )
                if info.file_size > 2**20 and info.file_size > DOCX_MAX_RATIO * max(
                    info.compress_size, 1
                ):
                    raise Refused(
                        _(
                            "A part of the DOCX file is compressed beyond any "
                            "document's ratio, which is not accepted."
                        )
                    )
            for info in infos:
                with z.open(info) as part:
                    head = part.read(4)
                if head.startswith(EXECUTABLE_MAGIC):
                    raise Refused(
                        _("The DOCX file carries a program (%(name)s), which is not accepted.")
                        % {"name": info.filename[:80]}
                    )
            content_types = z.read("[Content_Types].xml").lower()
            if b"macroenabled" in content_types or b"vbaproject" in content_types:
                raise Refused(
                    _(
                        "The DOCX file contains macros, which are not accepted; "
                        "save it as a plain document (.docx) and attach that."
                    )
                )
            z.read("word/document.xml")
    except Refused:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        KeyError,
        NotImplementedError,
        EOFError,
        RuntimeError,
    ) as exc:
        raise Refused(
            _("The DOCX file cannot be read; save it again as DOCX and attach it.")
        ) from exc


def check_count(existing: int) -> None:
    """A cap of attachments per report (REPORT_MAX_ATTACHMENTS)."""
    limit = settings.REPORT_MAX_ATTACHMENTS
    if existing >= limit:
        raise Refused(_("A report takes at most %(n)d attached files.") % {"n": limit})


def check_upload(uploaded) -> CheckedFile:
    """Read and check an uploaded file; raise Refused with the reason."""
    raw_name = getattr(uploaded, "name", "") or ""
    limit = settings.UPLOAD_MAX_BYTES
    if any(c in raw_name for c in "/\\\x00") or raw_name in ("", ".", "..") or ".." in raw_name:
        raise Refused(_("The file name must not contain a path; rename the file and try again."))
    if uploaded.size > limit:
        raise Refused(
            _("The file is too large: at most %(size)s.") % {"size": filesizeformat(limit)}
        )
    content = uploaded.read(limit + 1)
    if len(content) > limit:
        raise Refused(
            _("The file is too large: at most %(size)s.") % {"size": filesizeformat(limit)}
        )
    kind = _kind(content)
    if kind is None:
        raise Refused(
            _(
                "Only PDF or DOCX files are accepted; this file's content is neither, "
                "whatever its name says."
            )
        )
    content_type, extension = kind
    if kind == PDF:
        check_pdf(content)
    else:
        check_docx(content)
    return CheckedFile(
        name=raw_name[:200],
        extension=extension,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
    )
