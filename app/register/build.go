package register

import (
	"fmt"
	"strings"
	"time"

	"atlasri/app/exchange"
	"atlasri/model"
)

// Source is the register as the directory credits it.
const Source = "Registre national FINESS+ (ministère de la Santé, données publiées sous Licence Ouverte sur data.gouv.fr)"

// ActivitiesFeedName names the feed the authorisations come from.
const ActivitiesFeedName = "registre FINESS+ (flux « FINESS – Activités »)"

// CentreID is a register site's id in the directory: its FINESS number,
// which outlives a change of name, so that the practices' notes and
// favourites follow it.
func CentreID(finess string) string { return "finess-" + strings.ToLower(finess) }

// File makes the directory file of the authorised sites: each with its
// authorisations, and as offers the procedures its mention covers
// (origin « autorisation »), in catalogue order. It is checked by
// exchange.Resolve like any directory file (commune, postcode, phone,
// position), which is where Build's caller learns what it refuses.
func (res *Result) File(procs []model.Procedure, version string) *exchange.File {
	actDate, strDate := res.Activities.Date(), res.Structures.Date()
	if version == "" {
		version = "registre-" + strings.ReplaceAll(actDate, "-", "")
	}
	f := &exchange.File{Name: res.ActivitiesFeed, Kind: exchange.KindJSON, Format: exchange.FormatID, Version: version, Date: actDate,
		Source: fmt.Sprintf("%s : flux « FINESS – Activités » du %s et « FINESS – Structures » du %s", Source, model.DateFR(actDate), model.DateFR(strDate))}
	year := strDate
	if len(year) >= 4 {
		year = year[:4]
	}
	for i, s := range res.Authorised {
		c := exchange.Centre{ID: CentreID(s.FINESS), Name: s.Name, Category: CategoryOf(s.Category), Sector: string(s.Sector),
			FINESS: s.FINESS, Address: s.Address, Postcode: s.Postcode, CityLabel: s.CityLabel, INSEE: s.INSEE,
			Latitude: s.Lat, Longitude: s.Lon, PosNote: s.PosNote, Phone: s.Phone,
			ContactSource: "FINESS+ " + year, Source: f.Source, CheckedOn: actDate, Line: i + 1}
		var m model.Centre
		for _, r := range s.Records {
			a := model.Authorisation{Activity: model.ActivityRI, Mention: r.Mention, Practice: r.Practice, Number: r.Number,
				RegisterID: r.RegisterID, Start: r.Start, End: r.End, State: model.AuthorisationActive,
				Source: ActivitiesFeedName, FeedDate: actDate}
			m.Authorisations = append(m.Authorisations, a)
			c.Authorisations = append(c.Authorisations, exchange.Authorisation{Activity: a.Activity, Mention: string(a.Mention),
				Practice: string(a.Practice), Number: a.Number, RegisterID: a.RegisterID, Start: a.Start, End: a.End,
				State: a.State, Source: a.Source, FeedDate: a.FeedDate})
		}
		for _, p := range procs {
			cov := m.Coverage(p)
			if !cov.Covered {
				continue
			}
			src := "autorisation ARS, " + cov.Authorisation.MentionLabelFR()
			if cov.Authorisation.Number != "" {
				src += ", n° " + cov.Authorisation.Number
			}
			c.Offers = append(c.Offers, exchange.Offer{Procedure: p.ID, Origin: string(model.OfferAuthorised),
				Source: src + " (" + ActivitiesFeedName + " du " + model.DateFR(actDate) + ")", CheckedOn: actDate})
		}
		f.Centres = append(f.Centres, c)
	}
	return f
}

// Directory resolves a file of register sites against the geography and
// catalogue: the centres it cannot take (a commune the map does not cover,
// a position outside France…) are left out and reported as skipped, with
// the resolver's message; the others make the directory.
func (res *Result) Directory(f *exchange.File, g *exchange.Geography, today time.Time) (model.Directory, []Skip, exchange.Problems) {
	d, ps := exchange.Resolve(f, g, exchange.Options{Today: today})
	byLine := map[int]exchange.Centre{}
	for _, c := range f.Centres {
		byLine[c.Line] = c
	}
	var skipped []Skip
	var warnings exchange.Problems
	refused := map[int]bool{}
	for _, p := range ps {
		c, ok := byLine[p.Pos.Line]
		if p.Warning || !ok {
			warnings = append(warnings, p)
			continue
		}
		if !refused[p.Pos.Line] {
			refused[p.Pos.Line] = true
		}
		skipped = append(skipped, Skip{Feed: res.StructuresFeed, What: fmt.Sprintf("site %s (FINESS %s)", c.Name, c.FINESS),
			Kind: SkipRefused, Reason: fieldFR(p) + p.Message})
	}
	if len(refused) > 0 {
		kept := f.Centres[:0]
		for _, c := range f.Centres {
			if !refused[c.Line] {
				kept = append(kept, c)
			}
		}
		f.Centres = kept
	}
	return d, skipped, warnings
}

// fieldFR names the field a problem is about, for a skipped site.
func fieldFR(p exchange.Problem) string {
	if p.Pos.Field == "" {
		return ""
	}
	return p.Pos.Field + " : "
}
