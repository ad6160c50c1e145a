# storywatch: routine tasks. `make help` lists them.
SWIFT        ?= swift
# Debian packages the build links against.
BUILD_DEPS   := libcurl4-openssl-dev libxml2-dev pkg-config
# Extra packages the benchmarks compare against.
BENCH_DEPS   := nginx-light curl hyperfine libxml2-utils

.PHONY: help deps build release test bench bench-fetch bench-parse bench-match bench-pipeline bench-sinks clean

help:
	@echo "make build        debug build of storywatch"
	@echo "make release      release build"
	@echo "make test         install missing build packages, build, run every test"
	@echo "make bench        every benchmark (Benchmarks/README.md)"
	@echo "make bench-fetch  fetcher vs curl --parallel on 1,000 files"
	@echo "make bench-parse  feed parser vs xmllint --stream on 1,000 feeds"
	@echo "make bench-match  matcher vs grep -F -i on 1,000 terms"
	@echo "make bench-pipeline  pipeline cost per item and state size per 100,000 items"
	@echo "make bench-sinks  alerts per second through the file and syslog sinks"
	@echo "make clean        remove .build/"

deps:
	@sh scripts/apt-deps.sh $(BUILD_DEPS)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Only Swift Testing is used: --disable-xctest keeps the closing summary the real one.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

bench: bench-fetch bench-parse bench-match bench-pipeline bench-sinks

bench-fetch: deps
	@sh scripts/apt-deps.sh $(BENCH_DEPS)
	$(SWIFT) build -c release --product FetchBench
	sh Benchmarks/fetch.sh

clean:
	rm -rf .build

bench-parse: deps
	@sh scripts/apt-deps.sh $(BENCH_DEPS)
	$(SWIFT) build -c release --product ParseBench
	sh Benchmarks/parse.sh

bench-match: deps
	@sh scripts/apt-deps.sh $(BENCH_DEPS)
	$(SWIFT) build -c release --product MatchBench
	sh Benchmarks/match.sh

bench-pipeline: deps
	$(SWIFT) build -c release --product PipelineBench
	sh Benchmarks/pipeline.sh

bench-sinks: deps
	$(SWIFT) build -c release --product SinkBench
	.build/release/SinkBench
