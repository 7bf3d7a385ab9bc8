"""storyline's built-in readers, registered as a plugin of the `storyline_readers` hook.

| reader | suffixes                        | module  |
|--------|---------------------------------|---------|
| text   | .txt .md .text (and no suffix)  | `text`  |
| html   | .html .htm .xhtml               | `html`  |
| jsonl  | .jsonl .ndjson .json            | `jsonl` |
| csv    | .csv .tsv                       | `csv`   |
| feed   | .rss .atom .xml                 | `feed`  |
| warc   | .warc .warc.gz                  | `warc`  |

Any of them may be gzipped (`x.jsonl.gz`); `iter_documents` unwraps `.gz` unless a reader
claims the compound suffix itself (as `warc` does for `.warc.gz`). A plugin reader that
claims a suffix a built-in reader also claims takes it over.
"""

from __future__ import annotations

from storyline.ingest.csv import CsvReader
from storyline.ingest.feed import FeedReader
from storyline.ingest.html import HtmlReader
from storyline.ingest.jsonl import JsonlReader
from storyline.ingest.text import TextReader
from storyline.ingest.warc import WarcReader
from storyline.plugins import Reader, hookimpl


def builtin_readers() -> list[Reader]:
    return [TextReader(), HtmlReader(), JsonlReader(), CsvReader(), FeedReader(), WarcReader()]


@hookimpl
def storyline_readers() -> list[Reader]:
    return builtin_readers()
