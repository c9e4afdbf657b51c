package search

import "fmt"

// Message is a sentence for the GP about a result: its Format, in French,
// filled with Args. The window translates Format (its translation key)
// before filling it in; the command line prints String.
type Message struct {
	Format string
	Args   []any
}

// String is the message in French.
func (m Message) String() string { return fmt.Sprintf(m.Format, m.Args...) }

// The messages of a search, in French.
const (
	MsgOutsideTerritory = "Aucun centre du territoire « %s » ne correspond à la recherche : les centres indiqués sont les plus proches, hors du territoire."
	MsgNoneInRadius     = "Aucun centre à moins de %s km " + StraightLine + " : voici les plus proches au-delà."
	MsgAllAcrossSea     = "Les centres les plus proches sont de l'autre côté de la mer : les distances sont " + StraightLine +
		", le trajet (bateau, avion ou pont) est plus long."
	MsgNearestAcrossSea = "Le centre le plus proche est de l'autre côté de la mer (n° %s) : les distances sont " + StraightLine +
		", le trajet (bateau, avion ou pont) est plus long."
	// MsgNoRegister says why the « autorisés » filter finds nothing in a
	// directory built without the register of authorisations.
	MsgNoRegister = "Aucun centre de l'annuaire installé n'a d'autorisation ARS enregistrée : " +
		"cet annuaire ne contient pas le registre des autorisations (annuaire de démonstration ?)."
	MsgSomeAcrossSea = "Les centres n° %s sont de l'autre côté de la mer : leur distance " + StraightLine + " ne compte pas la traversée."
)

// MessageFormats lists every message format, for the translations' tests.
func MessageFormats() []string {
	return []string{MsgOutsideTerritory, MsgNoneInRadius, MsgAllAcrossSea, MsgNearestAcrossSea, MsgSomeAcrossSea, MsgNoRegister}
}
