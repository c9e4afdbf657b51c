package search

import (
	"sort"

	"atlasri/app/search/textq"
)

// What an index entry is, as a bit so that a search can keep some kinds.
type entryKind uint8

const (
	ekProcedure entryKind = 1 << iota
	ekFamily
	ekCommune // communes and municipal arrondissements
	ekDepartement
	ekCollectivite

	ekCatalogue = ekProcedure | ekFamily
	ekPlaces    = ekCommune | ekDepartement | ekCollectivite
	ekAll       = ekCatalogue | ekPlaces
)

// matchOpts says how a query is matched.
type matchOpts struct {
	// loose allows typos and completes the word being typed (Suggest);
	// otherwise every word must be found exactly (Locate).
	loose bool
	kinds entryKind
}

// scored is an entry matching every required word of a query.
type scored struct {
	entry int32
	// quality is the mean match quality of the required words (1 when all
	// are exact); cover the share of the entry's name words the query
	// covers (1 when the query is the whole name).
	quality, cover float32
	score          float32
	flags          uint8 // wf* facts over all words
}

// Per-word match facts kept in scratch.wflags.
const (
	wfName  = 1 << iota // matched a word of the name
	wfID                // matched an identifying code
	wfFirst             // the query's first word matched the name's first word
)

// scratch is one search's working memory, indexed by entry; stamps avoid
// clearing it between searches. A sync.Pool hands one to each caller, so
// concurrent searches never share it.
type scratch struct {
	gen, wgen uint32
	stamp     []uint32 // == gen: the entry is still a candidate
	count     []uint8  // required words matched so far
	sum       []float32
	names     []uint8 // query words matched on name words
	flags     []uint8 // wf* flags gathered over all words
	wstamp    []uint32
	wbest     []float32
	wflags    []uint8
	live      []int32
	touched   []int32
	out       []scored
	toks      [textq.MaxWords][]tokMatch
}

func newScratch(n int) *scratch {
	return &scratch{
		stamp: make([]uint32, n), count: make([]uint8, n), sum: make([]float32, n),
		names: make([]uint8, n), flags: make([]uint8, n),
		wstamp: make([]uint32, n), wbest: make([]float32, n), wflags: make([]uint8, n),
	}
}

func (s *scratch) nextGen() {
	s.gen++
	if s.gen == 0 {
		clear(s.stamp)
		s.gen = 1
	}
}

func (s *scratch) nextWord() {
	s.wgen++
	if s.wgen == 0 {
		clear(s.wstamp)
		s.wgen = 1
	}
}

// getScratch and putScratch lend working memory; results that match
// returns live in it until it is put back.
func (e *Engine) getScratch() *scratch  { return e.scratch.Get().(*scratch) }
func (e *Engine) putScratch(s *scratch) { e.scratch.Put(s) }

// wordPlan is one query word to match and what visiting its postings costs.
type wordPlan struct {
	i    int
	cost int
}

// match finds the entries matching q. Entries must match every required
// word (function words are optional), and at least one word must match
// their name or an identifying code: a département code alone does not
// designate each of its communes. The result is in s.
func (e *Engine) match(q textq.Query, opts matchOpts, s *scratch) []scored {
	if q.Empty() {
		return nil
	}
	required, optional, ok := e.plan(q, opts, s)
	if !ok {
		return nil
	}
	s.nextGen()
	s.live = s.live[:0]
	s.matchRequired(e.index, required, opts.kinds)
	s.matchOptional(e.index, optional, len(required))
	return s.score(e.index, len(required))
}

// plan looks every word up in the vocabulary (into s.toks) and orders the
// required words rarest first: the first bounds the candidates the others
// visit. ok is false when a required word matches nothing.
func (e *Engine) plan(q textq.Query, opts matchOpts, s *scratch) (required, optional []wordPlan, ok bool) {
	ix := e.index
	for i, w := range q.Words {
		if !opts.loose {
			w.Prefix = false
		}
		s.toks[i] = ix.lookup(w, opts.loose, s.toks[i])
		cost := 0
		for _, t := range s.toks[i] {
			cost += len(ix.postings(t.tok))
		}
		if w.Stop {
			optional = append(optional, wordPlan{i, cost})
			continue
		}
		if cost == 0 {
			return nil, nil, false
		}
		required = append(required, wordPlan{i, cost})
	}
	sort.SliceStable(required, func(a, b int) bool { return required[a].cost < required[b].cost })
	return required, optional, true
}

// matchRequired intersects the required words' postings: the first word
// makes the candidates, each next one keeps those it also matches.
func (s *scratch) matchRequired(ix *index, required []wordPlan, kinds entryKind) {
	for n, wp := range required {
		s.nextWord()
		s.touched = s.touched[:0]
		for _, tm := range s.toks[wp.i] {
			for _, p := range ix.postings(tm.tok) {
				en := p.entry
				if ix.entries[en].kind&kinds == 0 {
					continue
				}
				if n == 0 {
					if s.stamp[en] != s.gen {
						s.stamp[en] = s.gen
						s.count[en], s.sum[en], s.names[en], s.flags[en] = 0, 0, 0, 0
						s.live = append(s.live, en)
					}
				} else if s.stamp[en] != s.gen || int(s.count[en]) != n {
					continue
				}
				s.visit(en, p, tm.score, wp.i == 0)
			}
		}
		for _, en := range s.touched {
			s.count[en]++
			s.sum[en] += s.wbest[en]
			s.absorb(en)
		}
	}
}

// matchOptional lets the function words add to the candidates' facts
// (a name covered more fully) without removing any.
func (s *scratch) matchOptional(ix *index, optional []wordPlan, nRequired int) {
	for _, wp := range optional {
		s.nextWord()
		s.touched = s.touched[:0]
		for _, tm := range s.toks[wp.i] {
			for _, p := range ix.postings(tm.tok) {
				en := p.entry
				if s.stamp[en] == s.gen && int(s.count[en]) == nRequired {
					s.visit(en, p, tm.score, wp.i == 0)
				}
			}
		}
		for _, en := range s.touched {
			s.absorb(en)
		}
	}
}

// score keeps the candidates that matched every required word, one of
// them on the name or a code, and scores them.
func (s *scratch) score(ix *index, nRequired int) []scored {
	out := s.out[:0]
	for _, en := range s.live {
		if int(s.count[en]) != nRequired || s.flags[en]&(wfName|wfID) == 0 {
			continue
		}
		ent := &ix.entries[en]
		quality := s.sum[en] / float32(nRequired)
		cover := float32(1)
		if ent.nameWords > 0 {
			cover = min(1, float32(s.names[en])/float32(ent.nameWords))
		}
		sc := 4*quality + 1.5*cover + 0.6*ent.weight
		if s.flags[en]&wfFirst != 0 {
			sc += 0.3
		}
		out = append(out, scored{entry: en, quality: quality, cover: cover, score: sc, flags: s.flags[en]})
	}
	s.out = out
	return out
}

// visit records that entry en matches the current word through posting p.
func (s *scratch) visit(en int32, p posting, score float32, firstWord bool) {
	if s.wstamp[en] != s.wgen {
		s.wstamp[en] = s.wgen
		s.wbest[en] = 0
		s.wflags[en] = 0
		s.touched = append(s.touched, en)
	}
	if p.class == tokFilter {
		// A département code narrows the match at full quality but does
		// not count as naming the entry.
		s.wbest[en] = max(s.wbest[en], score)
		return
	}
	s.wbest[en] = max(s.wbest[en], score)
	if p.class == tokName {
		s.wflags[en] |= wfName
		if firstWord && p.pos == 0 {
			s.wflags[en] |= wfFirst
		}
	} else {
		s.wflags[en] |= wfID
	}
}

// absorb adds the current word's facts to the entry's.
func (s *scratch) absorb(en int32) {
	f := s.wflags[en]
	if f&wfName != 0 && s.names[en] < 255 {
		s.names[en]++
	}
	s.flags[en] |= f
}
