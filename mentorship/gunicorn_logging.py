"""gunicorn's access log without personal data: no query strings (searched
names, ?next=, verification codes), no password-reset tokens, no referrer."""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

_RESET = re.compile(r"^(/accounts/reset/)[^/]+/[^/]+/")


def loggable_path(path: str) -> str:
    return _RESET.sub(r"\1-/-/", path.split("?", 1)[0])


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = loggable_path(atoms.get("U", ""))
        atoms.update(
            {
                "U": path,
                "q": "",
                "f": "-",
                "r": f"{atoms.get('m', '-')} {path} {atoms.get('H', '-')}",
            }
        )
        return atoms
