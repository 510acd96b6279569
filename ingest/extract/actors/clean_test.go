package actors_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/actors"
	"github.com/newsgraph/newsgraph/ingest/extract/internal/extracttest"
)

// TestTitledNamesSplit: party and role words before a name become the
// person's title and an organisation of their own, post-nominals go.
func TestTitledNamesSplit(t *testing.T) {
	tests := []struct {
		name    string
		tags    extracttest.PhraseTagger
		body    string
		person  string // the person that must result
		titles  []string
		orgs    []string // all organisations, sorted
		persons int      // how many persons
	}{
		{"party and role tagged ORG", extracttest.PhraseTagger{"Labour MP Oona King": "ORG"},
			"Labour MP Oona King said the plan was wrong.", "Oona King", []string{"Labour MP"}, []string{"Labour"}, 1},
		{"party variant and role", extracttest.PhraseTagger{"Lib Dem MP Lembit Opik": "ORG"},
			"Lib Dem MP Lembit Opik disagreed.", "Lembit Opik", []string{"Lib Dem MP"}, []string{"Liberal Democrats"}, 1},
		{"party before a name", extracttest.PhraseTagger{"Tory Neil Hamilton": "PER"},
			"Tory Neil Hamilton lost his seat.", "Neil Hamilton", nil, []string{"Conservatives"}, 1},
		{"post-nominal", extracttest.PhraseTagger{"Frank Field MP": "ORG"},
			"Former welfare minister Frank Field MP criticised the rivalry.", "Frank Field", []string{"minister"}, nil, 1},
		{"party and plural role: the party alone", extracttest.PhraseTagger{"Labour MPs": "ORG"},
			"Many Labour MPs rebelled.", "", nil, []string{"Labour"}, 0},
		{"a role is no body", extracttest.PhraseTagger{"Attorney General": "ORG"},
			"The Attorney General gave his advice.", "", nil, nil, 0},
		{"sentence opener dropped", extracttest.PhraseTagger{"During Labour": "ORG"},
			"During Labour's first term, taxes rose.", "", nil, []string{"Labour"}, 0},
		{"qualifier, role and name", extracttest.PhraseTagger{"Green MEP Caroline Lucas": "PER"},
			"Green MEP Caroline Lucas spoke.", "Caroline Lucas", []string{"MEP"}, nil, 1},
		{"a Korean given name after a word that is also a place", extracttest.PhraseTagger{"Moon Jae-in": "PER"},
			"President Moon Jae-in spoke.", "Moon Jae-in", []string{"President"}, nil, 1},
		{"a role before a name whose first word is a place", extracttest.PhraseTagger{"Ariel Sharon": "PER"},
			"His Israeli counterpart, Ariel Sharon, spoke.", "Ariel Sharon", nil, nil, 1},
		{"a name-forming title before another's given name", extracttest.PhraseTagger{"Prince Charles": "PER", "Charles Kennedy": "PER"},
			"Charles Kennedy spoke first. Prince Charles hosted a dinner.", "Prince Charles", nil, nil, 2},
		{"a seat of government is an organisation, not a gazetteer's alternate name", extracttest.PhraseTagger{"White House": "LOC"},
			"The White House said the talks went well.", "", nil, []string{"White House"}, 0},
		{"a seat of government that acts is no person", extracttest.PhraseTagger{"Kremlin": "PER"},
			"The Kremlin said the talks went well.", "", nil, []string{"Kremlin"}, 0},
		{"a US party adjective before a name", extracttest.PhraseTagger{"Libertarian Gary Johnson": "PER"},
			"Libertarian Gary Johnson spoke.", "Gary Johnson", nil, nil, 1},
		{"a name that is all a quotation holds is a title", extracttest.PhraseTagger{"Shark Tank": "PER"},
			"He appeared on “Shark Tank,” the show.", "", nil, nil, 0},
		{"an adjective made of a name", extracttest.PhraseTagger{"Obama-era": "PER"},
			"The Obama-era rules went.", "", nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, f := resolveText(t, tt.tags, "Headline", tt.body)
			persons := extracttest.ActorNames(f, ingest.Person)
			if len(persons) != tt.persons {
				t.Errorf("persons = %q; want %d", persons, tt.persons)
			}
			if tt.person != "" {
				p := extracttest.ActorNamed(f, tt.person)
				if p == nil {
					t.Fatalf("no person %q in %q", tt.person, persons)
				}
				if strings.Join(p.Titles, "|") != strings.Join(tt.titles, "|") {
					t.Errorf("titles = %q; want %q", p.Titles, tt.titles)
				}
			}
			orgs := extracttest.ActorNames(f, ingest.Organization)
			if strings.Join(orgs, "|") != strings.Join(tt.orgs, "|") {
				t.Errorf("organisations = %q; want %q", orgs, tt.orgs)
			}
		})
	}
}

// TestPartyCanonical: the variants of a party's name are one organisation.
func TestPartyCanonical(t *testing.T) {
	for variant, want := range map[string]string{
		"Lib Dem": "Liberal Democrats", "Lib Dems": "Liberal Democrats", "Liberal Democrat": "Liberal Democrats",
		"Liberal Democrats": "Liberal Democrats", "Tories": "Conservatives", "Tory": "Conservatives",
		"Conservative Party": "Conservatives", "Labour Party": "Labour", "UKIP": "UK Independence Party",
		"SNP": "Scottish National Party", "GOP": "Republican Party", "Democrats": "Democratic Party",
		"Libertarians": "Libertarian Party", "Al Qaeda": "al-Qaeda", "ISIS": "Islamic State",
	} {
		if got, ok := actors.CanonicalOrg(variant); !ok || got != want {
			t.Errorf("CanonicalOrg(%q) = %q, %v; want %q", variant, got, ok, want)
		}
	}
	if _, ok := actors.CanonicalOrg("Electoral Commission"); ok {
		t.Error("Electoral Commission is no party variant")
	}
	// Whatever the tag, the variants of one article make one organisation.
	tags := extracttest.PhraseTagger{"Lib Dems": "ORG", "Liberal Democrat": "MISC", "Tories": "PER", "Conservative Party": "ORG"}
	_, f := resolveText(t, tags, "Headline", "The Lib Dems and the Tories agreed. A Liberal Democrat source said the Conservative Party would lose.")
	got := extracttest.ActorNames(f, ingest.Organization)
	if strings.Join(got, "|") != "Conservatives|Liberal Democrats" {
		t.Errorf("organisations = %q; want [Conservatives Liberal Democrats]", got)
	}
	if p := extracttest.ActorNames(f, ingest.Person); len(p) != 0 {
		t.Errorf("persons = %q; want none", p)
	}
}

// TestPersonEvidence: a one-word name is a person only on evidence; names
// of things are no persons.
func TestPersonEvidence(t *testing.T) {
	tests := []struct {
		name    string
		tags    extracttest.PhraseTagger
		body    string
		persons []string
	}{
		{"no evidence", extracttest.PhraseTagger{"Agenda": "PER", "Budget": "PER"},
			"The Agenda was set. Budget day came.", nil},
		{"honorific", extracttest.PhraseTagger{"Peston": "PER"}, "Mr Peston reported the story. Peston was right.", []string{"Peston"}},
		{"title", extracttest.PhraseTagger{"Carter": "PER"}, "President Carter arrived.", []string{"Carter"}},
		{"given name", extracttest.PhraseTagger{"Sarah": "PER"}, "Sarah was not convinced.", []string{"Sarah"}},
		{"peerage names the person", extracttest.PhraseTagger{"Lord Falconer": "PER"}, "Lord Falconer defended the plan.", []string{"Lord Falconer"}},
		{"peer who is named in full", extracttest.PhraseTagger{"Neil Kinnock": "PER", "Lord Kinnock": "PER"},
			"Neil Kinnock spoke. Later Lord Kinnock left.", []string{"Neil Kinnock"}},
		{"thing heads", extracttest.PhraseTagger{"Downing Street": "PER", "Green Paper": "PER", "Reform Bill": "PER"},
			"Downing Street published a Green Paper on the Reform Bill.", nil},
		{"islands and firms", extracttest.PhraseTagger{"Rikers Island": "PER", "Peabody Energy": "PER", "Trump Tower": "PER"},
			"Rikers Island is far from Peabody Energy and Trump Tower.", nil},

		{"a body's name after a title", extracttest.PhraseTagger{"James Kelly": "PER", "Pacific Affairs": "PER"},
			"James Kelly, Assistant Secretary of State for East Asia and Pacific Affairs, arrived.", []string{"James Kelly"}},
		{"place-final word", extracttest.PhraseTagger{"Bethnal Green": "PER", "Steve Green": "PER"},
			"Steve Green stood in Bethnal Green.", []string{"Steve Green"}},
		{"party name tagged PER", extracttest.PhraseTagger{"Plaid Cymru": "PER"}, "Plaid Cymru won two seats.", nil},
		{"adjective of a name", extracttest.PhraseTagger{"George Bush-style": "PER"}, "A George Bush-style campaign began.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, f := resolveText(t, tt.tags, "Headline", tt.body)
			got := extracttest.ActorNames(f, ingest.Person)
			want := append([]string(nil), tt.persons...)
			sort.Strings(want)
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("persons = %q; want %q", got, want)
			}
		})
	}
}
