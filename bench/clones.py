"""Large stores without running spaCy on every article: the corpus-stage benchmarks' helper.

Running the per-document stage on 100,000 or 160,000 articles takes hours on two cores, and it
is not what these benchmarks measure. So the per-document stage runs once on a set of distinct
news-sample articles (`processed`, cached in a file), and the store is filled with copies of
their results under the ids `../shared/tools/grow_corpus.py` gives (`<id>~<pass>`), written
through `Store.save_processed` exactly as `storyline process` writes them.

grow_corpus.py's copies are exact duplicates of the text. Stored as they are, every pass would
be a copy of every other: the near-duplicate step would align each article with its 20 closest
copies, the claims step link every claim to every copy, the events step join every copy into
one event — a corpus that is nothing but syndication, not the distinct articles a store of
100,000 normally holds (and ingest would keep exact copies as `duplicate` documents anyway). By
default (`scramble=True`) pass k >= 1 therefore has the letters of every text field (article
text, title, mention and timex text, names, quote and claim text, event parties and places)
substituted by a fixed per-pass permutation of the alphabet: lengths, offsets, digits, dates,
punctuation, types, values and codes stay as they are, so every corpus step sees an article of
the same shape and the same dates, but with words and names of its own. `scramble=False` keeps
exact copies, for the syndication-only worst case.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import random
import re
import string
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

# string fields holding words of the text (scrambled); everything else (ids, types, values,
# codes, dates, modes) is kept
TEXT_KEYS = frozenset({"text", "title", "canonical", "entity_text", "identifier_text", "about", "unit",
                       "event_text", "root", "cue", "org", "detail", "name", "dateline", "office", "outlet",
                       "speaker_text"})


def read_sample(shared: Path, start: int, n: int) -> list[dict[str, Any]]:
    """Records start..start+n of ../shared/corpus/news-sample.jsonl.gz."""
    with gzip.open(shared / "corpus" / "news-sample.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, start, start + n)]


def processed(shared: Path, start: int, n: int, cache: Path, workers: int = 2) -> dict[str, bytes]:
    """document id -> its ProcessedArticles (a JSON list, zlib-compressed, which `clone` reads:
    the harness's copy must not weigh in the peak memory a benchmark reports; 3,000 originals
    are 239 MB of JSON, 45 MB compressed), for news-sample records start..start+n (cached)."""
    from storyline.document_stage import Outcome

    path = cache / f"processed-{start}-{n}.jsonl.gz"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        outcomes: Iterable[Outcome] = _run_stage(read_sample(shared, start, n), workers)
        tmp = path.with_suffix(".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8") as out:
            for o in outcomes:
                out.write(json.dumps({"document": o.document,
                                      "articles": [a.model_dump(mode="json") for a in o.articles]}) + "\n")
        tmp.rename(path)
        print(f"processed {n} articles in {time.perf_counter() - began:.0f} s -> {path}", flush=True)
    out_map: dict[str, bytes] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out_map[row["document"]] = zlib.compress(json.dumps(row["articles"]).encode("utf-8"), 1)
    return out_map


def _run_stage(records: list[dict[str, Any]], workers: int) -> Iterator[Any]:
    """The per-document stage on the records, read as `storyline ingest` reads JSON lines."""
    import tempfile

    from storyline.annotate import load_nlp
    from storyline.document_stage import run_document_stage
    from storyline.ingest import iter_documents
    from storyline.model import Document
    from storyline.parallel import run_document_stage_parallel

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "sample.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        docs = [d for d in iter_documents([source]) if isinstance(d, Document)]
    if workers > 1:
        return run_document_stage_parallel(docs, workers=workers)
    return run_document_stage(docs, load_nlp())


@functools.lru_cache(maxsize=64)
def _alphabet(k: int) -> dict[int, str]:
    letters = list(string.ascii_lowercase)
    random.Random(k).shuffle(letters)
    table = dict(zip(string.ascii_lowercase, letters, strict=True))
    table.update({a.upper(): b.upper() for a, b in table.items()})
    return str.maketrans(table)


def _scramble(value: Any, table: Any, key: str = "") -> Any:
    """Every text field of `value` through `table` (a `str.translate` table, or a function)."""
    if isinstance(value, dict):
        return {k: _scramble(v, table, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_scramble(v, table, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return table(value) if callable(table) else value.translate(table)
    return value


_LETTERS = re.compile(r"[A-Za-z]+")
_vocabulary: dict[int, list[str]] = {}  # words of the originals by length (`use_vocabulary`)


def use_vocabulary(texts: Iterable[str]) -> None:
    """The words `_word_swap` draws from: those of these texts, four letters or more, lower case,
    minus the time lexicon's stopwords, months and weekdays (kept as they are)."""
    from storyline.extract.time.lexicon import lexicon

    lx = lexicon()
    keep = lx.stopwords | set(lx.months) | set(lx.weekdays)
    words = {w.lower() for t in texts for w in _LETTERS.findall(t) if len(w) >= 4} - keep
    _vocabulary.clear()
    for w in sorted(words):
        _vocabulary.setdefault(len(w), []).append(w)


@functools.lru_cache(maxsize=4)
def _word_map(k: int) -> dict[str, str]:
    """Pass k's permutation of the vocabulary, within each length (offsets stay right)."""
    rng = random.Random(k)
    out: dict[str, str] = {}
    for words in _vocabulary.values():
        shuffled = words[:]
        rng.shuffle(shuffled)
        out.update(zip(words, shuffled, strict=True))
    return out


def _word_swap(k: int) -> Any:
    """A function giving a text with each vocabulary word replaced by pass k's word of the same
    length, in the same case (other words letter-substituted, `_alphabet`)."""
    words, letters = _word_map(k), _alphabet(k)

    def swap(m: re.Match[str]) -> str:
        w = m.group(0)
        new = words.get(w.lower())
        if new is None:
            return w if len(w) < 4 else w.translate(letters)
        return new.upper() if w.isupper() and len(w) > 1 else new.capitalize() if w[0].isupper() else new

    return lambda text: _LETTERS.sub(swap, text)


def clone(original: bytes, doc_id: str, new_id: str, k: int, scramble: bool | str = True) -> list[Any]:
    """The ProcessedArticles of a document (compressed JSON, from `processed`) as if document
    `new_id` (pass k) had given them; pass 0 is the original itself."""
    from storyline.model import ProcessedArticle

    data = zlib.decompress(original).decode("utf-8")
    if k:
        records = json.loads(data)
        ids = sorted({r["id"] for a in records for r in (*a["quotes"], *a["claims"], *a["events"])})
        if ids:  # every record id, renamed in one pass over the text
            data = re.sub('"(' + "|".join(map(re.escape, ids)) + ')"', lambda m: f'"{m.group(1)}~{k}"', data)
        data = data.replace(f'"{doc_id}"', f'"{new_id}"').replace(f'"{doc_id}#', f'"{new_id}#')
    records = json.loads(data)
    if k and scramble:
        records = _scramble(records, _word_swap(k) if scramble == "words" else _alphabet(k))
    return [ProcessedArticle.model_validate(r) for r in records]


def document(record: dict[str, Any], n: int) -> Any:
    """A stored document row for a grown record (a unique content hash: it is not an exact copy)."""
    from storyline.model import Document

    return Document(id=record["id"], text=record["text"], content_hash=f"bench-{n}", title=record.get("title"),
                    published=record.get("published"), outlet=record.get("outlet"), format="jsonl")


def grown_ids(path: Path) -> Iterator[tuple[str, str, int]]:
    """(grown id, original id, pass) of every record of a grow_corpus.py output file."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            grown = json.loads(line)["id"]
            base, _, k = grown.partition("~")
            yield grown, base, int(k or 0)


def fill(store: Any, records: dict[str, dict[str, Any]], by_id: dict[str, bytes],
         grown: Iterable[tuple[str, str, int]], *, batch: int = 500, scramble: bool | str = True,
         after_batch: Any = None, skip: int = 0) -> int:
    """Store a clone of each grown record's results, `batch` documents per transaction; call
    `after_batch(ids)` after each (the corpus stage, when the benchmark times it per batch).
    `skip`: the first records that are stored already (a resumed run) are passed over."""
    rows: list[tuple[Any, list[Any]]] = []
    n = 0

    def flush() -> None:
        store.add_documents([d for d, _ in rows])
        store.save_processed([(d.id, arts) for d, arts in rows], [], "bench-clone")
        if after_batch is not None:
            after_batch([a.article.id for _, arts in rows for a in arts])
        rows.clear()

    for grown_id, base, k in grown:
        if base not in by_id:
            continue
        n += 1
        if n <= skip:
            continue
        record = {**records[base], "id": grown_id}
        rows.append((document(record, n), clone(by_id[base], base, grown_id, k, scramble)))
        if len(rows) >= batch:
            flush()
    if rows:
        flush()
    return n
