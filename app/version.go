package app

// Identity of the application; FyneApp.toml carries the same values and a
// test keeps them in step.
const (
	Name    = "Atlas RI"
	ID      = "fr.atlasri.desktop"
	Version = "0.1.0"
)
