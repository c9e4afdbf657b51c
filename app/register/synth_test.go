package register

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"atlasri/app/mapproj"

	"github.com/paulmach/orb"
)

// Synthetic feeds, in the register's shape (modelled on the published
// sample's one AMM record, at egeId 314): the fixtures of the tests and
// the national-scale pair of the benchmark. Nothing in them is a real
// establishment: names say « SYNTHÉTIQUE », FINESS numbers are made up
// (and checked absent from the register's extract), and the top of each
// file says so.

// Warning opens every synthetic feed.
const syntheticWarning = "Données synthétiques, construites pour les tests d'Atlas RI sur le modèle de l'échantillon publié du registre FINESS+ : " +
	"aucun de ces établissements, numéros FINESS ou autorisations n'existe."

// sActivity is one authorised activity of a synthetic feed.
type sActivity struct {
	id, state, number, start, end, lapse string
	nature                               string // AMM, ASMR, AMF…
	amm                                  [5]string
}

// sSite is one site: its activities and what the structures feed says of it.
type sSite struct {
	ege, finess, name, category string
	insee, postcode, city, line string
	lat, lon                    float64
	noWGS, noLambert            bool
	// lambertShift moves the Lambert-93 position off the WGS84 one (metres north).
	lambertShift float64
	closed       string // dateFermeture
	state        string // etatObjet of the site, "" for A
	inStructures bool
	// finessInActivities, when set, is the number the activities feed
	// gives the site (another egeId points at it in structures).
	activitiesEge string
	acts          []sActivity
}

// sEntity is one legal entity.
type sEntity struct {
	pm, finess, status string
	held               []sActivity // held without a site
	sites              []sSite
}

func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (a sActivity) json(ege, authID string) map[string]any {
	state := a.state
	if state == "" {
		state = "A"
	}
	spec := map[string]any{"aaSoinAmmId": "1", "activiteAeId": a.id, "appareil": []any{}}
	if a.nature == "AMM" {
		spec["typeActiviteAMM"] = map[string]any{"activiteAMM": a.amm[0], "modaliteAMM": a.amm[1], "mentionAMM": a.amm[2], "ptsAMM": a.amm[3], "declarationAMM": a.amm[4]}
	} else {
		spec = map[string]any{"activiteAeId": nil, "typeActiviteASMR": map[string]any{"activiteSocialeRegulee": "176", "modeFonctionnement": "11", "public": "010"}}
	}
	return map[string]any{
		"caracteristiquesGeneriques": map[string]any{
			"activiteAeId": a.id, "etatObjet": state, "identifiantAutorisation": null(authID), "numAutorisationArhgos": null(a.number),
			"dateDebutActiviteAutorisee": null(a.start), "dateFinActiviteAutorisee": null(a.end), "dateFinEffectiveActivite": nil,
			"dateCaduciteAutorisation": null(a.lapse), "egeId": null(ege), "typeActiviteSMSSE": "445",
		},
		"nature": map[string]any{"codeNature": a.nature, "caracteristiquesSpecifiques": spec},
		"evenement": []any{map[string]any{"evenementId": "9" + a.id, "dateEnregistrement": "2026-01-21 14:36:15", "dateEvenement": a.start,
			"etatObjet1": "010", "identifiantObjet1": a.id, "identifiantObjet2": ege, "systemeMaitre": "02", "typeObjet1": "AC", "typeObjet2": "EG", "codeEvenement": "010"}},
		"engagement": []any{}, "capacite": []any{}, "zoneIntervention": nil,
	}
}

// writeActivities writes the activities feed of the entities.
func writeActivities(w io.Writer, generatedAt string, pretty bool, entities func(yield func(sEntity) bool)) error {
	head := fmt.Sprintf("{\n  \"_avertissement\" : %q,\n  \"schemaVersion\" : \"v1.0.0\",\n  \"generatedAt\" : %q,\n  \"pmej\" : [ ", syntheticWarning, generatedAt)
	return writeFeed(w, head, pretty, entities, func(e sEntity) any {
		held := []any{}
		var sites []any
		for _, s := range e.sites {
			ege := s.ege
			if s.activitiesEge != "" {
				ege = s.activitiesEge
			}
			var acts []any
			for _, a := range s.acts {
				pmAct := a
				pmAct.id = "1" + a.id
				held = append(held, pmAct.json("", ""))
				acts = append(acts, a.json(ege, pmAct.id))
			}
			sites = append(sites, map[string]any{"egeId": ege, "numFinessEge": s.finess, "activitesExercees": acts})
		}
		for _, a := range e.held {
			held = append(held, a.json("", ""))
		}
		return map[string]any{"numFiness": e.finess, "pmSmsseId": e.pm, "activitesAutorisees": held, "ege": sites}
	})
}

// writeStructures writes the structures feed of the entities' sites that
// are in it.
func writeStructures(w io.Writer, generatedAt string, pretty bool, entities func(yield func(sEntity) bool)) error {
	head := fmt.Sprintf("{\n  \"_avertissement\" : %q,\n  \"schemaVersion\" : \"v1.0.0\",\n  \"generatedAt\" : %q,\n  \"gcc\" : [ ],\n  \"gco\" : [ ],\n  \"pmej\" : [ ", syntheticWarning, generatedAt)
	return writeFeed(w, head, pretty, entities, func(e sEntity) any {
		var sites []any
		for _, s := range e.sites {
			if !s.inStructures {
				continue
			}
			geo := map[string]any{"cleInInteropBAN": nil, "scoreBAN": "0.95"}
			if !s.noWGS {
				geo["directionLatitude"] = strconv.FormatFloat(s.lat, 'f', 6, 64)
				geo["directionLongitude"] = strconv.FormatFloat(s.lon, 'f', 6, 64)
			}
			if !s.noLambert {
				p := mapproj.Lambert93.Forward(orb.Point{s.lon, s.lat})
				// The register's fields are swapped: X holds the northing.
				geo["coordonneeX"] = strconv.FormatFloat(p[1]+s.lambertShift, 'f', 2, 64)
				geo["coordonneeY"] = strconv.FormatFloat(p[0], 'f', 2, 64)
			}
			state := s.state
			if state == "" {
				state = "A"
			}
			sites = append(sites, map[string]any{
				"informationsGeneralesEGE": map[string]any{"egeId": s.ege, "dateOuverture": "2001-01-01", "dateFermeture": null(s.closed),
					"nomEgeCourt": s.name, "nomEgeLong": s.name, "numFinessEge": s.finess, "espic": []string{"0"}},
				"categorieentiteGeographiqueExercice": s.category, "modefixationtarifaire": "03",
				"adresse": []any{map[string]any{"usageAdresse": "03", "cogCommune": s.insee, "codePostal": s.postcode,
					"ligneAcheminement": s.city, "ligneQuatre": null(s.line), "coordonneesGeographique": geo}},
				"contact": []any{}, "engagement": []any{}, "evenement": []any{}, "roleEge": []any{}, "etatObjet": state,
			})
		}
		return map[string]any{
			"informationsGeneralesPMEJ": map[string]any{"pmSmsseId": e.pm, "numFinessPm": e.finess, "statutJuridique": e.status,
				"denominationPm": "ENTITE JURIDIQUE SYNTHETIQUE " + e.pm},
			"etatObjet": "A", "ege": sites,
		}
	})
}

// writeFeed writes a feed: its head, then the list of the entities'
// elements, one a line, then its end.
func writeFeed(w io.Writer, head string, pretty bool, entities func(yield func(sEntity) bool), element func(sEntity) any) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(head)
	first := true
	var err error
	entities(func(e sEntity) bool {
		b, e2 := marshal(pretty, element(e))
		if e2 != nil {
			err = e2
			return false
		}
		if !first {
			bw.WriteString(", ")
		}
		first = false
		bw.Write(b)
		bw.WriteString("\n")
		return true
	})
	if err != nil {
		return err
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// ri is the coded form of an RI authorisation: mention and practice codes.
func ri(mention, pts string) [5]string { return [5]string{"QA030", "MO000", mention, pts, "DE000"} }

// marshal writes an element compact (the benchmark's national files) or
// indented (the fixtures, read by people).
func marshal(pretty bool, v any) ([]byte, error) {
	if pretty {
		return json.MarshalIndent(v, "  ", "  ")
	}
	return json.Marshal(v)
}
