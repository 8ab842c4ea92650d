#!/usr/bin/python3
"""An ONNX Runtime engine: onnxruntime 1.31.1 (PyPI, set up by setup.sh), N Python threads, an ONNX export
of arbench's TorchScript model.

  /usr/bin/python3 Experiments/engines/onnx/engine.py --model MODEL.pt|MODEL.onnx --engine-threads N \
      --intra-op-threads K|default [--session shared|per-thread] [--spinning default|on|off] \
      --metrics m.json [--tags tags.csv] AUDIO.wav...

A .pt model is run from its ONNX export in ~/.cache/arbench/onnx-models/ (by the file's sha256; setup.sh
makes those of the shipped presets; any other is exported on first use in a child /usr/bin/python3 and the
time reported as extra.onnx_export_s). Features are computed with numpy (rfft, the filterbank's non-zero weights, log): no torch
in this process, so every thread in it is an engine thread or ONNX Runtime's.

--session shared: one InferenceSession (intra_op_num_threads K: ONE pool of K-1 workers plus the calling
  thread, shared by all engine threads, which call run() concurrently);
--session per-thread (default): each engine thread makes its own session with its own pool of K, the
  LibTorch engines' layout (N x K threads).
`--intra-op-threads default` leaves ORT's choice (0: one thread per physical core). --spinning sets
session.intra_op.allow_spinning (ORT's pool workers spin-wait by default; OMP_WAIT_POLICY's analogue).
inter_op_num_threads is 1 (sequential execution).

Exit codes (see ../common/engine_common.py): 0 ok, 4 audio refused, 5 model refused, 64 usage, 1 failure;
5 also when onnxruntime is not set up (run Experiments/engines/onnx/setup.sh).
"""
import hashlib
import json
import os
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True   # no __pycache__ in the checkout
sys.path.insert(0, os.path.join(HERE, "..", "common"))
import engine_common as ec  # noqa: E402
import numpy as np  # noqa: E402

PROG = "onnx-engine"
CACHE = os.environ.get("ARBENCH_CACHE", os.path.expanduser("~/.cache/arbench"))
ORT_DIR = os.path.join(CACHE, "onnxruntime-1.31.1")
EXIT_NOT_SET_UP = 5   # as arbench refuses a missing LibTorch runtime


def options(parser):
    parser.add_argument("--session", choices=["shared", "per-thread"], default="per-thread",
                        help="one InferenceSession for all engine threads, or one each (default)")
    parser.add_argument("--spinning", choices=["default", "on", "off"], default="default",
                        help="ORT intra-op workers spin-wait (session.intra_op.allow_spinning)")


def main():
    args = ec.parse_args(PROG, __doc__.splitlines()[0], options)
    sys.path.insert(0, ORT_DIR)
    try:
        import onnxruntime as ort
    except ImportError as e:
        ec.die(PROG, f"onnxruntime is not set up in {ORT_DIR} ({e}): run Experiments/engines/onnx/setup.sh", EXIT_NOT_SET_UP)
    ort.set_default_logger_severity(3)

    window = ec.periodic_hann()
    _, bin_index, weights, starts = ec.sparse_filterbank()
    weights = weights[:, None]
    export_seconds = [0.0]

    def onnx_path(path):
        if not os.path.isfile(path):
            raise ec.Refusal(f"{path}: no such model file", ec.EXIT_MODEL)
        if path.endswith(".onnx"):
            return path
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        out = os.path.join(CACHE, "onnx-models", digest + ".onnx")
        if not (os.path.isfile(out) and os.path.isfile(out + ".json")):
            t0 = time.perf_counter()
            done = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "export.py"), path, out],
                                  stderr=subprocess.PIPE, text=True)
            export_seconds[0] = time.perf_counter() - t0
            if done.returncode != 0:
                lines = done.stderr.strip().splitlines()
                raise ec.Refusal(lines[-1].removeprefix("onnx-export: error: ") if lines else f"{path}: export failed",
                                 ec.EXIT_MODEL)
            print(f"{PROG}: exported {path} to {out} in {export_seconds[0]:.1f} s (once)", file=sys.stderr)
        return out

    def session_options(intra):
        o = ort.SessionOptions()
        o.intra_op_num_threads = 0 if intra is None else intra
        o.inter_op_num_threads = 1
        o.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        if args.spinning != "default":
            o.add_session_config_entry("session.intra_op.allow_spinning", "1" if args.spinning == "on" else "0")
        return o

    def new_session(path, intra):
        return ort.InferenceSession(path, sess_options=session_options(intra), providers=["CPUExecutionProvider"])

    def load_model(path):
        model = onnx_path(path)
        meta = {}
        if os.path.isfile(model + ".json"):
            with open(model + ".json") as f:
                meta = json.load(f)
        try:
            session = new_session(model, args.intra_op_threads)
            frames = max(int(meta.get("min_frames", 16)), 100)
            y = session.run(None, {"logmel": np.full((1, 1, int(meta.get("mels", ec.MELS)), frames), -5.0, np.float32)})[0]
        except Exception as e:   # noqa: BLE001
            raise ec.Refusal(f"{path}: not a usable ONNX model: {str(e).strip().splitlines()[0]}", ec.EXIT_MODEL)
        if y.ndim != 2 or y.shape[0] != 1:
            raise ec.Refusal(f"{path}: model output is not [1, classes]", ec.EXIT_MODEL)
        classes = meta.get("classes") or [f"class{i}" for i in range(y.shape[1])]
        if len(classes) != y.shape[1]:
            raise ec.Refusal(f"{path}: model outputs {y.shape[1]} classes but its metadata names {len(classes)}", ec.EXIT_MODEL)
        meta["classes"] = classes
        # per-thread: this dry-run session is dropped; each engine thread makes its own.
        return {"path": model, "shared": session if args.session == "shared" else None}, meta

    session_seconds = []
    lock = threading.Lock()

    def thread_setup(model, thread_index, intra):
        if model["shared"] is not None:
            return model["shared"]
        t0 = time.perf_counter()
        s = new_session(model["path"], intra)
        with lock:
            session_seconds.append(time.perf_counter() - t0)
        return s

    def process(model, session, samples, min_frames):
        t0 = time.perf_counter()
        x = samples if len(samples) >= ec.WINDOW_LENGTH else np.pad(samples, (0, ec.WINDOW_LENGTH - len(samples)))
        frames = np.lib.stride_tricks.sliding_window_view(x, ec.WINDOW_LENGTH)[:: ec.HOP_LENGTH] * window
        spectrum = np.fft.rfft(frames, n=ec.FFT_SIZE)
        power = (spectrum.real ** 2 + spectrum.imag ** 2).astype(np.float32)
        mel = np.add.reduceat(np.ascontiguousarray(power.T)[bin_index] * weights, starts, axis=0)   # [64, frames]
        logmel = np.log(np.maximum(mel, ec.LOG_FLOOR))
        idx = ec.tile_index(logmel.shape[1], min_frames)
        if idx is not None:
            logmel = logmel[:, idx]
        x = np.ascontiguousarray(logmel, dtype=np.float32).reshape(1, 1, ec.MELS, -1)
        t1 = time.perf_counter()
        y = session.run(None, {"logmel": x})[0][0].tolist()
        return y, t1 - t0, time.perf_counter() - t1

    def extra(model, states):
        e = {"sessions": 1 if model["shared"] is not None else len(session_seconds),
             "session_shared": 1 if model["shared"] is not None else 0}
        if session_seconds:
            e["session_create_s"] = round(sum(session_seconds), 6)
        if export_seconds[0]:
            e["onnx_export_s"] = round(export_seconds[0], 6)
        return e

    return ec.run(PROG, args, load_model, thread_setup, process, extra)


if __name__ == "__main__":
    sys.exit(main())
