// Package extract turns a parsed article into facts: actors, locations,
// meetings, visits and statements, each tied to its evidence sentence.
//
// It only orchestrates: it analyses the article into a document and runs
// the stages over it in order, each a package of its own.
//
//	document   the parsed article: sentences, tokens, entity tags, mentions, quotes, dates
//	actors     mentions -> canonical actors and locations
//	refs       which actors words refer to: names, pronouns, groups (shared by the stages below)
//	meetings   who met whom, with status, kind, place and date; visits without a named host
//	statements quotes and reported speech with their speakers
//
// dates (date expressions), places (the gazetteer) and lexicon (the word
// lists) serve the stages.
package extract

import (
	"fmt"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/actors"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/meetings"
	"github.com/newsgraph/newsgraph/ingest/extract/places"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
	"github.com/newsgraph/newsgraph/ingest/extract/statements"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/syntax"
)

// Tagger labels the tokens of a document's sentences with BIO entity tags
// (B-PER, I-ORG, ..., O). *ner.Model is the default.
type Tagger = document.Tagger

// Parser tags and parses sentences. *syntax.Model is the default.
type Parser = document.Parser

// Extractor is safe for concurrent use; build it once per process.
type Extractor struct {
	tagger     Tagger
	parser     Parser
	places     *places.Gazetteer
	keepSyntax bool
}

// Options configure an Extractor. Zero values take the embedded defaults.
type Options struct {
	Tagger Tagger
	Parser Parser
	// KeepSyntax puts every sentence's tokens and parse in Facts.Sentences
	// (for debugging; extract --syntax).
	KeepSyntax bool
	Places     *places.Gazetteer
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
	if opt.Parser == nil {
		m, err := syntax.Default()
		if err != nil {
			return nil, fmt.Errorf("loading the syntax model: %w", err)
		}
		opt.Parser = m
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
	return &Extractor{tagger: opt.Tagger, parser: opt.Parser, places: opt.Places, keepSyntax: opt.KeepSyntax}, nil
}

// Extract implements ingest.Extractor.
func (e *Extractor) Extract(article *ingest.Document) (*ingest.Facts, error) {
	doc := document.Analyse(article, e.tagger, e.parser, e.places)
	actors.Resolve(doc)
	who := refs.New(doc, meetings.IsTrigger)
	f := &ingest.Facts{Article: article.Info}
	f.Statements = statements.Find(doc, who)
	f.Meetings, f.Visits = meetings.Find(doc, who)
	// The event stages may add actors and locations (a country named only
	// in passing, a venue), so these are read last.
	f.Actors, f.Locations = doc.Actors, doc.Locations
	if e.keepSyntax {
		f.Sentences = doc.SentenceSyntax()
	}
	return withEmptyLists(f), nil
}

// withEmptyLists makes every list of f a list, never null, in the JSON.
func withEmptyLists(f *ingest.Facts) *ingest.Facts {
	if f.Actors == nil {
		f.Actors = []ingest.Actor{}
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
