"""`storyline watch FOLDER`: ingest and process new and changed files as they appear.

The folder is polled every `interval` seconds (polling, not file-system events: it works the
same on every platform and on network and container-mounted folders, where inotify-style events
are often missing, and a poll of even 100,000 files is a fraction of a second of `stat` calls).
A file is read once its size and modification time have stayed the same across two polls, so
a file still being written (copied, downloaded, appended to) is never read half-way. A file
that changes later (a feed that gains entries, a JSON-lines file appended to) is read again
once it is stable: ingest is idempotent, so its unchanged documents are `unchanged`, changed
ones `updated` and re-processed, new ones `new`. A changed `manifest.jsonl` re-reads the files
beside it. Each poll's files are ingested together and processed in batches (`commit_every`),
the corpus stage after each, exactly as `storyline run`.

Nothing is kept outside the store: after a restart every file is read once more and every
document already stored is skipped by its content hash (no processing). Deleted files are left
alone: their documents stay in the store.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.api import Report, Storyline
from storyline.ingest.manifest import MANIFEST_NAME
from storyline.ingest.walk import iter_files
from storyline.model import IngestProblem

log = logging.getLogger(__name__)

Signature = tuple[int, int]  # (size, mtime in ns)
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", ".swp", "~")


@dataclass
class Watcher:
    """Polls one folder; `poll()` ingests and processes what has become stable since last time."""

    sl: Storyline
    folder: Path
    workers: int = 1
    dask: str | None = None
    commit_every: int = 50
    seen: dict[Path, Signature] = field(default_factory=dict)  # signatures at the last poll
    done: dict[Path, Signature] = field(default_factory=dict)  # signatures last ingested

    def scan(self) -> dict[Path, Signature]:
        """Size and mtime of every candidate file under the folder (manifests included)."""
        out: dict[Path, Signature] = {}
        for found in iter_files(self.folder):
            if isinstance(found, IngestProblem):
                continue
            self._stat(found[1], out)
        for manifest in self.folder.rglob(MANIFEST_NAME):
            if not any(part.startswith(".") for part in manifest.relative_to(self.folder).parts):
                self._stat(manifest, out)
        return out

    @staticmethod
    def _stat(path: Path, out: dict[Path, Signature]) -> None:
        if path.name.endswith(PARTIAL_SUFFIXES):
            return
        try:
            st = path.stat()
        except OSError:  # gone between the listing and the stat
            return
        out[path] = (st.st_size, st.st_mtime_ns)

    def ready(self, now: dict[Path, Signature]) -> list[Path]:
        """Files unchanged since the last poll and not yet ingested in this state."""
        stable = {p for p, sig in now.items() if self.seen.get(p) == sig and self.done.get(p) != sig}
        for manifest in [p for p in stable if p.name == MANIFEST_NAME]:
            stable.discard(manifest)
            self.done[manifest] = now[manifest]
            # its folder's files get new metadata: read them again (those stable now)
            stable.update(p for p in now if p.parent == manifest.parent and p.name != MANIFEST_NAME
                          and self.seen.get(p) == now[p])
        return sorted(stable)

    def poll(self) -> Report:
        """One poll: ingest and process the files that became stable; returns the counts."""
        now = self.scan()
        paths = self.ready(now)
        self.seen = now
        if not paths:
            return Report()
        log.info("watch: %d file(s) to read", len(paths))
        ingested = self.sl.ingest(paths)
        for path in paths:
            self.done[path] = now[path]
        report = Report(counts=Counter(ingested.counts), problems=ingested.problems)
        if ingested.counts["new"] or ingested.counts["updated"]:
            processed = self.sl.process(workers=self.workers, dask=self.dask, commit_every=self.commit_every)
            report.counts.update(processed.counts)
        return report


def watch(
    watcher: Watcher,
    *,
    interval: float = 2.0,
    once: bool = False,
    max_polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[Report]:
    """Poll until stopped (Ctrl-C), yielding each poll's report when it read anything.

    `once`: read what is in the folder now (two polls `interval` apart, so that files being
    written are left out) and stop. `max_polls` stops after that many polls (for tests).
    """
    polls = 0
    pending_first = True
    try:
        while max_polls is None or polls < max_polls:
            report = watcher.poll()
            polls += 1
            if report.counts or report.problems:
                yield report
            if once and not pending_first:
                return
            pending_first = False
            sleep(interval)
    except KeyboardInterrupt:
        log.info("watch: stopped after %d poll(s)", polls)
