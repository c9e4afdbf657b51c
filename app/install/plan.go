package install

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"atlasri/app/exchange"
	"atlasri/app/update"
	"atlasri/model"
)

// Request is one file to install.
type Request struct {
	Name string // the file's name as given, for messages and the history
	Data []byte
	// Force installs a package older than the installed one, or an unsigned
	// file over a signed directory.
	Force bool
	// Keys are the trusted keys; nil means the federation's keys built in.
	Keys *update.Keyring
	Now  time.Time
}

// Plan is what installing a file would do, worked out without changing
// anything: a dry run prints it.
type Plan struct {
	Name      string
	Origin    string // OriginPackage or OriginImport
	Kind      exchange.Kind
	Manifest  *update.Manifest // for a package
	Directory model.Directory
	Warnings  exchange.Problems
	Installed model.DirectoryInfo
	Changes   model.Changes
	// Orphans are the notes and favourites whose centre would no longer be
	// in the directory; they are kept and shown as orphaned.
	Orphans model.Orphans
	// Refusal says why the install needs --force ("" when it does not).
	Refusal string
	// UpToDate is set when this very package is already installed.
	UpToDate bool

	stored       []byte // annuaire.json to write
	storedBefore string // annuaire.json's hash when the plan was made
	force        bool
	now          time.Time
}

// RejectError is a file that cannot be installed: every problem found,
// with file, line and column.
type RejectError struct {
	Problems exchange.Problems
}

func (e *RejectError) Error() string {
	return fmt.Sprintf("fichier refusé (%d erreurs) :\n%s", e.Problems.Errors(), e.Problems.Error())
}

// Prepare reads and checks a file against the open data folder (its
// reference database and the practice's notes) and works out what
// installing it would change. Nothing is written.
func Prepare(dataDir string, ref model.ReferenceReader, notes model.NoteStore, req Request) (*Plan, error) {
	if req.Now.IsZero() {
		req.Now = time.Now()
	}
	p := &Plan{Name: filepath.Base(req.Name), Origin: OriginImport, force: req.Force, now: req.Now}
	prov := exchange.Provenance{File: p.Name, SHA256: exchange.FileSHA256(req.Data), InstalledAt: req.Now.UTC().Format(time.RFC3339), Force: req.Force}
	payload, payloadName, err := p.unpack(req, &prov)
	if err != nil {
		return nil, err
	}
	// The geography loads from reference.db while the file is parsed.
	geoc := make(chan geoResult, 1)
	go func() {
		g, err := exchange.GeographyFromReference(ref)
		geoc <- geoResult{g, err}
	}()
	f, ps := exchange.Parse(payloadName, payload)
	gr := <-geoc
	if ps.Errors() > 0 {
		return nil, &RejectError{Problems: ps}
	}
	if gr.err != nil {
		return nil, gr.err
	}
	if p.Manifest != nil {
		if f.Kind != exchange.KindJSON || f.Version != p.Manifest.Version || f.Date != p.Manifest.Date {
			return nil, &RejectError{Problems: exchange.Problems{{File: payloadName, Message: fmt.Sprintf(
				"l'annuaire (version « %s » du %s) ne correspond pas au manifeste signé (version « %s » du %s)",
				f.Version, f.Date, p.Manifest.Version, p.Manifest.Date)}}}
		}
	}
	// The installed directory loads while the new one is checked.
	curc := make(chan centresResult, 1)
	go func() {
		cs, err := ref.Centres()
		curc <- centresResult{cs, err}
	}()
	d, rps := exchange.Resolve(f, gr.g, exchange.Options{Today: req.Now, SHA256: exchange.FileSHA256(payload)})
	ps = append(ps, rps...)
	if ps.Errors() == 0 {
		f.Provenance = &prov
		p.stored, err = exchange.MarshalJSON(f)
	}
	cur := <-curc
	switch {
	case ps.Errors() > 0:
		return nil, &RejectError{Problems: ps}
	case err != nil:
		return nil, err
	case cur.err != nil:
		return nil, cur.err
	}
	p.Kind, p.Directory, p.Warnings = f.Kind, d, ps
	if err := p.compare(dataDir, ref, notes, cur.centres); err != nil {
		return nil, err
	}
	p.policy()
	return p, nil
}

// unpack returns the directory file a request carries: the file itself,
// or the payload of a package whose signature checks out (the plan and
// the provenance then say so), with the name problems will cite.
func (p *Plan) unpack(req Request, prov *exchange.Provenance) (payload []byte, name string, err error) {
	payload, name = req.Data, p.Name
	isPackage := update.IsPackage(req.Data)
	if !isPackage && strings.EqualFold(filepath.Ext(p.Name), ".zip") {
		return nil, "", &RejectError{Problems: exchange.Problems{{File: p.Name, Message: "ce fichier porte le nom d'un paquet (.zip) mais n'est pas une archive zip : " +
			"un paquet de la fédération s'importe tel qu'il a été téléchargé ; un annuaire JSON ou CSV garde son extension .json ou .csv"}}}
	}
	if isPackage {
		keys := req.Keys
		if keys == nil {
			if keys, err = update.TrustedKeys(); err != nil {
				return nil, "", err
			}
		}
		m, body, err := update.Verify(req.Data, keys)
		if err != nil {
			return nil, "", &RejectError{Problems: exchange.Problems{{File: p.Name, Message: err.Error()}}}
		}
		p.Origin, p.Manifest, payload = OriginPackage, m, body
		name = p.Name + "/" + update.PayloadFile
		prov.Key = m.Key
	}
	prov.Origin = p.Origin
	return payload, name, nil
}

// compare fills what the plan would change against the installed
// directory: its description, the centres added, changed or removed, and
// the notes and favourites it would leave orphaned.
func (p *Plan) compare(dataDir string, ref model.DirectoryReader, notes model.NoteStore, installed []model.Centre) error {
	var err error
	if p.storedBefore, err = StoredHash(dataDir); err != nil {
		return err
	}
	if p.Installed, err = ref.DirectoryInfo(); err != nil {
		return err
	}
	p.Changes = Diff(installed, p.Directory.Centres)
	ids := make(map[string]bool, len(p.Directory.Centres))
	for _, c := range p.Directory.Centres {
		ids[c.ID] = true
	}
	p.Orphans, err = notes.Orphans(func(id string) bool { return ids[id] })
	return err
}

type geoResult struct {
	g   *exchange.Geography
	err error
}

type centresResult struct {
	centres []model.Centre
	err     error
}

// policy decides whether the install needs --force: a package must not
// take the directory back to an older version, an unsigned file must not
// silently replace the federation's signed directory, and no directory
// replaces an imported one of a later date. (The embedded demonstration
// directory gives way to any real one.) Removing most centres needs
// --force too: see Removal.
func (p *Plan) policy() {
	in := p.Installed
	var why []string
	if in.Origin == OriginPackage && p.Manifest == nil {
		why = append(why, fmt.Sprintf("l'annuaire installé (version %s du %s) est signé par la fédération ; le remplacer par un fichier non signé demande --force", in.Version, in.Date))
	}
	switch m := p.Manifest; {
	case m != nil && in.Origin == OriginPackage:
		switch c := update.Compare(m.Date, m.Version, in.Date, in.Version); {
		case c < 0:
			why = append(why, fmt.Sprintf("ce paquet (version %s du %s) est plus ancien que l'annuaire installé (version %s du %s) ; l'installer quand même demande --force", m.Version, m.Date, in.Version, in.Date))
		case c == 0 && in.SHA256 != "" && p.sameContent():
			p.UpToDate = true
		case c == 0:
			why = append(why, fmt.Sprintf("un annuaire de même version (%s du %s) mais de contenu différent est déjà installé ; le remplacer demande --force", m.Version, m.Date))
		}
	case (in.Origin == OriginPackage || in.Origin == OriginImport) && p.Directory.Date != "" && p.Directory.Date < in.Date:
		why = append(why, fmt.Sprintf("cet annuaire (version %s du %s) est plus ancien que l'annuaire installé (version %s du %s) ; l'installer quand même demande --force",
			p.Directory.Version, p.Directory.Date, in.Version, in.Date))
	}
	p.Refusal = strings.Join(why, " ; ")
}

// Removal says how many of the installed centres the plan removes, and
// whether that is most of an imported or signed directory: then the
// install needs --force on the command line and a distinct confirmation
// in the window. The embedded demonstration directory gives way to any
// real one, whose centres are all others (an empty one is refused by
// Resolve).
func (p *Plan) Removal() (removed, installed int, most bool) {
	removed = len(p.Changes.Removed)
	installed = len(p.Directory.Centres) - len(p.Changes.Added) + removed
	real := p.Installed.Origin == OriginImport || p.Installed.Origin == OriginPackage
	return removed, installed, real && installed > 0 && 2*removed > installed
}

// sameContent reports whether the directory is the one installed: the
// stored copy differs only by its provenance, so the centres are compared.
func (p *Plan) sameContent() bool { return p.Changes.Empty() }

// Blocked reports why Apply would refuse this plan without --force, or
// nil.
func (p *Plan) Blocked() error {
	if p.force {
		return nil
	}
	why := []string{}
	if p.Refusal != "" {
		why = append(why, p.Refusal)
	}
	if removed, installed, most := p.Removal(); most {
		why = append(why, fmt.Sprintf("cet annuaire retirerait %d des %d centres installés ; l'installer quand même demande --force", removed, installed))
	}
	if len(why) == 0 {
		return nil
	}
	return errors.New(strings.Join(why, " ; "))
}
