package publish

import (
	"fmt"
	"sort"
	"strings"

	"atlasri/app/install"
	"atlasri/model"
)

// Changes is what a new directory changes against the previous one, as
// the publisher reads it before signing.
type Changes struct {
	Added, Removed []model.Centre
	// Mention lists the sites whose authorisation changed, Procedures
	// those whose offers changed, Other those where something else did.
	Mention    []SiteChange
	Procedures []SiteChange
	Other      []SiteChange
}

// SiteChange is one site and what changed, in French.
type SiteChange struct {
	Centre model.Centre
	What   []string
}

// Compare lists what changed between two directories, site by site (by
// id), in id order.
func Compare(old, new model.Directory) Changes {
	before := map[string]model.Centre{}
	for _, c := range old.Centres {
		before[c.ID] = c
	}
	var ch Changes
	for _, c := range new.Centres {
		o, ok := before[c.ID]
		if !ok {
			ch.Added = append(ch.Added, c)
			continue
		}
		delete(before, c.ID)
		if m := install.MentionChange(o, c); m != "" {
			ch.Mention = append(ch.Mention, SiteChange{c, []string{m}})
		}
		if p := offerChanges(o, c); len(p) > 0 {
			ch.Procedures = append(ch.Procedures, SiteChange{c, p})
		}
		// The rest: the sites compared without their offers and
		// authorisations, which the sections above cover.
		bare := func(c model.Centre) []model.Centre {
			c.Offers, c.Authorisations = nil, nil
			return []model.Centre{c}
		}
		if d := install.Diff(bare(o), bare(c)).Changed; len(d) > 0 {
			ch.Other = append(ch.Other, SiteChange{c, d[0].Fields})
		}
	}
	for _, c := range before {
		ch.Removed = append(ch.Removed, c)
	}
	sort.Slice(ch.Removed, func(i, j int) bool { return ch.Removed[i].ID < ch.Removed[j].ID })
	return ch
}

// offerChanges says, per procedure, what changed in a site's offers:
// « + vertebroplastie (déclaré) », « − biopsie-osseuse (autorisation) »,
// « pose-picc-line : autorisation → déclaré ».
func offerChanges(old, new model.Centre) []string {
	was := map[string]model.Offer{}
	for _, o := range old.Offers {
		was[o.ProcedureID] = o
	}
	var out []string
	for _, o := range new.Offers {
		p, ok := was[o.ProcedureID]
		delete(was, o.ProcedureID)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("+ %s (%s)", o.ProcedureID, originWord(o.Origin)))
		case p.Origin != o.Origin:
			out = append(out, fmt.Sprintf("%s : %s → %s", o.ProcedureID, originWord(p.Origin), originWord(o.Origin)))
		case p.Review != o.Review && o.Review != "":
			out = append(out, fmt.Sprintf("%s : à vérifier (%s)", o.ProcedureID, o.Review))
		}
	}
	var gone []string
	for id, o := range was {
		gone = append(gone, fmt.Sprintf("− %s (%s)", id, originWord(o.Origin)))
	}
	sort.Strings(gone)
	return append(out, gone...)
}

// originWord is an origin in the diff's French: « déclaré »,
// « autorisation », « indicatif ».
func originWord(o model.OfferOrigin) string {
	if o == model.OfferDeclared {
		return "déclaré"
	}
	return string(o)
}

// Empty reports whether nothing changed.
func (ch Changes) Empty() bool {
	return len(ch.Added)+len(ch.Removed)+len(ch.Mention)+len(ch.Procedures)+len(ch.Other) == 0
}

// Text is the diff as the publisher reads it.
func (ch Changes) Text(old, new model.Directory) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Annuaire %s du %s, comparé à %s du %s\n", new.Version, model.DateFR(new.Date), old.Version, model.DateFR(old.Date))
	fmt.Fprintf(&b, "%d sites (%d avant) : %d ajoutés, %d retirés, %d mentions changées, %d offres changées, %d autres changements.\n",
		len(new.Centres), len(old.Centres), len(ch.Added), len(ch.Removed), len(ch.Mention), len(ch.Procedures), len(ch.Other))
	section := func(title string, n int) {
		if n > 0 {
			fmt.Fprintf(&b, "\n%s (%d)\n", title, n)
		}
	}
	site := func(c model.Centre) string {
		s := fmt.Sprintf("%s (%s, FINESS %s, %s)", c.Name, c.ID, c.FINESS, c.Commune)
		if a, ok := c.RIAuthorisation(); ok {
			s += " — " + a.MentionLabelFR()
		}
		return s
	}
	section("Sites ajoutés", len(ch.Added))
	for _, c := range ch.Added {
		fmt.Fprintf(&b, "  + %s\n", site(c))
	}
	section("Sites retirés", len(ch.Removed))
	for _, c := range ch.Removed {
		fmt.Fprintf(&b, "  − %s\n", site(c))
	}
	for _, s := range []struct {
		title string
		list  []SiteChange
	}{{"Mention changée", ch.Mention}, {"Gestes changés", ch.Procedures}, {"Autres changements", ch.Other}} {
		section(s.title, len(s.list))
		for _, x := range s.list {
			fmt.Fprintf(&b, "  ~ %s (%s, FINESS %s) : %s\n", x.Centre.Name, x.Centre.ID, x.Centre.FINESS, strings.Join(x.What, " ; "))
		}
	}
	if ch.Empty() {
		b.WriteString("\nAucun changement.\n")
	}
	return b.String()
}
