# The two commands of the quick start (README.md), and a few conveniences.
.PHONY: site test check build bench clean

site:  ## build everything (native and WebAssembly) and serve the site, the match explorer at /nl/match/, on http://127.0.0.1:8080/
	bash scripts/site.sh

test:  ## run every test: native, sanitizers, WebAssembly, fuzzing
	bash scripts/test.sh

check:  ## the fast tests only (unit, golden, cli) on the native build, in about a minute
	bash scripts/setup.sh --no-test-tools
	cmake --preset native && cmake --build --preset native
	ctest --preset native -L '^(unit|golden|cli)$$' -j $$(nproc)

build:  ## native build only
	bash scripts/setup.sh --no-test-tools
	cmake --preset native && cmake --build --preset native

bench:  ## benchmarks: figures into docs/bench.md beside the goals of bench/goals.md (never fails on time; bench/run.sh PART runs one)
	bash bench/run.sh

clean:
	rm -rf build public
