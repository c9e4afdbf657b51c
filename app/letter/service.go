package letter

import (
	"encoding/json"
	"fmt"
	"time"

	"atlasri/app/practice"
	"atlasri/model"
)

// Options are the letter choices remembered from one letter to the next.
// They never hold anything about a patient; the history opt-in is asked
// again for every letter and is not remembered.
type Options struct {
	Request      []string `json:"request,omitempty"`
	PatientSheet bool     `json:"patient_sheet"`
	Printer      string   `json:"printer,omitempty"`
}

// Service is the letter use case for the window and the command line.
// Its methods may run on any goroutine.
type Service struct {
	Ref model.ReferenceReader
	// User holds the GP's identity and the letter options (settings), the
	// centres the practice added itself, and the letter history.
	User model.UserStore
	// Now gives the letter's date; time.Now when nil.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Draft prepares a letter to a centre of the directory or one the
// practice added itself; see NewDraft.
func (s *Service) Draft(centreID, procedureID string) (*Draft, error) {
	return NewDraft(withPracticeCentres{s.Ref, s.User}, centreID, procedureID)
}

// withPracticeCentres finds the practice's own centres ("cabinet-..."),
// kept in user.db, besides the directory's.
type withPracticeCentres struct {
	model.ReferenceReader
	own model.PracticeCentreStore
}

func (w withPracticeCentres) Centre(id string) (model.Centre, error) {
	if model.IsPracticeCentre(id) {
		return w.own.PracticeCentre(id)
	}
	return w.ReferenceReader.Centre(id)
}

// GP reads the GP's identity from the settings.
func (s *Service) GP() (practice.GP, error) { return practice.Load(s.User) }

// Compose checks the input against the draft and the GP's identity and
// returns the letter, dated today.
func (s *Service) Compose(d *Draft, in Input) (*Letter, error) {
	gp, err := s.GP()
	if err != nil {
		return nil, err
	}
	return Compose(d, gp, in, s.now())
}

// LastOptions returns the options of the previous letter, or the defaults
// (opinion and procedure asked, no sheet).
func (s *Service) LastOptions() (Options, error) {
	o := Options{Request: []string{RequestOpinion, RequestProcedure}}
	v, err := s.User.Setting(model.SettingLetterOptions)
	if err != nil || v == "" {
		return o, err
	}
	var saved Options
	if err := json.Unmarshal([]byte(v), &saved); err != nil {
		// A damaged preference is not worth stopping a letter for.
		return o, nil
	}
	return saved, nil
}

// Delivered is called once a letter was printed or saved: it remembers the
// options and, only if keep is true (the GP ticked "conserver dans
// l'historique"), records the letter in the history.
func (s *Service) Delivered(l *Letter, delivery string, opts Options, keep bool) error {
	if l.Incomplete {
		return ErrIncomplete
	}
	opts.Request = l.Input.Request
	raw, err := json.Marshal(opts)
	if err != nil {
		return err
	}
	if err := s.User.SetSetting(model.SettingLetterOptions, string(raw)); err != nil {
		return fmt.Errorf("mémorisation des options de la lettre : %w", err)
	}
	if !keep {
		return nil
	}
	content, err := json.Marshal(historyContent{GP: l.GP.DisplayName(), Date: l.Date.Format("2006-01-02"), Input: l.Input, Workup: l.Workup})
	if err != nil {
		return err
	}
	_, err = s.User.AddLetter(model.LetterRecord{
		SentAt: s.now(), Centre: l.Centre.ID, CentreName: l.Centre.Name,
		Procedure: l.Procedure.ID, ProcedureName: l.Procedure.NameFR,
		Delivery: delivery, Patient: l.PatientLine(), Content: content,
	})
	return err
}

// historyContent is what the history keeps of a letter's content.
type historyContent struct {
	GP     string       `json:"gp"`
	Date   string       `json:"date"`
	Input  Input        `json:"input"`
	Workup []WorkupItem `json:"workup"`
}
