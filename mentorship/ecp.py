"""ЭЦП (the Kazakh electronic digital signature): verifying a CMS signature
made in the browser through NCALayer, and who made it.

``verify_cms(cms, content)`` checks that the CMS (detached or attached)
signs exactly ``content``, that the signature verifies with the signer's
certificate, that the certificate chains to a configured trust root
(``ECP_TRUST_ROOTS``: the NCA's root certificates in production, a generated
test CA in tests) and may sign, and reads the signer's IIN from the
certificate subject (``SERIALNUMBER=IIN<12 digits>``, as NCA certificates
carry it). It returns a ``Signer`` or raises ``EcpError`` with a translated
reason. The sign-in with ЭЦП reuses it.

Keys: RSA (and ECDSA) certificates verify. GOST 34.10 keys (the NCA's
"GOST" certificates) are not verified: neither ``cryptography`` nor pyHanko
implements GOST; such a signature is refused with a clear message, and a user
signs with the RSA certificate NCALayer offers beside it.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms, pem, x509
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from courts.iin import is_valid_iin

# GOST R 34.10 / 34.11 object identifiers (NCA's GOST certificates): the
# Kazakh signature (1.2.398.3.10.1.1) and hash (1.2.398.3.10.1.3) arcs, Russian GOST
GOST_OIDS = ("1.2.398.3.10.1.1", "1.2.398.3.10.1.3", "1.2.643.2.2", "1.2.643.7.1")
IIN_SERIAL = re.compile(r"^IIN(\d{12})$")


class EcpError(Exception):
    """A signature that is not accepted, with the reason (translated when shown)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Signer:
    iin: str
    name: str
    signed_at: dt.datetime | None
    certificate: x509.Certificate


def _load_certificates(paths) -> list[x509.Certificate]:
    certs = []
    for path in paths:
        data = Path(path).read_bytes()
        if pem.detect(data):
            certs += [
                x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, multiple=True)
            ]
        else:
            certs.append(x509.Certificate.load(data))
    return certs


def trust_roots() -> list[x509.Certificate]:
    return _load_certificates(settings.ECP_TRUST_ROOTS)


def _decode(cms_data: bytes | str) -> bytes:
    """NCALayer hands the CMS as base64 text; DER is accepted as well."""
    if isinstance(cms_data, str):
        cms_data = cms_data.encode("ascii", "ignore")
    stripped = cms_data.strip()
    if stripped[:1] == b"\x30":
        return stripped
    if pem.detect(stripped):
        try:
            return pem.unarmor(stripped)[2]
        except ValueError as exc:
            raise EcpError(_("The signature is not a CMS signature.")) from exc
    try:
        return base64.b64decode(b"".join(stripped.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise EcpError(_("The signature is not a CMS signature.")) from exc


def _subject_iin(cert: x509.Certificate) -> str:
    subject = cert.subject.native
    serial = subject.get("serial_number") or ""
    match = IIN_SERIAL.match(serial.strip())
    if not match or not is_valid_iin(match.group(1)):
        raise EcpError(_("The certificate does not name an IIN (SERIALNUMBER=IIN…)."))
    return match.group(1)


def _subject_name(cert: x509.Certificate) -> str:
    subject = cert.subject.native
    parts = [subject.get("common_name") or "", subject.get("given_name") or ""]
    return " ".join(p for p in parts if p).strip()


def verify_cms(
    cms_data: bytes | str,
    content: bytes,
    *,
    roots: list[x509.Certificate] | None = None,
    intermediates: list[x509.Certificate] | None = None,
    moment: dt.datetime | None = None,
) -> Signer:
    """The signer of ``content`` by this CMS, or EcpError saying why not."""
    from pyhanko.sign.validation import async_validate_detached_cms  # noqa: PLC0415
    from pyhanko.sign.validation.settings import KeyUsageConstraints  # noqa: PLC0415
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415

    from .signing import run_sync  # noqa: PLC0415

    der = _decode(cms_data)
    try:
        info = cms.ContentInfo.load(der)
        if info["content_type"].native != "signed_data":
            raise ValueError("not signed data")
        signed_data = info["content"]
        signer_infos = signed_data["signer_infos"]
        signer_info = signer_infos[0]
        digest_oid = signer_info["digest_algorithm"]["algorithm"].dotted
        signature_oid = signer_info["signature_algorithm"]["algorithm"].dotted
        embedded = signed_data["encap_content_info"]["content"]
        embedded_bytes = None if embedded.native is None else embedded.native
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise EcpError(_("The signature is not a CMS signature.")) from exc
    if len(signer_infos) != 1:
        raise EcpError(_("The signature must have exactly one signer."))
    if any(oid.startswith(GOST_OIDS) for oid in (digest_oid, signature_oid)):
        raise EcpError(
            _("GOST signatures are not verified here; sign with the RSA certificate of your ЭЦП.")
        )
    if embedded_bytes is not None and embedded_bytes != content:
        raise EcpError(_("The signature does not sign this document."))
    roots = trust_roots() if roots is None else roots
    if not roots:
        raise EcpError(_("No trust roots for ЭЦП are configured."))
    if intermediates is None:
        intermediates = _load_certificates(settings.ECP_INTERMEDIATES)
    context = ValidationContext(
        trust_roots=roots, other_certs=intermediates, allow_fetching=False, moment=moment
    )
    try:
        status = run_sync(
            async_validate_detached_cms(
                content,
                signed_data,
                signer_validation_context=context,
                key_usage_settings=KeyUsageConstraints(
                    key_usage={"digital_signature", "non_repudiation"},
                    match_all_key_usages=False,
                ),
            )
        )
    except Exception as exc:  # noqa: BLE001 (pyHanko's errors on a malformed CMS)
        raise EcpError(_("The signature is not a CMS signature.")) from exc
    if not status.intact:
        raise EcpError(_("The signature does not sign this document."))
    if not status.valid:
        raise EcpError(_("The signature does not verify with its certificate."))
    if not status.trusted:
        raise EcpError(
            _("The certificate does not chain to a trusted root, or it is expired or revoked.")
        )
    cert = status.signing_cert
    return Signer(
        iin=_subject_iin(cert),
        name=_subject_name(cert),
        # the signing time the CMS states, else the time the server verified it
        signed_at=status.signer_reported_dt or dt.datetime.now(dt.UTC),
        certificate=cert,
    )
