"""The int8 ONNX MiniLM: agreement with torch, output shape and order, cache reuse, fallback."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from consilience.stories import embed, onnx_minilm
from consilience.stories.onnx_minilm import OnnxMiniLMEmbedder

SENTENCES = [
    "The interior ministry said at least 14 people were killed in the blast.",
    "Police denied that officers fired on the crowd outside the stadium.",
    "Rescue teams are still searching the rubble of the collapsed school.",
    "The central bank raised its main interest rate by half a percentage point.",
    "Exports fell 7 percent in the third quarter compared with a year earlier.",
    "Residents said the river burst its banks shortly after midnight.",
    "Opposition lawmakers walked out of parliament before the vote.",
    "A spokesperson for the hospital confirmed that 3 patients were in critical condition.",
    "The company announced it would close two factories and cut 1,200 jobs.",
    "United Nations monitors reported 40 ceasefire violations overnight.",
    "Ministers will meet on Thursday to discuss the pipeline project.",
    "Firefighters contained the wildfire after it spread across 900 hectares.",
    "Vaccination rates in rural districts remain below 60%, the health agency warned.",
    "\"We have no information about the arrests,\" the governor told reporters.",
    "Le ministre a démenti toute implication dans l'attaque.",
    "Turnout was 63.4 percent, according to the electoral commission.",
    "Strike!",
    "Union leaders rejected the offer and said the walkout would continue until wages rose",
    "The suspect, a 34-year-old man from the capital, was arrested near the border on Monday.",
    # Longer than 256 word pieces: both models must truncate at the same place.
    " ".join(["Officials said the storm damaged roads, bridges and power lines across the region."] * 25),
]


def cosine_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


@pytest.fixture(scope="module")
def built_model(tmp_path_factory) -> Path:
    """One real export for the module, kept out of the user's cache."""
    return onnx_minilm.export_minilm_onnx(tmp_path_factory.mktemp("minilm-onnx"))


@pytest.fixture(scope="module")
def onnx_embedder(built_model) -> OnnxMiniLMEmbedder:
    return OnnxMiniLMEmbedder(built_model)


@pytest.fixture
def empty_cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CONSILIENCE_CACHE", str(tmp_path))
    embed.load_embedder.cache_clear()
    yield tmp_path
    embed.load_embedder.cache_clear()


def test_onnx_minilm_max_length_comes_from_sentence_bert_config():
    # tokenizer.json says 128; sentence-transformers uses sentence_bert_config.json's 256.
    assert onnx_minilm.read_max_length(onnx_minilm.model_folder()) == 256


def test_onnx_minilm_rejects_pooling_other_than_mean(tmp_path):
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(
        '{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}')
    with pytest.raises(ValueError, match="pooling_mode_cls_token"):
        onnx_minilm.check_mean_pooling(tmp_path)


def test_onnx_minilm_cache_dir_follows_env(empty_cache):
    assert onnx_minilm.cached_model_path().parent.parent == empty_cache
    assert onnx_minilm.cached_model_path().parent.name.startswith("minilm-onnx-")


def test_onnx_minilm_build_command_without_flag_prints_help(capsys):
    assert onnx_minilm.main([]) == 2
    assert "--build" in capsys.readouterr().out


def test_onnx_minilm_falls_back_to_torch_without_onnxruntime(empty_cache, monkeypatch):
    monkeypatch.setattr(onnx_minilm, "onnx_runtime_available", lambda: False)
    monkeypatch.setattr(embed, "MiniLMEmbedder", lambda: "torch embedder")
    assert embed.load_embedder("minilm") == "torch embedder"


def test_onnx_minilm_falls_back_to_torch_when_export_fails(empty_cache, monkeypatch, caplog):
    def fail(*args, **kwargs):
        raise RuntimeError("exporter broke")

    monkeypatch.setattr(onnx_minilm, "OnnxMiniLMEmbedder", fail)
    monkeypatch.setattr(embed, "MiniLMEmbedder", lambda: "torch embedder")
    assert embed.load_embedder("minilm") == "torch embedder"
    assert "exporter broke" in caplog.text


def test_onnx_minilm_unknown_embedder_name_raises():
    with pytest.raises(ValueError, match="minilm-torch"):
        embed.load_embedder("minilm-fast")


@pytest.mark.slow
def test_onnx_minilm_agrees_with_torch(onnx_embedder):
    reference = embed.load_embedder("minilm-torch").encode(SENTENCES)
    cosines = cosine_rows(onnx_embedder.encode(SENTENCES), reference)
    # Measured: mean 0.9926, min 0.9884 (int8 per-channel MatMul weights, dynamic activations).
    message = f"cosine to torch: mean {cosines.mean():.4f}, min {cosines.min():.4f}"
    assert cosines.mean() >= 0.99 and cosines.min() >= 0.98, message


@pytest.mark.slow
def test_onnx_minilm_output_is_normalised_float32(onnx_embedder):
    vectors = onnx_embedder.encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_onnx_minilm_empty_input(onnx_embedder):
    vectors = onnx_embedder.encode([])
    assert vectors.shape == (0, 384)
    assert vectors.dtype == np.float32


@pytest.mark.slow
def test_onnx_minilm_single_string_is_a_type_error(onnx_embedder):
    with pytest.raises(TypeError):
        onnx_embedder.encode("one sentence, not a list")


@pytest.mark.slow
def test_onnx_minilm_order_preserved_after_length_sorting(onnx_embedder, monkeypatch):
    # Small batches so the length sort really reorders texts across several batches.
    monkeypatch.setattr(onnx_minilm, "BATCH_SIZE", 3)
    together = onnx_embedder.encode(SENTENCES)
    alone = np.vstack([onnx_embedder.encode([s]) for s in SENTENCES])
    similarity = together @ alone.T
    # Dynamic int8 scales depend on the batch, so rows match closely rather than bit for bit.
    assert list(similarity.argmax(axis=1)) == list(range(len(SENTENCES)))
    assert np.diag(similarity).min() >= 0.98


@pytest.mark.slow
def test_onnx_minilm_second_load_reuses_cache(empty_cache, built_model, monkeypatch):
    calls = []

    def copy_export(target_dir=None):
        calls.append(target_dir)
        target = Path(target_dir) / onnx_minilm.MODEL_FILE
        Path(target_dir).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built_model, target)
        return target

    monkeypatch.setattr(onnx_minilm, "export_minilm_onnx", copy_export)
    first = OnnxMiniLMEmbedder()
    second = OnnxMiniLMEmbedder()
    assert len(calls) == 1
    assert onnx_minilm.cached_model_path().is_file()
    np.testing.assert_allclose(first.encode(SENTENCES[:3]), second.encode(SENTENCES[:3]))


@pytest.mark.slow
def test_onnx_minilm_load_embedder_prefers_cached_onnx(empty_cache, built_model, monkeypatch):
    onnx_minilm.cached_model_path().parent.mkdir(parents=True)
    shutil.copyfile(built_model, onnx_minilm.cached_model_path())

    def no_export(*args, **kwargs):
        raise AssertionError("a cached model must not be exported again")

    monkeypatch.setattr(onnx_minilm, "export_minilm_onnx", no_export)
    assert isinstance(embed.load_embedder("minilm"), OnnxMiniLMEmbedder)
    assert isinstance(embed.load_embedder("minilm-torch"), embed.MiniLMEmbedder)


@pytest.mark.slow
def test_onnx_minilm_rebuilds_damaged_cache(empty_cache, built_model, monkeypatch):
    onnx_minilm.cached_model_path().parent.mkdir(parents=True)
    onnx_minilm.cached_model_path().write_bytes(b"half a file")
    calls = []

    def copy_export(target_dir=None):
        calls.append(target_dir)
        target = Path(target_dir) / onnx_minilm.MODEL_FILE
        shutil.copyfile(built_model, target)
        return target

    monkeypatch.setattr(onnx_minilm, "export_minilm_onnx", copy_export)
    vectors = OnnxMiniLMEmbedder().encode(SENTENCES[:2])
    assert len(calls) == 1
    assert vectors.shape == (2, 384)


@pytest.mark.slow
def test_onnx_minilm_export_leaves_only_the_model(built_model):
    # The fp32 intermediate and the temporary folder are gone once the export returns.
    assert [p.name for p in built_model.parent.iterdir()] == [onnx_minilm.MODEL_FILE]
    assert built_model.name == onnx_minilm.MODEL_FILE


@pytest.mark.parametrize("lengths, most, expected", [
    ([], 64, []),
    ([7], 64, [[0]]),
    ([20, 10, 11, 21], 64, [[1, 2], [0, 3]]),  # 10, 11 | 20, 21: joining them would pad 10 and 11 to 20
    ([12, 12, 12, 12, 12], 2, [[0, 1], [2, 3], [4]]),  # equal lengths: only the size cap splits
    ([5, 100, 6], 64, [[0, 2], [1]]),  # a long claim gets a batch of its own
])
def test_onnx_minilm_plan_batches_groups_similar_lengths(lengths, most, expected):
    assert onnx_minilm.plan_batches(lengths, most=most, max_padding=0.1) == expected


def test_onnx_minilm_plan_batches_bounds_padding_and_covers_every_text():
    lengths = [(i * 37) % 90 + 3 for i in range(500)]
    batches = onnx_minilm.plan_batches(lengths, most=64, max_padding=0.1)
    assert sorted(i for b in batches for i in b) == list(range(500))
    for batch in batches:
        real = sum(lengths[i] for i in batch)
        assert len(batch) <= 64 and max(lengths[i] for i in batch) * len(batch) <= 1.1 * real


@pytest.mark.slow
def test_onnx_minilm_bounded_batches_match_one_padded_batch(onnx_embedder):
    planned = onnx_embedder.encode(SENTENCES[:-1])
    one_batch = onnx_embedder.encode_batch(SENTENCES[:-1])
    # Only the dynamic int8 scales differ between the two groupings.
    assert cosine_rows(planned, one_batch).min() >= 0.98
