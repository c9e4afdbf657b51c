package exchange

import (
	"strings"
	"testing"
)

// The test CSV's columns: A id, B nom, C statut, D code_postal, E commune,
// F insee, G latitude, H longitude, I finess, J telephone, K
// gestes_verifies, L gestes_indicatifs, M motif_indicatif, N source, O
// date_verification.
const testHeader = "id;nom;statut;code_postal;commune;insee;latitude;longitude;finess;telephone;gestes_verifies;gestes_indicatifs;motif_indicatif;source;date_verification"

// row is a valid centre; fields are replaced by column letter.
func row(set map[string]string) string {
	cols := []string{"chu-angers", "CHU d'Angers", "public", "49000", "Angers", "49007", "", "", "490000049",
		"02 41 35 36 37", "vertebroplastie", "", "", "FINESS", "2026-11-01"}
	for letter, v := range set {
		cols[letter[0]-'A'] = v
	}
	return strings.Join(cols, ";")
}

func csvOf(rows ...string) string { return testHeader + "\n" + strings.Join(rows, "\n") + "\n" }

// Every rejection the issue lists, and a few more, with the exact French
// message the user reads: file, line, column (letter and header in a CSV,
// character in JSON).
func TestProblems(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                []string
	}{
		{"unknown procedure", "annuaire.csv", csvOf(row(map[string]string{"K": "vertebroplasty"})), []string{
			"annuaire.csv, ligne 2, colonne K (gestes_verifies) : geste inconnu « vertebroplasty » ; vouliez-vous dire « vertebroplastie » ?"}},
		{"malformed postcode", "annuaire.csv", csvOf(row(map[string]string{"D": "490 00X"})), []string{
			"annuaire.csv, ligne 2, colonne D (code_postal) : code postal invalide « 49000X » : 5 chiffres attendus"}},
		{"postcode of another département", "annuaire.csv", csvOf(row(map[string]string{"D": "75015"})), []string{
			"annuaire.csv, ligne 2, colonne D (code_postal) : le code postal 75015 n'est pas dans le département de Angers (49)"}},
		{"FINESS check digit", "annuaire.csv", csvOf(row(map[string]string{"I": "490000048"})), []string{
			"annuaire.csv, ligne 2, colonne I (finess) : numéro FINESS « 490000048 » : la clé de contrôle (dernier chiffre) est fausse ; vérifiez le numéro"}},
		{"FINESS shape", "annuaire.csv", csvOf(row(map[string]string{"I": "49-0000049X"})), []string{
			"annuaire.csv, ligne 2, colonne I (finess) : numéro FINESS invalide « 49-0000049X » : 9 caractères attendus (2 pour le département, dont 2A et 2B, puis 7 chiffres)"}},
		{"coordinates outside France", "annuaire.csv", csvOf(row(map[string]string{"G": "51,5074", "H": "-0,1278"})), []string{
			"annuaire.csv, ligne 2, colonne G (latitude) : coordonnées hors de France (latitude 51.5074, longitude -0.1278)"}},
		{"latitude and longitude swapped", "annuaire.csv", csvOf(row(map[string]string{"G": "-0.5541", "H": "47.4784"})), []string{
			"annuaire.csv, ligne 2, colonne G (latitude) : coordonnées hors de France (latitude -0.5541, longitude 47.4784) : latitude et longitude inversées ?"}},
		{"latitude alone", "annuaire.csv", csvOf(row(map[string]string{"G": "47.4784"})), []string{
			"annuaire.csv, ligne 2, colonne G (latitude) : latitude sans longitude : donnez les deux, ou aucune"}},
		{"duplicate centre", "annuaire.csv", csvOf(row(nil), row(map[string]string{"I": ""})), []string{
			"annuaire.csv, ligne 3, colonne A (id) : centre « chu-angers » en double (déjà ligne 2)",
			"annuaire.csv, ligne 3, colonne B (nom) : attention, même nom et même commune que le centre de la ligne 2 : doublon ?"}},
		{"duplicate FINESS", "annuaire.csv", csvOf(row(nil), row(map[string]string{"A": "chu-angers-2", "B": "Autre"})), []string{
			"annuaire.csv, ligne 3, colonne I (finess) : numéro FINESS 490000049 déjà donné au centre « chu-angers » : un établissement ne figure qu'une fois"}},
		{"not UTF-8", "annuaire.csv", csvOf(row(nil), "h\xf4pital;H\xf4pital;public;49000;Angers;49007;;;;;;;;FINESS;2026-11-01"), []string{
			"annuaire.csv, ligne 3, colonne 2 : le fichier n'est pas encodé en UTF-8 (octet 0xF4 illisible, « ô » en Windows-1252) ; enregistrez-le en UTF-8 (dans un tableur : « CSV UTF-8 »)"}},
		{"UTF-16", "annuaire.csv", "\xff\xfei\x00d\x00", []string{
			"annuaire.csv, ligne 1 : le fichier est encodé en UTF-16 ; enregistrez-le en UTF-8 (dans un tableur : « CSV UTF-8 »)"}},
		{"indicative without reason", "annuaire.csv", csvOf(row(map[string]string{"L": "embolisation-varicocele"})), []string{
			"annuaire.csv, ligne 2, colonne M (motif_indicatif) : le geste indicatif « embolisation-varicocele » n'a pas de motif : dites pourquoi il est supposé (par exemple « offre habituelle d'un CHU, à confirmer »)"}},
		{"procedure twice", "annuaire.csv", csvOf(row(map[string]string{"K": "vertebroplastie", "L": "vertebroplastie", "M": "supposé"})), []string{
			"annuaire.csv, ligne 2, colonne L (gestes_indicatifs) : geste « vertebroplastie » en double pour ce centre"}},
		{"unknown INSEE", "annuaire.csv", csvOf(row(map[string]string{"F": "49998"})), []string{
			"annuaire.csv, ligne 2, colonne F (insee) : code INSEE « 49998 » inconnu : aucune commune actuelle ne porte ce code"}},
		{"overseas collectivity", "annuaire.csv", csvOf(row(map[string]string{"D": "97500", "E": "Saint-Pierre", "F": "", "I": ""})), []string{
			"annuaire.csv, ligne 2, colonne E (commune) : Saint-Pierre (97502) est dans une collectivité d'outre-mer (975) que la carte ne couvre pas"}},
		{"commune not found", "annuaire.csv", csvOf(row(map[string]string{"E": "Nulle-Part", "F": "", "D": "49300", "I": ""})), []string{
			"annuaire.csv, ligne 2, colonne E (commune) : attention, commune « Nulle-Part » introuvable telle quelle ; rattachée à Cholet (49099) d'après le code postal 49300"}},
		{"bad phone", "annuaire.csv", csvOf(row(map[string]string{"J": "02 41 35"})), []string{
			"annuaire.csv, ligne 2, colonne J (telephone) : numéro de téléphone invalide « 02 41 35 » : 10 chiffres attendus, par exemple 02 41 35 36 37"}},
		{"bad date", "annuaire.csv", csvOf(row(map[string]string{"O": "31/02/2026"})), []string{
			"annuaire.csv, ligne 2, colonne O (date_verification) : date de vérification invalide « 31/02/2026 » : AAAA-MM-JJ ou JJ/MM/AAAA attendu"}},
		{"unknown sector", "annuaire.csv", csvOf(row(map[string]string{"C": "mutualiste"})), []string{
			"annuaire.csv, ligne 2, colonne C (statut) : statut inconnu « mutualiste » : « public », « privé » ou « ESPIC » attendu"}},
		{"reserved id", "annuaire.csv", csvOf(row(map[string]string{"A": "cabinet-x"})), []string{
			"annuaire.csv, ligne 2, colonne A (id) : identifiant « cabinet-x » réservé : les identifiants commençant par « cabinet- » désignent les centres ajoutés par un cabinet"}},
		{"missing column", "annuaire.csv", "id;nom;commune\nx;y;Angers\n", []string{
			"annuaire.csv, ligne 1 : colonne « statut » absente de l'en-tête",
			"annuaire.csv, ligne 1 : colonne « source » absente de l'en-tête",
			"annuaire.csv, ligne 1 : colonne « date_verification » absente de l'en-tête"}},
		{"stray quote", "annuaire.csv", csvOf(row(map[string]string{"B": `CHU "d'Angers`})), []string{
			`annuaire.csv, ligne 2 : guillemet mal placé (caractère 16) : une valeur qui contient des guillemets doit être entourée de guillemets, et les siens doublés ("")`}},
		{"too many columns", "annuaire.csv", csvOf(row(map[string]string{"B": "CHU d'Angers;Larrey"})), []string{
			"annuaire.csv, ligne 2 : 16 colonnes au lieu de 15 (une valeur contient-elle le séparateur « ; » sans guillemets ?)"}},
		{"JSON unknown field", "annuaire.json", jsonOf(`"telephone": "0241353637"`), []string{
			"annuaire.json, ligne 6, colonne 5 (telephone) : champ inconnu « telephone »"}},
		{"JSON misspelt field", "annuaire.json", jsonOf(`"finnes": "490000049"`), []string{
			"annuaire.json, ligne 6, colonne 5 (finnes) : champ inconnu « finnes » ; vouliez-vous dire « finess » ?"}},
		{"JSON number for a code", "annuaire.json", jsonOf(`"postcode": 49000`), []string{
			"annuaire.json, ligne 6, colonne 17 (postcode) : texte entre guillemets attendu, trouvé le nombre 49000 (un code garde ainsi ses zéros initiaux)"}},
		{"JSON syntax", "annuaire.json", jsonOf(`"address": "4 rue Larrey",,`), []string{
			"annuaire.json, ligne 6, colonne 31 : syntaxe JSON incorrecte : « , » trouvé, un nom de champ entre guillemets attendu"}},
		{"JSON truncated", "annuaire.json", strings.TrimSuffix(jsonOf(""), "  ]\n}\n"), []string{
			"annuaire.json, ligne 9, colonne 1 : fin de fichier inattendue (accolade ou crochet non fermé ?)"}},
		{"JSON duplicate key", "annuaire.json", jsonOf(`"name": "Autre"`), []string{
			"annuaire.json, ligne 6, colonne 5 (name) : clé « name » en double dans le même objet"}},
		{"JSON coordinates as text", "annuaire.json", jsonOf(`"latitude": "47.47", "longitude": -0.55`), []string{
			`annuaire.json, ligne 6, colonne 17 (latitude) : nombre attendu sans guillemets (par exemple 47.4809), trouvé "47.47"`}},
		{"JSON wrong format", "annuaire.json", strings.Replace(jsonOf(""), FormatID, "atlasri-annuaire/9", 1), []string{
			"annuaire.json, ligne 1, colonne 12 (format) : format « atlasri-annuaire/9 » inconnu de cette version d'Atlas RI (« atlasri-annuaire/2 » attendu) : installez la dernière version"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, ps := parseResolve(tt.file, tt.content)
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// jsonOf is a valid one-centre JSON file with extra fields on line 6.
func jsonOf(extra string) string {
	if extra != "" {
		extra = "\n    " + extra + ","
	}
	return `{"format": "` + FormatID + `", "version": "2027.1", "date": "2026-11-30",
  "centres": [
   {
    "id": "chu-angers",
    "name": "CHU d'Angers",` + extra + `
    "sector": "public", "insee": "49007", "source": "FINESS", "checked_on": "2026-11-01",
    "offers": [{"procedure": "vertebroplastie", "origin": "declare"}]
   }
  ]
}
`
}

func TestJSONFixtureIsValid(t *testing.T) {
	_, d, ps := parseResolve("annuaire.json", jsonOf(""))
	if len(ps) != 0 || len(d.Centres) != 1 || d.Centres[0].Commune != "Angers" {
		t.Fatalf("problems %v, directory %+v", ps, d)
	}
}
