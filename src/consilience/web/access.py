"""Who may write: the bearer token, read-only mode and the cross-origin check for write requests.

Reads are open. A write is any POST, PUT, PATCH or DELETE: the check runs as an app-wide
dependency keyed on the method, so a write route added later is guarded without opting in.
The token travels in `Authorization: Bearer ...`, never in a cookie: a browser does not attach
that header to a cross-site request by itself, so a forged form cannot carry it (no CSRF).
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request

from .error_shape import ApiError

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


@dataclass(frozen=True)
class AccessPolicy:
    """What the server lets a client change: `token` None means writes need no token (loopback only)."""

    token: str | None = None
    read_only: bool = False

    @property
    def needs_token(self) -> bool:
        return self.token is not None and not self.read_only


def is_loopback_host(host: str) -> bool:
    """True when `host` (a name or an address) only listens on this machine."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None, read_only: bool) -> None:
    """Refuse to expose a writable server beyond this machine without a token (ValueError says how)."""
    if token and len(token) < 16:
        raise ValueError("the token is too short: use at least 16 characters, e.g. "
                         "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`.")
    if is_loopback_host(host) or token or read_only:
        return
    raise ValueError(
        f"refusing to listen on {host}: other machines could add reports without a token. "
        "Set one with --token or CONSILIENCE_TOKEN, serve with --read-only, or keep the default --host 127.0.0.1."
    )


def guard_writes(request: Request) -> None:
    """App-wide dependency: let reads through; refuse a write that is read-only, tokenless or cross-origin."""
    if request.method not in WRITE_METHODS:
        return
    policy: AccessPolicy = request.app.state.access
    if policy.read_only:
        raise ApiError(403, "read_only", "this server is read-only: it accepts no changes to its reports. "
                                         "Restart it without --read-only to add or delete reports.")
    if policy.token is not None and not has_token(request, policy.token):
        raise ApiError(401, "unauthorized", "this server requires its token to add or delete reports: send "
                                            "`Authorization: Bearer <token>` (the --token given to consilience serve).")
    if not is_same_origin(request):
        raise ApiError(403, "cross_origin", "a page from another site may not write to this server. "
                                            "Use the page served here or a non-browser client.")


def has_token(request: Request, token: str) -> bool:
    """True when the request's bearer token equals `token` (constant-time comparison)."""
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    return secrets.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))


def is_same_origin(request: Request) -> bool:
    """False when a browser says the request comes from a page of another origin.

    Without a token, a loopback server would otherwise take a form posted by any site the user
    visits. Non-browser clients send no Origin header and pass.
    """
    origin = request.headers.get("origin")
    if origin is None:
        return True
    if origin == "null":  # sandboxed frames and file:// pages
        return False
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


__all__ = ["WRITE_METHODS", "AccessPolicy", "check_bind", "guard_writes", "has_token", "is_loopback_host",
           "is_same_origin"]
