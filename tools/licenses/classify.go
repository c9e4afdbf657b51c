package main

import (
	"strings"
	"unicode"
)

// A rule recognises one licence by phrases of its text, all of which must
// appear (after normalize); none of the phrases of unless may appear.
type rule struct {
	id     string
	all    []string
	unless []string
}

// rules are tried in order: the first that matches names the licence.
// Phrases are the operative sentences, not titles, so that a README-like
// file that merely mentions a licence is not taken for it.
var rules = []rule{
	{id: "Apache-2.0", all: []string{"apache license", "version 2 0", "terms and conditions for use reproduction and distribution"}},
	{id: "MPL-2.0", all: []string{"mozilla public license version 2 0"}},
	{id: "OFL-1.1", all: []string{"sil open font license", "version 1 1"}},
	{id: "Bitstream-Vera", all: []string{"bitstream vera", "permission is hereby granted free of charge to any person obtaining a copy of the fonts"}},
	{id: "MIT", all: []string{"permission is hereby granted free of charge to any person obtaining a copy", "the above copyright notice and this permission notice shall be included"}},
	{id: "ISC", all: []string{"permission to use copy modify and or distribute this software for any purpose with or without fee is hereby granted"}},
	{id: "BSD-4-Clause", all: []string{"redistribution and use in source and binary forms", "all advertising materials mentioning features"}},
	{id: "BSD-3-Clause", all: []string{"redistribution and use in source and binary forms", "may be used to endorse or promote products derived from this software"}},
	{id: "BSD-2-Clause", all: []string{"redistribution and use in source and binary forms", "redistributions in binary form must reproduce the above copyright notice"},
		unless: []string{"endorse or promote"}},
	{id: "Zlib", all: []string{"altered source versions must be plainly marked as such", "this notice may not be removed or altered from any source distribution"}},
	{id: "Unlicense", all: []string{"this is free and unencumbered software released into the public domain"}},
	// golang.org/x/... PATENTS files: a patent grant that comes with BSD-3-Clause.
	{id: "Google-Patent-Grant", all: []string{"additional ip rights grant patents"}},
}

// classify names the licence of a licence file's text, or "" when no rule
// recognises it.
func classify(text string) string {
	n := normalize(text)
	for _, r := range rules {
		if containsAll(n, r.all) && !containsAny(n, r.unless) {
			return r.id
		}
	}
	return ""
}

// normalize lowercases text and reduces every run of characters other than
// letters and digits to one space, so that line breaks, punctuation and
// quotes do not matter.
func normalize(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

func containsAll(s string, phrases []string) bool {
	for _, p := range phrases {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func containsAny(s string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
