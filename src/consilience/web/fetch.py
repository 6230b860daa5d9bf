"""Fetching a report from a URL on the server, safely: public addresses only, size and time limits.

A server that fetches URLs for its users can be turned against its own network (SSRF). So:
- only http and https; the host is resolved once and refused when any address it resolves to
  is loopback, private, link-local (cloud metadata at 169.254.169.254), multicast, reserved,
  unspecified or otherwise not global, including IPv4 hidden in IPv6 (::ffff:127.0.0.1, 6to4,
  Teredo, NAT64) and the numeric forms a resolver accepts (2130706433, 0x7f.1, 0177.0.0.1, 127.1);
- the connection goes to the very address that was checked (the name is only sent as Host and
  TLS server name), so DNS rebinding between the check and the connect reaches nothing new;
- redirects are followed by hand, at most MAX_REDIRECTS, each hop checked the same way;
- no proxy from the environment, no compressed bodies, at most `max_bytes`, and one deadline for
  the whole fetch that closes the socket however slowly the server trickles.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_BYTES = 2_000_000
TIMEOUT_S = 10.0
MAX_REDIRECTS = 3
REDIRECT_CODES = (301, 302, 303, 307, 308)
CHUNK = 64 * 1024

# Tests only: addresses of a local test server that count as public. Never set by any user-facing
# option; tests monkeypatch it to follow redirects between servers they run on loopback.
_TEST_PUBLIC_ADDRESSES: frozenset[str] = frozenset()

_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class FetchRefused(ValueError):
    """The URL may not or could not be fetched; the message says why and what to do."""


@dataclass
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


@dataclass(frozen=True)
class Target:
    """Where one request goes: the checked address to connect to, and the name to ask for."""

    scheme: str
    host: str  # ASCII host name or canonical IP, sent as Host and TLS server name
    port: int
    address: str  # the checked IP address the socket connects to
    path: str  # path and query


def check_address(address: str) -> None:
    """Refuse an IP address that is not a public unicast address, nor hides one that is not."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if str(ip) in _TEST_PUBLIC_ADDRESSES:
        return
    for candidate in _with_embedded_ipv4(ip):
        if not _is_public(candidate):
            raise FetchRefused(
                f"{address}: is a private, loopback, link-local or otherwise non-public address. Give a public URL."
            )


def resolve_target(url: str) -> Target:
    """The checked target of `url`: scheme, host and every address the host resolves to."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"{url}: only http and https URLs can be fetched.")
    if not parts.hostname:
        raise FetchRefused(f"{url}: the URL has no host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchRefused(f"{url}: the port is not a number from 0 to 65535.") from exc
    literal = _literal_address(parts.hostname)
    if literal is not None:
        addresses = [literal]
        host = literal
    else:
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise FetchRefused(f"{url}: the host name is not a valid internet name.") from exc
        addresses = _resolve(host, port)
    for address in addresses:
        check_address(address)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, host, port, addresses[0], path)


def check_url(url: str) -> str:
    """The URL's host after checking the scheme and every address the host resolves to."""
    return resolve_target(url).host


def fetch_url(url: str, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_S) -> Fetched:
    """The body of a public http(s) URL, at most `max_bytes`, within `timeout` seconds in all."""
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        target = resolve_target(url)
        status, location, content_type, content = _get(target, url, max_bytes, deadline)
        if status in REDIRECT_CODES:
            if not location:
                raise FetchRefused(f"{url}: the server answered HTTP {status} without a Location.")
            url = urljoin(url, location)
            continue
        if not 200 <= status < 300:
            raise FetchRefused(f"{url}: the server answered HTTP {status}.")
        return Fetched(url=url, content=content, content_type=content_type)
    raise FetchRefused(f"{url}: more than {MAX_REDIRECTS} redirects.")


def _get(target: Target, url: str, max_bytes: int, deadline: float) -> tuple[int, str | None, str, bytes]:
    """(status, Location, Content-Type, body) of one GET to the target's checked address."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchRefused(f"{url}: the fetch took longer than its time limit. Try again later or save the page and upload it.")
    connection = _pinned_connection(target, remaining)
    # The socket timeout bounds each wait; this timer bounds the whole fetch, trickle or not.
    late = FetchRefused(f"{url}: the fetch took longer than its time limit. Try again later or save the page and upload it.")
    timed_out = threading.Event()
    timer = threading.Timer(remaining, _abort, args=(connection, timed_out))
    timer.start()
    try:
        connection.request("GET", target.path, headers={
            "User-Agent": "consilience/0.1", "Accept-Encoding": "identity", "Connection": "close",
        })
        response = connection.getresponse()
        if response.status in REDIRECT_CODES:
            return response.status, response.getheader("Location"), "", b""
        _check_headers(response, url, max_bytes)
        content = b"".join(_read_limited(response, url, max_bytes))
    except FetchRefused:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if timed_out.is_set() or time.monotonic() >= deadline:
            raise late from exc
        raise FetchRefused(f"{url}: cannot be fetched ({exc}).") from exc
    finally:
        timer.cancel()
        connection.close()
    if timed_out.is_set():
        raise late  # the shut-down socket read as a short, clean end of the body
    return response.status, None, response.getheader("Content-Type", ""), content


def _check_headers(response: http.client.HTTPResponse, url: str, max_bytes: int) -> None:
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        # Asked for identity; a compressed body could expand far past the size limit.
        raise FetchRefused(f"{url}: the server sent a {encoding}-compressed body, which is not unpacked.")
    length = response.getheader("Content-Length")
    if length is not None and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchRefused(f"{url}: the page is over the {max_bytes:,} byte limit.")


def _read_limited(response: http.client.HTTPResponse, url: str, max_bytes: int) -> Iterator[bytes]:
    total = 0
    while chunk := response.read1(CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise FetchRefused(f"{url}: the page is over the {max_bytes:,} byte limit.")
        yield chunk


def _pinned_connection(target: Target, timeout: float) -> http.client.HTTPConnection:
    if target.scheme == "https":
        return _PinnedHTTPSConnection(target, timeout)
    return _PinnedHTTPConnection(target, timeout)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to the checked address, whatever the host name resolves to by now."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self) -> None:
        self.sock = _connect(self.address, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the checked address; the certificate is still checked against the host name."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        self.address = target.address

    def connect(self) -> None:
        sock = _connect(self.address, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _connect(address: str, port: int, timeout: float) -> socket.socket:
    """A TCP socket to an IP address, without a second name lookup (create_connection does one)."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect((address, port))
    except OSError:
        sock.close()
        raise
    return sock


def _abort(connection: http.client.HTTPConnection, timed_out: threading.Event) -> None:
    """Wake a read blocked past the deadline: shutting the socket down ends it at once."""
    timed_out.set()
    if connection.sock is not None:
        try:
            connection.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed by the fetching thread


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused(f"{host}: the host name cannot be resolved ({exc}). Check the URL.") from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchRefused(f"{host}: the host name has no address. Check the URL.")
    return addresses


def _literal_address(host: str) -> str | None:
    """The canonical IP of a host written as an address, in any form a resolver would accept."""
    try:
        return str(ipaddress.ip_address(host.split("%")[0]))
    except ValueError:
        pass
    try:
        # inet_aton reads the old BSD forms: "2130706433", "0x7f.1", "0177.0.0.1", "127.1".
        return socket.inet_ntoa(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def _with_embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list:
    """The address and any IPv4 address it carries (mapped, 6to4, Teredo, NAT64)."""
    found: list = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            found.append(ip.ipv4_mapped)
        if ip.sixtofour is not None:
            found.append(ip.sixtofour)
        if ip.teredo is not None:
            found.extend(ip.teredo)
        if any(ip in network for network in _NAT64):
            found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return (ip.is_global and not (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
                                  or ip.is_reserved or ip.is_unspecified or getattr(ip, "is_site_local", False)))
