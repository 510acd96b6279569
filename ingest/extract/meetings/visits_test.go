package meetings_test

import (
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/internal/extracttest"
)

func TestVisits(t *testing.T) {
	tests := []struct {
		name, body, visitor, place, status, date string
	}{
		{"visited", "Shinzo Abe visited Pyongyang in 2014.", "Shinzo Abe", "Pyongyang", ingest.StatusHeld, "2014-01-01"},
		{"visit to", "Mike Pompeo's visit to Japan was a success.", "Mike Pompeo", "Japan", ingest.StatusHeld, ""},
		{"planned", "Donald Trump will visit China next week.", "Donald Trump", "China", ingest.StatusPlanned, "2018-04-23"},
		{"elliptic since", "Pompeo was the most senior US official to visit North Korea since then-intelligence chief James Clapper in 2014.",
			"James Clapper", "North Korea", ingest.StatusHeld, "2014-01-01"},
		{"delegation led by", "A delegation led by James Clapper visited Pyongyang in 2014.", "James Clapper", "Pyongyang", ingest.StatusHeld, "2014-01-01"},
		{"fronted date, titled leader", "In May 2016, a team headed by James Clapper, Deputy Minister of Trade for Asia and Pacific Affairs, visited Tokyo.",
			"James Clapper", "Tokyo", ingest.StatusHeld, "2016-05-01"},
		{"the place of the places visited", "James Clapper visited hospitals and clinics in Pyongyang.", "James Clapper", "Pyongyang", ingest.StatusHeld, ""},
		{"superlative visitor", "Mike Pompeo became the most senior official to visit North Korea since James Clapper in 2014.",
			"Mike Pompeo", "North Korea", ingest.StatusHeld, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := extracttest.ExtractBody(t, tc.body)
			var got *ingest.Visit
			for i := range f.Visits {
				if f.Visits[i].Visitor == tc.visitor {
					got = &f.Visits[i]
				}
			}
			if got == nil {
				t.Fatalf("no visit by %s in %q: %+v", tc.visitor, tc.body, f.Visits)
			}
			if got.Location != tc.place || got.Status != tc.status {
				t.Errorf("visit = %s %s, want %s %s", got.Location, got.Status, tc.place, tc.status)
			}
			d := ""
			if got.Date != nil {
				d = *got.Date
			}
			if d != tc.date {
				t.Errorf("date = %q, want %q", d, tc.date)
			}
			for _, m := range f.Meetings {
				if m.Kind == "visit" && len(m.Participants) == 1 {
					t.Errorf("a visit to a place made a meeting: %+v", m)
				}
			}
		})
	}
}
