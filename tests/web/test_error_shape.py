"""Every error, whatever its cause, has the shape {"error": {"code", "message"}}."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from consilience.web import create_app


def assert_error_shape(response, status: int, code: str) -> None:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("get", "/api/stories/nope", {}, 404, "story_not_found"),
        ("get", "/api/stories/nope/matrix", {}, 404, "story_not_found"),
        ("get", "/api/jobs/nope", {}, 404, "job_not_found"),
        ("get", "/api/no-such-route", {}, 404, "not_found"),
        ("get", "/api/stories?sort=random", {}, 422, "invalid_request"),
        ("get", "/api/stories?limit=0", {}, 422, "invalid_request"),
        ("get", "/api/stories/s-hama/matrix?verdict=maybe", {}, 422, "invalid_request"),
        ("post", "/api/reports", {"json": {"text": ""}}, 422, "invalid_request"),
        ("post", "/api/reports", {"json": {"text": "x", "published": "yesterday"}}, 422, "invalid_request"),
        ("post", "/api/reports", {"content": b"not json", "headers": {"content-type": "application/json"}}, 422,
         "invalid_request"),
        ("delete", "/api/stories", {}, 405, "method_not_allowed"),
        ("delete", "/api/reports/nope", {}, 404, "report_not_found"),
    ],
)
def test_error_shape_for_client_errors(client, method, path, kwargs, status, code):
    assert_error_shape(getattr(client, method)(path, **kwargs), status, code)


def test_error_shape_for_server_error(handmade_db):
    app = create_app(handmade_db)

    @app.get("/api/boom")
    def boom() -> dict:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/boom")
    assert_error_shape(response, 500, "internal_error")
    assert "secret" not in response.text


def test_error_page_for_browsers_keeps_code_and_escapes(client):
    response = client.get("/stories/<b>nope", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert 'data-code="story_not_found"' in response.text
    assert "<b>nope" not in response.text and "&lt;b&gt;nope" in response.text
