# storywatch: routine tasks. `make help` lists them.
SWIFT        ?= swift
# Debian packages the build links against.
BUILD_DEPS   := libcurl4-openssl-dev libxml2-dev pkg-config
# Extra packages the benchmarks compare against.
BENCH_DEPS   := nginx-light curl hyperfine libxml2-utils

# Release builds carry the Swift runtime and Foundation inside the binary, so an installed
# storywatch needs only libcurl, libxml2 and SQLite from the system. They link with lld: packed
# relative relocations, no exported symbols, and the functions the daemon runs laid out
# together (scripts/link-order.txt and .ld, `make link-order`), which keeps the daemon at rest
# under 30 MB resident (Benchmarks/README.md, "The daemon at rest").
RELEASE      := $(SWIFT) build -c release --static-swift-stdlib \
	-Xswiftc -Xfrontend -Xswiftc -function-sections -Xswiftc -use-ld=lld \
	-Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic \
	-Xlinker --symbol-ordering-file=$(CURDIR)/scripts/link-order.txt -Xlinker --no-warn-symbol-ordering \
	-Xlinker -T -Xlinker $(CURDIR)/scripts/link-order.ld

PREFIX       ?= /usr/local
DESTDIR      ?=
SYSCONFDIR   ?= /etc
UNITDIR      ?= /etc/systemd/system

.PHONY: help deps build release test run install uninstall check-unit check-release link-order bench bench-fetch bench-parse bench-match bench-pipeline bench-sinks bench-idle clean

help:
	@echo "make build        debug build of storywatch"
	@echo "make release      release build (static Swift runtime, laid out for a small footprint)"
	@echo "make run          build, then run the daemon in the foreground on config/storywatch.yaml (state in ./var/)"
	@echo "make test         install missing build packages, build, run every test, check the systemd unit and the release build"
	@echo "make link-order   profile the daemon (valgrind) and rewrite scripts/link-order.txt"
	@echo "make install      install binary, unit, logrotate snippet and example config (PREFIX, DESTDIR)"
	@echo "make uninstall    remove what make install installed (the config and state stay)"
	@echo "make bench        every benchmark (Benchmarks/README.md)"
	@echo "make bench-fetch  fetcher vs curl --parallel on 1,000 files"
	@echo "make bench-parse  feed parser vs xmllint --stream on 1,000 feeds"
	@echo "make bench-match  matcher vs grep -F -i on 1,000 terms"
	@echo "make bench-pipeline  pipeline cost per item and state size per 100,000 items"
	@echo "make bench-sinks  alerts per second through the file and syslog sinks"
	@echo "make bench-idle   the daemon's CPU and memory at rest with 100 sources"
	@echo "make clean        remove .build/"

deps:
	@sh scripts/apt-deps.sh $(BUILD_DEPS)

build: deps
	$(SWIFT) build

# SwiftPM does not see the layout files change: relink when they are newer than the binary.
release: deps
	@for f in scripts/link-order.txt scripts/link-order.ld; do \
		[ "$$f" -nt .build/release/storywatch ] && rm -f .build/release/storywatch; \
	done; true
	$(RELEASE) --product storywatch

# Records which functions the daemon runs (under valgrind) and relinks with them together.
link-order: deps
	@sh scripts/apt-deps.sh valgrind nginx-light
	$(RELEASE) --product storywatch
	sh scripts/link-order.sh
	$(MAKE) --no-print-directory release

# Only Swift Testing is used: --disable-xctest keeps the closing summary the real one.
test: deps
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory check-unit
	$(SWIFT) test --skip-build --disable-xctest
	$(MAKE) --no-print-directory check-release

# The build `make install` ships links and runs: the default config checks, an EUC-KR feed parses.
check-release: release
	.build/release/storywatch check --config config/storywatch.yaml > /dev/null
	.build/release/storywatch parse Tests/Fixtures/feeds/ko-euc-kr.xml | grep -q '북한군 1만2천명'
	@listed=$$(sort -u scripts/link-order.txt | wc -l); \
	found=$$(nm --defined-only .build/release/storywatch | \
		awk 'NR == FNR { listed[$$0] = 1; next } ($$3 in listed) && !seen[$$3]++ { n++ } END { print n + 0 }' scripts/link-order.txt -); \
	echo "check-release: the release build runs; $$found of the $$listed functions of scripts/link-order.txt are in it"; \
	[ $$((found * 4)) -ge $$((listed * 3)) ] || { echo "check-release: the layout is stale (renamed functions lose their place and memory at rest grows); run: make link-order" >&2; exit 1; }

# systemd-analyze verify and security on the unit, where systemd-analyze exists.
check-unit:
	@if command -v systemd-analyze >/dev/null 2>&1; then \
		sh scripts/check-unit.sh "$$($(SWIFT) build --show-bin-path)/storywatch"; \
	else \
		echo "check-unit: systemd-analyze not found; unit not checked"; \
	fi

run: build
	mkdir -p var
	$$($(SWIFT) build --show-bin-path)/storywatch run --config config/storywatch.yaml

install: release
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/storywatch" "$(DESTDIR)$(PREFIX)/bin/storywatch"
	install -D -m 0644 systemd/storywatch.service "$(DESTDIR)$(UNITDIR)/storywatch.service"
	sed -i "s|/usr/local/bin/storywatch|$(PREFIX)/bin/storywatch|g" "$(DESTDIR)$(UNITDIR)/storywatch.service"
	install -D -m 0644 systemd/logrotate.d/storywatch "$(DESTDIR)$(SYSCONFDIR)/logrotate.d/storywatch"
	install -D -m 0644 README.md "$(DESTDIR)$(PREFIX)/share/doc/storywatch/README.md"
	install -D -m 0644 docs/config.md "$(DESTDIR)$(PREFIX)/share/doc/storywatch/config.md"
	mkdir -p "$(DESTDIR)$(SYSCONFDIR)/storywatch/conf.d"
	sed -e "s|state_dir: ./var/state|state_dir: /var/lib/storywatch|" -e "s|path: ./var/|path: /var/log/storywatch/|" \
		config/storywatch.yaml > "$(DESTDIR)$(SYSCONFDIR)/storywatch/storywatch.yaml.example"
	@if [ ! -e "$(DESTDIR)$(SYSCONFDIR)/storywatch/storywatch.yaml" ]; then \
		cp "$(DESTDIR)$(SYSCONFDIR)/storywatch/storywatch.yaml.example" "$(DESTDIR)$(SYSCONFDIR)/storywatch/storywatch.yaml"; \
		echo "installed $(SYSCONFDIR)/storywatch/storywatch.yaml"; \
	else \
		echo "kept the existing $(SYSCONFDIR)/storywatch/storywatch.yaml; the new example is storywatch.yaml.example"; \
	fi

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/storywatch" "$(DESTDIR)$(UNITDIR)/storywatch.service" "$(DESTDIR)$(SYSCONFDIR)/logrotate.d/storywatch"
	rm -rf "$(DESTDIR)$(PREFIX)/share/doc/storywatch"
	@echo "kept $(SYSCONFDIR)/storywatch/ and /var/lib/storywatch/; remove them by hand if you want them gone"

bench: bench-fetch bench-parse bench-match bench-pipeline bench-sinks bench-idle

bench-fetch: deps
	@sh scripts/apt-deps.sh $(BENCH_DEPS)
	$(RELEASE) --product FetchBench
	sh Benchmarks/fetch.sh

clean:
	rm -rf .build

bench-parse: deps
	@sh scripts/apt-deps.sh $(BENCH_DEPS)
	$(RELEASE) --product ParseBench
	sh Benchmarks/parse.sh

bench-match: deps
	@sh scripts/apt-deps.sh $(BENCH_DEPS)
	$(RELEASE) --product MatchBench
	sh Benchmarks/match.sh

bench-pipeline: deps
	$(RELEASE) --product PipelineBench
	sh Benchmarks/pipeline.sh

bench-sinks: deps
	$(RELEASE) --product SinkBench
	.build/release/SinkBench

bench-idle: release
	@sh scripts/apt-deps.sh $(BENCH_DEPS)
	sh Benchmarks/idle.sh
