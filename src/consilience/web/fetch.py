"""Fetching a report from a URL on the server, safely: public addresses only, size and time limits.

A server that fetches URLs for its users can be turned against its own network (SSRF): every
host is resolved first and refused when any address it resolves to is loopback, private,
link-local (cloud metadata at 169.254.169.254), multicast, reserved or unspecified. Redirects
are followed by hand so each hop is checked the same way.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_BYTES = 2_000_000
TIMEOUT_S = 10.0
MAX_REDIRECTS = 3


class FetchRefused(ValueError):
    """The URL may not or could not be fetched; the message says why and what to do."""


@dataclass
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


def check_address(address: str) -> None:
    """Refuse an IP address that is not a public unicast address."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast or ip.is_reserved
            or ip.is_unspecified or not ip.is_global):
        raise FetchRefused(f"{address}: is a private, loopback or link-local address. Give a public URL.")


def check_url(url: str) -> str:
    """The URL's host after checking the scheme and every address the host resolves to."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"{url}: only http and https URLs can be fetched.")
    host = parts.hostname
    if not host:
        raise FetchRefused(f"{url}: the URL has no host.")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchRefused(f"{host}: the host name cannot be resolved ({exc}). Check the URL.") from exc
    for info in infos:
        check_address(info[4][0])
    return host


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib hook
        return None


def fetch_url(url: str, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_S) -> Fetched:
    """The body of a public http(s) URL, at most `max_bytes`, within `timeout` seconds per request."""
    opener = urllib.request.build_opener(_NoRedirect)
    for _ in range(MAX_REDIRECTS + 1):
        check_url(url)
        request = urllib.request.Request(url, headers={"User-Agent": "consilience/0.1"})
        try:
            response = opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                url = urljoin(url, exc.headers["Location"])
                continue
            raise FetchRefused(f"{url}: the server answered HTTP {exc.code}.") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise FetchRefused(f"{url}: cannot be fetched ({exc}).") from exc
        with response:
            content = response.read(max_bytes + 1)
            if len(content) > max_bytes:
                raise FetchRefused(f"{url}: the page is over the {max_bytes:,} byte limit.")
            return Fetched(url=url, content=content, content_type=response.headers.get("Content-Type", ""))
    raise FetchRefused(f"{url}: more than {MAX_REDIRECTS} redirects.")
