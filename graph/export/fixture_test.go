package export_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
)

// The selection fixture: two articles a year apart, written through the
// real graph writer. Each fact is placed so that one selection option
// keeps it and another drops it.
//
//	article:one (published 2018-04-18)
//	  meeting:one-held     held, 2018-04-01, Pompeo + Kim, at Pyongyang
//	  meeting:one-planned  planned, no date (so: the article's date), Trump + Kim
//	  statement:one        Trump said
//	  visit:one            Pompeo VISITED Pyongyang, held, 2018-04-01
//	  mentions             Pompeo, Kim, Trump, the organisation "Trump", North Korea, Pyongyang
//	article:two (published 2019-06-30)
//	  meeting:two-held     held, 2019-06-30, Trump + Kim + Moon, at Panmunjom
//	  meeting:two-cancelled cancelled, 2019-02-28, Trump + Kim
//	  statement:two        Kim said
//	  mentions             Trump, Kim, Moon, South Korea, Panmunjom
//	Pyongyang PART_OF North Korea, Panmunjom PART_OF South Korea
const (
	articleOne = "article:one"
	articleTwo = "article:two"
	pompeo     = "person:mike-pompeo"
	kim        = "person:kim-jong-un"
	trump      = "person:donald-trump"
	trumpOrg   = "org:trump"
	moon       = "person:moon-jae-in"
	northKorea = "country:KP"
	southKorea = "country:KR"
	pyongyang  = "place:pyongyang"
	panmunjom  = "place:panmunjom"
)

func ptr[T any](v T) *T { return &v }

func ev(sentence string) ingest.Evidence {
	return ingest.Evidence{Sentence: sentence, Start: 0, End: len([]rune(sentence))}
}

func fixtureFacts() []*ingest.Facts {
	person := func(id, name string, aliases ...string) ingest.Actor {
		return ingest.Actor{ID: id, Name: name, Type: ingest.Person, Aliases: aliases, MatchedBy: "full-name", Mentions: 1}
	}
	country := func(id, name string) ingest.Actor {
		return ingest.Actor{ID: id, Name: name, Type: ingest.Country, Mentions: 1}
	}
	countryLoc := func(id, name, code string, lat, lon float64) ingest.Location {
		return ingest.Location{ID: id, Name: name, Kind: "country", CountryCode: code, Latitude: &lat, Longitude: &lon, Mentions: 1}
	}
	place := func(id, name, code, partOf string, lat, lon float64) ingest.Location {
		return ingest.Location{ID: id, Name: name, Kind: "city", CountryCode: code, Latitude: &lat, Longitude: &lon, PartOf: []string{partOf}, Mentions: 1}
	}
	meeting := func(id, status string, date *string, location string, participants ...string) ingest.Meeting {
		return ingest.Meeting{ID: id, Status: status, Kind: "meeting", Date: date, LocationID: location,
			Participants: participants, ParticipantIDs: participants, Evidence: ev("They met.")}
	}
	one := &ingest.Facts{
		Article: ingest.ArticleInfo{ID: articleOne, Title: "Pompeo met Kim", Published: ptr("2018-04-18T07:49:00+01:00"),
			Source: "fixture/one.txt", URL: "https://example.org/one", ContentHash: "hash-one"},
		Actors: []ingest.Actor{
			person(pompeo, "Mike Pompeo", "Pompeo"),
			person(kim, "Kim Jong Un", "Kim"),
			person(trump, "Donald Trump", "Trump"),
			{ID: trumpOrg, Name: "Trump", Type: ingest.Organization, Mentions: 1},
			country(northKorea, "North Korea"),
		},
		Locations: []ingest.Location{
			countryLoc(northKorea, "North Korea", "KP", 40.07764, 127.13385),
			place(pyongyang, "Pyongyang", "KP", northKorea, 39.03385, 125.75432),
		},
		Meetings: []ingest.Meeting{
			meeting("meeting:one-held", ingest.StatusHeld, ptr("2018-04-01"), pyongyang, pompeo, kim),
			meeting("meeting:one-planned", ingest.StatusPlanned, nil, "", trump, kim),
		},
		Statements: []ingest.Statement{{ID: "statement:one", Speaker: ptr("Donald Trump"), SpeakerID: trump,
			Text: "It went smoothly", Kind: ingest.StatementDirect, Cue: "said", Evidence: ev("Trump said: “It went smoothly”.")}},
		Visits: []ingest.Visit{{ID: "visit:one", Visitor: "Mike Pompeo", VisitorID: pompeo, Location: "Pyongyang",
			LocationID: pyongyang, Status: ingest.StatusHeld, Date: ptr("2018-04-01"), Evidence: ev("Pompeo visited Pyongyang.")}},
	}
	two := &ingest.Facts{
		Article: ingest.ArticleInfo{ID: articleTwo, Title: "Trump steps into North Korea", Published: ptr("2019-06-30T18:00:00+09:00"),
			Source: "fixture/two.txt", ContentHash: "hash-two"},
		Actors: []ingest.Actor{
			person(trump, "Donald Trump", "Trump"),
			person(kim, "Kim Jong Un", "Kim"),
			person(moon, "Moon Jae-in", "Moon"),
			country(southKorea, "South Korea"),
		},
		Locations: []ingest.Location{
			countryLoc(southKorea, "South Korea", "KR", 36.5, 127.9),
			place(panmunjom, "Panmunjom", "KR", southKorea, 37.95611, 126.67722),
		},
		Meetings: []ingest.Meeting{
			meeting("meeting:two-held", ingest.StatusHeld, ptr("2019-06-30"), panmunjom, trump, kim, moon),
			meeting("meeting:two-cancelled", ingest.StatusCancelled, ptr("2019-02-28"), "", trump, kim),
		},
		Statements: []ingest.Statement{{ID: "statement:two", Speaker: ptr("Kim Jong Un"), SpeakerID: kim,
			Text: "A good day", Kind: ingest.StatementDirect, Cue: "said", Evidence: ev("Kim said: “A good day”.")}},
	}
	return []*ingest.Facts{one, two}
}

// writeFixture writes the fixture into a fresh database.
func writeFixture(t *testing.T) *graph.Store {
	t.Helper()
	store := graphtest.Fresh(t)
	if _, err := store.Write(context.Background(), fixtureFacts()); err != nil {
		t.Fatalf("writing the fixture: %v", err)
	}
	return store
}

// recorder is a Writer that keeps what it is given.
type recorder struct {
	nodes  []export.Node
	rels   []export.Relationship
	closed bool
}

func (r *recorder) WriteNode(n export.Node) error { r.nodes = append(r.nodes, n); return nil }
func (r *recorder) WriteRelationship(rel export.Relationship) error {
	r.rels = append(r.rels, rel)
	return nil
}
func (r *recorder) Close() error { r.closed = true; return nil }

func (r *recorder) nodeIDs() []string {
	var out []string
	for _, n := range r.nodes {
		out = append(out, n.ID)
	}
	sort.Strings(out)
	return out
}

// relKeys lists the relationships as "TYPE start->end" (plus the meeting
// of a MET), sorted.
func (r *recorder) relKeys() []string {
	var out []string
	for _, rel := range r.rels {
		k := rel.Type + " " + rel.StartID + "->" + rel.EndID
		if m, ok := rel.Props["meetingId"].(string); ok {
			k += " " + m
		}
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func exportTo(t *testing.T, store *graph.Store, sel export.Selection) (*recorder, export.Summary) {
	t.Helper()
	rec := &recorder{}
	sum, err := export.Run(context.Background(), store, sel, rec, export.Options{})
	if err != nil {
		t.Fatalf("export %s: %v", sel, err)
	}
	if !rec.closed {
		t.Errorf("export %s did not close the writer", sel)
	}
	if int64(len(rec.nodes)) != sum.Nodes || int64(len(rec.rels)) != sum.Relationships {
		t.Errorf("summary says %d nodes, %d relationships; the writer got %d, %d", sum.Nodes, sum.Relationships, len(rec.nodes), len(rec.rels))
	}
	// Every relationship's endpoints are exported nodes.
	ids := map[string]bool{}
	for _, n := range rec.nodes {
		if ids[n.ID] {
			t.Errorf("node %s exported twice", n.ID)
		}
		ids[n.ID] = true
	}
	for _, rel := range rec.rels {
		if !ids[rel.StartID] || !ids[rel.EndID] {
			t.Errorf("%s %s->%s: an endpoint is not among the exported nodes", rel.Type, rel.StartID, rel.EndID)
		}
	}
	return rec, sum
}

func sorted(list ...string) []string {
	out := append([]string(nil), list...)
	sort.Strings(out)
	return out
}

func diffLists(got, want []string) string {
	g, w := map[string]bool{}, map[string]bool{}
	for _, x := range got {
		g[x] = true
	}
	for _, x := range want {
		w[x] = true
	}
	var b strings.Builder
	for _, x := range want {
		if !g[x] {
			b.WriteString("\n  missing: " + x)
		}
	}
	for _, x := range got {
		if !w[x] {
			b.WriteString("\n  unexpected: " + x)
		}
	}
	return b.String()
}
