# Two commands a newcomer needs: `make demo` and `make test`. Each creates .venv/ if absent.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test model screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg demo -o output

test: $(STAMP)
	bash tests/install-services.sh
	$(BIN)/python -m pytest -q

# Screenshots of each workbench page (output/workbench-*.png), taken by the browser tests on the seed and dev corpora.
screenshots: $(STAMP)
	bash tests/install-services.sh
	KG_SCREENSHOTS=output $(BIN)/python -m pytest -q tests/serve/test_app.py

# Retrain the Persian tagger, parser and lemmatizer from ../shared/treebanks (about 30 minutes on 2 cores).
model: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m kg.nlp.train --treebanks ../shared/treebanks/fa --corpus ../shared/corpus/bulk/fars-news.jsonl

clean:
	rm -rf $(VENV) build *.egg-info
