"""Full-text search over articles: SQLite FTS5, PostgreSQL tsvector + GIN.

The index is created by a store migration (`install`) and kept up to date by the database
itself, so every way an article is saved, re-processed or deleted updates it:

- SQLite: an FTS5 table `articles_fts(id, title, text)` (Porter stemming, accents folded) whose
  rows share the `rowid` of their article, filled by triggers on `articles` (insert, delete,
  update of title or text). A result is joined back to `articles` on rowid *and* id, so a row
  left behind after a `VACUUM` renumbered rowids never shows a wrong article.
- PostgreSQL: a generated column `articles.search_vector` (title weighted A, the first
  `PG_TEXT_LIMIT` characters of the text weighted B, English configuration) with a GIN index.

User queries are never passed through as query syntax: `parse_query` reads words, `"quoted
phrases"`, `OR` and `-excluded` terms and `fts5_query` writes them as a well-formed FTS5
expression (PostgreSQL reads the same syntax with `websearch_to_tsquery`). A query without a
single word is an error (E802), never a database syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import Connection

PG_TEXT_LIMIT = 200_000  # a tsvector holds at most 1 MB; positions stop at 16,383 anyway
HIGHLIGHT_START = "\ue000"  # private-use marks around matched words in snippets
HIGHLIGHT_END = "\ue001"

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
    "id UNINDEXED, title, text, tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, id, title, text) VALUES (new.rowid, new.id, new.title, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN "
    "DELETE FROM articles_fts WHERE rowid = old.rowid; END",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "DELETE FROM articles_fts WHERE rowid = old.rowid; "
    "INSERT INTO articles_fts(rowid, id, title, text) VALUES (new.rowid, new.id, new.title, new.text); END",
)

_PG_DDL = (
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    f"setweight(to_tsvector('english'::regconfig, left(text, {PG_TEXT_LIMIT})), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING GIN (search_vector)",
)


def install(conn: Connection) -> None:
    """Create the full-text index of the store's dialect and fill it with the stored articles."""
    if conn.dialect.name == "sqlite":
        for ddl in _SQLITE_DDL:
            conn.exec_driver_sql(ddl)
        rebuild_sqlite(conn)
    elif conn.dialect.name == "postgresql":
        for ddl in _PG_DDL:
            conn.exec_driver_sql(ddl)


def rebuild_sqlite(conn: Connection) -> None:
    """Refill the SQLite index from `articles` (after a bulk load or a VACUUM)."""
    conn.exec_driver_sql("DELETE FROM articles_fts")
    conn.exec_driver_sql("INSERT INTO articles_fts(rowid, id, title, text) SELECT rowid, id, title, text FROM articles")


# --------------------------------------------------------------------------- user queries

_TERM = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class ParsedQuery:
    """A user query read as alternatives (split at `OR`) of required terms, minus excluded ones.
    Each term is a tuple of words (one word, or a phrase)."""

    alternatives: list[list[tuple[str, ...]]] = field(default_factory=list)
    excluded: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(self.alternatives)


def parse_query(text: str) -> ParsedQuery:
    """`taliban "doha talks" OR kabul -embassy` → [[taliban], [doha talks]] OR [[kabul]], minus [embassy]."""
    parsed = ParsedQuery(alternatives=[[]])
    for match in _TERM.finditer(text):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            parsed.alternatives.append([])
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        words = tuple(_WORD.findall(phrase if phrase is not None else bare or ""))
        if not words:
            continue
        (parsed.excluded if negated else parsed.alternatives[-1]).append(words)
    parsed.alternatives = [a for a in parsed.alternatives if a]
    return parsed


def _fts5_term(words: tuple[str, ...]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def fts5_query(parsed: ParsedQuery) -> str:
    """The FTS5 MATCH expression of a parsed query (every word quoted: no user syntax reaches FTS5)."""
    groups = ["(" + " AND ".join(_fts5_term(t) for t in alt) + ")" for alt in parsed.alternatives]
    expression = " OR ".join(groups)
    if parsed.excluded:
        expression = f"({expression}) NOT (" + " OR ".join(_fts5_term(t) for t in parsed.excluded) + ")"
    return expression


def websearch_query(parsed: ParsedQuery) -> str:
    """The same query in `websearch_to_tsquery` syntax (PostgreSQL)."""
    def term(words: tuple[str, ...]) -> str:
        return '"' + " ".join(words) + '"' if len(words) > 1 else words[0]

    text = " OR ".join(" ".join(term(t) for t in alt) for alt in parsed.alternatives)
    return text + "".join(" -" + term(t) for t in parsed.excluded)


def split_highlights(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet with highlight marks → plain text and (start, end) spans of the matched words."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length, start = 0, None
    for part in re.split(f"([{HIGHLIGHT_START}{HIGHLIGHT_END}])", marked):
        if part == HIGHLIGHT_START:
            start = length
        elif part == HIGHLIGHT_END:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            out.append(part)
            length += len(part)
    return "".join(out), spans


# --------------------------------------------------------------------------- snippets

_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s")
_WORD_SPAN = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def _stem(word: str) -> str:
    """A crude English stem for finding a query word in text (`talks` → `talk`, `meeting` →
    `meet`): the index stems with Porter; this only has to find the same words in most cases,
    and a snippet it cannot place is left to the database."""
    lowered = word.lower()
    for suffix in _SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 3:
            return lowered[: -len(suffix)]
    return lowered


def quick_snippet(text: str, parsed: ParsedQuery, words: int = 32) -> str | None:
    """A snippet of about `words` words around the first place where most of the query's words occur in
    `text`, the matched words between HIGHLIGHT_START/END marks (as the database's snippet
    functions mark them), "…" where it cuts the text; None when no query word is found in the
    text (the match was in the title, or the stems differ), so the caller asks the database.
    One regular expression over the text: the databases' snippet functions tokenize every
    word of the article, which for a page of long articles costs most of a search."""
    stems = sorted({_stem(w) for alt in parsed.alternatives for term in alt for w in term if w}, key=len,
                   reverse=True)
    if not stems or not text:
        return None
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)
    found = [m for _, m in zip(range(200), pattern.finditer(text), strict=False)]
    if not found:
        return None

    def variety(m: re.Match[str]) -> int:  # distinct query words in the next 250 characters
        near = {next((s for s in stems if x.group().lower().startswith(s)), "") for x in found
                if m.start() <= x.start() < m.start() + 250}
        return len(near)

    first = max(found, key=lambda m: (variety(m), -m.start()))
    lead = max(0, first.start() - 200)
    before = list(_WORD_SPAN.finditer(text, lead, first.start()))
    if before and before[0].start() == lead and lead > 0 and text[lead - 1].isalnum():
        before = before[1:]  # the window began inside a word
    before = before[-(words // 4):]
    start = before[0].start() if before else first.start()
    after = _WORD_SPAN.finditer(text, first.start())
    end = first.end()
    for count, word in enumerate(after, start=len(before) + 1):
        end = word.end()
        if count >= words:
            break
    out, pos = [], start
    for hit in pattern.finditer(text, start, end):
        out += [text[pos:hit.start()], HIGHLIGHT_START, hit.group(), HIGHLIGHT_END]
        pos = hit.end()
    out.append(text[pos:end])
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else "")
