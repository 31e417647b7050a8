"""Fixtures of the programme's tests: an approved roster written directly, an active pair."""

from __future__ import annotations

import pytest

from tests.programs import helpers as h

from .pairs_support import fast_roster


@pytest.fixture
def entries(world):
    """(mentor entry, tutor entry) of the approved roster (order № 1 of the regional court)."""
    return fast_roster(world)


@pytest.fixture
def pair(world, entries):
    """An active mentor pair registered today; its plan's version 1 is a draft."""
    return h.active_pair(world, entry=entries[0])


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded and issued files go to a folder of this test alone."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
