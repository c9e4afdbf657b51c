package ui

import (
	"atlasri/app/letter"
	"atlasri/app/practice"
	"atlasri/app/search"
	"encoding/json"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// usedKeys finds every constant string passed to lang.L in the package's
// sources (concatenations of literals included).
func usedKeys(t *testing.T) map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "L" {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
				return true
			}
			tv, err := types.Eval(fset, nil, call.Args[0].Pos(), exprString(fset, call.Args[0]))
			if err == nil && tv.Value != nil && tv.Value.Kind() == constant.String {
				keys[constant.StringVal(tv.Value)] = true
			}
			return true
		})
	}
	for _, k := range dynamicKeys() {
		keys[k] = true
	}
	return keys
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	var b strings.Builder
	ast.Inspect(e, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok {
			if b.Len() > 0 {
				b.WriteString(" + ")
			}
			b.WriteString(lit.Value)
		}
		return true
	})
	return b.String()
}

// Both translations must cover every string of the interface, and hold
// nothing the interface no longer says.
func TestTranslationsAreComplete(t *testing.T) {
	used := usedKeys(t)
	if len(used) < 100 {
		t.Fatalf("only %d keys found: the scanner is broken", len(used))
	}
	// The search engine's messages and the letter's field names are
	// translated by the window (the names of an empty letter with no
	// identity are all of them but the rare « identité du médecin »).
	for _, f := range search.MessageFormats() {
		used[f] = true
	}
	_, missing := letter.Preview(&letter.Draft{}, practice.GP{}, letter.Input{}, time.Now())
	for _, f := range missing.Missing {
		used[f.Label] = true
	}
	used["identité du médecin (Paramètres)"] = true
	for _, language := range []string{LangFrench, LangEnglish} {
		t.Run(language, func(t *testing.T) { checkTranslation(t, language, used) })
	}
}

func checkTranslation(t *testing.T, language string, used map[string]bool) {
	b, err := translations.ReadFile("translations/" + language + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]string
	if err := json.Unmarshal(b, &en); err != nil {
		t.Fatal(err)
	}
	var missing, stale []string
	for k := range used {
		if strings.TrimSpace(en[k]) == "" {
			missing = append(missing, k)
		}
	}
	for k := range en {
		if !used[k] {
			stale = append(stale, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	// ATLAS_RI_TRANSLATION_REPORT=file writes both lists as JSON, for
	// whoever updates the translation files.
	if out := os.Getenv("ATLAS_RI_TRANSLATION_REPORT"); out != "" && language == LangEnglish {
		b, _ := json.MarshalIndent(map[string][]string{"missing": missing, "stale": stale}, "", " ")
		if err := os.WriteFile(out, b, 0o600); err != nil {
			t.Error(err)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d strings have no translation:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	if len(stale) > 0 {
		t.Errorf("%d translated strings are no longer used:\n%s", len(stale), strings.Join(stale, "\n"))
	}
	for k, v := range en {
		if strings.Count(k, "%") != strings.Count(v, "%") {
			t.Errorf("%q and its translation %q differ in format verbs", k, v)
		}
	}
}
