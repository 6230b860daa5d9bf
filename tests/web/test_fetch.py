"""URL fetching refuses every non-public address: literal forms, DNS answers, redirect hops, rebinding (issue #7)."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from consilience.web import fetch
from consilience.web.fetch import FetchRefused, fetch_url, resolve_target


def no_dns(*args, **kwargs):
    raise AssertionError("a literal address must be checked without a DNS lookup")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.0.0.2:8080/", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/", "http://0/",
    "http://224.0.0.1/", "http://240.0.0.1/", "http://255.255.255.255/",
    "http://2130706433/", "http://0x7f.1/", "http://0x7f000001/", "http://0177.0.0.1/", "http://127.1/",
    "http://017700000001/", "http://0xa9.0xfe.0xa9.0xfe/",
    "http://[::1]/", "http://[::]/", "http://[fe80::1%25eth0]/", "http://[fc00::1]/", "http://[fec0::1]/",
    "http://[ff02::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::ffff:169.254.169.254]/",
    "http://[2002:7f00:1::]/", "http://[64:ff9b::a00:1]/",
    "http://public.example@127.0.0.1/", "http://127.0.0.1#@public.example/",
])
def test_fetch_refuses_non_public_literal_addresses_without_dns(monkeypatch, url):
    monkeypatch.setattr(fetch.socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchRefused, match="non-public address"):
        resolve_target(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/", "javascript:alert(1)",
                                 "data:text/html,<p>x</p>", "//example.org/x", "http:///nohost"])
def test_fetch_refuses_other_schemes_and_hostless_urls(url):
    with pytest.raises(FetchRefused, match="only http and https|no host"):
        resolve_target(url)


def test_fetch_refuses_a_name_when_any_of_its_addresses_is_internal(monkeypatch):
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 80)),
               (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", 80, 0, 0))]
    monkeypatch.setattr(fetch.socket, "getaddrinfo", lambda *a, **k: answers)
    with pytest.raises(FetchRefused, match="::1"):
        resolve_target("http://news.example.org/story")


def test_fetch_pins_the_public_address_it_checked(monkeypatch):
    monkeypatch.setattr(fetch.socket, "getaddrinfo",
                        lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 443))])
    target = resolve_target("https://News.Example.org/a?b=1")
    assert (target.host, target.address, target.port, target.path) == ("news.example.org", "93.184.215.14", 443, "/a?b=1")


def test_fetch_refuses_bad_ports_and_names(monkeypatch):
    with pytest.raises(FetchRefused, match="port"):
        resolve_target("http://example.org:99999/")
    monkeypatch.setattr(fetch.socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(socket.gaierror("no name")))
    with pytest.raises(FetchRefused, match="cannot be resolved"):
        resolve_target("http://does-not-exist.example/")


# --- against local servers -------------------------------------------------------------------------
# Both servers listen on loopback: "public" on 127.0.0.1 (declared public through the test-only
# switch), "internal" on 127.0.0.2, which stays refused and counts any request that reaches it.

class Server:
    def __init__(self, address: str, routes: dict, port: int = 0):
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server hook
                server.hits.append(self.path)
                routes.get(self.path, routes.get("*"))(self)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer((address, port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def reply(body: bytes, status: int = 200, headers: dict | None = None):
    def handle(handler):
        handler.send_response(status)
        for name, value in (headers or {"Content-Type": "text/html", "Content-Length": str(len(body))}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
    return handle


def redirect(location: str, status: int = 302):
    return reply(b"", status, {"Location": location, "Content-Length": "0"})


def trickle(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(200):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.05)
    except OSError:
        pass  # the fetcher hung up, as it should


def unbounded(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(1000):
            handler.wfile.write(b"y" * 65536)
    except OSError:
        pass


@pytest.fixture
def servers(monkeypatch):
    internal = Server("127.0.0.2", {"*": reply(b"internal secret")})
    routes: dict = {"*": reply(b"<p>public page</p>")}
    public = Server("127.0.0.1", routes)
    monkeypatch.setattr(fetch, "_TEST_PUBLIC_ADDRESSES", frozenset({"127.0.0.1"}))
    yield public, internal, routes
    public.close()
    internal.close()


@pytest.mark.slow
def test_fetch_refuses_a_loopback_server_without_the_test_switch():
    server = Server("127.0.0.1", {"*": reply(b"local")})
    try:
        with pytest.raises(FetchRefused, match="non-public"):
            fetch_url(f"http://127.0.0.1:{server.port}/")
        with pytest.raises(FetchRefused, match="non-public"):
            fetch_url(f"http://localhost:{server.port}/")
        assert server.hits == []
    finally:
        server.close()


@pytest.mark.slow
def test_fetch_reads_an_allowed_page_and_follows_a_checked_redirect(servers):
    public, _, routes = servers
    routes["/old"] = redirect("/new")
    routes["/new"] = reply(b"<p>moved page</p>")
    fetched = fetch_url(f"http://127.0.0.1:{public.port}/old")
    assert fetched.content == b"<p>moved page</p>" and fetched.url.endswith("/new")
    assert fetched.content_type == "text/html"


@pytest.mark.slow
@pytest.mark.parametrize("location", [
    "http://127.0.0.2:{internal}/admin",
    "http://2130706434:{internal}/admin",  # 127.0.0.2 in decimal
    "http://[::ffff:127.0.0.2]:{internal}/admin",
    "http://169.254.169.254/latest/meta-data/",
    "file:///etc/passwd",
])
def test_fetch_refuses_a_redirect_to_an_internal_address(servers, location):
    public, internal, routes = servers
    routes["/go"] = redirect(location.format(internal=internal.port), 307)
    with pytest.raises(FetchRefused, match="non-public|only http"):
        fetch_url(f"http://127.0.0.1:{public.port}/go")
    assert public.hits == ["/go"] and internal.hits == []


@pytest.mark.slow
def test_fetch_caps_the_number_of_redirects(servers):
    public, _, routes = servers
    routes["/loop"] = redirect("/loop", 301)
    with pytest.raises(FetchRefused, match="more than 3 redirects"):
        fetch_url(f"http://127.0.0.1:{public.port}/loop")
    assert len(public.hits) == 4


@pytest.mark.slow
def test_fetch_connects_to_the_checked_address_despite_dns_rebinding(servers, monkeypatch):
    public, _, _ = servers
    # An internal server on the same port as the public one: a fetcher that looked the name up
    # again when connecting (urllib and socket.create_connection do) would land here.
    rebound = Server("127.0.0.2", {"*": reply(b"internal secret")}, port=public.port)
    answers = iter(["127.0.0.1"] + ["127.0.0.2"] * 10)  # the first answer is checked; later ones point inside
    lookups = []

    def rebinding(host, port, *args, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", rebinding)
    try:
        fetched = fetch_url(f"http://rebind.example:{public.port}/page")
    finally:
        rebound.close()
    assert fetched.content == b"<p>public page</p>"
    assert lookups == ["rebind.example"] and rebound.hits == []


@pytest.mark.slow
def test_fetch_sends_the_name_as_host_header(servers, monkeypatch):
    public, _, routes = servers
    seen = {}

    def record_host(handler):
        seen["host"] = handler.headers["Host"]
        reply(b"ok")(handler)

    routes["/host"] = record_host
    monkeypatch.setattr(fetch.socket, "getaddrinfo",
                        lambda host, port, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))])
    fetch_url(f"http://news.example:{public.port}/host")
    assert seen["host"] == f"news.example:{public.port}"


@pytest.mark.slow
@pytest.mark.parametrize("route, match", [
    (reply(b"z" * 5000), "over the 1,000 byte limit"),  # Content-Length says so
    (unbounded, "over the 1,000 byte limit"),  # no length: counted while reading
    (reply(b"\x1f\x8b...", headers={"Content-Encoding": "gzip", "Content-Length": "5"}), "gzip-compressed"),
    (reply(b"gone", 404), "HTTP 404"),
    (redirect(""), "without a Location"),
])
def test_fetch_refuses_oversized_compressed_and_failed_responses(servers, route, match):
    public, _, routes = servers
    routes["/x"] = route
    with pytest.raises(FetchRefused, match=match):
        fetch_url(f"http://127.0.0.1:{public.port}/x", max_bytes=1000)


@pytest.mark.slow
def test_fetch_stops_a_trickling_server_at_the_deadline(servers):
    public, _, routes = servers
    routes["/slow"] = trickle  # 1 byte every 50 ms for 10 s: each read is quick, the whole is not
    with pytest.raises(FetchRefused, match="longer than its time limit"):
        fetch_url(f"http://127.0.0.1:{public.port}/slow", timeout=1.0)
