"""Store tables, declared once with SQLAlchemy Core; the same schema serves SQLite and PostgreSQL.

Complex, rarely-queried parts of a record (flags, removals, roles, party lists) are JSON
columns; what the corpus stage, filters and joins use is a real, indexed column.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Text, primary_key=True),
    Column("source", Text, nullable=False, default=""),
    Column("line", Integer),
    Column("format", String(32), nullable=False),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", Text),
    Column("language", String(16)),
    Column("extra", JSON, nullable=False, default=dict),
    Column("raw_text", Text, nullable=False),
    # pending -> processed | failed; duplicate: same content as `duplicate_of`, not processed
    Column("status", String(16), nullable=False, index=True),
    Column("duplicate_of", Text),
    Column("error", Text),
    Column("ingested_at", String(32), nullable=False),
    Column("processed_at", String(32)),
    Column("pipeline_version", Text),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("document_id", Text, ForeignKey("documents.id"), nullable=False, index=True),
    Column("title", Text),
    Column("outlet", Text, index=True),
    Column("url", Text),
    Column("language", String(16)),
    Column("published_raw", Text),
    # by date: `ix_articles_published_id (published_start, id)` (serve/index.py)
    Column("published_start", String(10)),
    Column("published_end", String(10)),
    Column("published_precision", String(8), nullable=False, default="unknown"),
    Column("published_inferred", JSON),
    Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("flags", JSON, nullable=False, default=list),
    Column("removed", JSON, nullable=False, default=list),
    # weekdays written beside a date that is not theirs (`Article.weekday_mismatches`); schema 13
    Column("weekday_mismatches", JSON),
    Column("sentences", JSON, nullable=False, default=list),
    Column("noun_chunks", JSON, nullable=False, default=list),
    Column("words", Integer, nullable=False, default=0),
    # set by the corpus stage once it has taken this article into account
    Column("resolved", Integer, nullable=False, default=0, index=True),
)

# An article's dates and flags without reading its (long) row, on SQLite: there a row is one record,
# the page's text before its flags, so reading the flags of a page read the text's overflow pages
# too, a random read each once the store outgrows the memory that caches it. The index holds what
# the corpus stage reads of many stored pages at a time (`date_conflict`'s settled pages, the
# flags source confidence and events weigh sources by: `store.articles_by_id`) and serves it alone
# (schema 16). PostgreSQL keeps long values out of the row (TOAST) and has no B-tree order for
# JSON: there the index holds the date alone, for lists of an entity's articles, quotes, claims.
ARTICLE_DATING_COLUMNS = ("id", "published_start", "published_precision", "published_inferred", "flags")
ARTICLE_DATING_INDEX = {
    "sqlite": f"CREATE INDEX IF NOT EXISTS ix_articles_id_dating ON articles ({', '.join(ARTICLE_DATING_COLUMNS)})",
    "postgresql": "CREATE INDEX IF NOT EXISTS ix_articles_id_published ON articles (id, published_start)",
}


mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # by article: `ix_mentions_article_entity`; by entity: `ix_mentions_entity_article`
    # (serve/index.py); a one-column index of either would be a prefix of these (schema 15)
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("sentence", Integer),
    Column("entity_id", String(64)),
    # schema 2 (actors): the article's own fuller name for it, and a title it gives the person
    Column("canonical", Text),
    Column("role", JSON),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("key", Text, nullable=False),  # by key: `ix_entities_key_type`
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("aliases", JSON, nullable=False, default=list),
    Column("alias_counts", JSON, nullable=False, default=dict),
    Column("type_counts", JSON, nullable=False, default=dict),
    Column("country", String(3)),
    Column("roles", JSON, nullable=False, default=list),
    Column("wikidata", String(32)),
    Column("mentions", Integer, nullable=False, default=0),
    Column("sector", String(16)),  # schema 2 (actors)
)

timexes = Table(
    "timexes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", Text),
    # the value resolved against the stated publication date, when the `date_conflict` step
    # re-resolved the expression against the inferred one (`extract/time/redate.py`); else null
    Column("stated_value", Text),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False, index=True),
    Column("speaker_entity", String(64)),  # by speaker: `ix_quotes_speaker_article` (serve/index.py)
    Column("record", JSON, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False, index=True),
    Column("record", JSON, nullable=False),
    # "unit|counted word" (resolve.claims.quantity_key), set by the claim_links corpus step
    Column("quantity", String(255), index=True),
)

# Claims of different articles about the same quantity (written by resolve.claims): `same` when
# the values agree, `conflict` when they differ. One row per direction; `article_id` is the
# article of `claim_id`, so re-processing an article drops its links with its claims.
claim_links = Table(
    "claim_links",
    metadata,
    Column("claim_id", String(64), primary_key=True),
    Column("other_id", String(64), primary_key=True),
    Column("article_id", String(255), nullable=False, index=True),
    Column("relation", String(16), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    # by type: `ix_events_type_date (event, date_start, id)`; by date: `ix_events_date_id`,
    # `ix_events_window` (serve/index.py, resolve/events.py)
    Column("event", String(16), nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("confidence", Float, nullable=False, default=0.0),
    Column("record", JSON, nullable=False),
)

# Events as the per-document stage found them (article-local ids); the `events` corpus step
# joins them into the real-world events of `events` / `event_articles`.
article_events = Table(
    "article_events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False, index=True),
    Column("record", JSON, nullable=False),
)

event_articles = Table(
    "event_articles",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
)

problems = Table(
    "problems",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, index=True),
    Column("source", Text, nullable=False),
    Column("line", Integer),
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(32), nullable=False),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("stats", JSON, nullable=False, default=dict),
)

# ----- actors (schema 2): which entity every name key belongs to, how it got there, and the
# user's pinned decisions, which every later resolution respects.

entity_keys = Table(
    "entity_keys",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("entity_id", String(64), nullable=False, index=True),
    Column("type", String(32), nullable=False),
)

entity_blocks = Table(
    "entity_blocks",
    metadata,
    Column("block", String(255), primary_key=True),
    Column("key", String(255), primary_key=True),
)

entity_merges = Table(
    "entity_merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(64), nullable=False, index=True),
    Column("key", String(255), nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("method", String(32), nullable=False),
    Column("evidence", JSON, nullable=False, default=list),
    Column("created_at", String(32), nullable=False),
)

entity_decisions = Table(
    "entity_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(8), nullable=False),  # merge | split
    Column("entity_id", String(64), nullable=False, index=True),
    Column("other", String(255), nullable=False),  # merged entity id, or split-off name key
    Column("created_at", String(32), nullable=False),
)

# titles seen in text: who was observed holding which office (title key, org entity id) when
entity_roles = Table(
    "entity_roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(64), nullable=False, index=True),
    Column("title", String(255), nullable=False),
    Column("org", String(255)),
    Column("day", String(10), nullable=False),
)

Index("ix_entity_roles_office", entity_roles.c.title, entity_roles.c.org, entity_roles.c.day)

Index("ix_mentions_article_entity", mentions.c.article_id, mentions.c.entity_id)
Index("ix_entities_key_type", entities.c.key, entities.c.type)

minhashes = Table(
    "minhashes",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

lsh_buckets = Table(
    "lsh_buckets",
    metadata,
    Column("band", Integer, nullable=False),
    Column("bucket", BigInteger, nullable=False),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False, index=True),
)

Index("ix_lsh_bucket_band", lsh_buckets.c.bucket, lsh_buckets.c.band)

# date_conflict (schema 7): every article's dated references as the corpus step reads them
# (`extract/time/refindex.py`), so a new batch reads only the references it can conflict with.
# kind: `ref` (a month or day), `rel` (a period counted from the page's date), `known` (a period
# with its year written); words: the sentence's content-word stems, space-separated.
time_refs = Table(
    "time_refs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False, index=True),
    Column("kind", String(8), nullable=False),
    Column("value", String(32), nullable=False),
    Column("month", String(2)),
    Column("firm", Integer, nullable=False, default=0),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("words", Text, nullable=False),
    # the value against the stated publication date, when the page's dates were resolved again
    # against its inferred one (`extract/time/redate.py`): `value` is then the new one; else null
    Column("stated_value", String(32)),
    # the sentence the step compares (`corpus.sentence_without`: around the expression, without
    # it), cut when the reference is indexed, so a witness's page is not read again (schema 14);
    # null for a row stored before, until the step fills it (`refindex.fill_older_sentences`)
    Column("sentence", Text),
)

Index("ix_time_refs_month", time_refs.c.kind, time_refs.c.month, time_refs.c.firm)
Index("ix_time_refs_value", time_refs.c.kind, time_refs.c.value)

# the words of `known` references: candidates for a relative reference come from its rarest words
time_ref_words = Table(
    "time_ref_words",
    metadata,
    Column("word", String(64), nullable=False),
    Column("ref_id", Integer, nullable=False),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False, index=True),
)

Index("ix_time_ref_words_word", time_ref_words.c.word, time_ref_words.c.ref_id)

# Tables in the order they are deleted from when a document is re-processed.
DERIVED_PER_ARTICLE = (mentions, timexes, quotes, claim_links, claims, event_articles, article_events,
                       minhashes, lsh_buckets, time_ref_words, time_refs)
