# Everything a fresh clone needs: `make run` opens the cockpit on a demo launch, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO ?= demo.golive
export QT_QPA_PLATFORM ?= offscreen
# The gettext catalogs: cockpit.pot and <lang>/LC_MESSAGES/cockpit.po are in git, the compiled .mo is not.
LOCALE := resources/locale
COMPILED_CATALOGS := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/cockpit.po))
# Babel as a module, from the repository root: it reads [tool.babel.*] in pyproject.toml there, and imports
# the extraction method tools/gettext_calls.py from there.
BABEL := $(BIN)/python -m babel.messages.frontend

.PHONY: run test lint typecheck unit bench demo clean catalogs package package-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

# A clean clone's `make run` / `make test` compiles the catalogs it has; a changed .po is compiled again.
$(LOCALE)/%/LC_MESSAGES/cockpit.mo: $(LOCALE)/%/LC_MESSAGES/cockpit.po | $(VENV)/.installed
	$(BABEL) compile --locale $*

# After changing strings in the code: extract them into cockpit.pot, merge that into every language's .po
# (new strings empty, changed ones marked fuzzy), and compile. Then translate the .po and run it again.
catalogs: $(VENV)/.installed
	$(BABEL) extract
	$(BABEL) update
	$(BABEL) compile

run: $(VENV)/.installed $(COMPILED_CATALOGS)
	test -e $(DEMO) || $(BIN)/cockpit demo $(DEMO)
	env -u QT_QPA_PLATFORM $(BIN)/cockpit open $(DEMO)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(MAKE) --no-print-directory typecheck

# mypy over the whole package, configured in pyproject.toml ([tool.mypy]).
typecheck: $(VENV)/.installed
	$(BIN)/mypy

unit: $(VENV)/.installed $(COMPILED_CATALOGS)
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

test: lint unit

bench: $(VENV)/.installed
	$(BIN)/python -m bench $(ONLY)

demo: $(VENV)/.installed $(COMPILED_CATALOGS)
	$(BIN)/cockpit demo $(DEMO)

# The one-folder app (README "Build the app"), built in a venv of its own where the cockpit is installed from
# its wheel, as a user gets it: dist/golive-cockpit/golive-cockpit. About a minute on two cores.
PACKAGE_VENV := build/package-venv
$(PACKAGE_VENV)/.installed: pyproject.toml setup.py
	$(PYTHON) -m venv $(PACKAGE_VENV)
	$(PACKAGE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PACKAGE_VENV)/bin/python -m pip install --quiet '.[package]'
	touch $@

package: $(PACKAGE_VENV)/.installed
	# setuptools builds in build/lib: a file deleted from the checkout must not linger there into the wheel.
	rm -rf build/lib build/bdist.*
	$(PACKAGE_VENV)/bin/python -m pip install --quiet --no-deps --force-reinstall .
	# From build/: the checkout's cockpit/ must not shadow the installed one the spec collects.
	cd build && package-venv/bin/pyinstaller --noconfirm --log-level WARN \
		--distpath ../dist --workpath pyinstaller ../packaging/golive-cockpit.spec

# Build, then run the built app: CLI, demo, report, the window offscreen, size and start time.
package-check: package
	$(PACKAGE_VENV)/bin/python -m tools.package_check dist/golive-cockpit

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info $(COMPILED_CATALOGS)
