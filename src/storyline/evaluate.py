"""`make eval`: run storyline on the shared gold sets and print the scorers' own lines.

    python -m storyline.evaluate --shared ../shared [--only seeds plover timex quotes quotes-train]

`quotes-train` (PolNeAR train, 840 articles) takes about five minutes; `--only` runs a subset.

Each set is run in a fresh temporary store exactly as a user would (`run` then `export
--format jsonl --annotations`), and scored by the shared scorer in a subprocess, so the
numbers are the scorers', not ours. Held-back splits are not here: they are scored separately.
TempEval-3 train is also scored in two parts, each with the scorer's own line: `dev` (documents
whose id has an even SHA-1, the part development looks at) and `test` (odd SHA-1: only measured).

TIMEX normalisation is a per-document task, so the timex set runs every gold document through
the per-document stage, exact copies included: two TempEval-3 documents with the same text and
different publication dates (APW20000107.0088, APW20000115.0209) would be collapsed by ingest
into one `duplicate`, the second never processed. Such copies go to a store of their own
(`per_document`), each store exported and the exports joined.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from storyline.api import Storyline

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GoldSet:
    name: str
    inputs: str  # relative to shared/
    scorer: str  # relative to shared/tools/
    gold: str  # relative to shared/
    lines: int  # how many trailing scorer lines to print (0: all)
    default: bool = True  # run without --only; False: only when named (long runs)
    split: bool = False  # also score the dev and test parts (`split_of`) apart
    splitter: Callable[[str], str] | None = None  # another split than `split_of`
    per_document: bool = False  # exact copies (same text, other id) processed too: `copies_apart`


SETS = (
    GoldSet("seeds", "corpus/seeds", "score.py", "gold/seeds-dev.json", 0),
    GoldSet("plover", "eval/plover/dev.docs.jsonl", "score_plover.py", "eval/plover/dev.gold.jsonl", 1,
            split=True, splitter=lambda doc_id: plover_part(doc_id)),
    GoldSet("timex", "eval/timex/te3-train.docs.jsonl", "score_timex.py", "eval/timex/te3-train.gold.jsonl", 1,
            split=True, per_document=True),
    GoldSet("quotes", "eval/quotes/dev.docs.jsonl", "score_quotes.py", "eval/quotes/dev.gold.jsonl", 1),
    # PolNeAR train: 840 articles, 625k words, about five minutes (`--only quotes` skips it)
    GoldSet("quotes-train", "eval/quotes/train.docs.jsonl", "score_quotes.py", "eval/quotes/train.gold.jsonl", 1),
)


def evaluate(gold: GoldSet, shared: Path, workers: int) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "export.jsonl"
        start = time.perf_counter()
        inputs = copies_apart(shared / gold.inputs, Path(tmp)) if gold.per_document else [shared / gold.inputs]
        with export.open("w", encoding="utf-8") as joined:
            for n, source in enumerate(inputs):
                part = Path(tmp) / f"export{n}.jsonl"
                with Storyline(Path(tmp) / f"eval{n}.db", progress=False) as sl:
                    sl.run([source], workers=workers)
                    sl.export(part, annotations=True)
                joined.write(part.read_text(encoding="utf-8"))
        seconds = time.perf_counter() - start
        scorer = [sys.executable, str(shared / "tools" / gold.scorer), str(export), str(shared / gold.gold)]
        out = subprocess.run(scorer, capture_output=True, text=True)
        parts = score_parts(gold, shared, export, Path(tmp)) if gold.split else []
    lines = (out.stdout + out.stderr).strip().splitlines()
    shown = lines[-gold.lines:] if gold.lines else lines
    return [f"[{gold.name}, {seconds:.0f}s]"] + ["  " + line for line in shown] + parts


def copies_apart(docs: Path, tmp: Path) -> list[Path]:
    """The JSON-lines `docs` as files none of which holds two documents of the same content: the
    n-th document with a given text goes to file n. Each file runs in its own store, so ingest's
    exact-copy collapse (right for a corpus: one story, one processing) never keeps a gold
    document from the per-document stage."""
    from storyline.ingest.base import content_hash

    seen: dict[str, int] = {}
    parts: list[list[str]] = []
    with docs.open(encoding="utf-8") as src:
        for line in src:
            if not line.strip():
                continue
            key = content_hash(str(json.loads(line).get("text") or ""))
            n = seen[key] = seen.get(key, -1) + 1
            parts += [[] for _ in range(n + 1 - len(parts))]
            parts[n].append(line if line.endswith("\n") else line + "\n")
    out = []
    for n, lines in enumerate(parts):
        out.append(tmp / f"{docs.name.split('.')[0]}.part{n}.jsonl")
        out[-1].write_text("".join(lines), encoding="utf-8")
    return out


def plover_part(doc_id: str) -> str:
    """PLOVER dev's own split, older than `split_of`: `dev` when the second hex digit of the id's
    SHA-1 is below 8 (52 sentences the event rules were developed on), else `test` (43, only
    ever measured since)."""
    return "dev" if int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[1], 16) < 8 else "test"


def split_of(doc_id: str) -> str:
    """`dev` (the SHA-1 of the id is even: development looks at these) or `test` (odd: only measured)."""
    return "dev" if int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def score_parts(gold: GoldSet, shared: Path, export: Path, tmp: Path, label: str = "") -> list[str]:
    """The scorer's last line for the dev and the test part of a gold set, each scored alone."""
    out: list[str] = []
    for part in ("dev", "test"):
        n = 0
        for kind, source in (("gold", gold.gold), ("docs", gold.inputs)):
            with (shared / source).open(encoding="utf-8") as src, \
                    (tmp / f"{part}.{kind}.jsonl").open("w", encoding="utf-8") as dst:
                for line in src:
                    if line.strip() and (gold.splitter or split_of)(str(json.loads(line).get("id"))) == part:
                        dst.write(line)
                        n += kind == "gold"
        scorer = [sys.executable, str(shared / "tools" / gold.scorer), str(export), str(tmp / f"{part}.gold.jsonl")]
        done = subprocess.run(scorer, capture_output=True, text=True)
        last = (done.stdout + done.stderr).strip().splitlines()[-1:]
        out += [f"[{gold.name}{label} ({part}): {n} documents]"] + ["  " + line for line in last]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--only", nargs="*", choices=[g.name for g in SETS])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    for gold in SETS:
        if (args.only and gold.name not in args.only) or (not args.only and not gold.default):
            continue
        print("\n".join(evaluate(gold, args.shared.resolve(), args.workers)), flush=True)
        if gold.name == "timex":
            print("\n".join(evaluate_baseline(gold, args.shared.resolve())), flush=True)
    return 0


def evaluate_baseline(gold: GoldSet, shared: Path) -> list[str]:
    """dateparser's `search_dates` on the same documents, scored by the same scorer (a floor)."""
    from storyline.extract.time.baseline import write_baseline

    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "baseline.jsonl"
        start = time.perf_counter()
        write_baseline(shared / gold.inputs, export)
        seconds = time.perf_counter() - start
        scorer = [sys.executable, str(shared / "tools" / gold.scorer), str(export), str(shared / gold.gold)]
        out = subprocess.run(scorer, capture_output=True, text=True)
        parts = score_parts(gold, shared, export, Path(tmp), " baseline") if gold.split else []
    lines = (out.stdout + out.stderr).strip().splitlines()
    return [f"[{gold.name} baseline: dateparser search_dates, {seconds:.0f}s]"] + ["  " + line for line in lines[-1:]] \
        + parts


if __name__ == "__main__":
    sys.exit(main())
