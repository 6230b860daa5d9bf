"""The corpus-wide annotation check behind `python -m consilience.bench nlp-identity`."""

from __future__ import annotations

import spacy

from consilience.bench.__main__ import main
from consilience.bench.nlp_identity import compare_pipelines

TEXTS = ["Rebels entered Hama on Thursday.", "Nothing to see here.", "Reuters said Hama fell."]


def _with_ruler(label: str):
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": label, "pattern": "Hama"}])
    return nlp


def test_nlp_identity_counts_no_difference_between_equal_pipelines():
    result = compare_pipelines(_with_ruler("GPE"), _with_ruler("GPE"), TEXTS, batch_size=2)
    assert result["documents"] == 3 and result["tokens"] == 16
    assert result["documents_differing"] == 0 and result["differing_indices"] == []
    assert set(result["cpu_s"]) == {"reference", "candidate"}


def test_nlp_identity_names_the_documents_and_annotations_that_differ():
    result = compare_pipelines(_with_ruler("GPE"), _with_ruler("ORG"), TEXTS, batch_size=2)
    assert result["documents_differing"] == 2
    assert result["differing_indices"] == [0, 2]  # the text without "Hama" is the same on both sides
    assert result["tokens_differing"]["ent_type"] == 2
    assert result["tokens_differing"]["ent_iob"] == 0 and result["tokens_differing"]["head"] == 0


def test_nlp_identity_command_says_when_the_corpus_is_missing(tmp_path, capsys):
    assert main(["nlp-identity", "--corpus", str(tmp_path / "nowhere")]) == 2
    assert "neither demo, seeds, basil nor an existing path" in capsys.readouterr().err
