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
	"fmt"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/actors"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/places"
	"github.com/newsgraph/newsgraph/ingest/ner"
)

// Tagger labels the tokens of a document's sentences with BIO entity tags
// (B-PER, I-ORG, ..., O). *ner.Model is the default.
type Tagger = document.Tagger

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
	a := &analysis{doc: document.Analyse(doc, e.tagger, e.places)}
	actors.Resolve(a.doc)
	a.findMeetings()
	a.findVisits()
	a.findStatements()
	return a.facts(), nil
}

// analysis is the state the event stages share for one article.
type analysis struct {
	doc *document.Document
	out ingest.Facts

	// State of the event stages (meetings.go, visits.go, statements.go),
	// built once by prepareEvents.
	events *eventState
}

func (a *analysis) facts() *ingest.Facts {
	f := &a.out
	f.Article = a.doc.Article.Info
	f.Actors = a.doc.Actors
	f.Locations = a.doc.Locations
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
