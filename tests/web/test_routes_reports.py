"""Adding reports: paste and upload jobs with progress, size limits, URL fetch refusals."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from consilience.web import create_app
from consilience.web.fetch import FetchRefused


def wait_for_job(client, job_id: str, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


def test_paste_runs_a_job_and_the_report_joins_its_story(client):
    response = client.post("/api/reports", json={"text": "Rebels held Hama on Friday.", "title": "Hama held",
                                                 "source": "Pasted", "published": "2024-12-07"})
    assert response.status_code == 202
    job = wait_for_job(client, response.json()["id"])
    assert job["state"] == "done" and job["stories"] == ["s-hama"]
    assert job["done"] == job["total"] == 1
    story = client.get("/api/stories/s-hama").json()
    assert len(story["articles"]) == 3  # the catalog was re-read after the job wrote the store


def test_paste_writes_metadata_as_front_matter(client, handmade_db):
    response = client.post("/api/reports", json={"text": "Body text.", "title": "A: title\n---", "source": "S"})
    wait_for_job(client, response.json()["id"])
    stored = client.get("/api/stories/s-hama/diff").json()["columns"][-1]
    text = "".join(s["text"] for s in stored["segments"])
    assert text.startswith("---\ntitle: 'A: title ---'\nsource: S\n---\nBody text.")


def test_upload_accepts_text_file(client):
    response = client.post("/api/reports/upload", files={"file": ("report.txt", b"Rebels held Hama.", "text/plain")})
    assert response.status_code == 202
    assert wait_for_job(client, response.json()["id"])["state"] == "done"


def test_upload_refuses_unknown_type_and_oversize(handmade_db, adder):
    with TestClient(create_app(handmade_db, adder=adder, max_upload_bytes=100)) as small:
        response = small.post("/api/reports/upload", files={"file": ("x.exe", b"MZ", "application/octet-stream")})
        assert response.status_code == 415 and response.json()["error"]["code"] == "unsupported_media_type"
        response = small.post("/api/reports/upload", files={"file": ("big.txt", b"a" * 5000, "text/plain")})
        assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
        response = small.post("/api/reports", json={"text": "b" * 500})
        assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/admin",
    "http://10.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://localhost:8000/",
    "http://[::1]/",
    "http://0.0.0.0/",
    "file:///etc/passwd",
    "ftp://example.org/x",
])
def test_url_fetch_refuses_private_addresses_and_other_schemes(client, url):
    response = client.post("/api/reports/url", json={"url": url})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "url_refused"


def test_url_fetch_checks_every_resolved_address(monkeypatch):
    from consilience.web import fetch

    # A public-looking name that resolves to a private address (DNS pointing inside) is refused.
    monkeypatch.setattr(fetch.socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("192.168.1.5", 80))])
    with pytest.raises(FetchRefused, match="private"):
        fetch.fetch_url("http://news.example.org/story")


# --- deleting a report ------------------------------------------------------------------------


def test_delete_report_removes_it_and_its_one_report_story(client):
    assert client.get("/api/stories").json()["total"] == 2
    response = client.delete("/api/reports/cccc")
    assert response.status_code == 200
    assert response.json() == {"deleted": ["cccc"], "stories": [], "removed_stories": ["s-markets"]}
    assert client.get("/api/stories").json()["total"] == 1  # the catalog was re-read
    assert client.get("/api/stories/s-markets").status_code == 404
    again = client.delete("/api/reports/cccc")
    assert again.status_code == 404
    assert again.json() == {"error": {"code": "report_not_found", "message": again.json()["error"]["message"]}}


def test_delete_report_unknown_id_is_404_in_the_error_shape(client):
    response = client.delete("/api/reports/ghost")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "report_not_found"
    assert "ghost" in response.json()["error"]["message"]
    assert client.get("/api/stories").json()["total"] == 2


def test_delete_report_needs_the_token(handmade_db, adder):
    token = "delete-token-for-tests-0123456789"
    with TestClient(create_app(handmade_db, adder=adder, token=token), raise_server_exceptions=False) as client:
        refused = client.delete("/api/reports/cccc")
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
        assert client.get("/api/stories").json()["total"] == 2
        done = client.delete("/api/reports/cccc", headers={"Authorization": f"Bearer {token}"})
        assert done.status_code == 200 and done.json()["deleted"] == ["cccc"]


@pytest.mark.slow
def test_delete_report_rejudges_the_story_it_leaves(client):
    response = client.delete("/api/reports/bbbb")
    assert response.status_code == 200
    assert response.json() == {"deleted": ["bbbb"], "stories": ["s-hama"], "removed_stories": []}
    [story] = client.get("/api/stories/s-hama").json()["stories"]
    assert story["articles"] == ["aaaa"]
    assert story["claims"] and all(m["article"] == "aaaa" for g in story["claims"] for m in g["mentions"])
