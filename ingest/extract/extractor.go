// Package extract turns a parsed article into facts: actors, locations,
// meetings, visits and statements, each tied to its evidence sentence.
//
// The work is a fixed sequence of stages over one shared analysis:
//
//	analyse    (this file)      sentences, tokens, entity tags, mentions
//	resolve    (entities.go)    mentions -> canonical actors and locations
//	meetings   (meetings.go)    who met whom, with status, kind, place, date
//	visits     (visits.go)      visits without a named host
//	statements (statements.go)  quotes and reported speech with speakers
//	dates      (dates.go)       date expressions resolved against the article date
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/places"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// Tagger labels the tokens of a document's sentences with BIO entity tags
// (B-PER, I-ORG, ..., O). *ner.Model is the default.
type Tagger interface {
	TagDocument(sentences [][]string) [][]string
}

// Extractor is safe for concurrent use; build it once per process.
type Extractor struct {
	tagger Tagger
	places *places.Gazetteer
}

// Options configure an Extractor. Zero values take the embedded defaults.
type Options struct {
	Tagger Tagger
	Places *places.Gazetteer
	// GeoNames is the path of a GeoNames cities table (cities15000.txt)
	// whose places replace the embedded cities; ignored when Places is set.
	GeoNames string
}

// New builds an Extractor, loading the embedded models once.
func New(opt Options) (*Extractor, error) {
	if opt.Tagger == nil {
		m, err := ner.Default()
		if err != nil {
			return nil, fmt.Errorf("loading the entity model: %w", err)
		}
		opt.Tagger = m
	}
	if opt.Places == nil && opt.GeoNames != "" {
		g, err := places.LoadGeoNames(opt.GeoNames)
		if err != nil {
			return nil, fmt.Errorf("loading the gazetteer: %w", err)
		}
		opt.Places = g
	}
	if opt.Places == nil {
		opt.Places = places.Default()
	}
	return &Extractor{tagger: opt.Tagger, places: opt.Places}, nil
}

// Extract implements ingest.Extractor.
func (e *Extractor) Extract(doc *ingest.Document) (*ingest.Facts, error) {
	a := e.analyse(doc)
	a.resolveEntities()
	a.findMeetings()
	a.findVisits()
	a.findStatements()
	return a.facts(), nil
}

// sentence is one sentence of the article with its entity tags.
type sentence struct {
	text.Sentence
	Segment ingest.SegmentKind
	Labels  []string
}

// mention is a run of tokens the tagger marked as an entity.
type mention struct {
	Sent, Start, End int    // token indices, End exclusive
	Type             string // PER, ORG, LOC, MISC
	Text             string
	Actor            int // index into analysis.actors, or -1
	Location         int // index into analysis.locations, or -1
}

// analysis is the state the stages share for one article.
type analysis struct {
	doc       *ingest.Document
	places    *places.Gazetteer
	sents     []sentence
	mentions  []mention
	actors    []ingest.Actor
	locations []ingest.Location
	out       ingest.Facts
	runes     runeCounter

	// State of the event stages (meetings.go, visits.go, statements.go),
	// built once by prepareEvents.
	events *eventState
}

func (e *Extractor) analyse(doc *ingest.Document) *analysis {
	a := &analysis{doc: doc, places: e.places, runes: runeCounter{text: doc.Text}}
	for _, seg := range doc.Segments {
		for _, s := range text.SplitSentences(doc.Text, seg.Start, seg.End) {
			a.sents = append(a.sents, sentence{Sentence: s, Segment: seg.Kind})
		}
	}
	words := make([][]string, len(a.sents))
	for i, s := range a.sents {
		words[i] = s.Words()
	}
	labels := e.tagger.TagDocument(words)
	for i := range a.sents {
		a.sents[i].Labels = labels[i]
		a.collectMentions(i)
	}
	return a
}

// collectMentions turns BIO labels of sentence si into mentions.
func (a *analysis) collectMentions(si int) {
	s := a.sents[si]
	for i := 0; i < len(s.Labels); {
		l := s.Labels[i]
		if l == "O" || len(l) < 3 {
			i++
			continue
		}
		typ := l[2:]
		j := i + 1
		for j < len(s.Labels) && s.Labels[j] == "I-"+typ {
			j++
		}
		a.mentions = append(a.mentions, mention{
			Sent: si, Start: i, End: j, Type: typ,
			Text:  a.doc.Text[s.Tokens[i].Start:s.Tokens[j-1].End],
			Actor: -1, Location: -1,
		})
		i = j
	}
}

// evidence is the sentence si as evidence, offsets in code points.
func (a *analysis) evidence(si int) ingest.Evidence {
	s := a.sents[si]
	return ingest.Evidence{
		Sentence: a.doc.Text[s.Start:s.End],
		Start:    a.runes.at(s.Start),
		End:      a.runes.at(s.End),
	}
}

// tokenText returns the text of tokens [i, j) of sentence si.
func (a *analysis) tokenText(si, i, j int) string {
	s := a.sents[si]
	if i >= j {
		return ""
	}
	return a.doc.Text[s.Tokens[i].Start:s.Tokens[j-1].End]
}

func (a *analysis) facts() *ingest.Facts {
	f := &a.out
	f.Article = a.doc.Info
	f.Actors = a.actors
	f.Locations = a.locations
	for _, list := range []*[]ingest.Actor{&f.Actors} {
		if *list == nil {
			*list = []ingest.Actor{}
		}
	}
	if f.Locations == nil {
		f.Locations = []ingest.Location{}
	}
	if f.Meetings == nil {
		f.Meetings = []ingest.Meeting{}
	}
	if f.Visits == nil {
		f.Visits = []ingest.Visit{}
	}
	if f.Statements == nil {
		f.Statements = []ingest.Statement{}
	}
	return f
}

// stableID hashes parts into a short id with a readable prefix.
func stableID(prefix string, parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return prefix + ":" + hex.EncodeToString(h.Sum(nil)[:8])
}

// slug makes a readable id part from a name: "Kim Jong Un" -> "kim-jong-un".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 127 && (r != '’' && r != '‘'):
			b.WriteRune(r)
			dash = false
		case r == '\'' || r == '’' || r == '.':
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// runeCounter converts byte offsets to code point offsets; offsets are
// mostly asked for in increasing order, so it counts on from the last one.
type runeCounter struct {
	text             string
	lastByte, lastCP int
}

func (r *runeCounter) at(b int) int {
	if b < r.lastByte {
		r.lastByte, r.lastCP = 0, 0
	}
	r.lastCP += utf8.RuneCountInString(r.text[r.lastByte:b])
	r.lastByte = b
	return r.lastCP
}
