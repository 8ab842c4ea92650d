#!/usr/bin/python3
"""A Python LibTorch engine: Debian's python3-torch (1.13), N Python threads sharing one TorchScript model.

  /usr/bin/python3 Experiments/engines/python/engine.py --model MODEL.pt --engine-threads N \
      --intra-op-threads K|default --metrics m.json [--tags tags.csv] AUDIO.wav...

Each engine thread (threading.Thread) pulls segments off one queue, computes their log-mel features with
torch ops (rfft, the filterbank's non-zero weights, log) and runs the model, under torch.inference_mode(). Torch releases
the GIL inside its ops, so threads overlap there and queue on the GIL for the Python between them; with
intra-op K each engine thread brings its own OpenMP pool of K. torch.set_num_threads is per calling thread
in practice on this build, so each engine thread calls it itself before its first forward (after a
torch.get_num_threads() that forces its lazy per-thread initialisation, which would otherwise overwrite it).
`--intra-op-threads default` leaves torch's own choice.

Exit codes (see ../common/engine_common.py): 0 ok, 4 audio refused, 5 model refused, 64 usage, 1 failure.
"""
import json
import os
import sys
import time

sys.dont_write_bytecode = True   # no __pycache__ in the checkout
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import engine_common as ec  # noqa: E402

PROG = "python-engine"


def main():
    args = ec.parse_args(PROG, __doc__.splitlines()[0])
    import torch   # after the arguments: a usage error costs no torch import

    inference = getattr(torch, "inference_mode", torch.no_grad)
    window = torch.from_numpy(ec.periodic_hann())
    mel_index, bin_index, weights, _ = ec.sparse_filterbank()
    mel_index, bin_index = torch.from_numpy(mel_index), torch.from_numpy(bin_index)
    weights = torch.from_numpy(weights).unsqueeze(1)

    def load_model(path):
        if not os.path.isfile(path):
            raise ec.Refusal(f"{path}: no such model file", ec.EXIT_MODEL)
        extra = {"arbench.json": ""}
        try:
            module = torch.jit.load(path, map_location="cpu", _extra_files=extra)
            module.eval()
        except Exception as e:   # noqa: BLE001
            raise ec.Refusal(f"{path}: not a loadable TorchScript model: {str(e).strip().splitlines()[0]}", ec.EXIT_MODEL)
        meta = {}
        if os.path.isfile(path + ".json"):
            sidecar = path + ".json"
            try:
                with open(sidecar) as f:
                    meta = json.load(f)
            except (OSError, ValueError) as e:
                raise ec.Refusal(f"{sidecar}: unreadable model metadata: {e}", ec.EXIT_MODEL)
        elif extra["arbench.json"]:
            try:
                meta = json.loads(extra["arbench.json"])
            except ValueError as e:
                raise ec.Refusal(f"{path}: unreadable embedded metadata: {e}", ec.EXIT_MODEL)
        # Dry forward, as arbench does: the input shape works and the class count fits the metadata.
        frames = max(int(meta.get("min_frames", 16)), 100)
        try:
            with inference():
                y = module(torch.full((1, 1, int(meta.get("mels", ec.MELS)), frames), -5.0))
        except Exception as e:   # noqa: BLE001
            raise ec.Refusal(f"{path}: dry forward on [1, 1, {meta.get('mels', ec.MELS)}, {frames}] failed: "
                             f"{str(e).strip().splitlines()[-1]}", ec.EXIT_MODEL)
        if not isinstance(y, torch.Tensor) or y.dim() != 2 or y.size(0) != 1:
            raise ec.Refusal(f"{path}: model output is not [1, classes]", ec.EXIT_MODEL)
        classes = meta.get("classes") or [f"class{i}" for i in range(y.size(1))]
        if len(classes) != y.size(1):
            raise ec.Refusal(f"{path}: model outputs {y.size(1)} classes but its metadata names {len(classes)}", ec.EXIT_MODEL)
        meta["classes"] = classes
        return module, meta

    def thread_setup(module, thread_index, intra):
        torch.get_num_threads()            # lazy per-thread init first, so it cannot undo the setting below
        if intra is not None:
            torch.set_num_threads(intra)
        return {"intra": torch.get_num_threads()}

    def process(module, state, samples, min_frames):
        t0 = time.perf_counter()
        with inference():
            x = torch.from_numpy(samples)
            if x.numel() < ec.WINDOW_LENGTH:
                x = torch.nn.functional.pad(x, (0, ec.WINDOW_LENGTH - x.numel()))
            frames = x.unfold(0, ec.WINDOW_LENGTH, ec.HOP_LENGTH) * window          # [frames, 400]
            spectrum = torch.fft.rfft(frames, n=ec.FFT_SIZE)                        # zero-padded at the end
            power = spectrum.real.square() + spectrum.imag.square()                 # [frames, 257]
            # The filterbank's non-zero weights only (see ec.sparse_filterbank): gather, weight, sum per band.
            mel = torch.zeros(ec.MELS, power.size(0)).index_add_(0, mel_index, power.t().index_select(0, bin_index) * weights)
            logmel = torch.log(torch.clamp(mel, min=ec.LOG_FLOOR))                       # [64, frames]
            idx = ec.tile_index(logmel.size(1), min_frames)
            if idx is not None:
                logmel = logmel[:, torch.from_numpy(idx)]
            x = logmel.reshape(1, 1, ec.MELS, -1).contiguous()
            t1 = time.perf_counter()
            y = module(x)[0].tolist()
        return y, t1 - t0, time.perf_counter() - t1

    def extra(module, states):
        intra = [s["intra"] for s in states if s]
        return {"intra_op_effective_min": min(intra), "intra_op_effective_max": max(intra)} if intra else {}

    return ec.run(PROG, args, load_model, thread_setup, process, extra)


if __name__ == "__main__":
    sys.exit(main())
