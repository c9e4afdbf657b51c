//go:build !windows && !darwin

package app

import (
	"os"
	"path/filepath"
)

// fyneConfigRoot mirrors Fyne's internal/app rootConfigDir on XDG systems.
func fyneConfigRoot() (string, error) {
	d, err := os.UserConfigDir()
	return filepath.Join(d, "fyne"), err
}
