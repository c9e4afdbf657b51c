// Command licenses writes the list of the Go modules compiled into Atlas RI
// and the full texts of their licences (resources/licenses.txt, shipped
// beside the program and shown in the About dialog) and its summary as Go
// (resources/licenses_gen.go). The output depends only on go.mod, the build
// tags and the module cache, so it is byte-for-byte reproducible; with
// -check it only says whether the committed files are current.
//
//	go run ./tools/licenses [-root .] [-check]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	root := flag.String("root", ".", "racine du dépôt (où est go.mod)")
	check := flag.Bool("check", false, "vérifie seulement que les fichiers générés sont à jour")
	flag.Parse()
	if err := run(*root, *check); err != nil {
		fmt.Fprintln(os.Stderr, "licenses :", err)
		os.Exit(1)
	}
}

func run(root string, check bool) error {
	files, err := generate(root)
	if err != nil {
		return err
	}
	for _, name := range []string{textFile, goFile} {
		path := filepath.Join(root, name)
		if check {
			old, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(old, files[name]) {
				return fmt.Errorf("%s n'est pas à jour : lancez `go run ./tools/licenses`", name)
			}
			continue
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// generate returns the content of each output file, by name.
func generate(root string) (map[string][]byte, error) {
	mods, err := listModules(root)
	if err != nil {
		return nil, err
	}
	for _, m := range mods {
		if err := findLicenceFiles(m); err != nil {
			return nil, err
		}
	}
	std, err := stdlibModule()
	if err != nil {
		return nil, err
	}
	mods = append(mods, std)
	src, err := renderGo(mods)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{textFile: renderText(mods), goFile: src}, nil
}
