"""PAdES signatures of issued documents (pyHanko) with the issuing body's
certificate, and their validation for /verify/.

Configuration (settings, from the environment):

* ``DOCUMENT_SIGNING_DIR`` — a folder of PEM files, one key and one
  certificate per issuing body: ``<body>.key.pem`` and ``<body>.cert.pem``
  (``court-<court code>``, ``branch-<region slug>``, ``central``), with
  ``default.key.pem`` / ``default.cert.pem`` for a body that has none of its
  own; ``<body>.chain.pem`` may hold the intermediate certificates.
* ``DOCUMENT_TRUST_ROOTS`` — the CA certificates /verify/ trusts for these
  signatures (comma-separated PEM paths); by default ``ca.cert.pem`` of the
  signing folder.

Outside production, a folder without any certificate is filled on first use
with a generated test CA and a ``default`` body certificate issued by it
(``manage.py make_signing_certificates`` does the same on demand); in
production a missing certificate is an error, never a silent self-signed one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

log = logging.getLogger(__name__)
_lock = threading.Lock()

SIGNATURE_FIELD = "Signature1"


def signing_dir() -> Path:
    return Path(settings.DOCUMENT_SIGNING_DIR)


# --- generating a test CA and body certificates ------------------------------------


def _name(common_name: str, organisation: str = "Judicial mentorship (test)") -> cx509.Name:
    return cx509.Name(
        [
            cx509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
            cx509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            cx509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _write_key(path: Path, key) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)


def make_ca(folder: Path, common_name: str = "Judicial mentorship test CA", key_size: int = 2048):
    """A self-signed test CA: ``ca.key.pem``, ``ca.cert.pem``."""
    folder.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    now = dt.datetime.now(dt.UTC)
    cert = (
        cx509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(cx509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            cx509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(cx509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    _write_key(folder / "ca.key.pem", key)
    (folder / "ca.cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def issue_certificate(
    folder: Path,
    stem: str,
    subject: cx509.Name,
    *,
    key_size: int = 2048,
    ca_key=None,
    ca_cert=None,
    days: int = 1825,
):
    """A certificate for signing (digital signature, non-repudiation) issued
    by the test CA of ``folder``; writes ``<stem>.key.pem`` and ``<stem>.cert.pem``."""
    if ca_key is None or ca_cert is None:
        ca_key = serialization.load_pem_private_key(
            (folder / "ca.key.pem").read_bytes(), password=None
        )
        ca_cert = cx509.load_pem_x509_certificate((folder / "ca.cert.pem").read_bytes())
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    now = dt.datetime.now(dt.UTC)
    cert = (
        cx509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(cx509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            cx509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            cx509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    _write_key(folder / f"{stem}.key.pem", key)
    (folder / f"{stem}.cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def make_test_certificates(folder: Path, *, key_size: int = 2048) -> None:
    """A test CA and the ``default`` body certificate it issues."""
    ca_key, ca_cert = make_ca(folder, key_size=key_size)
    issue_certificate(
        folder,
        "default",
        _name("Judicial mentorship: issued documents (test certificate)"),
        key_size=key_size,
        ca_key=ca_key,
        ca_cert=ca_cert,
    )


def _ensure_certificates() -> None:
    folder = signing_dir()
    if (folder / "default.cert.pem").exists():
        return
    if settings.PRODUCTION:
        raise ImproperlyConfigured(
            f"DOCUMENT_SIGNING_DIR ({folder}) holds no default.cert.pem / default.key.pem: "
            "issued documents cannot be signed"
        )
    with _lock:
        if not (folder / "default.cert.pem").exists():
            log.warning("generating a test CA and body certificate in %s", folder)
            make_test_certificates(folder)


# --- signing ----------------------------------------------------------------------


def _files_for(body: str) -> tuple[Path, Path, Path | None]:
    folder = signing_dir()
    for stem in (body, "default"):
        key, cert = folder / f"{stem}.key.pem", folder / f"{stem}.cert.pem"
        if stem and key.exists() and cert.exists():
            chain = folder / f"{stem}.chain.pem"
            return key, cert, chain if chain.exists() else None
    raise ImproperlyConfigured(f"no signing certificate for {body!r} in {folder}")


_signers: dict[tuple, object] = {}


def _cached_key_signer_class():
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15  # noqa: PLC0415
    from pyhanko.sign import signers  # noqa: PLC0415 (a heavy import, needed when issuing)
    from pyhanko.sign.general import get_pyca_cryptography_hash  # noqa: PLC0415

    class CachedKeySigner(signers.SimpleSigner):
        """pyHanko's SimpleSigner parses (and validates) the private key again
        for every signature; this one keeps the parsed key."""

        crypto_key = None

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            hash_algo = get_pyca_cryptography_hash(digest_algorithm)
            if mechanism == "rsassa_pkcs1v15":
                return self.crypto_key.sign(data, PKCS1v15(), hash_algo)
            if mechanism == "ecdsa":
                return self.crypto_key.sign(data, ECDSA(hash_algo))
            return super().sign_raw(data, digest_algorithm)

    return CachedKeySigner


def signer_for(body: str):
    """The body's signer, loaded once per process (reloaded when its files change)."""
    _ensure_certificates()
    key, cert, chain = _files_for(body)
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in (key, cert, chain) if p is not None)
    cached = _signers.get(stamp)
    if cached is not None:
        return cached
    password = settings.DOCUMENT_SIGNING_KEY_PASSWORD.encode() or None
    from pyhanko.sign import signers  # noqa: PLC0415

    loaded = signers.SimpleSigner.load(
        str(key), str(cert), ca_chain_files=(str(chain),) if chain else (), key_passphrase=password
    )
    if loaded is None:
        raise ImproperlyConfigured(f"the signing key or certificate of {body!r} cannot be read")
    signer = _cached_key_signer_class()(
        signing_cert=loaded.signing_cert,
        signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry,
    )
    signer.crypto_key = serialization.load_pem_private_key(key.read_bytes(), password=password)
    _signers[stamp] = signer
    return signer


def run_sync(coro):
    """Run a coroutine from synchronous code, also where an event loop is
    already running in this thread (a browser test's)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    result: list = []
    errors: list = []

    def target():
        try:
            result.append(asyncio.run(coro))
        except BaseException as exc:  # noqa: BLE001 (re-raised below)
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


def sign_pdf(pdf: bytes, *, body: str, reason: str = "", location: str = "") -> bytes:
    """A PAdES B-B signature of the issuing body over the whole PDF."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415
    from pyhanko.sign import fields, signers  # noqa: PLC0415

    signer = signer_for(body)
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    pdf_signer = signers.PdfSigner(meta, signer=signer)
    out = run_sync(pdf_signer.async_sign_pdf(writer))
    return out.getvalue()


# --- validating ---------------------------------------------------------------------


def _load_certs(paths) -> list[x509.Certificate]:
    certs = []
    for path in paths:
        data = Path(path).read_bytes()
        if pem.detect(data):
            for _type, _headers, der in pem.unarmor(data, multiple=True):
                certs.append(x509.Certificate.load(der))
        else:
            certs.append(x509.Certificate.load(data))
    return certs


def document_trust_roots() -> list[x509.Certificate]:
    paths = settings.DOCUMENT_TRUST_ROOTS or [str(signing_dir() / "ca.cert.pem")]
    return _load_certs([p for p in paths if Path(p).exists()])


@dataclass(frozen=True)
class PdfSignatureCheck:
    """What /verify/ says of a PDF's signature."""

    signed: bool
    intact: bool = False  # the signed bytes are unchanged
    trusted: bool = False  # the certificate chains to a configured trust root
    covers_whole_file: bool = False  # nothing was added after signing
    signer: str = ""  # the certificate's subject
    signed_at: dt.datetime | None = None

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted and self.covers_whole_file


def check_pdf_signature(pdf: bytes) -> PdfSignatureCheck:
    """Validate the (first) signature of a PDF against the document trust roots."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415
    from pyhanko.sign.validation import async_validate_pdf_signature  # noqa: PLC0415
    from pyhanko.sign.validation.status import SignatureCoverageLevel  # noqa: PLC0415
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001 (an unreadable file carries no valid signature)
        return PdfSignatureCheck(signed=False)
    if not signatures:
        return PdfSignatureCheck(signed=False)
    context = ValidationContext(trust_roots=document_trust_roots(), allow_fetching=False)
    try:
        status = run_sync(async_validate_pdf_signature(signatures[0], context))
    except Exception:  # noqa: BLE001 (a malformed signature is an invalid one)
        log.info("PDF signature could not be validated", exc_info=True)
        return PdfSignatureCheck(signed=True)
    return PdfSignatureCheck(
        signed=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
    )
