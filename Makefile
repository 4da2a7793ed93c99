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
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		KG_SCREENSHOTS=output $(BIN)/python -m pytest -q -p no:cacheprovider tests/serve/test_app.py >/dev/null && \
		echo "wrote output/workbench-*.png (screenshots of each kg serve page)"; \
	else echo "workbench screenshots skipped: Chromium is not installed (make screenshots installs it as root)"; fi

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
