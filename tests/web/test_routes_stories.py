"""The read API: list, story document, matrix, diff, timeline, places, graph."""

from __future__ import annotations

import jsonschema
import pytest

from consilience.outputs.json_report import load_schema


def test_stories_list_rows_show_sources_and_verdict_counts(client):
    body = client.get("/api/stories").json()
    assert body["total"] == 2
    row = next(r for r in body["stories"] if r["id"] == "s-hama")
    assert row["sources"] == ["Wire One", "Courier <Two>"]
    assert row["counts"] == {"corroborated": 0, "single-source": 1, "disputed": 1}
    assert row["latest"] == "2024-12-06"
    assert body["sources"] == ["Courier <Two>", "Wire One"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=Tokyo", ["s-markets"]),
        ("q=Thousands+fighters", ["s-hama"]),
        ("q=nothingmatches", []),
        ("source=Courier+<Two>", ["s-hama"]),
        ("disputed=true", ["s-hama"]),
        ("disputed=false", ["s-markets"]),
        ("sort=recency", ["s-hama", "s-markets"]),
        ("sort=disputes", ["s-hama", "s-markets"]),
        ("from=2024-12-01", ["s-hama"]),
        ("to=2024-11-30", ["s-markets"]),
        ("from=2024-11-01&to=2024-11-01", ["s-markets"]),
        ("from=2024-12-06&to=2024-12-06", ["s-hama"]),  # one of its two reports is enough
        ("from=2024-10-01&to=2024-12-31", ["s-hama", "s-markets"]),
        ("from=2025-01-01", []),
        ("place=Hama", ["s-hama"]),
        ("place=hama", ["s-hama"]),
        ("place=170017", ["s-hama"]),
        ("place=170018", []),
        ("place=Tokyo", []),  # named in a report's text but not a resolved place of the story
        ("place=Hama&to=2024-11-30", []),
        ("place=Hama&q=Thousands", ["s-hama"]),
    ],
)
def test_stories_list_search_filter_sort(client, query, expected):
    body = client.get(f"/api/stories?{query}").json()
    assert [r["id"] for r in body["stories"]] == expected


def test_stories_list_offers_place_names(client):
    assert client.get("/api/stories").json()["places"] == ["Hama"]


@pytest.mark.parametrize(
    ("query", "code"),
    [("from=2024-13-01", "invalid_request"), ("to=yesterday", "invalid_request"),
     ("from=2024-12-06&to=2024-12-01", "bad_date_range")],
)
def test_stories_list_refuses_bad_dates_in_error_shape(client, query, code):
    response = client.get(f"/api/stories?{query}")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code


def test_stories_list_filters_are_documented_in_openapi(client):
    parameters = {p["name"]: p for p in client.get("/openapi.json").json()["paths"]["/api/stories"]["get"]["parameters"]}
    assert {"from", "to", "place"} <= parameters.keys()
    assert "YYYY-MM-DD" in parameters["from"]["description"]
    assert "GeoNames id" in parameters["place"]["description"]
    assert parameters["from"]["schema"]["anyOf"][0]["format"] == "date"


def test_story_document_is_the_cli_json_shape(client):
    document = client.get("/api/stories/s-hama").json()
    jsonschema.validate(document, load_schema())
    assert [s["id"] for s in document["stories"]] == ["s-hama"]
    assert {a["id"] for a in document["articles"]} == {"aaaa", "bbbb"}
    assert document["summary"]["disputed"] == 1


def test_matrix_marks_states_contradicts_and_silent(client):
    matrix = client.get("/api/stories/s-hama/matrix").json()
    assert [c["article"] for c in matrix["columns"]] == ["aaaa", "bbbb"]
    rows = {r["group"]: r for r in matrix["rows"]}
    assert [c["state"] for c in rows["g-number"]["cells"]] == ["states", "contradicts"]
    assert [c["state"] for c in rows["g-seize"]["cells"]] == ["states", "silent"]
    assert rows["g-number"]["conflict_kinds"] == ["number"]
    assert rows["g-number"]["lineage"] == [["Wire One", "a monitor"], ["Courier <Two>", "a monitor"]]


@pytest.mark.parametrize(("query", "groups"), [("verdict=disputed", ["g-number"]), ("kind=number", ["g-number"]),
                                                ("kind=date", []), ("verdict=single-source", ["g-seize"])])
def test_matrix_filters_by_verdict_and_kind(client, query, groups):
    rows = client.get(f"/api/stories/s-hama/matrix?{query}").json()["rows"]
    assert [r["group"] for r in rows] == groups


def test_diff_cuts_text_into_linked_claims_with_conflicts(client):
    diff = client.get("/api/stories/s-hama/diff").json()
    by_article = {c["article"]: c for c in diff["columns"]}
    segments = by_article["bbbb"]["segments"]
    assert "".join(s["text"] for s in segments) == "The army left Hama on December 5. Thousands of fighters were killed, a monitor said."
    conflicting = [s for s in segments if s["conflict"]]
    assert [s["text"] for s in conflicting] == ["Thousands of fighters were killed"]
    assert conflicting[0]["group"] == "g-number"
    assert "incompatible figures" in conflicting[0]["explanations"][0]
    assert by_article["aaaa"]["attributions"]["aaaa-c1"][0]["source"] == "a monitor"
    assert [c["kind"] for c in diff["conflicts"]] == ["number"]


def test_diff_of_chosen_reports_refuses_foreign_article(client):
    assert [c["article"] for c in client.get("/api/stories/s-hama/diff?articles=bbbb").json()["columns"]] == ["bbbb"]
    response = client.get("/api/stories/s-hama/diff?articles=cccc")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "article_not_in_story"


def test_timeline_orders_dates_and_keeps_underspecified(client):
    entries = client.get("/api/stories/s-hama/timeline").json()["entries"]
    assert [(e["value"], e["kind"]) for e in entries] == [("2024-12-05", "date"), ("XXXX-12-05", "underspecified")]
    assert entries[1]["mentions"] == [{"article": "bbbb", "source": "Courier <Two>", "text": "December 5"}]


def test_places_lists_resolved_places(client):
    places = client.get("/api/stories/s-hama/places").json()["places"]
    assert places[0]["name"] == "Hama" and places[0]["lat"] == pytest.approx(35.13)


def test_graph_edges_carry_reports_and_disputes(client):
    graph = client.get("/api/stories/s-hama/graph").json()
    edges = {(e["source"], e["relation"], e["target"]): e for e in graph["edges"]}
    assert edges[("rebels", "SEIZE", "hama")]["reports"] == ["Wire One"]
    assert edges[("rebels", "SEIZE", "hama")]["disputed"] is False
    assert edges[("rebels", "ASSAULT", "fighters")]["disputed"] is True
    assert edges[("army", "ASSAULT", "fighters")]["reports"] == ["Courier <Two>"]
    assert {n["id"] for n in graph["nodes"]} == {"rebels", "hama", "army", "fighters"}
