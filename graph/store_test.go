package graph_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/schema"
)

func TestApplySchemaTwiceChangesNothing(t *testing.T) {
	store := graphtest.Open(t)
	ctx := context.Background()
	if _, err := store.Query(ctx, "RETURN 1", nil); err != nil {
		t.Fatal(err)
	}
	graphtest.Wipe(t, store)
	migrations, err := schema.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	first, err := store.ApplySchema(ctx, migrations)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != len(migrations) {
		t.Errorf("first apply on a wiped database applied %d of %d migrations", len(first), len(migrations))
	}
	second, err := store.ApplySchema(ctx, migrations)
	if err != nil {
		t.Fatal(err)
	}
	if len(second) != 0 {
		t.Errorf("second apply applied %d migrations, want 0", len(second))
	}
	states, err := store.SchemaStatus(ctx, migrations)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range states {
		if !s.Applied || s.AppliedAt == "" {
			t.Errorf("migration %04d not recorded as applied", s.Version)
		}
	}
	n := graphtest.Count(t, store, "SHOW CONSTRAINTS YIELD name WHERE name IN ['article_id','actor_id','country_id','location_id','meeting_id','statement_id'] RETURN count(*)", nil)
	if n != 6 {
		t.Errorf("constraints present: %d, want 6", n)
	}
}

func sampleFacts(articleID, source string) *ingest.Facts {
	lat, lon := 40.0, 127.0
	date := "2018-04-01"
	return &ingest.Facts{
		Article: ingest.ArticleInfo{ID: articleID, Source: source, Title: "T", ContentHash: "h-" + articleID},
		Actors: []ingest.Actor{
			{ID: "person:a", Name: "Alice Adams", Type: ingest.Person, Aliases: []string{"Adams"}, Mentions: 2},
			{ID: "person:b", Name: "Bob Brown", Type: ingest.Person, Mentions: 1},
			{ID: "country:KP", Name: "North Korea", Type: ingest.Country, Mentions: 1},
		},
		Locations: []ingest.Location{{ID: "country:KP", Name: "North Korea", Kind: "country", CountryCode: "KP", Latitude: &lat, Longitude: &lon, Mentions: 1}},
		Meetings: []ingest.Meeting{{ID: "meeting:1", Participants: []string{"Alice Adams", "Bob Brown"}, ParticipantIDs: []string{"person:b", "person:a"},
			Status: ingest.StatusHeld, Kind: "meeting", LocationID: "country:KP", Date: &date,
			Evidence: ingest.Evidence{Sentence: "Alice Adams met Bob Brown.", Start: 0, End: 26},
			Mentions: []ingest.MeetingMention{
				{Trigger: ingest.Span{Text: "met", Start: 12, End: 15}, Evidence: ingest.Evidence{Sentence: "Alice Adams met Bob Brown.", Start: 0, End: 26}},
				{Trigger: ingest.Span{Text: "talks", Start: 31, End: 36}, Evidence: ingest.Evidence{Sentence: "The talks went well.", Start: 27, End: 47}},
			}}},
		Statements: []ingest.Statement{{ID: "statement:" + articleID, Text: "Hello.", Kind: ingest.StatementDirect, SpeakerID: "person:a"}},
	}
}

func TestWriteIsIdempotentAndCountriesAreOneNode(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	batch := []*ingest.Facts{sampleFacts("article:1", "/a.txt")}
	first, err := store.Write(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if first.NodesCreated == 0 || first.RelationshipsCreated == 0 {
		t.Fatalf("first write created nothing: %+v", first)
	}
	second, err := store.Write(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if second.Changed() {
		t.Errorf("writing the same facts again changed the graph: %+v", second)
	}
	checks := map[string]int64{
		"MATCH (c:Country:Actor:Location {id:'country:KP'}) RETURN count(c)":                                1,
		"MATCH (n {id:'country:KP'}) RETURN count(n)":                                                       1,
		"MATCH (:Person {id:'person:a'})-[m:MET {status:'held'}]-(:Person {id:'person:b'}) RETURN count(m)": 1,
		"MATCH (m:Meeting)-[:HELD_AT]->(:Country) WHERE m.date = date('2018-04-01') RETURN count(m)":        1,
		"MATCH (:Person {id:'person:a'})-[:SAID]->(:Statement)-[:REPORTED_IN]->(:Article) RETURN count(*)":  1,
		"MATCH (:Article {id:'article:1'})-[:MENTIONS]->(e) RETURN count(e)":                                3,
		// Every sentence that reports the meeting is on its REPORTED_IN.
		"MATCH (:Meeting)-[r:REPORTED_IN]->(:Article {id:'article:1'}) WHERE r.mentionStarts = [0, 27] AND r.mentionEnds = [26, 47] AND r.mentionSentences[1] = 'The talks went well.' RETURN count(r)": 1,
	}
	for q, want := range checks {
		if got := graphtest.Count(t, store, q, nil); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
}

func TestRewriteRemovesWhatTheArticleNoLongerSays(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	one, two := sampleFacts("article:1", "/a.txt"), sampleFacts("article:2", "/b.txt")
	if _, err := store.Write(ctx, []*ingest.Facts{one, two}); err != nil {
		t.Fatal(err)
	}
	// Article 1 changes: Bob Brown and the meeting are gone from it.
	changed := sampleFacts("article:1", "/a.txt")
	changed.Actors = changed.Actors[:1]
	changed.Meetings = nil
	changed.Statements = nil
	changed.Locations = nil
	if _, err := store.Write(ctx, []*ingest.Facts{changed}); err != nil {
		t.Fatal(err)
	}
	checks := map[string]int64{
		// Article 2 still reports the meeting and mentions Bob: they stay.
		"MATCH (m:Meeting {id:'meeting:1'})-[:REPORTED_IN]->(a:Article) RETURN count(a)":  1,
		"MATCH (p:Person {id:'person:b'}) RETURN count(p)":                                1,
		"MATCH (:Article {id:'article:1'})-[:MENTIONS]->(e) RETURN count(e)":              1,
		"MATCH (s:Statement)-[:REPORTED_IN]->(:Article {id:'article:1'}) RETURN count(s)": 0,
	}
	for q, want := range checks {
		if got := graphtest.Count(t, store, q, nil); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
	// Now article 2 drops them too: the meeting, its MET edge and Bob go.
	changed2 := sampleFacts("article:2", "/b.txt")
	changed2.Actors = changed2.Actors[:1]
	changed2.Meetings, changed2.Statements, changed2.Locations = nil, nil, nil
	if _, err := store.Write(ctx, []*ingest.Facts{changed2}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int64{
		"MATCH (m:Meeting) RETURN count(m)":                0,
		"MATCH ()-[r:MET]->() RETURN count(r)":             0,
		"MATCH (p:Person {id:'person:b'}) RETURN count(p)": 0,
		"MATCH (c:Country) RETURN count(c)":                0,
		"MATCH (p:Person {id:'person:a'}) RETURN count(p)": 1,
	} {
		if got := graphtest.Count(t, store, q, nil); got != want {
			t.Errorf("after article 2 changed: %s = %d, want %d", q, got, want)
		}
	}
}

func TestQueryIsReadOnly(t *testing.T) {
	store := graphtest.Open(t)
	if _, err := store.Query(context.Background(), "CREATE (:Intruder) RETURN 1", nil); err == nil {
		t.Fatal("a writing query must fail in a read transaction")
	}
}

var _ graph.Writer = (*graph.Store)(nil)
