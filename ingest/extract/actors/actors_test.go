package actors_test

import (
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/extract/actors"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/internal/extracttest"
	"github.com/newsgraph/newsgraph/ingest/extract/places"
	"github.com/newsgraph/newsgraph/ingest/ner"
)

// resolveText runs the entity stage alone on an article whose title is
// title and whose body is body.
func resolveText(t *testing.T, tags document.Tagger, title, body string) (*document.Document, *ingest.Facts) {
	t.Helper()
	d := document.Analyse(extracttest.Article(t, title, body), tags, nil, places.Default())
	actors.Resolve(d)
	return d, &ingest.Facts{Actors: d.Actors, Locations: d.Locations}
}

func locationByID(f *ingest.Facts, id string) *ingest.Location {
	for i := range f.Locations {
		if f.Locations[i].ID == id {
			return &f.Locations[i]
		}
	}
	return nil
}

func TestPersonsCanonical(t *testing.T) {
	tests := []struct {
		name    string
		tags    extracttest.PhraseTagger
		body    string
		persons []string // all persons, sorted
		check   string   // a person to inspect
		aliases []string
		titles  []string
		matched string
		count   int
	}{
		{
			name:    "surname and honorific join the full name",
			tags:    extracttest.PhraseTagger{"Mike Pompeo": "PER", "Pompeo": "PER", "Mr Pompeo": "PER"},
			body:    "Mike Pompeo arrived on Monday. Pompeo spoke first. Later Mr Pompeo left.",
			persons: []string{"Mike Pompeo"}, check: "Mike Pompeo",
			aliases: []string{"Mr Pompeo", "Pompeo"}, matched: actors.MatchedFullName, count: 3,
		},
		{
			name:    "a name spelt in a badly converted file is named by the letters meant",
			tags:    extracttest.PhraseTagger{"FranA\u0303\u0083A\u0302\u00a7ois Hollande": "PER", "Hollande": "PER"},
			body:    "FranA\u0303\u0083A\u0302\u00a7ois Hollande arrived on Monday. Hollande spoke first.",
			persons: []string{"François Hollande"}, check: "François Hollande",
			aliases: []string{"Hollande"}, matched: actors.MatchedFullName, count: 2,
		},
		{
			name:    "title before the name is a role, not part of the name",
			tags:    extracttest.PhraseTagger{"Mike Pompeo": "PER", "CIA": "ORG"},
			body:    "CIA Director Mike Pompeo arrived.",
			persons: []string{"Mike Pompeo"}, check: "Mike Pompeo", titles: []string{"CIA Director"}, count: 1,
		},
		{
			name:    "title inside the tagged span is stripped into the role",
			tags:    extracttest.PhraseTagger{"President Donald Trump": "PER"},
			body:    "President Donald Trump spoke.",
			persons: []string{"Donald Trump"}, check: "Donald Trump", titles: []string{"President"},
			aliases: []string{"President Donald Trump"}, count: 1,
		},
		{
			name:    "parenthesised acronym qualifies the title",
			tags:    extracttest.PhraseTagger{"Central Intelligence Agency": "ORG", "CIA": "ORG", "Mike Pompeo": "PER"},
			body:    "Central Intelligence Agency (CIA) Director Mike Pompeo met him.",
			persons: []string{"Mike Pompeo"}, check: "Mike Pompeo", titles: []string{"CIA Director"}, count: 1,
		},
		{
			name:    "lower-case roles with qualifiers; a suffix title is dropped",
			tags:    extracttest.PhraseTagger{"Suh Hoon": "PER", "South Korean": "MISC", "Hoon": "PER"},
			body:    "South Korean intelligence chief Suh Hoon arrived. The chief Hoon left.",
			persons: []string{"Suh Hoon"}, check: "Suh Hoon", aliases: []string{"Hoon"},
			titles: []string{"South Korean intelligence chief"}, count: 2,
		},
		{
			name:    "then- is not part of the role",
			tags:    extracttest.PhraseTagger{"James Clapper": "PER"},
			body:    "He was the first since then-intelligence chief James Clapper went.",
			persons: []string{"James Clapper"}, check: "James Clapper", titles: []string{"intelligence chief"}, count: 1,
		},
		{
			name: "a bare given-name-first token joins the most mentioned full name",
			tags: extracttest.PhraseTagger{"Kim Jong Un": "PER", "Kim Yong Chol": "PER", "Kim": "PER"},
			body: "Kim Jong Un spoke. Kim Jong Un waited. His aide Kim Yong Chol called. " +
				"Officials asked whether Kim was ready.",
			persons: []string{"Kim Jong Un", "Kim Yong Chol"}, check: "Kim Jong Un", aliases: []string{"Kim"}, count: 3,
		},
		{
			name:    "on a tie the nearest full name before wins",
			tags:    extracttest.PhraseTagger{"Kim Jong Un": "PER", "Kim Yong Chol": "PER", "Kim": "PER"},
			body:    "Kim Jong Un spoke. His aide Kim Yong Chol called. Kim said he was ready.",
			persons: []string{"Kim Jong Un", "Kim Yong Chol"}, check: "Kim Yong Chol", aliases: []string{"Kim"}, count: 2,
		},
		{
			name:    "a surname tagged as an organisation or place is the person",
			tags:    extracttest.PhraseTagger{"Donald Trump": "PER", "Trump": "ORG", "Kim Jong Un": "PER", "Kim": "LOC"},
			body:    "Donald Trump met Kim Jong Un. Trump said a Kim summit was near.",
			persons: []string{"Donald Trump", "Kim Jong Un"}, check: "Donald Trump", aliases: []string{"Trump"}, count: 2,
		},
		{
			name:    "the most mentioned Trump wins over his wife",
			tags:    extracttest.PhraseTagger{"Donald Trump": "PER", "Melania Trump": "PER", "Trump": "PER"},
			body:    "Donald Trump spoke. Donald Trump and first lady Melania Trump dined. Trump left.",
			persons: []string{"Donald Trump", "Melania Trump"}, check: "Melania Trump", titles: []string{"first lady"}, count: 1,
		},
		{
			name:    "a lone name no full name explains stays a single-name person",
			tags:    extracttest.PhraseTagger{"Akie": "PER", "Shinzo Abe": "PER"},
			body:    "Shinzo Abe and his wife Akie dined.",
			persons: []string{"Akie", "Shinzo Abe"}, check: "Akie", matched: actors.MatchedSingleName, count: 1,
		},
		{
			name:    "a kinship noun makes an untagged name a person",
			tags:    extracttest.PhraseTagger{"Shinzo Abe": "PER"},
			body:    "Shinzo Abe and his wife Akie dined.",
			persons: []string{"Akie", "Shinzo Abe"}, check: "Akie", matched: actors.MatchedSingleName, count: 1,
		},
		{
			name:    "dates and words after place prepositions are no people",
			tags:    extracttest.PhraseTagger{"Easter": "PER", "Twitter": "PER", "Mike Pompeo": "PER", "Christmas": "ORG", "Monday": "LOC"},
			body:    "Mike Pompeo went over Easter. He wrote on Twitter about it. Christmas came. Monday was calm.",
			persons: []string{"Mike Pompeo"}, check: "Mike Pompeo", count: 1,
		},
		{
			name:    "a calendar word that ends a full name is still that person",
			tags:    extracttest.PhraseTagger{"Theresa May": "PER", "May": "PER"},
			body:    "Theresa May spoke. May said she would stay.",
			persons: []string{"Theresa May"}, check: "Theresa May", aliases: []string{"May"}, count: 2,
		},
		{
			name:    "spans too long or with lower-case words are no names",
			tags:    extracttest.PhraseTagger{"Trump Confirms Secret Meeting With Kim Today": "PER", "Donald Trump": "PER", "John said hello": "PER"},
			body:    "Donald Trump spoke. Trump Confirms Secret Meeting With Kim Today was the news. John said hello.",
			persons: []string{"Donald Trump"}, check: "Donald Trump", count: 1,
		},
		{
			name:    "a compound of known names counts for each, no organisation",
			tags:    extracttest.PhraseTagger{"Donald Trump": "PER", "Shinzo Abe": "PER", "Trump-Abe": "ORG"},
			body:    "Donald Trump met Shinzo Abe. The Trump-Abe meetings went well.",
			persons: []string{"Donald Trump", "Shinzo Abe"}, check: "Shinzo Abe", aliases: []string{"Abe"}, count: 2,
		},
		{
			name:    "an end of a longer name joins it, a start does not",
			tags:    extracttest.PhraseTagger{"Donald Trump Jr": "PER", "Trump Jr": "PER", "Donald Trump": "PER"},
			body:    "Donald Trump Jr spoke. Trump Jr left. Donald Trump stayed.",
			persons: []string{"Donald Trump", "Donald Trump Jr"}, check: "Donald Trump Jr", aliases: []string{"Trump Jr"}, count: 2,
		},
		{
			name:    "a PER mention that is a country's name is the country unless a full name explains it",
			tags:    extracttest.PhraseTagger{"Japan": "PER", "Michael Jordan": "PER", "Jordan": "PER"},
			body:    "Japan agreed. Michael Jordan played. Jordan scored.",
			persons: []string{"Michael Jordan"}, check: "Michael Jordan", aliases: []string{"Jordan"}, count: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, f := resolveText(t, tt.tags, "Test", tt.body)
			if got := extracttest.ActorNames(f, ingest.Person); strings.Join(got, "|") != strings.Join(tt.persons, "|") {
				t.Fatalf("persons = %q; want %q", got, tt.persons)
			}
			for _, a := range f.Actors {
				if a.Type == ingest.Organization && actors.CalendarWords[strings.ToLower(a.Name)] {
					t.Errorf("date %q became an organisation", a.Name)
				}
			}
			for _, l := range f.Locations {
				if actors.CalendarWords[strings.ToLower(l.Name)] {
					t.Errorf("date %q became a location", l.Name)
				}
			}
			act := extracttest.ActorNamed(f, tt.check)
			if act == nil {
				t.Fatalf("no actor %q", tt.check)
			}
			if act.ID != "person:"+document.Slug(tt.check) {
				t.Errorf("id = %q", act.ID)
			}
			if strings.Join(act.Aliases, "|") != strings.Join(tt.aliases, "|") {
				t.Errorf("aliases = %q; want %q", act.Aliases, tt.aliases)
			}
			if strings.Join(act.Titles, "|") != strings.Join(tt.titles, "|") {
				t.Errorf("titles = %q; want %q", act.Titles, tt.titles)
			}
			if tt.matched != "" && act.MatchedBy != tt.matched {
				t.Errorf("matchedBy = %q; want %q", act.MatchedBy, tt.matched)
			}
			if act.Mentions != tt.count {
				t.Errorf("mentions = %d; want %d", act.Mentions, tt.count)
			}
			if act.Evidence == nil || act.Evidence.Sentence == "" {
				t.Error("no evidence")
			}
		})
	}
}

func TestCountriesOneIdentity(t *testing.T) {
	tags := extracttest.PhraseTagger{"North Korea": "LOC", "North Korean": "MISC", "US": "LOC", "U.S.": "ORG", "America": "LOC",
		"United States": "LOC", "Japanese": "MISC", "North": "LOC", "South Korea": "LOC", "Koreas": "ORG",
		"Mike Pompeo": "PER"}
	body := "North Korea agreed to talks. Mike Pompeo made a visit to North Korea. The North Korean leader waited. " +
		"The US and the U.S. Congress and America and the United States are one. Japanese nationals were abducted. " +
		"South Korea and the North are at war. The zone between the Koreas is tense."
	d, f := resolveText(t, tags, "Test", body)
	countries := extracttest.ActorNames(f, ingest.Country)
	if want := []string{"Japan", "North Korea", "South Korea", "United States"}; strings.Join(countries, "|") != strings.Join(want, "|") {
		t.Fatalf("countries = %q; want %q", countries, want)
	}
	kp := extracttest.ActorNamed(f, "North Korea")
	if kp.ID != "country:KP" || kp.Mentions != 4 || kp.MatchedBy != actors.MatchedCountryName {
		t.Errorf("North Korea = %+v; want country:KP with 4 mentions", kp)
	}
	if loc := locationByID(f, "country:KP"); loc == nil || loc.Kind != "country" || loc.Latitude == nil {
		t.Errorf("North Korea as a location = %+v", loc)
	}
	us := extracttest.ActorNamed(f, "United States")
	if us.ID != "country:US" || us.Mentions != 4 {
		t.Errorf("United States = %+v; want 4 mentions", us)
	}
	if len(f.Actors) != 5 {
		t.Errorf("actors = %v; want 4 countries and Mike Pompeo (no \"Koreas\")", extracttest.ActorNames(f, ingest.Organization))
	}
	// The mention of North Korea is both an actor and a place.
	for _, m := range d.Mentions {
		if m.Text == "North Korea" && (m.Actor < 0 || m.Location < 0) {
			t.Errorf("mention %q: actor %d location %d; want both", m.Text, m.Actor, m.Location)
		}
	}
}

func TestOrganisations(t *testing.T) {
	tests := []struct {
		name    string
		tags    extracttest.PhraseTagger
		body    string
		orgs    []string
		check   string
		aliases []string
		matched string
	}{
		{
			name:  "explicit acronym in parentheses",
			tags:  extracttest.PhraseTagger{"Central Intelligence Agency": "ORG", "CIA": "ORG"},
			body:  "The Central Intelligence Agency (CIA) said so. The CIA declined to comment.",
			orgs:  []string{"Central Intelligence Agency"},
			check: "Central Intelligence Agency", aliases: []string{"CIA"}, matched: actors.MatchedFullName,
		},
		{
			name:  "acronym equal to the initials of a named organisation",
			tags:  extracttest.PhraseTagger{"Federal Bureau of Investigation": "ORG", "FBI": "ORG"},
			body:  "The FBI opened a case. The Federal Bureau of Investigation confirmed.",
			orgs:  []string{"Federal Bureau of Investigation"},
			check: "Federal Bureau of Investigation", aliases: []string{"FBI"},
		},
		{
			name:  "an acronym alone stays an acronym organisation",
			tags:  extracttest.PhraseTagger{"NATO": "ORG"},
			body:  "NATO met in Brussels.",
			orgs:  []string{"NATO"},
			check: "NATO", matched: actors.MatchedAcronym,
		},
		{
			name:  "shorter names of an organisation named in full",
			tags:  extracttest.PhraseTagger{"United Nations Security Council": "ORG", "Security Council": "ORG", "U.N. Security Council": "ORG", "E.U.": "ORG", "European Union": "ORG"},
			body:  "The United Nations Security Council met. The Security Council condemned the test. The U.N. Security Council and the E.U. acted. The European Union agreed.",
			orgs:  []string{"European Union", "United Nations Security Council"},
			check: "United Nations Security Council", aliases: []string{"Security Council", "U.N. Security Council"},
		},
		{
			name:  "a described name is no fuller name",
			tags:  extracttest.PhraseTagger{"California-based Wells Fargo": "ORG", "Wells Fargo": "ORG"},
			body:  "Barclays held talks with California-based Wells Fargo. Wells Fargo declined to comment.",
			orgs:  []string{"California-based Wells Fargo", "Wells Fargo"},
			check: "Wells Fargo",
		},
		{
			name:  "a shorter name that ends two full names stays apart",
			tags:  extracttest.PhraseTagger{"Democratic National Committee": "ORG", "Republican National Committee": "ORG", "National Committee": "ORG"},
			body:  "The Democratic National Committee and the Republican National Committee spoke. The National Committee met.",
			orgs:  []string{"Democratic National Committee", "National Committee", "Republican National Committee"},
			check: "National Committee",
		},
		{
			name:  "two organisations with the same initials leave the acronym alone",
			tags:  extracttest.PhraseTagger{"Central Intelligence Agency": "ORG", "Chemical Industry Association": "ORG", "CIA": "ORG"},
			body:  "The Central Intelligence Agency and the Chemical Industry Association met. The CIA spoke.",
			orgs:  []string{"CIA", "Central Intelligence Agency", "Chemical Industry Association"},
			check: "CIA", matched: actors.MatchedAcronym,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, f := resolveText(t, tt.tags, "Test", tt.body)
			if got := extracttest.ActorNames(f, ingest.Organization); strings.Join(got, "|") != strings.Join(tt.orgs, "|") {
				t.Fatalf("organisations = %q; want %q", got, tt.orgs)
			}
			act := extracttest.ActorNamed(f, tt.check)
			if act.ID != "org:"+document.Slug(tt.check) {
				t.Errorf("id = %q", act.ID)
			}
			if strings.Join(act.Aliases, "|") != strings.Join(tt.aliases, "|") {
				t.Errorf("aliases = %q; want %q", act.Aliases, tt.aliases)
			}
			if tt.matched != "" && act.MatchedBy != tt.matched {
				t.Errorf("matchedBy = %q; want %q", act.MatchedBy, tt.matched)
			}
		})
	}
}

func TestLocations(t *testing.T) {
	type want struct {
		id, name, kind, cc string
		coords             bool
		partOf             []string
	}
	tests := []struct {
		name string
		tags extracttest.PhraseTagger
		body string
		want []want
		none []string // names that must not be locations
	}{
		{
			name: "a venue word makes a venue; ', Region' and 'in Place' build the chain",
			tags: extracttest.PhraseTagger{"Mar-a-Lago": "ORG", "Palm Beach": "LOC", "Florida": "LOC", "US": "LOC"},
			body: "US officials met at the Mar-a-Lago retreat in Palm Beach, Florida. Later the Mar-a-Lago estate in Florida closed.",
			want: []want{
				{"venue:mar-a-lago", "Mar-a-Lago", "venue", "US", false, []string{"place:us:palm-beach", "region:US-FL", "country:US"}},
				{"place:us:palm-beach", "Palm Beach", "other", "US", false, []string{"region:US-FL", "country:US"}},
				{"region:US-FL", "Florida", "region", "US", true, []string{"country:US"}},
			},
		},
		{
			name: "a list is no chain",
			tags: extracttest.PhraseTagger{"Pyongyang": "LOC", "Stockholm": "LOC", "Geneva": "LOC", "Mongolia": "LOC", "Texas": "LOC", "Florida": "LOC", "Ohio": "LOC"},
			body: "Sites include Pyongyang, Stockholm, Geneva and Mongolia. Voters in Texas, Florida and Ohio agree.",
			want: []want{
				{"city:1871859", "Pyongyang", "city", "KP", true, []string{"region:KP-12", "country:KP"}},
				{"city:2673730", "Stockholm", "city", "SE", true, []string{"region:SE-26", "country:SE"}},
				{"city:2660646", "Genève", "city", "CH", true, []string{"region:CH-GE", "country:CH"}},
				{"region:US-TX", "Texas", "region", "US", true, []string{"country:US"}},
			},
		},
		{
			name: "two regions are a list even at the end of a sentence",
			tags: extracttest.PhraseTagger{"Texas": "LOC", "Florida": "LOC"},
			body: "He toured Texas, Florida.",
			want: []want{
				{"region:US-TX", "Texas", "region", "US", true, []string{"country:US"}},
				{"region:US-FL", "Florida", "region", "US", true, []string{"country:US"}},
			},
		},
		{
			name: "every mention of a name is the place the apposition chose",
			tags: extracttest.PhraseTagger{"Paris": "LOC", "Texas": "LOC"},
			body: "The rally was in Paris, Texas. Paris voted early.",
			want: []want{{"place:us:paris", "Paris", "other", "US", false, []string{"region:US-TX", "country:US"}}},
		},
		{
			name: "a known place before a venue word is where the venue is, not the venue",
			tags: extracttest.PhraseTagger{"Geneva": "LOC"},
			body: "They met at a Geneva hotel.",
			want: []want{{"city:2660646", "Genève", "city", "CH", true, []string{"region:CH-GE", "country:CH"}}},
		},
		{
			name: "a person whose surname is a venue word is no venue",
			tags: extracttest.PhraseTagger{"Tony Hall": "PER", "Baghdad": "LOC"},
			body: "Congressman Tony Hall visited Baghdad.",
			want: []want{{"city:98182", "Baghdad", "city", "IQ", true, []string{"region:IQ-07", "country:IQ"}}},
			none: []string{"Tony Hall"},
		},
		{
			name: "an unknown place keeps its name and kind other",
			tags: extracttest.PhraseTagger{"Ruritania Flats": "LOC"},
			body: "They met in Ruritania Flats.",
			want: []want{{"place:ruritania-flats", "Ruritania Flats", "other", "", false, nil}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, f := resolveText(t, tt.tags, "Test", tt.body)
			for _, w := range tt.want {
				loc := locationByID(f, w.id)
				if loc == nil {
					var ids []string
					for _, l := range f.Locations {
						ids = append(ids, l.ID)
					}
					t.Fatalf("no location %q among %q", w.id, ids)
				}
				if loc.Name != w.name || loc.Kind != w.kind || loc.CountryCode != w.cc || (loc.Latitude != nil) != w.coords ||
					strings.Join(loc.PartOf, "|") != strings.Join(w.partOf, "|") {
					t.Errorf("%s = %s %s %s coords=%v partOf=%q; want %s %s %s coords=%v partOf=%q", w.id,
						loc.Name, loc.Kind, loc.CountryCode, loc.Latitude != nil, loc.PartOf, w.name, w.kind, w.cc, w.coords, w.partOf)
				}
			}
			// Every PART_OF target is itself a location of the facts.
			for _, l := range f.Locations {
				for _, id := range l.PartOf {
					if locationByID(f, id) == nil {
						t.Errorf("%s PART_OF %s, which is not in Facts.Locations", l.ID, id)
					}
				}
			}
			for _, l := range f.Locations {
				if slices.Contains(tt.none, l.Name) {
					t.Errorf("%q became a location: %+v", l.Name, l)
				}
			}
			for _, a := range f.Actors {
				if a.Type != ingest.Country && a.Type != ingest.Person {
					if a.Name == "Mar-a-Lago" || a.Name == "Pyongyang" {
						t.Errorf("place %q became an actor", a.Name)
					}
				}
			}
		})
	}
}

// TestOneSensePerArticle: an organisation tag on a name the article uses
// for a place ("Pyongyang should not expect") is that place.
func TestOneSensePerArticle(t *testing.T) {
	tags := extracttest.SentenceTagger{{}, {"Pyongyang": "LOC"}, {"Pyongyang": "ORG"}}
	_, f := resolveText(t, tags, "Test", "He flew to Pyongyang. Pyongyang should not expect rewards.")
	if len(f.Actors) != 0 {
		t.Errorf("actors = %+v; want none", f.Actors)
	}
	loc := locationByID(f, "city:1871859")
	if loc == nil || loc.Mentions != 2 {
		t.Errorf("Pyongyang = %+v; want one city mentioned twice", loc)
	}
}

// TestHeadline checks that a title-case headline is read against the
// entities of the body: "Trump Confirms" is no organisation, "Trump" is
// Donald Trump, and titles there are roles.
func TestHeadline(t *testing.T) {
	tags := extracttest.PhraseTagger{"Trump Confirms": "ORG", "CIA": "ORG", "Mike Pompeo": "PER", "North Korean": "MISC",
		"Kim Jong Un": "PER", "Donald Trump": "PER", "Secret Meeting": "MISC", "Leader Kim Jong Un": "PER"}
	title := "Trump Confirms CIA Chief Mike Pompeo Had Secret Meeting With North Korean Leader Kim Jong Un"
	body := "Donald Trump said the CIA sent Mike Pompeo to meet Kim Jong Un."
	d, f := resolveText(t, tags, title, body)
	if got := extracttest.ActorNames(f, ingest.Organization); strings.Join(got, "|") != "CIA" {
		t.Errorf("organisations = %q; want only CIA", got)
	}
	if got := extracttest.ActorNames(f, ingest.Person); strings.Join(got, "|") != "Donald Trump|Kim Jong Un|Mike Pompeo" {
		t.Errorf("persons = %q", got)
	}
	trump := extracttest.ActorNamed(f, "Donald Trump")
	if trump.Mentions != 2 || !slices.Contains(trump.Aliases, "Trump") {
		t.Errorf("Donald Trump = %+v; want the headline's Trump counted", trump)
	}
	if p := extracttest.ActorNamed(f, "Mike Pompeo"); strings.Join(p.Titles, "|") != "CIA Chief" {
		t.Errorf("Mike Pompeo titles = %q; want [CIA Chief]", p.Titles)
	}
	if k := extracttest.ActorNamed(f, "Kim Jong Un"); strings.Join(k.Titles, "|") != "North Korean Leader" {
		t.Errorf("Kim Jong Un titles = %q; want [North Korean Leader]", k.Titles)
	}
	if kp := extracttest.ActorNamed(f, "North Korea"); kp == nil {
		t.Error("the headline's demonym did not resolve to North Korea")
	}
	for i := 1; i < len(d.Mentions); i++ {
		p, q := d.Mentions[i-1], d.Mentions[i]
		if p.Sent > q.Sent || (p.Sent == q.Sent && p.Start > q.Start) {
			t.Fatalf("mentions out of order at %d: %+v before %+v", i, p, q)
		}
	}
}

// TestNoiseLines: bylines, stamps and credits that reach the text name no
// actors.
func TestNoiseLines(t *testing.T) {
	tags := extracttest.PhraseTagger{"Jane Doe": "PER", "John Roe": "PER", "Aaron Bernstein": "PER", "Reuters": "ORG",
		"BST": "ORG", "Mike Pompeo": "PER"}
	body := "By Jane Doe and John Roe\n\nUpdated 18/04/2018 11:59 BST\n\nAaron Bernstein / Reuters\n\n" +
		"Mike Pompeo told Reuters he was pleased."
	_, f := resolveText(t, tags, "Test", body)
	var names []string
	for _, a := range f.Actors {
		names = append(names, a.Name)
	}
	if strings.Join(names, "|") != "Mike Pompeo|Reuters" {
		t.Errorf("actors = %q; want only Mike Pompeo and Reuters (from the body)", names)
	}
	for _, tt := range []struct {
		line  string
		noise bool
	}{
		{"By Jane Doe", true},
		{"By Jane Doe and John Roe , Reuters", true},
		{"Updated 18/04/2018 11:59 BST", true},
		{"KCNA KCNA / Reuters", true},
		{"By the time Kim arrived , talks had begun .", false},
		{"Updated figures show growth .", false},
		{"Trump met Kim .", false},
	} {
		if got := actors.IsNoiseSentence(strings.Fields(tt.line)); got != tt.noise {
			t.Errorf("actors.IsNoiseSentence(%q) = %v; want %v", tt.line, got, tt.noise)
		}
	}
}

// TestMentionTypesFollowResolution: later stages read mention types, so
// they say what the mention resolved to.
func TestMentionTypesFollowResolution(t *testing.T) {
	tags := extracttest.PhraseTagger{"Donald Trump": "PER", "Trump": "ORG", "Japan": "PER", "Japanese": "MISC", "Trump-Abe": "ORG", "Shinzo Abe": "PER"}
	d, _ := resolveText(t, tags, "Test", "Donald Trump met Shinzo Abe. Trump praised Japan. Japanese officials hailed the Trump-Abe talks.")
	want := map[string]string{"Donald Trump": "PER", "Trump": "PER", "Japan": "LOC", "Japanese": "MISC", "Abe": "PER", "Shinzo Abe": "PER"}
	for _, m := range d.Mentions {
		if w, ok := want[m.Text]; ok && m.Type != w {
			t.Errorf("mention %q has type %s; want %s", m.Text, m.Type, w)
		}
	}
}

// TestHeadlineOnlyEntity: an entity that only the headline names is not
// trusted, since title case hides what is a name.
func TestHeadlineOnlyEntity(t *testing.T) {
	tags := extracttest.PhraseTagger{"Bold Move Shocks": "PER", "Donald Trump": "PER"}
	_, f := resolveText(t, tags, "Bold Move Shocks Markets As Donald Trump Speaks Today", "Markets fell.")
	if len(f.Actors) != 0 {
		t.Errorf("actors = %+v; want none", f.Actors)
	}
}

func BenchmarkResolveEntities(b *testing.B) {
	raw, err := os.ReadFile("../../../testdata/articles/pompeo-kim-2018-04-18.txt")
	if err != nil {
		b.Fatal(err)
	}
	article, err := ingest.Parse(ingest.Article{Source: "bench", Text: raw})
	if err != nil {
		b.Fatal(err)
	}
	tagger, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	d := document.Analyse(article, tagger, nil, places.Default())
	mentions := append([]document.Mention(nil), d.Mentions...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Mentions = append(d.Mentions[:0], mentions...)
		d.Actors, d.Locations = nil, nil
		actors.Resolve(d)
	}
}

// TestTitleCaseOnlyForHeadlines: the headline guard (capitals carry no
// information) applies to title segments and to body lines set wholly in
// title case, never to a body sentence that merely names many people.
func TestTitleCaseOnlyForHeadlines(t *testing.T) {
	tags := extracttest.PhraseTagger{"Barack Obama": "PER", "Vladimir Putin": "PER", "Angela Merkel": "PER",
		"Francois Hollande": "PER", "David Cameron": "PER", "Matteo Renzi": "PER", "Paris": "LOC"}
	tests := []struct {
		name, title, body string
		persons           []string // persons the body gives, sorted
	}{
		{"many names, lower-case verb", "Leaders gather",
			"Barack Obama, Vladimir Putin, Angela Merkel, Francois Hollande, David Cameron and Matteo Renzi met in Paris.",
			[]string{"Angela Merkel", "Barack Obama", "David Cameron", "Francois Hollande", "Matteo Renzi", "Vladimir Putin"}},
		{"two names", "Leaders meet", "Barack Obama met Vladimir Putin in Paris on Monday.",
			[]string{"Barack Obama", "Vladimir Putin"}},
		{"body line wholly in title case", "Leaders meet",
			"Barack Obama Meets Vladimir Putin Over Breakfast Talks In Paris Today",
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, f := resolveText(t, tags, tc.title, tc.body)
			got := extracttest.ActorNames(f, ingest.Person)
			if strings.Join(got, "|") != strings.Join(tc.persons, "|") {
				t.Errorf("persons = %q, want %q", got, tc.persons)
			}
		})
	}
	for _, tc := range []struct {
		seg         ingest.SegmentKind
		words, caps int
		want        bool
	}{
		{ingest.SegmentTitle, 6, 5, true},
		{ingest.SegmentTitle, 2, 2, false},
		{ingest.SegmentBody, 10, 9, false},
		{ingest.SegmentBody, 10, 10, true},
		{ingest.SegmentBody, 5, 5, false},
		{ingest.SegmentCaption, 12, 11, false},
		{ingest.SegmentSubtitle, 10, 9, true},
	} {
		if got := actors.IsTitleCase(tc.seg, tc.words, tc.caps); got != tc.want {
			t.Errorf("actors.IsTitleCase(%s, %d words, %d capitalised) = %v, want %v", tc.seg, tc.words, tc.caps, got, tc.want)
		}
	}
}

// TestActingPlacesArePersons: a one-word name the tagger took for a place,
// unknown to the gazetteer, acting as a person ("Obama met Putin") is a
// person; known places and unknown places after a preposition stay places.
func TestActingPlacesArePersons(t *testing.T) {
	tests := []struct {
		name    string
		tags    extracttest.PhraseTagger
		body    string
		persons []string
		place   string // a location ID that must remain
	}{
		{"subject and object of met", extracttest.PhraseTagger{"Obama": "LOC", "Putin": "LOC", "Paris": "LOC"},
			"Obama met Putin in Paris.", []string{"Obama", "Putin"}, "city:2988507"},
		{"met with", extracttest.PhraseTagger{"Trump": "MISC"}, "The lawyers met with Trump last week.", []string{"Trump"}, ""},
		{"coordinated with a person", extracttest.PhraseTagger{"John Kerry": "PER", "Lavrov": "LOC"},
			"A conversation between John Kerry and Lavrov yielded nothing.", []string{"John Kerry", "Lavrov"}, ""},
		{"unknown place after a preposition", extracttest.PhraseTagger{"Moroto": "LOC"},
			"The team travelled to Moroto to meet him.", nil, "place:moroto"},
		{"known place as subject", extracttest.PhraseTagger{"Paris": "LOC"}, "Paris said the plan was sound.", nil, "city:2988507"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, f := resolveText(t, tc.tags, "Headline", tc.body)
			got := extracttest.ActorNames(f, ingest.Person)
			want := append([]string(nil), tc.persons...)
			sort.Strings(want)
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("persons = %q, want %q", got, want)
			}
			if tc.place != "" && locationByID(f, tc.place) == nil {
				t.Errorf("location %s missing: %+v", tc.place, f.Locations)
			}
		})
	}
}

// TestCapitalsActAsCountries: a national capital that acts (subject, "by"
// agent, party "with" or "between" others) stands for its country; a
// capital where something happens stays a place, and Brussels is no
// stand-in for Belgium. Run on the real tagger and parser.
func TestCapitalsActAsCountries(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		countries []string // Country actors, sorted
		place     string   // a location ID that must remain ("" for none)
		noPlace   string   // a location ID that must not be there
	}{
		{"talks between capitals", "Talks between Washington and Pyongyang stalled last year.",
			[]string{"North Korea", "United States"}, "", "city:1871859"},
		{"subject of a verb", "Beijing said the plan was sound.", []string{"China"}, "", "city:1816670"},
		{"with a relation noun", "Japan wants better ties with Beijing.", []string{"China", "Japan"}, "", ""},
		{"where a meeting happens", "Shinzo Abe met Xi Jinping in Beijing on Monday.", nil, "city:1816670", ""},
		{"a zone between places", "The zone between Seoul and Pyongyang is heavily guarded by soldiers.", nil, "city:1871859", ""},
		{"Brussels is no Belgium", "Brussels said the plan was sound.", nil, "", ""},
	}
	tags := extracttest.PhraseTagger{"Beijing": "LOC", "Washington": "LOC", "Seoul": "LOC", "Brussels": "LOC"}
	for k, v := range extracttest.EventTags {
		tags[k] = v
	}
	ex, err := extract.New(extract.Options{Tagger: tags})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ex.Extract(extracttest.Dated(t, tc.body))
			if err != nil {
				t.Fatal(err)
			}
			got := extracttest.ActorNames(f, ingest.Country)
			if strings.Join(got, "|") != strings.Join(tc.countries, "|") {
				t.Errorf("countries = %q, want %q", got, tc.countries)
			}
			if tc.place != "" && locationByID(f, tc.place) == nil {
				t.Errorf("location %s missing: %+v", tc.place, f.Locations)
			}
			if tc.noPlace != "" && locationByID(f, tc.noPlace) != nil {
				t.Errorf("location %s is there, but the capital stood for its country", tc.noPlace)
			}
		})
	}
}
