"""Checking uploaded files: the type by content (not by name or the browser's
claim), a size cap, and no path in the name. Refusals are translated."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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


def _kind(content: bytes) -> tuple[str, str] | None:
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
    return None


def check_upload(uploaded) -> CheckedFile:
    """Read and check an uploaded file; raise Refused with the reason."""
    raw_name = getattr(uploaded, "name", "") or ""
    limit = settings.UPLOAD_MAX_BYTES
    if any(c in raw_name for c in "/\\\x00") or raw_name in ("", ".", "..") or ".." in raw_name:
        raise Refused(_("The file name must not contain a path; rename the file and try again."))
    if uploaded.size > limit:
        raise Refused(_("The file is too large: at most %(size)s.") % {
            "size": filesizeformat(limit)})
    content = uploaded.read(limit + 1)
    if len(content) > limit:
        raise Refused(_("The file is too large: at most %(size)s.") % {
            "size": filesizeformat(limit)})
    kind = _kind(content)
    if kind is None:
        raise Refused(_("Only PDF or DOCX files are accepted; this file's content is neither, "
                        "whatever its name says."))
    content_type, extension = kind
    return CheckedFile(name=raw_name[:200], extension=extension, content_type=content_type,
                       size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                       content=content)
