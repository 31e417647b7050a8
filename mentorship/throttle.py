"""Counters in the Django cache (Redis when REDIS_URL is set, else the
database) for throttles: "count/seconds" rates, a fixed window per key."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def parse_rate(rate: str) -> tuple[int, int]:
    count, _sep, seconds = str(rate).partition("/")
    return int(count), int(seconds or 60)


def client_ip(request) -> str:
    """The address the request came from, as the WSGI server saw it (behind
    the reverse proxy, the proxy passes the client's address on)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, ident: str) -> str:
    # hashed: no e-mail address or searched name lands in the cache as is
    return "throttle:" + scope + ":" + hashlib.sha256(ident.encode("utf-8", "replace")).hexdigest()


def hit(scope: str, ident: str, rate: str) -> bool:
    """Count one event for (scope, ident); False once the rate is exceeded."""
    limit, window = parse_rate(rate)
    key = _key(scope, ident)
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def rate(name: str) -> str:
    return getattr(settings, name)
