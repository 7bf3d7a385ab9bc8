"""Incremental corpus stage: adding 100 articles to a 100,000-article store.

    .venv/bin/python bench/incremental.py --shared ../shared [--store 100000] [--fresh 100] [--exact]

Builds the store as `corpus_scale.py` does (copies of 400 processed news-sample originals
under grow_corpus.py's ids, the corpus stage after every 500 as `storyline process` runs it),
then adds `--fresh` processed articles that are copies of nothing in the store (the news-sample
articles after the originals) as one batch and times the corpus stage on them, step by step.
Target: seconds, however large the store.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus_scale  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--store", type=int, default=100_000)
    parser.add_argument("--fresh", type=int, default=100)
    parser.add_argument("--originals", type=int, default=400)
    parser.add_argument("--skip", nargs="*", default=[], help="corpus steps to leave out (by name)")
    parser.add_argument("--exact", action="store_true")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "storyline-bench")
    parser.add_argument("--tmp", type=Path, default=None)
    args = parser.parse_args()
    ns = argparse.Namespace(**vars(args), sizes=[args.store], increments_at=[args.store], db=None)
    result = corpus_scale.run(ns)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "incremental.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
