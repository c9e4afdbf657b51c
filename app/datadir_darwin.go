package app

import (
	"os"
	"path/filepath"
)

// fyneConfigRoot mirrors Fyne's internal/app rootConfigDir on macOS.
func fyneConfigRoot() (string, error) {
	h, err := os.UserHomeDir()
	return filepath.Join(h, "Library", "Preferences", "fyne"), err
}
