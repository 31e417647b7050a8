"""Property-based fuzzing (Hypothesis): generated query strings to every page
and generated values to every form, each as an actor entitled to it (from the
permission matrix), must never yield a server error (5xx).

Bounded for CI: a fixed probe pass (PROBES) and FUZZ_EXAMPLES generated
examples per target (default 6). Every request
runs in a savepoint that is rolled back, so all examples meet the same world.
The totals (requests, 5xx) are printed at the end of the run.
"""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_permission_matrix import ACTORS, MATRIX

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
# a deterministic first pass: every field of a target at once set to each of
# these (the inputs the probing found), before Hypothesis' generated examples
PROBES = ["\x00", "a\x00b", "²", "9" * 30, "x" * 300, "abc", "-1", "//evil.example", "31.02.2026"]
# signing out or fuzzing the sign-in form would only lock the actor out
SKIP = {"logout", "login"}

TRICKY = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "2",
    "²",
    "١٢",
    "9" * 30,
    "1e9",
    "NaN",
    "1.5",
    "\x00",
    "a\x00b",
    "2026-02-30",
    "31.02.2026",
    "2026-01-01",
    "01.01.2026",
    "abc",
    "//evil.example",
    "https://evil.example/",
    "/courts/",
    "=1+1",
    "@SUM(A1)",
    "<script>",
    "'; DROP TABLE x;--",
    "кк",
    "Әліұлы",
    "\u202e",
    "\ufeff",
    "x" * 300,
    "x" * 5000,
    "true",
    "on",
    "accept",
    "decline",
    "mentor",
    "tutor",
    "active",
    "kk",
    "ru",
    "en",
]
KNOWN_KEYS = [
    "q",
    "page",
    "status",
    "role",
    "on",
    "code",
    "year",
    "region",
    "court",
    "level",
    "kind",
    "specialisation",
    "next",
    "id",
    "action",
    "office",
    "language",
    "answer",
    "judge",
    "entry",
    "attended",
    "item",
    "decision",
    "flag",
    "what",
    "reasons",
]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
value = st.one_of(st.sampled_from(TRICKY), text, st.integers().map(str))
values = st.one_of(value, st.lists(value, min_size=2, max_size=4))
raw_query = st.text(string.ascii_letters + string.digits + "%&=+;?#/.-_[]", max_size=80)


@dataclass
class Target:
    name: str
    method: str
    url: str
    actor: str
    keys: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass
class Tally:
    requests: int = 0
    errors: list = field(default_factory=list)


TALLY = Tally()

FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
NAME = re.compile(r'<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"', re.I)
FILE = re.compile(
    r'<input\b[^>]*type="file"[^>]*name="([^"]+)"|'
    r'<input\b[^>]*name="([^"]+)"[^>]*type="file"',
    re.I,
)


def _actor_for(expected: dict[str, int]) -> str | None:
    for wanted in (200, 302):
        for actor in ACTORS[1:] + ACTORS[:1]:  # signed-in actors first
            if expected[actor] == wanted:
                return actor
    return None


def _login(client, world, actor):
    client.logout()
    if actor != "anonymous":
        client.force_login(world.users[actor])


def _targets(client, world, name: str) -> list[Target]:
    """The page or action ``name`` (its objects built by the matrix's helper)
    and every POST form the page shows to its actor."""
    method, args, expected = MATRIX[name]
    actor = _actor_for(expected)
    if name in SKIP or actor is None:
        return []
    url = reverse(name, args=args(world) if args else None)
    targets = [Target(name, method, url, actor, keys=list(KNOWN_KEYS))]
    if method != "get":
        return targets
    _login(client, world, actor)
    page = client.get(url)
    if "html" not in page.get("Content-Type", ""):
        return targets
    for attrs, body in FORM.findall(page.content.decode()):
        if 'method="post"' not in attrs.lower():
            continue
        action = re.search(r'action="([^"]*)"', attrs)
        action_url = action.group(1).replace("&amp;", "&") if action and action.group(1) else url
        if any(action_url == reverse(s) for s in SKIP):
            continue
        names = sorted(set(NAME.findall(body)) - {"csrfmiddlewaretoken"})
        files = sorted({a or b for a, b in FILE.findall(body)})
        targets.append(
            Target(
                f"{name} form → {action_url}",
                "post",
                action_url,
                actor,
                keys=names + KNOWN_KEYS[:6],
                files=files,
            )
        )
    return targets


def _request(client, world, target: Target, data: dict, raw: str | None, upload: bytes | None):
    with transaction.atomic():
        _login(client, world, target.actor)
        if target.method == "get":
            extra = {"QUERY_STRING": raw} if raw is not None else {}
            response = client.get(target.url, data, **extra)
        else:
            for name in target.files:
                data[name] = SimpleUploadedFile("f.pdf", upload or b"")
            response = client.post(target.url, data)
        transaction.set_rollback(True)
    TALLY.requests += 1
    if response.status_code >= 500:
        TALLY.errors.append((target.name, data, raw, response.status_code))
    return response


def _fuzz(client, world, target: Target) -> None:
    keys = st.sampled_from(target.keys) | st.text(string.ascii_lowercase, min_size=1, max_size=8)
    uploads = (
        st.none()
        | st.binary(max_size=600)
        | st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"%PDF-1.4\n/JavaScript"]).flatmap(
            lambda head: st.binary(max_size=400).map(lambda tail: head + tail)
        )
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        data=st.dictionaries(keys, values, max_size=6), raw=st.none() | raw_query, upload=uploads
    )
    def example(data, raw, upload):
        response = _request(client, world, target, dict(data), raw, upload)
        assert response.status_code < 500, (target.name, data, raw)

    for probe in PROBES:
        data = {key: probe for key in target.keys}
        response = _request(client, world, target, data, None, None)
        assert response.status_code < 500, (target.name, probe)
    example()


@pytest.mark.django_db
@pytest.mark.usefixtures("_workers_alive")  # /healthz: its 503 means "no worker"
def test_no_input_yields_a_server_error(client, world):
    client.raise_request_exception = True  # a view's exception fails the example with it
    count = 0
    for name in sorted(MATRIX):
        # as in the permission matrix: each URL's objects are built, fuzzed and
        # rolled back, so the helpers of one URL never meet another's
        with transaction.atomic():
            targets = _targets(client, world, name)
            for target in targets:
                _fuzz(client, world, target)
            count += len(targets)
            transaction.set_rollback(True)
    print(f"\nfuzz: {count} targets, {TALLY.requests} requests, {len(TALLY.errors)} responses 5xx")
    assert count > len(MATRIX)  # the pages' forms were found too
    assert not TALLY.errors, TALLY.errors[:5]
