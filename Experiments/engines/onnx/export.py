#!/usr/bin/python3
"""Exports an arbench TorchScript model (a built-in preset or yours) to ONNX, with Debian's torch 1.13
(torch.onnx.export, opset 13, no `onnx` package needed), and writes its metadata (arbench.json from the
archive) beside it as OUT.json. Both files are written to a temporary name and renamed into place.

  /usr/bin/python3 Experiments/engines/onnx/export.py MODEL.pt OUT.onnx

Exit codes: 0 ok, 5 the model could not be loaded or exported, 64 usage.
"""
import json
import os
import sys
import warnings


def main(argv):
    if len(argv) != 3:
        print("usage: export.py MODEL.pt OUT.onnx", file=sys.stderr)
        return 64
    src, out = argv[1], argv[2]
    import torch
    extra = {"arbench.json": ""}
    try:
        module = torch.jit.load(src, map_location="cpu", _extra_files=extra)
        module.eval()
        meta = json.loads(extra["arbench.json"]) if extra["arbench.json"] else {}
        mels, frames = int(meta.get("mels", 64)), max(int(meta.get("min_frames", 16)), 100)
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # "no signature found for ScriptMethod": expected for a ScriptModule
            torch.onnx.export(module, (torch.full((1, 1, mels, frames), -5.0),), out + ".tmp",
                              input_names=["logmel"], output_names=["scores"],
                              dynamic_axes={"logmel": {0: "batch", 3: "frames"}, "scores": {0: "batch"}},
                              opset_version=13)
    except Exception as e:   # noqa: BLE001
        print(f"onnx-export: error: {src}: cannot export to ONNX: {str(e).strip().splitlines()[-1]}", file=sys.stderr)
        return 5
    with open(out + ".json.tmp", "w") as f:
        json.dump(meta, f)
    os.replace(out + ".json.tmp", out + ".json")
    os.replace(out + ".tmp", out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
