// Package cdakit checks CDA documents in tests with the published
// validation material: the HL7 CDA R2 schema as the ANS ships it
// (CDA_extended.xsd), the CI-SIS « structuration minimale » schematron and
// HL7's CDA.xsl stylesheet as a viewer. The material is third-party and
// kept unchanged in testdata/cda-kit (sources and licences in its
// SOURCES.md; every file pinned in testdata/cda-kit.sha256);
// $ATLAS_RI_CDA_KIT points elsewhere to try another copy. The tools come
// from Debian: xmllint (libxml2-utils), xsltproc, and Java with Saxon-HE
// (libsaxonhe-java) for the XSLT 2 schematron; .ci/run installs them.
package cdakit

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// EnvKit names the variable that points at the kit folder.
const EnvKit = "ATLAS_RI_CDA_KIT"

// Paths inside the kit.
const (
	ansRoot    = "TestContenuCDA-3-0"
	XSD        = ansRoot + "/infrastructure/cda/CDA_extended.xsd"
	strucMin   = ansRoot + "/schematrons/profils/structurationMinimale"
	moteur     = ansRoot + "/schematrons/moteur"
	typeCodes  = ansRoot + "/jeuxDeValeurs/JDV_J07_XdsTypeCode_CISIS.xml"
	hl7Viewer  = "CDA-core-xsl/CDA.xsl"
	saxonJar   = "/usr/share/java/Saxon-HE.jar"
	manifestNm = "cda-kit.sha256"
)

// Kit is a checked copy of the validation material.
type Kit struct{ Dir string }

// Find returns the kit, checked against the manifest (repoRoot/testdata
// holds both). A missing kit fails the test: it is in the repository.
func Find(t testing.TB, repoRoot string) *Kit {
	t.Helper()
	dir := os.Getenv(EnvKit)
	if dir == "" {
		dir = filepath.Join(repoRoot, "testdata", "cda-kit")
	}
	if _, err := os.Stat(filepath.Join(dir, XSD)); err != nil {
		t.Fatalf("matériel de validation CDA absent de %s (voir docs/LETTERS.md, « Validation ») : %v", dir, err)
	}
	k := &Kit{Dir: dir}
	k.checkManifest(t, filepath.Join(repoRoot, "testdata", manifestNm))
	return k
}

// checkManifest compares the kit's files with their pinned hashes: a
// different schema is a different test.
func (k *Kit) checkManifest(t testing.TB, manifest string) {
	t.Helper()
	f, err := os.Open(manifest)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		want, path, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("%s : ligne illisible %q", manifest, line)
		}
		got, err := fileHash(filepath.Join(k.Dir, path))
		if err != nil {
			t.Fatalf("matériel de validation incomplet : %v", err)
		}
		if got != want {
			t.Fatalf("%s a changé (sha256 %s, attendu %s) : mettez à jour %s après l'avoir relu", path, got, want, manifest)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("%s ne liste aucun fichier", manifest)
	}
}

func fileHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s absent (CI l'installe : .ci/run)", tool)
		}
	}
}

// ValidateXSD checks each file against the CDA R2 schema with xmllint and
// fails the test with xmllint's messages.
func (k *Kit) ValidateXSD(t testing.TB, files ...string) {
	t.Helper()
	need(t, "xmllint")
	args := append([]string{"--noout", "--schema", filepath.Join(k.Dir, XSD)}, files...)
	out, err := exec.Command("xmllint", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("schéma CDA R2 : %v\n%s", err, out)
	}
	for _, f := range files {
		if !strings.Contains(string(out), f+" validates") {
			t.Errorf("xmllint ne dit pas que %s est valide :\n%s", f, out)
		}
	}
}

// Failure is one failed schematron assertion.
type Failure struct {
	File, Role, Location, Text string
}

// Schematron runs the CI-SIS « structuration minimale » schematron on the
// files and returns its failed assertions (errors and warnings). It takes
// about a minute and a half: the schematron is compiled with the ISO
// skeleton that ships with it, then applied with Saxon-HE.
func (k *Kit) Schematron(t testing.TB, files ...string) []Failure {
	t.Helper()
	need(t, "java")
	if _, err := os.Stat(saxonJar); err != nil {
		t.Skipf("Saxon-HE absent (%s ; paquet Debian libsaxonhe-java)", saxonJar)
	}
	work := t.TempDir()
	// The compiled stylesheet reads its value sets next to it (include/).
	if err := os.CopyFS(filepath.Join(work, "sm"), os.DirFS(filepath.Join(k.Dir, strucMin))); err != nil {
		t.Fatal(err)
	}
	if err := writeTypeCodes(filepath.Join(k.Dir, typeCodes), filepath.Join(work, "sm", "include", "voc-1.2.250.1.213.1.1.5.471-DYNAMIC.xml")); err != nil {
		t.Fatal(err)
	}
	saxon := func(args ...string) {
		t.Helper()
		cmd := exec.Command("java", append([]string{"-cp", saxonJar, "net.sf.saxon.Transform"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("Saxon %v : %v\n%s", args, err, out)
		}
	}
	m := filepath.Join(k.Dir, moteur)
	sch := filepath.Join(work, "sm", "ASIP-STRUCT-MIN-StrucMin.sch")
	xsl := filepath.Join(work, "sm", "strucmin.xsl")
	saxon("-s:"+sch, "-xsl:"+filepath.Join(m, "iso_dsdl_include.xsl"), "-o:"+filepath.Join(work, "sm", "step1.sch"))
	saxon("-s:"+filepath.Join(work, "sm", "step1.sch"), "-xsl:"+filepath.Join(m, "iso_abstract_expand.xsl"), "-o:"+filepath.Join(work, "sm", "step2.sch"))
	saxon("-s:"+filepath.Join(work, "sm", "step2.sch"), "-xsl:"+filepath.Join(m, "iso_svrl_for_xslt2.xsl"), "-o:"+xsl)
	in := filepath.Join(work, "in")
	out := filepath.Join(work, "out")
	os.Mkdir(in, 0o700)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, filepath.Base(f)), data, 0o600)
	}
	// One run for all the files: the stylesheet is compiled once.
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	saxon("-s:"+in, "-xsl:"+xsl, "-o:"+out)
	var fails []Failure
	for _, f := range files {
		report, err := os.ReadFile(filepath.Join(out, filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		fs, err := failures(report)
		if err != nil {
			t.Fatalf("rapport SVRL de %s : %v", f, err)
		}
		for i := range fs {
			fs[i].File = f
		}
		fails = append(fails, fs...)
	}
	return fails
}

// failures reads the failed assertions of an SVRL report.
func failures(report []byte) ([]Failure, error) {
	var r struct {
		Failed []struct {
			Role     string `xml:"role,attr"`
			Location string `xml:"location,attr"`
			Text     string `xml:"text"`
		} `xml:"failed-assert"`
	}
	if err := xml.Unmarshal(report, &r); err != nil {
		return nil, err
	}
	var out []Failure
	for _, f := range r.Failed {
		out = append(out, Failure{Role: f.Role, Location: f.Location, Text: strings.Join(strings.Fields(f.Text), " ")})
	}
	return out, nil
}

// writeTypeCodes writes the value set of document types, which the
// schematron reads in ART-DECOR's form, from the CI-SIS's published SVS
// file of the same value set (the ANS kit lacks the converted file).
func writeTypeCodes(svs, dst string) error {
	data, err := os.ReadFile(svs)
	if err != nil {
		return err
	}
	var v struct {
		ValueSet struct {
			ID       string `xml:"id,attr"`
			Concepts []struct {
				Code       string `xml:"code,attr"`
				CodeSystem string `xml:"codeSystem,attr"`
			} `xml:"ConceptList>Concept"`
		}
	}
	if err := xml.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("%s : %v", svs, err)
	}
	if v.ValueSet.ID != "1.2.250.1.213.1.1.5.471" || len(v.ValueSet.Concepts) == 0 {
		return fmt.Errorf("%s n'est pas le jeu de valeurs JDV_J07 attendu (id %q, %d codes)", svs, v.ValueSet.ID, len(v.ValueSet.Concepts))
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<valueSets><valueSet id=\"1.2.250.1.213.1.1.5.471\" name=\"JDV_J07_XdsTypeCode_CISIS\"><conceptList>\n")
	for _, c := range v.ValueSet.Concepts {
		fmt.Fprintf(&b, "<concept code=%q codeSystem=%q/>\n", c.Code, c.CodeSystem)
	}
	b.WriteString("</conceptList></valueSet></valueSets>\n")
	return os.WriteFile(dst, []byte(b.String()), 0o600)
}

// RenderHTML applies HL7's CDA.xsl to a document with xsltproc, the way a
// CDA viewer shows it, and returns the HTML. The stylesheet's limit-pdf
// parameter is set to "no": by default it hides embedded PDFs behind a
// warning, and a viewer of letters shows them.
func (k *Kit) RenderHTML(t testing.TB, file string) string {
	t.Helper()
	need(t, "xsltproc")
	out, err := exec.Command("xsltproc", "--stringparam", "limit-pdf", "no", filepath.Join(k.Dir, hl7Viewer), file).Output()
	if err != nil {
		t.Fatalf("xsltproc CDA.xsl %s : %v", file, err)
	}
	return string(out)
}
