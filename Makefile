# Two commands do everything (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEEDS  := $(firstword $(wildcard ../shared/corpus/seeds) examples)
DEMO_DB ?= demo.db

.PHONY: setup demo test bench clean serve models

$(BIN)/warta: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

setup: $(BIN)/warta

# Ingest the seed articles (or examples/ when ../shared is absent) into $(DEMO_DB).
demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/warta ingest $(SEEDS) --db $(DEMO_DB)
	$(BIN)/warta timeline --db $(DEMO_DB) --dyad RUS PRK --limit 8
	@echo
	@echo "Explore it in a browser:  make serve   then open  http://127.0.0.1:8000/"
	@echo "Or in the terminal:       $(BIN)/warta dyad RUS PRK --db $(DEMO_DB);  $(BIN)/warta flows --db $(DEMO_DB)"

test: setup
	bash scripts/setup-browser.sh
	$(BIN)/pytest

# Serve the demo store at http://127.0.0.1:8000
serve: demo
	$(BIN)/warta serve --db $(DEMO_DB)

# Throughput per stage, spaCy baseline, 1 vs 2 workers, peak memory (several minutes).
bench: setup
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache test-artifacts $(DEMO_DB)*

# Retrain every model under src/warta/models/ from ../shared/corpus and corpus/ (2 cores; on
# the corpus of wave 10 the steps took about 44 min: the shipped NER fold 15, the sentence
# encoder 15, names 6, the coder 5; 26 min on session 15's faster machine, whose spaCy
# baseline in bench/ ran twice as fast); PyTorch (CPU) only here; make models
# CORRECTIONS=corrections.jsonl also trains the coder on an analyst's corrections (warta
# export corrections).
models: setup
	$(BIN)/pip install --quiet -e '.[train]'
	$(BIN)/python scripts/train_models.py all --jobs 2 $(addprefix --extra ,$(CORRECTIONS))
