package extract

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
)

func actorNamed(f *ingest.Facts, name string) *ingest.Actor {
	for i := range f.Actors {
		if f.Actors[i].Name == name {
			return &f.Actors[i]
		}
	}
	return nil
}

func actorNames(f *ingest.Facts, typ ingest.ActorType) []string {
	var out []string
	for _, a := range f.Actors {
		if a.Type == typ {
			out = append(out, a.Name)
		}
	}
	slices.Sort(out)
	return out
}

// TestReferenceArticle runs the whole extractor with the embedded entity
// model on the reference article. It depends on the model: a failure here
// names what the tagger and resolution together got wrong.
func TestReferenceArticle(t *testing.T) {
	path := "../../testdata/articles/pompeo-kim-2018-04-18.txt"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Parse(ingest.Article{Source: path, Text: raw})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := ex.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	persons := actorNames(f, ingest.Person)
	want := []string{"Akie", "Donald Trump", "James Clapper", "Kim Jong Un", "Kim Yong Chol", "Melania Trump",
		"Mike Pompeo", "Shinzo Abe", "Suh Hoon"}
	if strings.Join(persons, "|") != strings.Join(want, "|") && strings.Join(persons, "|") != strings.Join(append(want[1:], "Akie Abe"), "|") {
		t.Errorf("persons = %q\nwant      %q (or Akie Abe)", persons, want)
	}
	// One identity per country, whether actor or place.
	for name, id := range map[string]string{"North Korea": "country:KP", "South Korea": "country:KR", "Japan": "country:JP", "United States": "country:US"} {
		var ids []string
		for _, a := range f.Actors {
			if a.Name == name {
				ids = append(ids, a.ID)
			}
		}
		for _, l := range f.Locations {
			if l.Name == name && !slices.Contains(ids, l.ID) {
				ids = append(ids, l.ID)
			}
		}
		if len(ids) != 1 || ids[0] != id {
			t.Errorf("%s has identities %q; want only %q", name, ids, id)
		}
	}
	withCoords := map[string]string{"Pyongyang": "KP", "Stockholm": "SE", "Geneva": "CH"}
	for name, cc := range withCoords {
		found := false
		for _, l := range f.Locations {
			p, ok := ex.places.Lookup(name)
			if ok && l.ID == p.ID && l.Mentions > 0 {
				found = true
				if l.Latitude == nil || l.Longitude == nil || l.CountryCode != cc || l.Kind != "city" {
					t.Errorf("%s = %+v; want a city in %s with coordinates", name, l, cc)
				}
			}
		}
		if !found {
			t.Errorf("%s is not a mentioned location", name)
		}
	}
	for _, name := range []string{"Mar-a-Lago", "Palm Beach", "Florida"} {
		found := false
		for _, l := range f.Locations {
			if l.Name == name && l.Mentions > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("%s is not a mentioned location", name)
		}
	}
	mar := f.Locations[0]
	for _, l := range f.Locations {
		if l.Name == "Mar-a-Lago" {
			mar = l
		}
	}
	if mar.Kind != "venue" || len(mar.PartOf) == 0 || mar.PartOf[len(mar.PartOf)-1] != "country:US" {
		t.Errorf("Mar-a-Lago = %+v; want a venue inside the United States", mar)
	}
	// No actor from a photo credit or a headline fragment.
	for _, a := range f.Actors {
		for _, bad := range []string{"Aaron Bernstein", "KCNA", "Reuters /", "Kevin Lamarque", "Confirms", "Secret", "Had"} {
			if strings.Contains(a.Name, bad) {
				t.Errorf("actor %q comes from a credit or headline fragment", a.Name)
			}
		}
	}
	pompeo := actorNamed(f, "Mike Pompeo")
	if pompeo == nil || !slices.Contains(pompeo.Titles, "CIA Director") || !slices.Contains(pompeo.Aliases, "Pompeo") {
		t.Errorf("Mike Pompeo = %+v; want alias Pompeo and title CIA Director", pompeo)
	}
	// Every bare "Kim" in the article is Kim Jong Un, none Kim Yong Chol.
	if k := actorNamed(f, "Kim Yong Chol"); k == nil || k.Mentions != 1 {
		t.Errorf("Kim Yong Chol = %+v; want exactly his one full mention", k)
	}
}
