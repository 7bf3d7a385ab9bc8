"""`storyline serve`: a read-only REST API (and web UI) over a store.

- `queries.py`: the read-only query layer (lists with filters and pagination, details, timeline,
  graph, search), used by the JSON API and the HTML pages alike;
- `search.py`: the full-text index (SQLite FTS5, PostgreSQL tsvector + GIN);
- `index.py`: the event-party index the actor filters read, kept up by a corpus step;
- `errors.py`: one JSON error shape for every error;
- `app.py`: the FastAPI app factory `create_app`.

Importing this package imports neither FastAPI nor uvicorn; `app.py` does.
"""
