package exchange

import (
	"strings"
	"testing"

	"atlasri/model"
)

const goodCSV = "id;nom;categorie;statut;finess;adresse;code_postal;commune;insee;latitude;longitude;telephone;email;mssante;site_web;gestes_verifies;gestes_indicatifs;motif_indicatif;source;date_verification\r\n" +
	"chu-angers;CHU d'Angers;CHU;public;490000049;4 rue Larrey;49933;ANGERS CEDEX 9;;47,48095;-0,55443;241353637;;;www.chu-angers.fr;vertebroplastie;embolisation-fibromes-uterins, embolisation-varicocele;offre habituelle d'un CHU, à confirmer;FINESS via GISCO;06/03/2020\r\n" +
	"ch-cholet;Centre hospitalier de Cholet;CH;public;;;;;49099;;;02.41.49.60.00;contact@example.org;;;;vertebroplastie;offre supposée;Exemple;2026-11-01\r\n"

func TestGoodCSV(t *testing.T) {
	f, d, ps := parseResolve("annuaire.csv", "\ufeff"+goodCSV)
	if ps.Errors() != 0 {
		t.Fatalf("problems:\n%v", ps)
	}
	if len(d.Centres) != 2 {
		t.Fatalf("centres = %+v", d.Centres)
	}
	a := d.Centres[0]
	if a.INSEE != "49007" || a.Commune != "Angers" || a.Dept != "49" || a.Phone != "02 41 35 36 37" || a.Website != "https://www.chu-angers.fr" || a.CheckedOn != "2020-03-06" {
		t.Errorf("centre = %+v", a)
	}
	if len(a.Offers) != 3 || a.Offers[0].Origin != model.OfferDeclared || a.Offers[1].Origin != model.OfferIndicative || a.Offers[2].Reason != "offre habituelle d'un CHU, à confirmer" {
		t.Errorf("offers = %+v", a.Offers)
	}
	if a.Pos.Lat() != 47.48095 {
		t.Errorf("pos = %v", a.Pos)
	}
	b := d.Centres[1]
	if b.Pos != testGeography().communes["49099"].Pos || b.Phone != "02 41 49 60 00" {
		t.Errorf("centre = %+v", b)
	}
	if d.Date != "2026-11-01" || !strings.HasPrefix(d.Version, "csv-annuaire-") {
		t.Errorf("directory header = %q %q", d.Version, d.Date)
	}
	if f.Centres[0].INSEE != "49007" {
		t.Errorf("the file was not normalised: %+v", f.Centres[0])
	}
	// The spreadsheet dropped the phone number's leading zero: restored, and said.
	want := "annuaire.csv, ligne 2, colonne L (telephone) : attention, téléphone « 241353637 » complété en « 0241353637 » (le zéro initial avait été perdu, sans doute par un tableur)"
	if len(ps) != 1 || ps[0].String() != want {
		t.Errorf("problems:\n%v\nwant:\n%s", ps, want)
	}
}

// A JSON file saved by a Windows editor: BOM and CRLF. Positions still
// name the right line and column.
func TestJSONWithBOMAndCRLF(t *testing.T) {
	content := "\ufeff" + strings.ReplaceAll(jsonOf(`"phone": "12"`), "\n", "\r\n")
	_, _, ps := parseResolve("annuaire.json", content)
	want := "annuaire.json, ligne 6, colonne 14 (phone) : numéro de téléphone invalide « 12 » : 10 chiffres attendus, par exemple 02 41 35 36 37"
	if len(ps) != 1 || ps[0].String() != want {
		t.Errorf("got %v\nwant %s", ps, want)
	}
	_, d, ps := parseResolve("annuaire.json", "\ufeff"+strings.ReplaceAll(jsonOf(""), "\n", "\r\n"))
	if len(ps) != 0 || len(d.Centres) != 1 {
		t.Errorf("problems %v", ps)
	}
}
