package app

import (
	"fmt"
	"os"
	"path/filepath"
)

// DataDirEnv overrides the data folder, like --data-dir.
const DataDirEnv = "ATLAS_RI_DATA_DIR"

// DefaultDataDir is where the databases live: Fyne's storage root for our
// app ID (so the window and the command line share one folder), unless
// ATLAS_RI_DATA_DIR says otherwise.
func DefaultDataDir() (string, error) {
	if d := os.Getenv(DataDirEnv); d != "" {
		return d, nil
	}
	root, err := fyneConfigRoot()
	if err != nil {
		return "", fmt.Errorf("dossier de configuration introuvable : %w", err)
	}
	return filepath.Join(root, ID), nil
}
