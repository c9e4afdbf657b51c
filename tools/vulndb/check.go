package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// finding is what check reads of govulncheck's JSON findings.
type finding struct {
	OSV          string `json:"osv"`
	FixedVersion string `json:"fixed_version"`
	Trace        []struct {
		Module   string `json:"module"`
		Version  string `json:"version"`
		Package  string `json:"package"`
		Function string `json:"function"`
	} `json:"trace"`
}

// checkFindings reads govulncheck -format json from r and fails on what
// the project must fix: any vulnerability of a required module (called
// or not: upgrading the module fixes it), and any vulnerability of the
// standard library the code calls, unless the accept file lists its id
// with the reason it is accepted. The summary goes to w.
func checkFindings(r io.Reader, acceptFile string, w io.Writer) error {
	accepted, err := readAccepted(acceptFile)
	if err != nil {
		return err
	}
	type key struct{ id, module, fixed string }
	called, listed := map[key]bool{}, map[key]bool{}
	dec := json.NewDecoder(r)
	for {
		var msg struct {
			Finding *finding `json:"finding"`
		}
		if err := dec.Decode(&msg); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return fmt.Errorf("sortie de govulncheck illisible : %w", err)
		}
		f := msg.Finding
		if f == nil || len(f.Trace) == 0 {
			continue
		}
		k := key{f.OSV, f.Trace[0].Module, f.FixedVersion}
		listed[k] = true
		if f.Trace[0].Function != "" {
			called[k] = true
		}
	}
	keys := make([]key, 0, len(listed))
	for k := range listed {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].id < keys[j].id })
	var problems []string
	seen := map[string]bool{}
	for _, k := range keys {
		seen[k.id] = true
		switch {
		case k.module != "stdlib":
			problems = append(problems, fmt.Sprintf("%s dans %s : passez le module à %s ou plus", k.id, k.module, k.fixed))
		case !called[k]:
			fmt.Fprintf(w, "signalé, non appelé : %s (bibliothèque standard, corrigé dans Go %s)\n", k.id, strings.TrimPrefix(k.fixed, "v"))
		case accepted[k.id] != "":
			fmt.Fprintf(w, "accepté : %s (corrigé dans Go %s) : %s\n", k.id, strings.TrimPrefix(k.fixed, "v"), accepted[k.id])
		default:
			problems = append(problems, fmt.Sprintf("%s dans la bibliothèque standard, appelé par le code : corrigé dans Go %s ; changez de version de Go, ou acceptez-le dans %s en disant pourquoi",
				k.id, strings.TrimPrefix(k.fixed, "v"), acceptFile))
		}
	}
	ids := make([]string, 0, len(accepted))
	for id := range accepted {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !seen[id] {
			fmt.Fprintf(w, "plus signalé : %s, à retirer de %s\n", id, acceptFile)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d vulnérabilité(s) à corriger :\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	fmt.Fprintf(w, "govulncheck : rien à corriger (%d signalements examinés)\n", len(keys))
	return nil
}

// readAccepted reads "ID reason..." lines; # starts a comment.
func readAccepted(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, _ := strings.Cut(line, " ")
		if !strings.HasPrefix(id, "GO-") || strings.TrimSpace(reason) == "" {
			return nil, fmt.Errorf("%s, ligne %d : « IDENTIFIANT raison » attendu", path, n)
		}
		out[id] = strings.TrimSpace(reason)
	}
	return out, sc.Err()
}
