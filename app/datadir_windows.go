package app

import (
	"os"
	"path/filepath"
)

// fyneConfigRoot mirrors Fyne's internal/app rootConfigDir on Windows.
func fyneConfigRoot() (string, error) {
	h, err := os.UserHomeDir()
	return filepath.Join(h, "AppData", "Roaming", "fyne"), err
}
