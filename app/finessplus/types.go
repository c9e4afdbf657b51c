package finessplus

import "io"

// The parts of the feeds Atlas RI reads. Everything else (events,
// commitments, capacities, intervention zones…) is decoded past and
// dropped with its legal entity.

// Activity is one authorised activity: held by a legal entity
// (activitesAutorisees) or exercised at one of its sites
// (activitesExercees, which points at the former by IdentifiantAutorisation).
type Activity struct {
	Generic struct {
		ActiviteAeID            Str `json:"activiteAeId"`
		EtatObjet               Str `json:"etatObjet"`
		IdentifiantAutorisation Str `json:"identifiantAutorisation"`
		NumAutorisationArhgos   Str `json:"numAutorisationArhgos"`
		DateDebut               Str `json:"dateDebutActiviteAutorisee"`
		DateFin                 Str `json:"dateFinActiviteAutorisee"`
		DateFinEffective        Str `json:"dateFinEffectiveActivite"`
		DateCaducite            Str `json:"dateCaduciteAutorisation"`
		EgeID                   Str `json:"egeId"`
		TypeActiviteSMSSE       Str `json:"typeActiviteSMSSE"`
	} `json:"caracteristiquesGeneriques"`
	Nature struct {
		Code     Str `json:"codeNature"`
		Specific struct {
			AMM *AMM `json:"typeActiviteAMM"`
		} `json:"caracteristiquesSpecifiques"`
	} `json:"nature"`
}

// AMM is the coded form of an activity of care (« activité de soins »)
// in the 2022 nomenclature: activity, modality, mention, specific
// therapeutic practice and declaration (TRE_R381 to TRE_R385).
type AMM struct {
	Activity    Str `json:"activiteAMM"`
	Modality    Str `json:"modaliteAMM"`
	Mention     Str `json:"mentionAMM"`
	Practice    Str `json:"ptsAMM"`
	Declaration Str `json:"declarationAMM"`
}

// Code is the five parts joined as the nomenclature TRE_R392 writes
// them: AMM/QA030/MO000/ME047/PTS00/DE000.
func (a AMM) Code() string {
	return "AMM/" + string(a.Activity) + "/" + string(a.Modality) + "/" + string(a.Mention) + "/" + string(a.Practice) + "/" + string(a.Declaration)
}

// EntityActivities is one legal entity of the activities feed, with the
// activities it holds and those its sites exercise.
type EntityActivities struct {
	NumFiness  Str              `json:"numFiness"`
	PmSmsseID  Str              `json:"pmSmsseId"`
	Authorised []Activity       `json:"activitesAutorisees"`
	Sites      []SiteActivities `json:"ege"`
}

// SiteActivities is one site (« entité géographique ») of the activities
// feed.
type SiteActivities struct {
	EgeID     Str        `json:"egeId"`
	NumFiness Str        `json:"numFinessEge"`
	Exercised []Activity `json:"activitesExercees"`
}

// Entity is one legal entity of the structures feed, with its sites.
type Entity struct {
	Info struct {
		PmSmsseID       Str `json:"pmSmsseId"`
		NumFiness       Str `json:"numFinessPm"`
		Name            Str `json:"denominationPm"`
		StatutJuridique Str `json:"statutJuridique"`
	} `json:"informationsGeneralesPMEJ"`
	EtatObjet Str    `json:"etatObjet"`
	Sites     []Site `json:"ege"`
}

// Site is one site (« entité géographique ») of the structures feed.
type Site struct {
	Info struct {
		EgeID         Str   `json:"egeId"`
		NumFiness     Str   `json:"numFinessEge"`
		ShortName     Str   `json:"nomEgeCourt"`
		LongName      Str   `json:"nomEgeLong"`
		DateOuverture Str   `json:"dateOuverture"`
		DateFermeture Str   `json:"dateFermeture"`
		ESPIC         []Str `json:"espic"`
	} `json:"informationsGeneralesEGE"`
	Category  Str       `json:"categorieentiteGeographiqueExercice"`
	EtatObjet Str       `json:"etatObjet"`
	Addresses []Address `json:"adresse"`
	Contacts  []Contact `json:"contact"`
}

// Address is a postal address with its geolocation.
type Address struct {
	Usage       Str  `json:"usageAdresse"` // 03: the site's own
	Number      Str  `json:"numeroVoie"`
	StreetType  Str  `json:"typeVoie"`
	Street      Str  `json:"libelleVoie"`
	Locality    Str  `json:"lieuDit"`
	Complement  Str  `json:"complementPointGeographique"`
	INSEE       Str  `json:"cogCommune"`
	CityLabel   Str  `json:"ligneAcheminement"`
	Line4       Str  `json:"ligneQuatre"` // number and street as La Poste writes them
	Postcode    Str  `json:"codePostal"`
	Geolocation *Geo `json:"coordonneesGeographique"`
}

// Geo is a position, given twice: in WGS84 degrees, and in Lambert-93
// metres where, against the names, coordonneeX is the northing and
// coordonneeY the easting.
type Geo struct {
	Northing Str `json:"coordonneeX"`
	Easting  Str `json:"coordonneeY"`
	Lat      Str `json:"directionLatitude"`
	Lon      Str `json:"directionLongitude"`
	BANKey   Str `json:"cleInInteropBAN"`
	BANScore Str `json:"scoreBAN"`
}

// Contact is a way to reach a structure.
type Contact struct {
	Type struct {
		Role Str `json:"roleContact"`
	} `json:"typeContact"`
	Telecom struct {
		Phone Str `json:"telephone"`
		Fax   Str `json:"telecopie"`
	} `json:"telecom"`
}

// ReadActivities streams the « FINESS – Activités » feed, handing each
// legal entity to fn with the line where it starts. fn's error stops the
// reading and is returned as is.
func ReadActivities(r io.Reader, name string, fn func(e EntityActivities, line int) error) (Header, error) {
	return stream(r, name, "pmej", fn)
}

// ReadStructures streams the « FINESS – Structures » feed, handing each
// legal entity (with its sites) to fn with the line where it starts.
func ReadStructures(r io.Reader, name string, fn func(e Entity, line int) error) (Header, error) {
	return stream(r, name, "pmej", fn)
}
