"""The sentence encoder's working memory by batch size (issue #9: the corpus stage's peak).

    .venv/bin/python bench/encoder_batch.py [--sentences 3000] [--max-words 120] [--sizes 32 16 8]

Each batch size runs in a fresh process: invented sentences of 5 to `--max-words` words (many
reach the encoder's 128-token cut), embedded as `similar.embed` embeds the ones it misses (in
order of length, `--size` at a time, each row copied), the resident set sampled after every
batch once the model is loaded and the heap trimmed. Prints one JSON line per size (the
resident set's growth in MB, CPU seconds) and whether every size gave the same vectors as the
first, bit for bit.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

VOCABULARY = ("the council said talks would resume in the capital after officials met envoys from several "
              "countries on monday to discuss aid sanctions and the economy while observers noted progress")
WORDS = VOCABULARY.split()


def sentences(n: int, max_words: int) -> list[str]:
    rng = random.Random(7)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, max_words))) + f" {i}" for i in range(n)]


def one_size(size: int, n: int, max_words: int, out: Path) -> dict[str, float]:
    """Embed the sentences `size` at a time in this process; save the vectors to `out`."""
    import numpy as np
    import psutil

    from storyline.extract.time import similar

    texts = sorted(sentences(n, max_words), key=lambda t: (len(t), t))
    similar._encode(["warm up"])
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    process = psutil.Process()
    base = high = process.memory_info().rss / 2**20
    began = time.process_time()
    vectors: list[Any] = []
    for i in range(0, len(texts), size):
        vectors.extend(row.copy() for row in similar._encode(texts[i:i + size]))
        high = max(high, process.memory_info().rss / 2**20)
    np.save(out, np.stack(vectors))
    return {"size": size, "growth_mb": round(high - base, 1), "cpu_s": round(time.process_time() - began, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--max-words", type=int, default=120)
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 16, 8])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: this size only
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.sentences, args.max_words, args.out)), flush=True)
        return
    import numpy as np

    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / f"{size}.npy" for size in args.sizes]
        for size, path in zip(args.sizes, paths, strict=True):
            command = [sys.executable, __file__, "--one", str(size), "--out", str(path),
                       "--sentences", str(args.sentences), "--max-words", str(args.max_words)]
            print(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout.strip())
        first = np.load(paths[0])
        same = all(np.array_equal(first, np.load(p)) for p in paths[1:])
    print(json.dumps({"same_vectors": same}))


if __name__ == "__main__":
    main()
