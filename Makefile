# Two commands set everything up on a fresh machine:
#   make run    create .venv, install, clean raw/ into clean/ through the Prefect flow
#   make test   create .venv, install, run the test suite (what CI runs)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-slow bench-text bench-html train clean-output

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# The system pip cannot resolve trafilatura's lxml[html-clean] extra.
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,train]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/boilerstrip run --raw raw --clean clean

test: $(STAMP)
	$(PY) -m pytest

test-slow: $(STAMP)
	$(PY) -m pytest -m slow

bench-text: $(STAMP)
	$(VENV)/bin/boilerstrip eval --input text --cv --repeat 5

bench-html: $(STAMP)
	$(VENV)/bin/boilerstrip eval --input html --cv --trafilatura --repeat 3

clean-output:
	rm -rf clean
