"""Tests for the geoparsing benchmark on hand-made files in the LGL and GeoWebNews layouts."""

from __future__ import annotations

import pytest

from consilience.errors import ConsilienceError
from consilience.evaluate.geoparsing import (
    GUIDE,
    evaluate_geoparsing,
    read_geovirus,
    read_gwn,
    read_lgl,
    read_trnews,
    realign_span,
)

LGL_TEXT = "Rebels entered Hama on Thursday. Officials in Qwertyville said."

LGL_XML = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="7">
    <text><![CDATA[{LGL_TEXT}]]></text>
    <toponyms count="2">
      <toponym><start>15</start><end>19</end><phrase>Hama</phrase>
        <gaztag geonameid="170017"><name>Hama</name><lat>35.13179</lat><lon>36.75783</lon></gaztag>
      </toponym>
      <toponym><start>46</start><end>57</end><phrase>Qwertyville</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture
def data_dir(tmp_path):
    corpora = tmp_path / GUIDE / "Corpora"
    corpora.mkdir(parents=True)
    (corpora / "lgl.xml").write_text(LGL_XML, encoding="utf-8")
    files = tmp_path / GUIDE / "Geocoding" / "files"
    files.mkdir(parents=True)
    (files / "0").write_text("Shelling hit Aleppo and Homs.", encoding="utf-8")
    # Gold points: Aleppo's own, and a wrong point for Homs (Paris) so it must count as a miss.
    (tmp_path / GUIDE / "Geocoding" / "gwn_full.txt").write_text(
        "Aleppo,,Aleppo,,36.20124,,37.16117,,13,,19||Homs,,Homs,,48.85,,2.35,,24,,28||\n", encoding="utf-8"
    )
    return tmp_path


def test_geoparsing_read_lgl_keeps_offsets_and_missing_coordinates(data_dir):
    [doc] = read_lgl(data_dir)
    assert doc.id == "7"
    assert [(t.text, doc.text[t.start : t.end]) for t in doc.toponyms] == [("Hama", "Hama"), ("Qwertyville", "Qwertyville")]
    assert doc.toponyms[0].lat == pytest.approx(35.13179)
    assert doc.toponyms[1].lat is None


def test_geoparsing_read_gwn_pairs_lines_with_files(data_dir):
    [doc] = read_gwn(data_dir)
    assert [doc.text[t.start : t.end] for t in doc.toponyms] == ["Aleppo", "Homs"]


def test_geoparsing_rejects_unknown_dataset(data_dir):
    with pytest.raises(ConsilienceError):
        evaluate_geoparsing(data_dir, dataset="wiki")


@pytest.mark.slow
def test_geoparsing_evaluate_scores_lgl(data_dir):
    result = evaluate_geoparsing(data_dir, dataset="lgl")
    assert result["documents"] == 1
    # Hama is found and resolved within 161 km; Qwertyville has no gold point and is not scored.
    assert result["resolution"]["gold_with_coordinates"] == 1
    assert result["resolution"]["acc_at_161km"] == 1.0
    assert result["resolution"]["acc_at_161km_end_to_end"] == 1.0  # our recognizer finds Hama too
    assert result["recognition"]["gold"] == 2


@pytest.mark.slow
def test_geoparsing_evaluate_counts_far_resolutions_as_misses(data_dir):
    result = evaluate_geoparsing(data_dir, dataset="gwn")
    assert result["resolution"]["gold_with_coordinates"] == 2
    assert result["resolution"]["acc_at_161km"] == 0.5
    assert result["resolution"]["acc_at_161km_guessing_unknown"] == 0.5  # nothing unknown to guess
    assert result["recognition"]["exact"]["recall"] == 1.0
    # The fixture puts Homs' gold point in Paris: no "Homs" the gazetteer holds lies near it.
    assert (result["resolution"]["far_choosing_wrong_candidate"], result["resolution"]["far_lacking_the_place"]) == (0, 1)
    # Nothing the gazetteer reads "Homs" as lies near Paris: the ceiling is the score itself.
    assert result["resolution"]["acc_at_161km_gazetteer_ceiling"] == 0.5


@pytest.mark.slow
def test_geoparsing_ceiling_counts_a_wrong_choice_among_candidates(tmp_path):
    files = tmp_path / GUIDE / "Geocoding" / "files"
    files.mkdir(parents=True)
    (files / "0").write_text("Shelling hit Aleppo and Paris.", encoding="utf-8")
    # Paris, Texas as gold: the resolver takes Paris, France, but the gazetteer holds the Texan town.
    (tmp_path / GUIDE / "Geocoding" / "gwn_full.txt").write_text(
        "Aleppo,,Aleppo,,36.20124,,37.16117,,13,,19||Paris,,Paris,,33.66094,,-95.55551,,24,,29||\n", encoding="utf-8"
    )
    resolution = evaluate_geoparsing(tmp_path, dataset="gwn")["resolution"]
    assert resolution["acc_at_161km"] == 0.5
    assert resolution["far_choosing_wrong_candidate"] == 1
    assert resolution["acc_at_161km_gazetteer_ceiling"] == 1.0


def test_geoparsing_read_trnews_uses_the_lgl_layout(data_dir):
    corpora = data_dir / GUIDE / "Corpora"
    (corpora / "TR-News.xml").write_text(LGL_XML, encoding="utf-8")
    [doc] = read_trnews(data_dir)
    assert [doc.text[t.start : t.end] for t in doc.toponyms] == ["Hama", "Qwertyville"]


def test_geoparsing_read_geovirus_shifts_one_based_offsets(data_dir):
    text = "Cases rose in Homs and Hama."
    # Homs at 14..18 is written 15..19 (one past); Hama's offsets are already right and stay.
    xml = (
        "<articles><article><source>s</source><text>" + text + "</text><locations>"
        "<location><name>Homs</name><start>15</start><end>19</end><lat>34.7</lat><lon>36.7</lon><page>p</page></location>"
        "<location><name>Hama</name><start>23</start><end>27</end><lat>35.1</lat><lon>36.8</lon><page>p</page></location>"
        "</locations></article></articles>"
    )
    (data_dir / GUIDE / "Corpora" / "GeoVirus.xml").write_text(xml, encoding="utf-8")
    [doc] = read_geovirus(data_dir)
    assert [(t.start, doc.text[t.start : t.end]) for t in doc.toponyms] == [(14, "Homs"), (23, "Hama")]


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (15, 19, (15, 19)),  # already slices the phrase
        (17, 21, (15, 19)),  # drifted by two characters: the nearest occurrence
        (41, 45, (39, 43)),  # the nearer of two occurrences
    ],
)
def test_geoparsing_realign_span_finds_drifted_phrase(start, end, expected):
    text = "Rebels entered Hama on Thursday; later Hama fell."
    assert text[15:19] == "Hama" and text[39:43] == "Hama"
    assert realign_span(text, "Hama", start, end) == expected


def test_geoparsing_realign_span_keeps_span_whose_phrase_is_not_near():
    text = "Rebels entered Hama on Thursday." + " " * 200 + "Homs"
    assert realign_span(text, "Homs", 15, 19) == (15, 19)


@pytest.mark.slow
def test_geoparsing_evaluate_writes_resolution_errors(data_dir, tmp_path):
    import json

    out = tmp_path / "errors.jsonl"
    evaluate_geoparsing(data_dir, "gwn", errors_to=out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    far = [r for r in rows if r["kind"] == "far"]
    # Homs' gold point is Paris in the fixture: its miss is dumped with the chosen place and context.
    assert [r["text"] for r in far] == ["Homs"] and far[0]["km"] > 161 and "Homs" in far[0]["context"]


@pytest.mark.slow
def test_geoparsing_evaluate_counts_demonyms_where_the_gold_set_does(data_dir):
    # GeoWebNews tags demonyms: "Syrian" is a gold toponym (Syria's GeoNames point) here.
    text = "Syrian forces shelled Aleppo."
    (data_dir / GUIDE / "Geocoding" / "files" / "0").write_text(text, encoding="utf-8")
    (data_dir / GUIDE / "Geocoding" / "gwn_full.txt").write_text(
        "Syria,,Syrian,,35.0,,38.0,,0,,6||Aleppo,,Aleppo,,36.20124,,37.16117,,22,,28||\n", encoding="utf-8"
    )
    counted = evaluate_geoparsing(data_dir, dataset="gwn")
    assert counted["demonyms"] is True
    assert counted["recognition"]["exact"]["recall"] == 1.0
    assert counted["resolution"]["acc_at_161km"] == 1.0
    plain = evaluate_geoparsing(data_dir, dataset="gwn", demonyms=False)
    assert plain["recognition"]["exact"]["recall"] == 0.5
