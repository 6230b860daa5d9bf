"""Who may write: token on every write route, read-only mode, cross-origin refusal, safe binding."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from consilience.cli import main
from consilience.web import create_app
from consilience.web.access import WRITE_METHODS, check_bind, is_loopback_host
from consilience.web.fetch import Fetched

TOKEN = "s3cret-token-for-tests-0123456789"

# A valid request for each known write route; a write route missing here makes
# test_every_write_route_has_a_sample fail, so new routes cannot slip past these tests.
SAMPLES = {
    ("POST", "/api/reports"): {"json": {"text": "Rebels held Hama on Friday."}},
    ("POST", "/api/reports/upload"): {"files": {"file": ("r.txt", b"Rebels held Hama.", "text/plain")}},
    ("POST", "/api/reports/url"): {"json": {"url": "https://example.org/news"}},
    ("DELETE", "/api/reports/{report_id}"): {},  # cccc: alone in its story, so no model re-aligns
}


def fake_fetch(url: str) -> Fetched:
    return Fetched(url=url, content=b"Rebels held Hama on Friday.", content_type="text/plain")


def iter_api_routes(routes):
    """Every APIRoute, descending into included routers (newer FastAPI keeps them as one entry)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from iter_api_routes(included.routes)
        elif isinstance(route, APIRoute):
            yield route


def write_routes(app) -> list[tuple[str, str]]:
    """Every (method, path) of the app that changes something, read from app.routes."""
    return sorted((method, route.path) for route in iter_api_routes(app.routes)
                  for method in route.methods if method in WRITE_METHODS)


def read_routes(app) -> list[str]:
    return sorted({route.path for route in iter_api_routes(app.routes) if "GET" in route.methods})


def make_client(db, adder, **access) -> TestClient:
    return TestClient(create_app(db, adder=adder, fetcher=fake_fetch, **access), raise_server_exceptions=False)


def request_path(path: str) -> str:
    return (path.replace("{story_id}", "s-hama").replace("{job_id}", "nope").replace("{article_id}", "aaaa")
            .replace("{report_id}", "cccc"))


def test_every_write_route_has_a_sample(handmade_db, adder):
    app = create_app(handmade_db, adder=adder)
    routes = write_routes(app)
    assert routes, "the app has write routes"
    documented = {(method.upper(), path) for path, item in app.openapi()["paths"].items() for method in item
                  if method.upper() in WRITE_METHODS}
    assert documented <= set(routes)  # the route walk misses nothing the API schema lists
    assert set(routes) == set(SAMPLES), "add a sample request for each new write route to SAMPLES"


@pytest.fixture(params=sorted(SAMPLES), ids=lambda r: f"{r[0]} {r[1]}")
def write_route(request):
    return request.param


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-wrong-token"},
                                     {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}],
                         ids=["no-token", "wrong-token", "no-scheme", "basic-scheme"])
def test_access_write_refused_without_the_token(handmade_db, adder, write_route, headers):
    method, path = write_route
    with make_client(handmade_db, adder, token=TOKEN) as client:
        response = client.request(method, request_path(path), headers=headers, **SAMPLES[write_route])
        assert response.status_code == 401
        assert response.json() == {"error": {"code": "unauthorized", "message": response.json()["error"]["message"]}}
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert client.get("/api/stories").json()["total"] == 2  # nothing was added


def test_access_write_accepted_with_the_token(handmade_db, adder, write_route):
    method, path = write_route
    with make_client(handmade_db, adder, token=TOKEN) as client:
        response = client.request(method, request_path(path), headers={"Authorization": f"Bearer {TOKEN}"},
                                  **SAMPLES[write_route])
        assert response.status_code in (200, 201, 202, 204), response.text


def test_access_read_only_refuses_writes_even_with_the_token(handmade_db, adder, write_route):
    method, path = write_route
    with make_client(handmade_db, adder, token=TOKEN, read_only=True) as client:
        response = client.request(method, request_path(path), headers={"Authorization": f"Bearer {TOKEN}"},
                                  **SAMPLES[write_route])
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "read_only"


def test_access_cross_origin_write_refused_without_token(handmade_db, adder, write_route):
    method, path = write_route
    with make_client(handmade_db, adder) as client:
        response = client.request(method, request_path(path), headers={"Origin": "https://evil.example"},
                                  **SAMPLES[write_route])
        assert response.status_code == 403 and response.json()["error"]["code"] == "cross_origin"
        same = client.request(method, request_path(path), headers={"Origin": "http://testserver"},
                              **SAMPLES[write_route])
        assert same.status_code in (200, 202)  # jobs answer 202, a deletion 200


def test_access_reads_stay_open_with_token_and_read_only(handmade_db, adder):
    with make_client(handmade_db, adder, token=TOKEN, read_only=True) as client:
        for path in read_routes(client.app):
            response = client.get(request_path(path))
            assert response.status_code not in (401, 403), path
        assert client.get("/api/stories/s-hama").status_code == 200
        assert client.get("/").status_code == 200


def test_access_read_only_page_hides_the_write_forms(handmade_db, adder):
    with make_client(handmade_db, adder, read_only=True) as client:
        page = client.get("/add").text
        assert 'id="read-only"' in page and "paste-form" not in page and "add.js" not in page
        assert 'href="/add"' not in client.get("/").text
    with make_client(handmade_db, adder, token=TOKEN) as client:
        page = client.get("/add").text
        assert "token-form" in page and "paste-form" in page and TOKEN not in page
    with make_client(handmade_db, adder) as client:
        page = client.get("/add").text
        assert "token-form" not in page and "paste-form" in page


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("[::1]", True), ("127.1.2.3", True), ("0.0.0.0", False),
                                                ("::", False), ("192.168.1.4", False), ("example.org", False)])
def test_access_is_loopback_host(host, loopback):
    assert is_loopback_host(host) is loopback


def test_access_check_bind():
    check_bind("127.0.0.1", None, False)
    check_bind("0.0.0.0", TOKEN, False)
    check_bind("0.0.0.0", None, True)
    with pytest.raises(ValueError, match="--token"):
        check_bind("0.0.0.0", None, False)
    with pytest.raises(ValueError, match="--token"):
        check_bind("0.0.0.0", "", False)
    with pytest.raises(ValueError, match="too short"):
        check_bind("0.0.0.0", "short", False)


def test_access_serve_refuses_public_host_without_token(tmp_path, monkeypatch):
    monkeypatch.delenv("CONSILIENCE_TOKEN", raising=False)
    started = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: started.append((app, kw)))
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "refusing to listen on 0.0.0.0" in result.output and not started
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0"],
                           env={"CONSILIENCE_TOKEN": TOKEN})
    assert result.exit_code == 0, result.output
    app, kwargs = started[-1]
    assert kwargs["host"] == "0.0.0.0" and app.state.access.token == TOKEN
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--read-only"])
    assert result.exit_code == 0 and started[-1][0].state.access.read_only
