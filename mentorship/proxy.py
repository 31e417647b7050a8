"""Behind the reverse proxy (BEHIND_PROXY=1) every request comes from the
proxy's address; the client's is in X-Real-IP, which the proxy sets itself
(deploy/nginx/locations.conf), overwriting any the client sent."""

from __future__ import annotations


def client_ip(request) -> str | None:
    """django-axes counts failures per client address (AXES_CLIENT_IP_CALLABLE)."""
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR")
