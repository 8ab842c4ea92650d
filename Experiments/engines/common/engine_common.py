"""What the Python example engines (python/, onnx/) share: the command line, WAV reading, arbench's
segmenter, the mel filterbank, the tagger, the output digest and the metrics file. Only the model
(load, per-thread set-up, features + forward) differs per engine.

The work per segment is arbench's (Sources/Pipeline): the same segments (energy VAD on a 20 ms grid,
-45 dBFS, 0.15 s minimum gap, 50 ms padding, 0.3..4 s pieces), the same log-mel shape (periodic Hann of
400 samples zero-padded to a 512-point FFT, hop 160, 64 HTK mel bands 50..8000 Hz without area
normalisation, ln(max(mel, 1e-6)), [1, 1, 64, frames], tiled up to the model's min_frames) and the same
model forward; the tags follow arbench's Tagger (argmax, below 0.5 "unknown", same labels merged over
gaps up to 0.5 s). The output digest is arbench's own (FNV-1a 64 over the tag spans in ms and labels,
per file, combined), so an engine that tags like arbench reports arbench's digest.

Exit codes: 0 ok; 4 an audio file refused (missing, not a WAV, not 16 kHz mono); 5 the model refused
(missing, not loadable, wrong shapes); 64 usage; 1 anything else (a failed forward).
"""
import argparse
import json
import math
import os
import queue
import struct
import sys
import threading
import time

# numpy's BLAS (OpenBLAS on Debian) would start its own thread pool for the filterbank product; the engine's
# threads are the engine threads and the model runtime's pools, nothing else.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

EXIT_INPUT, EXIT_MODEL, EXIT_USAGE, EXIT_FAILURE = 4, 5, 64, 1
SCHEMA = "arbench.engine-metrics/1"

# arbench's SegmenterConfig and LogMelConfig defaults (Sources/Pipeline).
SAMPLE_RATE = 16_000
FRAME_LENGTH = 320            # 0.02 s
THRESHOLD_DB = -45.0
MIN_GAP_FRAMES = 8            # ceil(0.15 s / 0.02 s)
PADDING = 800                 # 0.05 s
MIN_LENGTH = 4_800            # 0.3 s
MAX_LENGTH = 64_000           # 4 s
WINDOW_LENGTH = 400           # 0.025 s
HOP_LENGTH = 160              # 0.010 s
FFT_SIZE = 512
MELS = 64
F_MIN, F_MAX = 50.0, 8_000.0
LOG_FLOOR = 1e-6
UNKNOWN_THRESHOLD = 0.5
MERGE_GAP_SECONDS = 0.5


class Refusal(Exception):
    """A refused input: message and exit code."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


def _refuse(program, refusal):
    print(f"{program}: error: {refusal}", file=sys.stderr, flush=True)
    return refusal.code


def die(program, message, code):
    print(f"{program}: error: {message}", file=sys.stderr)
    sys.exit(code)


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        die(self.prog, message, EXIT_USAGE)


def parse_args(prog, description, add_options=None, argv=None):
    parser = _Parser(prog=prog, description=description)
    parser.add_argument("--model", required=True, help="model file")
    parser.add_argument("--engine-threads", type=int, required=True, help="engine threads (>= 1)")
    parser.add_argument("--intra-op-threads", required=True,
                        help="intra-op threads per engine thread (>= 1), or 'default' (the library's own choice)")
    parser.add_argument("--metrics", help="where to write the metrics JSON (atomically)")
    parser.add_argument("--tags", help="where to write the tags CSV")
    if add_options:
        add_options(parser)
    parser.add_argument("audio", nargs="+", help="16 kHz mono WAV files")
    args = parser.parse_args(argv)
    if args.engine_threads < 1:
        parser.error("--engine-threads must be at least 1")
    if args.intra_op_threads == "default":
        args.intra_op_threads = None
    else:
        try:
            args.intra_op_threads = int(args.intra_op_threads)
        except ValueError:
            parser.error(f"--intra-op-threads: {args.intra_op_threads!r} is neither a number nor 'default'")
        if args.intra_op_threads < 1:
            parser.error("--intra-op-threads must be at least 1 or 'default'")
    return args


# ---------------------------------------------------------------- WAV

def _wav_layout(path):
    """(format tag, bits, data offset, data bytes) of a 16 kHz mono RIFF/WAVE file; Refusal otherwise."""
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        raise Refusal(f"{path}: no such audio file", EXIT_INPUT)
    except OSError as e:
        raise Refusal(f"{path}: cannot open: {e.strerror}", EXIT_INPUT)
    with f:
        head = f.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            raise Refusal(f"{path}: not a WAV file (no RIFF/WAVE header)", EXIT_INPUT)
        fmt = None
        while True:
            chunk = f.read(8)
            if len(chunk) < 8:
                raise Refusal(f"{path}: not a usable WAV file (no data chunk)", EXIT_INPUT)
            cid, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if cid == b"fmt ":
                body = f.read(size + (size & 1))
                if len(body) < 16:
                    raise Refusal(f"{path}: not a usable WAV file (short fmt chunk)", EXIT_INPUT)
                tag, channels, rate = struct.unpack("<HHI", body[:8])
                bits = struct.unpack("<H", body[14:16])[0]
                if tag == 0xFFFE and len(body) >= 26:   # WAVE_FORMAT_EXTENSIBLE: the sub-format's first two bytes
                    tag = struct.unpack("<H", body[24:26])[0]
                fmt = (tag, channels, rate, bits)
            elif cid == b"data":
                if fmt is None:
                    raise Refusal(f"{path}: not a usable WAV file (data before fmt)", EXIT_INPUT)
                tag, channels, rate, bits = fmt
                if channels != 1 or rate != SAMPLE_RATE:
                    raise Refusal(f"{path}: {rate} Hz, {channels} channel(s); this engine takes 16000 Hz mono", EXIT_INPUT)
                if (tag, bits) not in ((1, 16), (1, 24), (1, 32), (3, 32)):
                    raise Refusal(f"{path}: WAV sample format {tag}/{bits} bits; this engine takes PCM 16/24/32 or float 32",
                                  EXIT_INPUT)
                return tag, bits, f.tell(), size
            else:
                f.seek(size + (size & 1), 1)


def check_wav(path):
    _wav_layout(path)


CHUNK_FRAMES = 65_536   # arbench's AudioReader.readChunk


def read_wav_chunks(path, frames=CHUNK_FRAMES):
    """Samples as float32 in [-1, 1) (PCM scaled by 2^(bits-1), as libsndfile does), a chunk at a time:
    memory stays bounded however long the file, as in arbench."""
    tag, bits, offset, size = _wav_layout(path)
    width = bits // 8
    with open(path, "rb") as f:
        f.seek(offset)
        left = size - size % width
        while left > 0:
            raw = f.read(min(left, frames * width))
            if not raw:
                break
            left -= len(raw)
            raw = raw[: len(raw) - len(raw) % width]
            yield _decode(raw, tag, bits)


def _decode(raw, tag, bits):
    if tag == 3:
        return np.frombuffer(raw, dtype="<f4").astype(np.float32)
    if bits == 16:
        return (np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0).astype(np.float32)
    if bits == 32:
        return (np.frombuffer(raw, dtype="<i4").astype(np.float64) / 2147483648.0).astype(np.float32)
    b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
    v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
    v = np.where(v >= 1 << 23, v - (1 << 24), v)
    return (v.astype(np.float64) / 8388608.0).astype(np.float32)


# ---------------------------------------------------------------- segmentation (arbench's Segmenter)

class Segmenter:
    """arbench's Segmenter (Sources/Pipeline/Segmentation/Segmenter.swift), ported: fed chunk by chunk, it
    hands out finished segments as (index, start sample, samples) and keeps only about one max-length
    segment plus a chunk of audio. Decisions depend only on the 20 ms frame grid, never on the chunking."""

    def __init__(self):
        self.buffer = np.zeros(0, dtype=np.float32)
        self.buffer_start = 0
        self.received = 0
        self.next_frame = 0
        self.open = None          # [cursor, voiced_end, silent_frames]
        self.closed = []          # [cursor, voiced_end, silent_frames, end]
        self.last_region_end = 0
        self.next_index = 0
        self.threshold = 10.0 ** (THRESHOLD_DB / 10.0)

    def push(self, chunk):
        self.buffer = np.concatenate((self.buffer, chunk))
        self.received += len(chunk)
        full = self.received // FRAME_LENGTH
        if full > self.next_frame:
            a = self.next_frame * FRAME_LENGTH - self.buffer_start
            b = full * FRAME_LENGTH - self.buffer_start
            frames = self.buffer[a:b].astype(np.float64).reshape(-1, FRAME_LENGTH)
            for i, e in enumerate((frames * frames).sum(axis=1) / FRAME_LENGTH):
                start = (self.next_frame + i) * FRAME_LENGTH
                self._classify(start, start + FRAME_LENGTH, e >= self.threshold)
            self.next_frame = full
        out = []
        self._emit_ready(out)
        self._trim()
        return out

    def finish(self):
        last = self.next_frame * FRAME_LENGTH
        if self.received > last:   # the final partial frame counts too
            x = self.buffer[last - self.buffer_start:].astype(np.float64)
            self._classify(last, self.received, float((x * x).sum()) / (self.received - last) >= self.threshold)
            self.next_frame += 1
        if self.open is not None:
            self.closed.append(self.open + [self.open[1] + PADDING])
            self.open = None
        for region in self.closed:
            region[3] = min(region[3], self.received)
        out = []
        self._emit_ready(out)
        return out

    def _classify(self, start, end, active):
        if active:
            if self.open is None:
                self.open = [max(0, start - PADDING, self.last_region_end), end, 0]
            else:
                self.open[1] = end
                self.open[2] = 0
        elif self.open is not None:
            self.open[2] += 1
            if self.open[2] >= MIN_GAP_FRAMES:
                end = self.open[1] + PADDING
                self.last_region_end = end
                self.closed.append(self.open + [end])
                self.open = None

    def _emit_ready(self, out):
        while self.closed:
            region = self.closed[0]
            while region[0] < region[3]:
                piece_end = min(region[0] + MAX_LENGTH, region[3])
                if piece_end > self.received:
                    return
                if piece_end - region[0] >= MIN_LENGTH:
                    out.append(self._make(region[0], piece_end))
                region[0] = piece_end
            self.closed.pop(0)
        if self.open is not None:   # a full piece below voiced_end + padding is already final
            certain = min(self.open[1] + PADDING, self.received)
            while self.open[0] + MAX_LENGTH <= certain:
                out.append(self._make(self.open[0], self.open[0] + MAX_LENGTH))
                self.open[0] += MAX_LENGTH

    def _make(self, start, end):
        self.next_index += 1
        return (self.next_index - 1, start, self.buffer[start - self.buffer_start:end - self.buffer_start].copy())

    def _trim(self):
        next_frame_start = self.next_frame * FRAME_LENGTH
        pending = self.closed[0] if self.closed else self.open
        needed = pending[0] if pending is not None else max(0, self.last_region_end, next_frame_start - PADDING)
        keep = min(next_frame_start, needed)
        dead = keep - self.buffer_start
        if dead > 0 and dead * 2 >= len(self.buffer):
            self.buffer = self.buffer[dead:].copy()
            self.buffer_start = keep


# ---------------------------------------------------------------- features

def frame_count(n):
    return 1 if n < WINDOW_LENGTH else 1 + (n - WINDOW_LENGTH) // HOP_LENGTH


def periodic_hann():
    i = np.arange(WINDOW_LENGTH, dtype=np.float64)
    return (0.5 - 0.5 * np.cos(2 * np.pi * i / WINDOW_LENGTH)).astype(np.float32)


def mel_filterbank(mels=MELS):
    """[mels, fft/2+1] float32: HTK mel triangles without area normalisation (arbench's MelFilterbank)."""
    bins = FFT_SIZE // 2 + 1
    nyquist = SAMPLE_RATE / 2
    freqs = nyquist * np.arange(bins, dtype=np.float64) / (bins - 1)

    def hz_to_mel(hz):
        return 2595.0 * np.log10(1.0 + hz / 700.0)

    def mel_to_hz(mel):
        return 700.0 * (10.0 ** (mel / 2595.0) - 1.0)

    low, high = hz_to_mel(F_MIN), hz_to_mel(F_MAX)
    edges = mel_to_hz(low + (high - low) * np.arange(mels + 2, dtype=np.float64) / (mels + 1))
    w = np.zeros((mels, bins), dtype=np.float64)
    for m in range(mels):
        lower, centre, upper = edges[m], edges[m + 1], edges[m + 2]
        rising = (freqs - lower) / (centre - lower)
        falling = (upper - freqs) / (upper - centre)
        w[m] = np.maximum(0.0, np.minimum(rising, falling))
    return w.astype(np.float32)


def sparse_filterbank(mels=MELS):
    """The filterbank's non-zero weights, by mel band: (mel index, bin index, weight), mel-major, and where
    each band's run starts. Summing weight * power over these, as arbench does (MelFilterbank.nonZeroBins),
    is a few hundred multiplies per frame; a dense [frames, 257] x [257, 64] product goes through Debian's
    reference BLAS (libblas3), which made it 2-3 ms a segment, more than the model's forward."""
    w = mel_filterbank(mels)
    mel_index, bin_index = np.nonzero(w)
    starts = np.flatnonzero(np.r_[True, mel_index[1:] != mel_index[:-1]])
    return mel_index, bin_index, w[mel_index, bin_index], starts


def tile_index(frames, min_frames):
    """Frame indices that tile a short input up to min_frames (arbench's LogMel.tiled), or None."""
    return None if frames >= min_frames else np.arange(min_frames) % frames


# ---------------------------------------------------------------- tags and digest (arbench's Tagger, OutputDigest)

def label_of(scores, classes):
    best = max(range(len(scores)), key=lambda i: (scores[i], -i)) if len(scores) else None
    if best is None:
        return "unknown", 0.0
    score = scores[best]
    if score < UNKNOWN_THRESHOLD or best >= len(classes):
        return "unknown", score
    return classes[best], score


def tags_of(results, classes):
    """results: [(segment index, start s, end s, scores)] of one file -> [(start s, end s, label, mean score, n)]."""
    tags, cur = [], None
    for index, start, end, scores in sorted(results, key=lambda r: (r[1], r[0])):
        label, score = label_of(scores, classes)
        if cur is not None and cur[2] == label and start - cur[1] <= MERGE_GAP_SECONDS:
            cur[1] = max(cur[1], end)
            cur[3] += score
            cur[4] += 1
            continue
        if cur is not None:
            tags.append((cur[0], cur[1], cur[2], cur[3] / cur[4], cur[4]))
        cur = [start, end, label, score, 1]
    if cur is not None:
        tags.append((cur[0], cur[1], cur[2], cur[3] / cur[4], cur[4]))
    return tags


def fnv1a(text):
    h = 0xCBF29CE484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def _ms(seconds):
    v = seconds * 1000.0   # Swift's rounded(): half away from zero
    return int(math.copysign(math.floor(abs(v) + 0.5), v))


def output_digest(tags_per_file):
    """arbench's OutputDigest: spans (ms) and labels, not scores (those differ in the last bits with threads)."""
    per_file = [fnv1a("".join(f"{_ms(s)},{_ms(e)},{label}\n" for s, e, label, _, _ in tags)) for tags in tags_per_file]
    return fnv1a(";".join(per_file))


def write_tags(path, files, tags_per_file):
    several = len(files) > 1
    lines = [("file," if several else "") + "start_s,end_s,tag,score"]
    for f, tags in zip(files, tags_per_file):
        for s, e, label, score, _ in tags:
            lines.append((f"{f}," if several else "") + f"{s:.3f},{e:.3f},{label},{score:.4f}")
    write_atomically(path, "\n".join(lines) + "\n")


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def percentile(sorted_values, p):
    """Nearest rank."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


# ---------------------------------------------------------------- the engine

def run(prog, args, load_model, thread_setup, process, extra=None):
    """The engine: load the model, start the engine threads, feed them every file's segments, tag, report.

    load_model(path) -> (model, metadata dict); may raise Refusal.
    thread_setup(model, thread_index, intra) -> state, on the engine thread before its first forward.
    process(model, state, samples float32 1-D, min_frames) -> (scores (list of floats), features s, forward s),
        on the engine thread.
    extra(model, states) -> {name: number} for the metrics' "extra" object.
    """
    try:
        for path in args.audio:
            check_wav(path)      # refuse bad input before anything heavy
        load_start = time.perf_counter()
        model, meta = load_model(args.model)
        model_load_seconds = time.perf_counter() - load_start
    except Refusal as r:
        die(prog, str(r), r.code)
    classes = meta.get("classes") or []
    min_frames = int(meta.get("min_frames", 16))
    if int(meta.get("sample_rate", SAMPLE_RATE)) != SAMPLE_RATE or int(meta.get("mels", MELS)) != MELS:
        die(prog, f"{args.model}: model wants {meta.get('mels')} mels at {meta.get('sample_rate')} Hz; "
                  f"this engine computes {MELS} at {SAMPLE_RATE}", EXIT_MODEL)

    work = queue.Queue(maxsize=max(16, 4 * args.engine_threads))   # arbench's queue capacity
    results, failures, states = [], [], [None] * args.engine_threads
    lock = threading.Lock()
    worker_cpu = [0.0] * args.engine_threads
    worker_wall = [0.0] * args.engine_threads
    stage_seconds = [[0.0, 0.0] for _ in range(args.engine_threads)]   # features, forward
    ready = threading.Barrier(args.engine_threads + 1)

    def worker(t):
        ok = True
        try:
            state = thread_setup(model, t, args.intra_op_threads)
        except Exception as e:   # noqa: BLE001
            with lock:
                failures.append(f"engine thread {t} set-up: {e}")
            state, ok = None, False
        states[t] = state
        ready.wait()
        local = []
        wall0, cpu0 = time.perf_counter(), time.thread_time()
        while True:
            item = work.get()
            if item is None:
                break
            file_index, index, start, end, samples, queued = item
            if not ok:
                continue
            try:
                scores, features_s, forward_s = process(model, state, samples, min_frames)
                stage_seconds[t][0] += features_s
                stage_seconds[t][1] += forward_s
            except Exception as e:   # noqa: BLE001
                with lock:
                    failures.append(f"{args.audio[file_index]} segment {index}: forward failed: {e}")
                scores = None
            done = time.perf_counter()
            if scores is not None:
                local.append((file_index, index, start / SAMPLE_RATE, end / SAMPLE_RATE, scores, (done - queued) * 1e3))
        worker_cpu[t] = time.thread_time() - cpu0
        worker_wall[t] = time.perf_counter() - wall0
        with lock:
            results.extend(local)

    threads = [threading.Thread(target=worker, args=(t,), name=f"engine-{t}") for t in range(args.engine_threads)]
    for th in threads:
        th.start()
    ready.wait()     # every thread set up: the clock starts at the first audio read

    start = time.perf_counter()
    audio_seconds, items, read_segment_seconds = 0.0, 0, 0.0
    for file_index, path in enumerate(args.audio):
        segmenter = Segmenter()
        t0 = time.perf_counter()
        try:
            for chunk in read_wav_chunks(path):
                audio_seconds += len(chunk) / SAMPLE_RATE
                segments = segmenter.push(chunk)
                read_segment_seconds += time.perf_counter() - t0
                for index, s, samples in segments:   # blocks while the queue is full, as arbench's feeder
                    work.put((file_index, index, s, s + len(samples), samples, time.perf_counter()))
                items += len(segments)
                t0 = time.perf_counter()
        except Refusal as r:
            os._exit(_refuse(prog, r))
        segments = segmenter.finish()
        read_segment_seconds += time.perf_counter() - t0
        for index, s, samples in segments:
            work.put((file_index, index, s, s + len(samples), samples, time.perf_counter()))
        items += len(segments)
    for _ in threads:
        work.put(None)
    for th in threads:
        th.join()
    if failures:
        die(prog, failures[0] + (f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""), EXIT_FAILURE)
    per_file = [[] for _ in args.audio]
    for file_index, index, s, e, scores, _ in results:
        per_file[file_index].append((index, s, e, scores))
    tags_per_file = [tags_of(r, classes) for r in per_file]
    processing_seconds = time.perf_counter() - start

    latencies = sorted(r[5] for r in results)
    metrics = {
        "schema": SCHEMA,
        "items": items,
        "audio_seconds": round(audio_seconds, 6),
        "processing_seconds": round(processing_seconds, 6),
        "model_load_seconds": round(model_load_seconds, 6),
        "output_digest": output_digest(tags_per_file),
        "extra": {
            "read_segment_s": round(read_segment_seconds, 6),
            "tags": sum(len(t) for t in tags_per_file),
            "features_s": round(sum(f for f, _ in stage_seconds), 6),      # summed over engine threads
            "inference_s": round(sum(i for _, i in stage_seconds), 6),
            # Engine threads' time not on their own CPU while draining the queue: waiting for the GIL, for
            # the queue, for their intra-op pool's workers, or preempted. With intra-op 1 and a full queue,
            # mostly the GIL and the scheduler.
            "worker_wall_s": round(sum(worker_wall), 6),
            "worker_cpu_s": round(sum(worker_cpu), 6),
            "worker_off_cpu_s": round(sum(worker_wall) - sum(worker_cpu), 6),
        },
    }
    if latencies:
        metrics["latency_ms"] = {p: round(percentile(latencies, v), 4) for p, v in (("p50", 50), ("p95", 95), ("p99", 99))}
    if extra:
        metrics["extra"].update(extra(model, states))
    if args.tags:
        write_tags(args.tags, args.audio, tags_per_file)
    if args.metrics:
        write_atomically(args.metrics, json.dumps(metrics, indent=1) + "\n")
    print(f"{prog}: {len(args.audio)} file(s), {audio_seconds:.1f} s of audio, {items} segments, "
          f"{metrics['extra']['tags']} tags in {processing_seconds:.3f} s (model load {model_load_seconds:.3f} s), "
          f"engine threads {args.engine_threads}, intra-op {args.intra_op_threads or 'default'}, "
          f"digest {metrics['output_digest']}", file=sys.stderr)
    return 0
