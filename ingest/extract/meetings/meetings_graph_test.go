package meetings_test

import (
	"context"
	"os"
	"testing"

	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
)

// Two articles of our own report one meeting of Angela Merkel and
// Emmanuel Macron: one says they met in Berlin on Tuesday, the other, a
// day later, that they held talks on Tuesday, with no place.
var meetingReports = []string{"testdata/events/merkel-macron-berlin.txt", "testdata/events/merkel-macron-talks.txt"}

func extractFiles(t *testing.T, paths ...string) []*ingest.Facts {
	t.Helper()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []*ingest.Facts
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ingest.Parse(ingest.Article{Source: p, Text: raw})
		if err != nil {
			t.Fatal(err)
		}
		f, err := ex.Extract(doc)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

const (
	qMerkelMacronMeetings = `MATCH (:Actor {id: 'person:angela-merkel'})-[:ATTENDED]->(m:Meeting)<-[:ATTENDED]-(:Actor {id: 'person:emmanuel-macron'})
RETURN count(DISTINCT m)`
	qReports = `MATCH (:Actor {id: 'person:angela-merkel'})-[:ATTENDED]->(m:Meeting)-[r:REPORTED_IN]->(:Article)
RETURN count(r)`
	qMet = `MATCH (:Actor {id: 'person:angela-merkel'})-[r:MET]-(:Actor {id: 'person:emmanuel-macron'}) RETURN count(r)`
)

func TestOneMeetingNodePerEvent(t *testing.T) {
	facts := extractFiles(t, meetingReports...)
	for i, f := range facts {
		found := false
		for _, m := range f.Meetings {
			if len(m.ParticipantIDs) == 2 && m.Status == ingest.StatusHeld {
				found = true
			}
		}
		if !found {
			t.Fatalf("%s: the extractor found no held two-person meeting: %+v", meetingReports[i], f.Meetings)
		}
	}
	check := func(t *testing.T, wantReports int64) {
		store := graphtest.Open(t)
		if n := graphtest.Count(t, store, qMerkelMacronMeetings, nil); n != 1 {
			t.Errorf(":Meeting nodes of Merkel and Macron = %d, want 1", n)
		}
		if n := graphtest.Count(t, store, qReports, nil); n != wantReports {
			t.Errorf("REPORTED_IN = %d, want %d", n, wantReports)
		}
		if n := graphtest.Count(t, store, qMet, nil); n != 1 {
			t.Errorf("MET between Merkel and Macron = %d, want 1", n)
		}
		if n := graphtest.Count(t, store, `MATCH (m:Meeting)-[:HELD_AT]->(:Location {name: 'Berlin'}) WHERE m.date = date('2018-05-15') RETURN count(m)`, nil); n != 1 {
			t.Errorf("the joined meeting should keep Berlin and 2018-05-15, got %d such meetings", n)
		}
	}
	ctx := context.Background()

	t.Run("separate batches", func(t *testing.T) {
		store := graphtest.Fresh(t)
		for _, f := range facts {
			if _, err := store.Write(ctx, []*ingest.Facts{f}); err != nil {
				t.Fatal(err)
			}
		}
		check(t, 2)
		// Re-ingesting the first article changes nothing.
		if _, err := store.Write(ctx, facts[:1]); err != nil {
			t.Fatal(err)
		}
		check(t, 2)
	})
	t.Run("one batch", func(t *testing.T) {
		store := graphtest.Fresh(t)
		if _, err := store.Write(ctx, facts); err != nil {
			t.Fatal(err)
		}
		check(t, 2)
	})
	t.Run("reverse order", func(t *testing.T) {
		store := graphtest.Fresh(t)
		for i := len(facts) - 1; i >= 0; i-- {
			if _, err := store.Write(ctx, facts[i:i+1]); err != nil {
				t.Fatal(err)
			}
		}
		check(t, 2)
	})
	t.Run("an article that no longer reports it", func(t *testing.T) {
		store := graphtest.Fresh(t)
		if _, err := store.Write(ctx, facts); err != nil {
			t.Fatal(err)
		}
		second := *facts[1]
		second.Meetings = nil
		second.Article.ContentHash = "changed"
		if _, err := store.Write(ctx, []*ingest.Facts{&second}); err != nil {
			t.Fatal(err)
		}
		check(t, 1)
	})
}

// A planned meeting and a held one of the same people are different
// events; so are two held meetings months apart.
func TestDifferentEventsStayApart(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	base := extractFiles(t, meetingReports[0])[0]
	planned := *base
	planned.Article.ID, planned.Article.Source = "article:planned", "test:planned"
	later := *base
	later.Article.ID, later.Article.Source = "article:later", "test:later"
	planned.Meetings, later.Meetings = nil, nil
	for _, m := range base.Meetings {
		p := m
		p.ID, p.Status = m.ID+"-planned", ingest.StatusPlanned
		planned.Meetings = append(planned.Meetings, p)
		l := m
		d := "2018-11-20"
		l.ID, l.Date = m.ID+"-later", &d
		later.Meetings = append(later.Meetings, l)
	}
	for _, f := range []*ingest.Facts{base, &planned, &later} {
		if _, err := store.Write(ctx, []*ingest.Facts{f}); err != nil {
			t.Fatal(err)
		}
	}
	if n := graphtest.Count(t, store, qMerkelMacronMeetings, nil); n != 3 {
		t.Errorf("meetings = %d, want 3 (held in May, planned, held in November)", n)
	}
}
