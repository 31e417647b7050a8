"""The tests' ЭЦП: a generated CA standing for the NCA, a person's signing
certificate carrying a synthetic IIN, a rogue CA issuing the same subject, and
what NCALayer hands back (a detached CMS, base64). Shared by the document
signing and the sign-in tests; the `nca` fixture is in tests/mentorship/conftest.py."""

from __future__ import annotations

import base64

from cryptography import x509 as cx509
from cryptography.x509.oid import NameOID
from pyhanko.sign import signers

from courts.iin import iin_check_digit
from mentorship.signing import issue_certificate, make_ca, run_sync


def synthetic_iin(serial: int) -> str:
    """An obviously synthetic IIN (19th-century digit 1) with a valid check digit."""
    for tail in range(serial, serial + 100):
        first11 = f"0001011{tail % 10000:04d}"
        check = iin_check_digit(first11)
        if check is not None:
            return first11 + str(check)
    raise AssertionError("no IIN")


def build_nca(tmp_path_factory) -> dict:
    """A test CA standing for the NCA, and a person's signing certificate."""
    folder = tmp_path_factory.mktemp("nca")
    ca_key, ca_cert = make_ca(folder, "Test NCA (RSA)", key_size=2048)
    iin = synthetic_iin(1234)
    subject = cx509.Name(
        [
            cx509.NameAttribute(NameOID.COMMON_NAME, "САРСЕНБАЕВА ӘСЕЛ"),
            cx509.NameAttribute(NameOID.SURNAME, "САРСЕНБАЕВА"),
            cx509.NameAttribute(NameOID.SERIAL_NUMBER, f"IIN{iin}"),
            cx509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
            cx509.NameAttribute(NameOID.GIVEN_NAME, "НҰРЛАНҚЫЗЫ"),
        ]
    )
    issue_certificate(folder, "person", subject, key_size=2048, ca_key=ca_key, ca_cert=ca_cert)
    other = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "NO IIN")])
    issue_certificate(folder, "noiin", other, key_size=2048, ca_key=ca_key, ca_cert=ca_cert)
    rogue = tmp_path_factory.mktemp("rogue")
    rogue_key, rogue_cert = make_ca(rogue, "Rogue CA", key_size=2048)
    issue_certificate(rogue, "person", subject, key_size=2048, ca_key=rogue_key, ca_cert=rogue_cert)
    return {"folder": folder, "rogue": rogue, "iin": iin}


def cms_over(content: bytes, folder, stem="person") -> str:
    """What NCALayer hands back: a detached CMS (base64) over the content."""
    signer = signers.SimpleSigner.load(
        str(folder / f"{stem}.key.pem"), str(folder / f"{stem}.cert.pem")
    )
    info = run_sync(signer.async_sign_general_data(content, "sha256", detached=True))
    return base64.b64encode(info.dump()).decode()
