package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"atlasri/app/exchange"
	"atlasri/app/register"
	"atlasri/app/survey"
	"atlasri/model"
)

// Sources are the files a directory is built from; Survey and
// Corrections are optional.
type Sources struct {
	Activities, Structures string
	Survey, Corrections    string
	// Version names the directory ("registre-AAAAMMJJ" when empty).
	Version string
	// Today dates the checks (dates in the future are flagged).
	Today time.Time
}

// Result is the directory built, and what the publisher must read
// before signing it.
type Result struct {
	Register    *register.Result
	File        *exchange.File
	Directory   model.Directory
	JSON        []byte
	Skipped     []register.Skip // records and sites left out, with why
	Survey      survey.Report
	Corrections []string          // what the corrections did
	Warnings    exchange.Problems // what to check, not blocking
}

// Build reads the register's feeds (streamed), applies the corrections,
// merges the survey, and checks the result as any directory file is
// checked. A survey or corrections file with errors stops it: nothing is
// built from a file that says something it cannot mean.
func Build(src Sources, g *exchange.Geography, procs []model.Procedure) (*Result, error) {
	a, err := os.Open(src.Activities)
	if err != nil {
		return nil, fileError(src.Activities, err)
	}
	defer a.Close()
	s, err := os.Open(src.Structures)
	if err != nil {
		return nil, fileError(src.Structures, err)
	}
	defer s.Close()
	reg, err := register.Read(a, filepath.Base(src.Activities), s, filepath.Base(src.Structures), register.Options{})
	if err != nil {
		return nil, err
	}
	res := &Result{Register: reg, File: reg.File(procs, src.Version), Skipped: append([]register.Skip{}, reg.Skipped...)}
	if src.Corrections != "" {
		data, err := os.ReadFile(src.Corrections)
		if err != nil {
			return nil, fileError(src.Corrections, err)
		}
		cs, ps := ParseCorrections(src.Corrections, data)
		if ps.Errors() > 0 {
			return nil, ps
		}
		done, aps := ApplyCorrections(res.File, cs, src.Corrections)
		if aps.Errors() > 0 {
			return nil, append(ps, aps...)
		}
		res.Corrections = done
		res.Warnings = append(res.Warnings, ps...)
		res.Warnings = append(res.Warnings, aps...)
	}
	if src.Survey != "" {
		data, err := os.ReadFile(src.Survey)
		if err != nil {
			return nil, fileError(src.Survey, err)
		}
		ds, ps := survey.Parse(src.Survey, data, g, src.Today)
		if ps.Errors() > 0 {
			return nil, ps
		}
		res.Survey = survey.Merge(res.File, ds, filepath.Base(src.Survey), procs)
		res.Warnings = append(res.Warnings, ps...)
		res.Warnings = append(res.Warnings, res.Survey.Unknown...)
	}
	d, skipped, warnings := reg.Directory(res.File, g, src.Today)
	res.Directory, res.Skipped = d, append(res.Skipped, skipped...)
	res.Warnings = append(res.Warnings, warnings...)
	if err := d.Validate(procSet(procs)); err != nil {
		return nil, fmt.Errorf("annuaire construit incohérent : %w", err)
	}
	if res.JSON, err = exchange.MarshalJSON(res.File); err != nil {
		return nil, err
	}
	sort.SliceStable(res.Skipped, func(i, j int) bool { return res.Skipped[i].Reason < res.Skipped[j].Reason })
	return res, nil
}

func procSet(procs []model.Procedure) map[string]bool {
	m := make(map[string]bool, len(procs))
	for _, p := range procs {
		m[p.ID] = true
	}
	return m
}

func fileError(path string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("fichier introuvable : « %s »", path)
	}
	return fmt.Errorf("lecture de « %s » impossible : %w", path, err)
}

func sortStrings(s []string) { sort.Strings(s) }
