package publish

import (
	"fmt"
	"sort"
	"strings"

	"atlasri/model"
)

// ReportText is what the publisher reads before signing: the feeds and
// what was read in them, the sites kept, every record or site left out
// and why (grouped by reason, then one by one), what to check, the
// survey and the corrections. limit bounds the lines listed per group
// (0: all).
func (r *Result) ReportText(limit int) string {
	var b strings.Builder
	g := r.Register
	fmt.Fprintf(&b, "Flux « FINESS – Activités » %s du %s : %d entités juridiques, %d activités détenues, %d exercées sur leurs sites.\n",
		g.ActivitiesFeed, model.DateFR(g.Activities.Date()), g.Entities, g.Held, g.Exercised)
	fmt.Fprintf(&b, "Flux « FINESS – Structures » %s du %s : %d entités juridiques, %d sites.\n",
		g.StructuresFeed, model.DateFR(g.Structures.Date()), g.StructureEntities, g.Sites)
	fmt.Fprintf(&b, "Radiologie interventionnelle (%s) : %d autorisations lues, %d gardées, sur %d sites", model.ActivityRI, g.Matching, g.Kept, len(g.Authorised))
	if g.ByFINESS > 0 {
		fmt.Fprintf(&b, " (dont %d rattaché(s) par leur numéro FINESS, leur egeId manquant au flux Structures)", g.ByFINESS)
	}
	b.WriteString(".\n")
	counts := map[model.Mention]int{}
	offers := map[model.OfferOrigin]int{}
	review := 0
	for _, c := range r.Directory.Centres {
		if a, ok := c.RIAuthorisation(); ok {
			counts[a.Mention]++
		}
		for _, o := range c.Offers {
			offers[o.Origin]++
			if o.Review != "" {
				review++
			}
		}
	}
	fmt.Fprintf(&b, "Annuaire %s du %s : %d sites (mention A : %d, B : %d, C : %d, D : %d) ; gestes : %d autorisés par la mention, %d déclarés (%d à vérifier).\n",
		r.Directory.Version, model.DateFR(r.Directory.Date), len(r.Directory.Centres), counts[model.MentionA], counts[model.MentionB],
		counts[model.MentionC], counts[model.MentionD], offers[model.OfferAuthorised], offers[model.OfferDeclared], review)
	if len(r.Skipped) > 0 {
		fmt.Fprintf(&b, "\nÉcartés (%d) :\n", len(r.Skipped))
		byReason := map[string][]string{}
		for _, s := range r.Skipped {
			key := s.Kind
			if key == "" {
				key = "autres"
			}
			byReason[key] = append(byReason[key], s.String())
		}
		keys := make([]string, 0, len(byReason))
		for k := range byReason {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			list := byReason[k]
			fmt.Fprintf(&b, "  %s : %d\n", k, len(list))
			for i, l := range list {
				if limit > 0 && i == limit {
					fmt.Fprintf(&b, "    … et %d autres\n", len(list)-limit)
					break
				}
				fmt.Fprintf(&b, "    %s\n", l)
			}
		}
	}
	if len(r.Register.Warnings) > 0 || len(r.Warnings) > 0 {
		fmt.Fprintf(&b, "\nÀ vérifier (%d) :\n", len(r.Register.Warnings)+len(r.Warnings))
		for _, w := range r.Register.Warnings {
			fmt.Fprintf(&b, "  %s\n", w)
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "  %s\n", w)
		}
	}
	if s := r.Survey; s.Declared > 0 || len(s.Unknown) > 0 {
		fmt.Fprintf(&b, "\nEnquête : %d gestes déclarés (%d à la place d'un geste de la mention, %d nouveaux), %d au-delà de la mention du site :\n",
			s.Declared, s.Replaced, s.Added, len(s.Beyond))
		for _, x := range s.Beyond {
			fmt.Fprintf(&b, "  %s\n", x)
		}
	}
	if len(r.Corrections) > 0 {
		fmt.Fprintf(&b, "\nCorrections appliquées (%d) :\n", len(r.Corrections))
		for _, c := range r.Corrections {
			fmt.Fprintf(&b, "  %s\n", c)
		}
	}
	return b.String()
}
