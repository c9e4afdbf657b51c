package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const (
	mitText = `MIT License

Copyright (c) 2021 Someone

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction...

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.`
	bsdHead = `Copyright (c) 2009 The Go Authors. All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are
met:

   * Redistributions of source code must retain the above copyright
notice, this list of conditions and the following disclaimer.
   * Redistributions in binary form must reproduce the above
copyright notice, this list of conditions and the following disclaimer
in the documentation and/or other materials provided with the
distribution.
`
	bsd3Text = bsdHead + `   * Neither the name of Google Inc. nor the names of its
contributors may be used to endorse or promote products derived from
this software without specific prior written permission.`
	iscText = `ISC License

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.`
	apacheText = `                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/

   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION`
	zlibText = `This software is provided 'as-is', without any express or implied
warranty. In no event will the authors be held liable for any damages
arising from the use of this software.

2. Altered source versions must be plainly marked as such, and must not be
   misrepresented as being the original software.

3. This notice may not be removed or altered from any source
   distribution.`
	oflText  = "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n\nPREAMBLE\nThe goals of the Open Font License (OFL) are..."
	veraText = `Bitstream Vera Fonts Copyright

Permission is hereby granted, free of charge, to any person obtaining a copy
of the fonts accompanying this license ("Fonts") and associated
documentation files (the "Font Software"), to reproduce and distribute the
Font Software... The above copyright and trademark notices and this permission notice shall
be included in all copies of one or more of the Font Software typefaces.`
	patentsText = `Additional IP Rights Grant (Patents)

"This implementation" means the copyrightable works distributed by
Google as part of the Go project.`
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"MIT", mitText, "MIT"},
		{"MIT with CRLF and BOM", "\ufeff" + strings.ReplaceAll(mitText, "\n", "\r\n"), "MIT"},
		{"BSD-3-Clause", bsd3Text, "BSD-3-Clause"},
		{"BSD-2-Clause", bsdHead, "BSD-2-Clause"},
		{"ISC", iscText, "ISC"},
		{"Apache-2.0", apacheText, "Apache-2.0"},
		{"Zlib", zlibText, "Zlib"},
		{"OFL-1.1", oflText, "OFL-1.1"},
		// The Vera licence starts like MIT's: it must not be taken for it.
		{"Bitstream Vera", veraText, "Bitstream-Vera"},
		{"Go patent grant", patentsText, "Google-Patent-Grant"},
		{"Unlicense", "This is free and unencumbered software released into the public domain.", "Unlicense"},
		// A file that only names a licence is not that licence.
		{"README naming MIT", "This project is under the MIT License. See the Apache License, Version 2.0 too.", ""},
		{"empty", "", ""},
		{"proprietary", "Copyright ACME. All rights reserved. Do not redistribute.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := classify(tc.text); got != tc.want {
				t.Errorf("classify = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestIsLicenceFile(t *testing.T) {
	for _, tc := range []struct {
		name            string
		licence, notice bool
	}{
		{"LICENSE", true, false},
		{"LICENSE.md", true, false},
		{"license.txt", true, false},
		{"LICENCE", true, false},
		{"LICENSE_Inter.txt", true, false},
		{"LICENSE-reader", true, false},
		{"COPYING", true, false},
		{"COPYING.txt", true, false},
		{"PATENTS", true, false},
		{"UNLICENSE", true, false},
		{"NOTICE", false, true},
		{"THIRD-PARTY-NOTICES", false, true},
		{"README.md", false, false},
		{"license.go", false, false},
		{"AUTHORS", false, false},
	} {
		lic, notice := isLicenceFile(tc.name)
		if lic != tc.licence || notice != tc.notice {
			t.Errorf("isLicenceFile(%q) = %v, %v; want %v, %v", tc.name, lic, notice, tc.licence, tc.notice)
		}
	}
}

func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\ufeff\n\nA  \r\nB\t\r\n\n", "A\nB"},
		{"A\rB", "A\nB"},
		{"  indented\nkept", "  indented\nkept"},
		{"", ""},
	} {
		if got := cleanText(tc.in); got != tc.want {
			t.Errorf("cleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestModuleLicencesPutRootFirstWithoutRepeats(t *testing.T) {
	m := &module{Files: []licenceFile{
		{Rel: "LICENSE", Licence: "BSD-3-Clause"},
		{Rel: "NOTICE"},
		{Rel: "PATENTS", Licence: "Google-Patent-Grant"},
		{Rel: "a/LICENSE", Licence: "MIT"},
		{Rel: "b/LICENSE", Licence: "BSD-3-Clause"},
	}}
	got := strings.Join(m.Licences(), ",")
	if got != "BSD-3-Clause,Google-Patent-Grant,MIT" {
		t.Errorf("Licences = %s", got)
	}
}

func TestFindLicenceFilesFollowsCompiledCode(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("LICENSE", bsd3Text)
	write("pkg/x.go", "package pkg")
	write("pkg/csrc/LICENSE.md", zlibText)         // C sources of a compiled package
	write("pkg/sub/y.go", "package sub")           // another package, not compiled
	write("pkg/sub/LICENSE", iscText)              // so not listed
	write("cmd/tool/COPYING", apacheText)          // not compiled
	write("pkg/testdata/LICENSE", "not a licence") // ignored by the go tool
	m := &module{Path: "example.com/m", Version: "v1.0.0", dir: dir, pkgDirs: map[string]bool{filepath.Join(dir, "pkg"): true}}
	if err := findLicenceFiles(m); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range m.Files {
		got = append(got, f.Rel+"="+f.Licence)
	}
	if strings.Join(got, " ") != "LICENSE=BSD-3-Clause pkg/csrc/LICENSE.md=Zlib" {
		t.Errorf("files: %v", got)
	}

	write("pkg/LICENSE-extra", "Copyright ACME, all rights reserved.")
	m.Files = nil
	if err := findLicenceFiles(m); err == nil || !strings.Contains(err.Error(), "pkg/LICENSE-extra") {
		t.Errorf("an unknown licence must stop the generator, naming the file; got %v", err)
	}
}

// TestGeneratedFilesAreCurrent fails when go.mod changed (or a package
// started importing a new module) without `go run ./tools/licenses`.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list three times")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not on PATH")
	}
	// Tests run in their package's folder; runtime.Caller paths are
	// module-relative under -trimpath, so they cannot locate the repository.
	root := filepath.Join("..", "..")
	files, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not current: run `go run ./tools/licenses`", name)
		}
	}
	if !bytes.Contains(files[textFile], []byte("github.com/mattn/go-sqlite3")) {
		t.Error("the list lacks go-sqlite3, which every build compiles")
	}
}
