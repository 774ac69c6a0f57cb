# Inkwell: thin wrappers around scripts/. Variables (GATEWAY_PORT=..., FILTER=..., KEEP=1, ...)
# given on the command line or in the environment reach the scripts.
.PHONY: up test bench down build clean

up:
	@scripts/up.sh

test:
	@scripts/test.sh $(ARGS)

bench:
	@scripts/bench.sh

down:
	@scripts/down.sh

build:
	@scripts/build.sh

# Build products only; the data of `make up` ($(or $(INKWELL_HOME),.inkwell)) stays.
clean:
	swift package clean
