package graph_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
)

// fakeLookup answers candidate look-ups from fixed tables.
func fakeLookup(persons, orgs map[string][]graph.Candidate) graph.CandidateLookup {
	return func(_ context.Context, q graph.Lookup) (graph.Found, error) {
		p, o := map[string][]graph.Candidate{}, map[string][]graph.Candidate{}
		for _, s := range q.Surnames {
			p[s] = append(p[s], persons[s]...)
		}
		for _, a := range q.Acronyms {
			o[a] = append(o[a], orgs[a]...)
		}
		return graph.Found{Persons: p, Orgs: o}, nil
	}
}

// loneNameArticle mentions "Pompeo" alone, as speaker, meeting participant
// and visitor.
func loneNameArticle(id string) *ingest.Facts {
	speaker := "Pompeo"
	return &ingest.Facts{
		Article: ingest.ArticleInfo{ID: id, Source: "src-" + id, Title: "T", ContentHash: "h-" + id},
		Actors: []ingest.Actor{
			{ID: "person:pompeo", Name: "Pompeo", Type: ingest.Person, Aliases: []string{}, MatchedBy: "single-name", Mentions: 3},
			{ID: "person:kim-jong-un", Name: "Kim Jong Un", Type: ingest.Person, Aliases: []string{"Kim"}, MatchedBy: "full-name", Mentions: 2},
			{ID: "org:cia", Name: "CIA", Type: ingest.Organization, Aliases: []string{}, MatchedBy: "acronym", Mentions: 1},
		},
		Locations: []ingest.Location{},
		Meetings: []ingest.Meeting{{ID: "meeting:1", Participants: []string{"Pompeo", "Kim Jong Un"},
			ParticipantIDs: []string{"person:pompeo", "person:kim-jong-un"}, Status: ingest.StatusHeld, Kind: "meeting"}},
		Statements: []ingest.Statement{{ID: "statement:1", Speaker: &speaker, SpeakerID: "person:pompeo", Text: "Hello", Kind: ingest.StatementDirect}},
		Visits:     []ingest.Visit{{ID: "visit:1", Visitor: "Pompeo", VisitorID: "person:pompeo", Location: "North Korea", LocationID: "country:KP"}},
	}
}

func TestResolveAcrossArticles(t *testing.T) {
	mike := graph.Candidate{ID: "person:mike-pompeo", Name: "Mike Pompeo"}
	cia := graph.Candidate{ID: "org:central-intelligence-agency", Name: "Central Intelligence Agency"}
	tests := []struct {
		name        string
		persons     map[string][]graph.Candidate
		orgs        map[string][]graph.Candidate
		wantPompeo  string
		wantCIA     string
		wantMatched string
	}{
		{"one candidate: join", map[string][]graph.Candidate{"Pompeo": {mike}}, map[string][]graph.Candidate{"CIA": {cia}},
			"person:mike-pompeo", "org:central-intelligence-agency", graph.MatchedSurnameInGraph},
		{"the same candidate twice is one", map[string][]graph.Candidate{"Pompeo": {mike, mike}}, nil,
			"person:mike-pompeo", "org:cia", graph.MatchedSurnameInGraph},
		{"two candidates: ambiguous, keep", map[string][]graph.Candidate{"Pompeo": {mike, {ID: "person:susan-pompeo", Name: "Susan Pompeo"}}}, nil,
			"person:pompeo", "org:cia", "single-name"},
		{"no candidate: keep", nil, nil, "person:pompeo", "org:cia", "single-name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := loneNameArticle("article:1")
			before := loneNameArticle("article:1")
			out, err := graph.ResolveAcrossArticles(context.Background(), []*ingest.Facts{in}, fakeLookup(tt.persons, tt.orgs))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(in, before) {
				t.Fatal("the caller's facts were changed")
			}
			f := out[0]
			p := f.Actors[0]
			if p.ID != tt.wantPompeo || p.MatchedBy != tt.wantMatched {
				t.Errorf("Pompeo -> %q (%s); want %q (%s)", p.ID, p.MatchedBy, tt.wantPompeo, tt.wantMatched)
			}
			if f.Actors[2].ID != tt.wantCIA {
				t.Errorf("CIA -> %q; want %q", f.Actors[2].ID, tt.wantCIA)
			}
			if tt.wantPompeo == "person:mike-pompeo" {
				if p.Name != "Mike Pompeo" || !reflect.DeepEqual(p.Aliases, []string{"Pompeo"}) {
					t.Errorf("joined actor = %+v; want name Mike Pompeo, alias Pompeo", p)
				}
				if f.Meetings[0].ParticipantIDs[0] != "person:mike-pompeo" || f.Meetings[0].Participants[0] != "Mike Pompeo" {
					t.Errorf("meeting participants not rewritten: %+v", f.Meetings[0])
				}
				if f.Statements[0].SpeakerID != "person:mike-pompeo" || *f.Statements[0].Speaker != "Mike Pompeo" {
					t.Errorf("speaker not rewritten: %+v", f.Statements[0])
				}
				if f.Visits[0].VisitorID != "person:mike-pompeo" || f.Visits[0].Visitor != "Mike Pompeo" {
					t.Errorf("visitor not rewritten: %+v", f.Visits[0])
				}
			} else if out[0] != in && f.Actors[2].ID == "org:cia" {
				t.Error("nothing was joined, yet the facts were copied")
			}
		})
	}
}

// A full name elsewhere in the same batch is a candidate too: the lone name
// joins it although the graph does not hold it yet.
func TestResolveAcrossArticlesWithinBatch(t *testing.T) {
	full := &ingest.Facts{Article: ingest.ArticleInfo{ID: "article:full"}, Actors: []ingest.Actor{
		{ID: "person:mike-pompeo", Name: "Mike Pompeo", Type: ingest.Person, MatchedBy: "full-name"}}}
	lone := loneNameArticle("article:lone")
	out, err := graph.ResolveAcrossArticles(context.Background(), []*ingest.Facts{full, lone}, fakeLookup(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != full {
		t.Error("an article without lone names was copied")
	}
	if got := out[1].Actors[0].ID; got != "person:mike-pompeo" {
		t.Errorf("Pompeo -> %q; want person:mike-pompeo", got)
	}
}

func TestResolveAcrossArticlesLookupError(t *testing.T) {
	boom := errors.New("boom")
	_, err := graph.ResolveAcrossArticles(context.Background(), []*ingest.Facts{loneNameArticle("a")},
		func(context.Context, graph.Lookup) (graph.Found, error) {
			return graph.Found{}, boom
		})
	if !errors.Is(err, boom) {
		t.Errorf("error = %v; want it to wrap the look-up error", err)
	}
}

func personFacts(id string, actors ...ingest.Actor) *ingest.Facts {
	for i := range actors {
		actors[i].Type = ingest.Person
		actors[i].Mentions = 1
		if actors[i].Aliases == nil {
			actors[i].Aliases = []string{}
		}
	}
	return &ingest.Facts{
		Article:   ingest.ArticleInfo{ID: id, Source: "src-" + id, Title: "T " + id, ContentHash: "h-" + id},
		Actors:    actors,
		Locations: []ingest.Location{}, Meetings: []ingest.Meeting{}, Visits: []ingest.Visit{}, Statements: []ingest.Statement{},
	}
}

// TestCrossArticlePersons writes articles to a real Neo4j: the same full
// name in two articles is one node; a lone surname joins the only person
// with that surname and stays apart when two persons share it.
func TestCrossArticlePersons(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	write := func(fs ...*ingest.Facts) {
		t.Helper()
		if _, err := store.Write(ctx, fs); err != nil {
			t.Fatal(err)
		}
	}
	kim := ingest.Actor{ID: "person:kim-jong-un", Name: "Kim Jong Un", MatchedBy: "full-name"}
	write(personFacts("article:1", kim, ingest.Actor{ID: "person:mike-pompeo", Name: "Mike Pompeo", MatchedBy: "full-name"}))
	write(personFacts("article:2", kim))
	if n := graphtest.Count(t, store, `MATCH (p:Person {name: 'Kim Jong Un'}) RETURN count(p)`, nil); n != 1 {
		t.Fatalf("Kim Jong Un nodes = %d; want 1", n)
	}
	if n := graphtest.Count(t, store, `MATCH (:Article)-[:MENTIONS]->(p:Person {id: 'person:kim-jong-un'}) RETURN count(*)`, nil); n != 2 {
		t.Errorf("articles mentioning Kim Jong Un = %d; want 2", n)
	}

	// Unambiguous: "Pompeo" alone joins Mike Pompeo.
	write(personFacts("article:3", ingest.Actor{ID: "person:pompeo", Name: "Pompeo", MatchedBy: "single-name"}))
	if n := graphtest.Count(t, store, `MATCH (p:Person) WHERE p.name ENDS WITH 'Pompeo' RETURN count(p)`, nil); n != 1 {
		t.Errorf("Pompeo nodes = %d; want 1", n)
	}
	rows, err := store.Query(ctx, `MATCH (a:Article {id: 'article:3'})-[r:MENTIONS]->(p:Person)
RETURN p.id AS id, r.matchedBy AS how, p.aliases AS aliases, p.matchedBy AS nodeHow`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0]["id"] != "person:mike-pompeo" || rows[0]["how"] != graph.MatchedSurnameInGraph ||
		rows[0]["nodeHow"] != "full-name" {
		t.Errorf("article 3 mentions %v; want person:mike-pompeo matched by %s", rows, graph.MatchedSurnameInGraph)
	}
	if len(rows) == 1 && !reflect.DeepEqual(rows[0]["aliases"], []any{"Pompeo"}) {
		t.Errorf("aliases = %v; want [Pompeo]", rows[0]["aliases"])
	}

	// Ambiguous: two Trumps, so "Trump" alone gets its own node.
	write(personFacts("article:4",
		ingest.Actor{ID: "person:donald-trump", Name: "Donald Trump", MatchedBy: "full-name"},
		ingest.Actor{ID: "person:melania-trump", Name: "Melania Trump", MatchedBy: "full-name"}))
	write(personFacts("article:5", ingest.Actor{ID: "person:trump", Name: "Trump", MatchedBy: "single-name"}))
	if n := graphtest.Count(t, store, `MATCH (a:Article {id: 'article:5'})-[r:MENTIONS]->(p:Person {id: 'person:trump'})
WHERE r.matchedBy = 'single-name' RETURN count(p)`, nil); n != 1 {
		t.Errorf("ambiguous Trump: want its own single-name node, got %d", n)
	}
	if n := graphtest.Count(t, store, `MATCH (p:Person) WHERE p.name ENDS WITH 'Trump' RETURN count(p)`, nil); n != 3 {
		t.Errorf("Trump nodes = %d; want 3 (Donald, Melania, the lone Trump)", n)
	}

	// Re-writing the same batch (as a retried transaction would) is stable.
	batch := []*ingest.Facts{personFacts("article:6", ingest.Actor{ID: "person:pompeo", Name: "Pompeo", MatchedBy: "single-name"})}
	write(batch...)
	write(batch...)
	if batch[0].Actors[0].ID != "person:pompeo" {
		t.Error("Write changed the caller's facts")
	}
	if n := graphtest.Count(t, store, `MATCH (p:Person {id: 'person:pompeo'}) RETURN count(p)`, nil); n != 0 {
		t.Errorf("a person:pompeo node exists; the lone name should have joined Mike Pompeo")
	}
}

// TestCrossArticleExtracted runs the real extractor (entity model
// included) on two small articles and writes them one after the other:
// Kim Jong Un is one node, and the second article's lone "Pompeo" joins
// the Mike Pompeo of the first.
func TestCrossArticleExtracted(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	articles := []string{
		"Envoy In Pyongyang\n\nNorth Korean leader Kim Jong Un met US Secretary of State Mike Pompeo in Pyongyang on Wednesday.\n\n" +
			"Kim Jong Un said the talks had gone well.\n",
		"Summit Date Set\n\nKim Jong Un will meet President Donald Trump in Singapore next month, officials said.\n\n" +
			"On Thursday, Mr Pompeo told reporters that the summit would go ahead.\n\n\"It will happen,\" Pompeo said.\n",
	}
	for i, text := range articles {
		doc, err := ingest.Parse(ingest.Article{Source: "test:extracted-" + string(rune('a'+i)), Text: []byte(text)})
		if err != nil {
			t.Fatal(err)
		}
		f, err := ex.Extract(doc)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Write(ctx, []*ingest.Facts{f}); err != nil {
			t.Fatal(err)
		}
	}
	if n := graphtest.Count(t, store, `MATCH (p:Person {name: 'Kim Jong Un'})<-[:MENTIONS]-(:Article) RETURN count(DISTINCT p)`, nil); n != 1 {
		t.Errorf("Kim Jong Un nodes = %d; want 1", n)
	}
	if n := graphtest.Count(t, store, `MATCH (p:Person {id: 'person:kim-jong-un'})<-[:MENTIONS]-(a:Article) RETURN count(a)`, nil); n != 2 {
		t.Errorf("articles mentioning Kim Jong Un = %d; want 2", n)
	}
	rows, err := store.Query(ctx, `MATCH (p:Person) WHERE p.name ENDS WITH 'Pompeo'
OPTIONAL MATCH (a:Article)-[r:MENTIONS]->(p) RETURN p.id AS id, collect(r.matchedBy) AS how`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0]["id"] != "person:mike-pompeo" {
		t.Fatalf("Pompeo nodes = %v; want only person:mike-pompeo", rows)
	}
	how := fmt.Sprint(rows[0]["how"])
	if !strings.Contains(how, graph.MatchedSurnameInGraph) || !strings.Contains(how, "full-name") {
		t.Errorf("Mike Pompeo mentioned with matchedBy %s; want full-name and %s", how, graph.MatchedSurnameInGraph)
	}
}

func BenchmarkResolveAcrossArticles(b *testing.B) {
	batch := make([]*ingest.Facts, 100)
	for i := range batch {
		batch[i] = loneNameArticle("a")
	}
	lookup := fakeLookup(map[string][]graph.Candidate{"Pompeo": {{ID: "person:mike-pompeo", Name: "Mike Pompeo"}}}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for i := 0; i < b.N; i++ {
		if _, err := graph.ResolveAcrossArticles(ctx, batch, lookup); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleResolveAcrossArticles() {
	article := &ingest.Facts{Actors: []ingest.Actor{
		{ID: "person:pompeo", Name: "Pompeo", Type: ingest.Person, MatchedBy: "single-name"},
	}}
	// In the Store the look-up runs inside the write transaction; here the
	// graph holds one person whose name ends with "Pompeo".
	lookup := func(_ context.Context, q graph.Lookup) (graph.Found, error) {
		return graph.Found{Persons: map[string][]graph.Candidate{"Pompeo": {{ID: "person:mike-pompeo", Name: "Mike Pompeo"}}}}, nil
	}
	out, _ := graph.ResolveAcrossArticles(context.Background(), []*ingest.Facts{article}, lookup)
	a := out[0].Actors[0]
	fmt.Println(a.ID, a.Name, a.Aliases, a.MatchedBy)
	fmt.Println(article.Actors[0].ID) // the input is unchanged
	// Output:
	// person:mike-pompeo Mike Pompeo [Pompeo] surname-in-graph
	// person:pompeo
}

// TestResolveSurnameByContext: among several persons a lone surname may
// be, gender, titles and how much more the graph names one decide.
func TestResolveSurnameByContext(t *testing.T) {
	tony := graph.Candidate{ID: "person:tony-blair", Name: "Tony Blair", Aliases: []string{"Mr Blair"}, Titles: []string{"Prime Minister"}, Articles: 140}
	cherie := graph.Candidate{ID: "person:cherie-blair", Name: "Cherie Blair", Aliases: []string{"Mrs Blair"}, Articles: 4}
	ian := graph.Candidate{ID: "person:ian-blair", Name: "Ian Blair", Aliases: []string{"Sir Ian"}, Titles: []string{"Commissioner"}, Articles: 3}
	matt := graph.Candidate{ID: "person:matt-carter", Name: "Matt Carter", Titles: []string{"General Secretary"}, Articles: 1}
	tests := []struct {
		name    string
		lone    ingest.Actor
		cands   []graph.Candidate
		wantID  string
		matched string
	}{
		{"dominant male candidate", ingest.Actor{Name: "Blair", Aliases: []string{"Mr Blair"}}, []graph.Candidate{tony, cherie, ian},
			"person:tony-blair", graph.MatchedSurnameByContext},
		{"gender picks the wife", ingest.Actor{Name: "Blair", Aliases: []string{"Mrs Blair"}}, []graph.Candidate{tony, cherie, ian},
			"person:cherie-blair", graph.MatchedSurnameByContext},
		{"shared title", ingest.Actor{Name: "Blair", Titles: []string{"commissioner"}}, []graph.Candidate{tony, cherie, ian},
			"person:ian-blair", graph.MatchedSurnameByContext},
		{"no dominance: keep", ingest.Actor{Name: "Blair"}, []graph.Candidate{{ID: "person:a-blair", Name: "A Blair", Articles: 4},
			{ID: "person:b-blair", Name: "B Blair", Articles: 3}}, "person:blair", "single-name"},
		{"titles disagree: keep", ingest.Actor{Name: "Carter", Titles: []string{"President"}}, []graph.Candidate{matt},
			"person:carter", "single-name"},
		{"a name with and without a middle initial is one person", ingest.Actor{Name: "Bush", Aliases: []string{"Mr Bush"}},
			[]graph.Candidate{{ID: "person:george-bush", Name: "George Bush", Articles: 4}, {ID: "person:george-w-bush", Name: "George W Bush", Articles: 4}},
			"person:george-w-bush", graph.MatchedSurnameByContext},
		{"two initialled names leave the bare one open", ingest.Actor{Name: "Bush", Aliases: []string{"Mr Bush"}},
			[]graph.Candidate{{ID: "person:george-bush", Name: "George Bush", Articles: 4}, {ID: "person:george-w-bush", Name: "George W Bush", Articles: 4},
				{ID: "person:george-h-w-bush", Name: "George H W Bush", Articles: 4}},
			"person:bush", "single-name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lone := tt.lone
			lone.ID, lone.Type, lone.MatchedBy = "person:"+strings.ToLower(lone.Name), ingest.Person, "single-name"
			in := &ingest.Facts{Article: ingest.ArticleInfo{ID: "article:x"}, Actors: []ingest.Actor{lone}}
			out, err := graph.ResolveAcrossArticles(context.Background(), []*ingest.Facts{in},
				fakeLookup(map[string][]graph.Candidate{lone.Name: tt.cands}, nil))
			if err != nil {
				t.Fatal(err)
			}
			got := out[0].Actors[0]
			if got.ID != tt.wantID || got.MatchedBy != tt.matched {
				t.Errorf("%s -> %s (%s); want %s (%s)", lone.Name, got.ID, got.MatchedBy, tt.wantID, tt.matched)
			}
		})
	}
}

// TestResolvePersonNamedOrganisation: an organisation named like a person
// of the graph is that person.
func TestResolvePersonNamedOrganisation(t *testing.T) {
	org := ingest.Actor{ID: "org:petrina-holdsworth", Name: "Petrina Holdsworth", Type: ingest.Organization, MatchedBy: "full-name"}
	in := &ingest.Facts{Article: ingest.ArticleInfo{ID: "article:x"}, Actors: []ingest.Actor{org}}
	lookup := func(_ context.Context, q graph.Lookup) (graph.Found, error) {
		named := map[string][]graph.Candidate{}
		for _, n := range q.PersonNames {
			if n == "Petrina Holdsworth" {
				named[n] = []graph.Candidate{{ID: "person:petrina-holdsworth", Name: n}}
			}
		}
		return graph.Found{Named: named}, nil
	}
	out, err := graph.ResolveAcrossArticles(context.Background(), []*ingest.Facts{in}, lookup)
	if err != nil {
		t.Fatal(err)
	}
	if a := out[0].Actors[0]; a.ID != "person:petrina-holdsworth" || a.Type != ingest.Person || a.MatchedBy != graph.MatchedPersonInGraph {
		t.Errorf("organisation -> %+v; want the person", a)
	}
}

// TestResolveLoneNameToOrganization: a one-word person that no full name
// ends with and that names an organisation, in the graph or elsewhere in
// the batch, is that organisation; one that a full name ends with stays a
// person.
func TestResolveLoneNameToOrganization(t *testing.T) {
	veritas := graph.Candidate{ID: "org:veritas", Name: "Veritas"}
	tests := []struct {
		name     string
		persons  map[string][]graph.Candidate
		orgs     map[string][]graph.Candidate
		batchOrg bool
		wantType ingest.ActorType
		wantID   string
	}{
		{"organisation in the graph", nil, map[string][]graph.Candidate{"Veritas": {veritas}}, false, ingest.Organization, "org:veritas"},
		{"organisation in the batch", nil, nil, true, ingest.Organization, "org:veritas"},
		{"a full name wins", map[string][]graph.Candidate{"Veritas": {{ID: "person:ann-veritas", Name: "Ann Veritas"}}},
			map[string][]graph.Candidate{"Veritas": {veritas}}, false, ingest.Person, "person:ann-veritas"},
		{"nothing known", nil, nil, false, ingest.Person, "person:veritas"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []*ingest.Facts{{Article: ingest.ArticleInfo{ID: "article:a"}, Actors: []ingest.Actor{
				{ID: "person:veritas", Name: "Veritas", Type: ingest.Person, MatchedBy: "single-name"}}}}
			if tt.batchOrg {
				in = append(in, &ingest.Facts{Article: ingest.ArticleInfo{ID: "article:b"}, Actors: []ingest.Actor{
					{ID: "org:veritas", Name: "Veritas", Type: ingest.Organization, MatchedBy: "full-name"}}})
			}
			lookup := func(_ context.Context, q graph.Lookup) (graph.Found, error) {
				return graph.Found{Persons: tt.persons, NamedOrgs: tt.orgs}, nil
			}
			out, err := graph.ResolveAcrossArticles(context.Background(), in, lookup)
			if err != nil {
				t.Fatal(err)
			}
			a := out[0].Actors[0]
			if a.Type != tt.wantType || a.ID != tt.wantID {
				t.Errorf("got %s %s, want %s %s", a.Type, a.ID, tt.wantType, tt.wantID)
			}
		})
	}
}
