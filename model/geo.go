package model

import "github.com/paulmach/orb"

// Departement is one of the 101 French départements (96 metropolitan,
// 5 overseas), with the simplified outline the map draws.
type Departement struct {
	Code       string // INSEE code: "49", "2A", "971"
	Name       string
	RegionCode string
	RegionName string
	Label      orb.Point        // a point inside the outline, for labels
	Shape      orb.MultiPolygon // WGS84 lon/lat
	// Land gives, for each polygon of Shape, the landmass it belongs to:
	// polygons joined by land (or by a channel a few hundred metres wide)
	// share an id across départements, so that two points on different
	// landmasses are across the sea from each other. Ids are only
	// compared, never shown.
	Land []int
}

// Overseas reports whether the département is one of the five DROM,
// which the map draws as insets at their own scale.
func (d Departement) Overseas() bool { return len(d.Code) == 3 }

// CommuneKind tells a current commune from a municipal arrondissement of
// Paris, Lyon or Marseille, which the geography keeps for finer positions.
type CommuneKind string

// Commune kinds.
const (
	KindCommune        CommuneKind = "commune"
	KindArrondissement CommuneKind = "arrondissement"
)

// Commune is a current French commune (or a municipal arrondissement).
type Commune struct {
	INSEE      string
	Name       string
	Dept       string
	Kind       CommuneKind
	Parent     string // INSEE code of the parent commune, for arrondissements
	Postcodes  []string
	Population int
	Pos        orb.Point // lon/lat
	// Approx is true when no gazetteer entry located the commune itself and
	// its position was derived (see PosSource); the interface says so.
	Approx    bool
	PosSource string
}

// PosNone is the PosSource of a commune that no source locates (a few
// communes of the overseas collectivities): it has no position at all.
const PosNone = "none"

// Located reports whether the commune has a position.
func (c Commune) Located() bool { return c.PosSource != PosNone }

// Collectivite is an overseas collectivity (Saint-Pierre-et-Miquelon,
// Polynésie française...): it has communes but is not a département and
// has no outline on the map.
type Collectivite struct {
	Code string
	Name string
}

// PostcodeSource says which list a postcode-commune pair comes from.
type PostcodeSource string

// Postcode sources: Etalab's decoupage-administratif (built from La Poste's
// base officielle des codes postaux), the codes-postaux package (built from
// INSEE's COG and the DGFiP's FIMOCT, which adds special distribution codes
// such as 34295), or both.
const (
	PostcodeDecoupage    PostcodeSource = "decoupage"
	PostcodeCodesPostaux PostcodeSource = "codes-postaux"
	PostcodeBoth         PostcodeSource = "both"
)

// Postcode links one postcode to one commune it serves.
type Postcode struct {
	Code   string
	INSEE  string
	Name   string
	Source PostcodeSource
}
