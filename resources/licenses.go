package resources

import _ "embed"

// GoModule is a Go module compiled into Atlas RI (see GoModules, generated
// by tools/licenses).
type GoModule struct {
	Path, Version string
	// Licences are SPDX-like identifiers, the module's own first, then
	// those of code or fonts it bundles.
	Licences []string
	// Platforms is empty when the module is compiled on every platform.
	Platforms []string
}

// LicensesText is the generated list of Go modules with the full text of
// every licence; release archives ship it as licenses.txt.
//
//go:embed licenses.txt
var LicensesText string
