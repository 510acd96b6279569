package extract_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/extract/internal/extracttest"
	"github.com/newsgraph/newsgraph/ingest/extract/places"
)

// TestReferenceArticle runs the whole extractor with the embedded entity
// model on the reference article. It depends on the model: a failure here
// names what the tagger and resolution together got wrong.
func TestReferenceArticle(t *testing.T) {
	f := extractReference(t)
	persons := extracttest.ActorNames(f, ingest.Person)
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
			p, ok := places.Default().Lookup(name)
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
	pompeo := extracttest.ActorNamed(f, "Mike Pompeo")
	if pompeo == nil || !slices.Contains(pompeo.Titles, "CIA Director") || !slices.Contains(pompeo.Aliases, "Pompeo") {
		t.Errorf("Mike Pompeo = %+v; want alias Pompeo and title CIA Director", pompeo)
	}
	// Every bare "Kim" in the article is Kim Jong Un, none Kim Yong Chol.
	if k := extracttest.ActorNamed(f, "Kim Yong Chol"); k == nil || k.Mentions != 1 {
		t.Errorf("Kim Yong Chol = %+v; want exactly his one full mention", k)
	}
}

// extractReference runs the whole extractor, with the embedded entity
// model, on the reference article.
func extractReference(t *testing.T) *ingest.Facts {
	t.Helper()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := ex.Extract(referenceDoc(t))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func referenceDoc(t testing.TB) *ingest.Document {
	path := "../../testdata/articles/pompeo-kim-2018-04-18.txt"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Parse(ingest.Article{Source: path, Text: raw})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestReferenceArticleEvents checks the events of the reference article
// with the real entity model: these names depend on the entity layer.
func TestReferenceArticleEvents(t *testing.T) {
	f := extractReference(t)
	// Pompeo met Kim, in North Korea over Easter 2018.
	m := extracttest.MeetingOf(f, "Mike Pompeo", "Kim Jong Un")
	if m == nil || m.Status != ingest.StatusHeld {
		t.Errorf("Pompeo-Kim held meeting missing: %v", extracttest.MeetingsSummary(f))
	} else {
		if m.LocationID != "country:KP" {
			t.Errorf("Pompeo-Kim location = %v, want North Korea", m.Location)
		}
		if m.Date == nil || (*m.Date != "2018-04-01" && !(*m.Date <= "2018-04-01" && m.DateEnd >= "2018-04-01")) {
			t.Errorf("Pompeo-Kim date = %v..%s, want Easter 2018", m.Date, m.DateEnd)
		}
	}
	// Trump and Abe met at Mar-a-Lago.
	if m := extracttest.MeetingOf(f, "Donald Trump", "Shinzo Abe"); m == nil || m.Status != ingest.StatusHeld || m.Location == nil || *m.Location != "Mar-a-Lago" {
		t.Errorf("Trump-Abe held at Mar-a-Lago missing: %+v in %v", m, extracttest.MeetingsSummary(f))
	}
	// The dinner of the two couples. "his wife Akie" is named Akie Abe
	// only if the entity layer gives her the surname.
	dinner := false
	for _, m := range f.Meetings {
		if m.Kind == "dinner" && m.Status == ingest.StatusHeld && len(m.Participants) == 4 {
			set := extracttest.ParticipantSet(m)
			if strings.Contains(set, "Donald Trump") && strings.Contains(set, "Melania Trump") && strings.Contains(set, "Shinzo Abe") && strings.Contains(set, "Akie") {
				dinner = true
				if !strings.Contains(set, "Akie Abe") {
					t.Logf("entity layer: the fourth diner is %q, not Akie Abe", set)
				}
			}
		}
	}
	if !dinner {
		t.Errorf("held dinner of four missing: %v", extracttest.MeetingsSummary(f))
	}
	// The Trump-Kim summit is only planned or proposed, never held.
	prospect := false
	for _, m := range f.Meetings {
		if extracttest.ParticipantSet(m) != "Donald Trump+Kim Jong Un" {
			continue
		}
		if m.Status == ingest.StatusHeld {
			t.Errorf("a held Trump-Kim meeting: %+v", m)
		}
		if m.Status == ingest.StatusPlanned || m.Status == ingest.StatusProposed {
			prospect = true
		}
	}
	if !prospect {
		t.Errorf("no planned or proposed Trump-Kim summit: %v", extracttest.MeetingsSummary(f))
	}
	// James Clapper visited North Korea in 2014.
	clapper := false
	for _, v := range f.Visits {
		if v.Visitor == "James Clapper" && v.LocationID == "country:KP" && v.Date != nil && strings.HasPrefix(*v.Date, "2014") {
			clapper = true
		}
	}
	if !clapper {
		t.Errorf("James Clapper's 2014 visit to North Korea missing: %+v", f.Visits)
	}
	// Direct quotes and their speakers.
	want := map[string]string{
		"went smoothly":                       "Donald Trump",
		"Let’s leave it a little bit short":   "Donald Trump",
		"an agreement":                        "Mike Pompeo",
		"I really believe":                    "Donald Trump",
		"As I always say":                     "Donald Trump",
		"For the North Korean issue":          "Shinzo Abe",
		"Japan and ourselves are locked":      "Donald Trump",
		"It’s possible things won’t go well":  "Donald Trump",
		"People don’t realize the Korean War": "Donald Trump",
		"extremely high levels":               "Donald Trump",
		"No.":                                 "Donald Trump",
	}
	right := 0
	for frag, who := range want {
		st := extracttest.DirectWith(f, frag)
		if got := extracttest.SpeakerOf(st); got != who {
			t.Errorf("quote %q: speaker %q, want %q", frag, got, who)
		} else {
			right++
		}
	}
	if right < 9 {
		t.Errorf("%d quotes attributed right, want at least 9", right)
	}
	if st := extracttest.DirectWith(f, "For the North Korean issue"); st == nil || st.Addressee == nil || *st.Addressee != "Donald Trump" {
		t.Errorf("Abe's quote should be addressed to Donald Trump: %+v", st)
	}
	// The subtitle's quote has no speaker in the text.
	if st := extracttest.DirectWith(f, "smoothly and a good relationship was formed"); st == nil {
		t.Errorf("subtitle quote missing")
	}
}

func BenchmarkExtractReference(b *testing.B) {
	doc := referenceDoc(b)
	ex, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ex.Extract(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleExtractor_Extract() {
	ex, err := extract.New(extract.Options{}) // the embedded entity model and gazetteer
	if err != nil {
		panic(err)
	}
	article, err := ingest.Parse(ingest.Article{Source: "example", Text: []byte(
		"2018-04-18\n\nPompeo in North Korea\n\nMike Pompeo met Kim Jong Un in Pyongyang over Easter.\n")})
	if err != nil {
		panic(err)
	}
	f, err := ex.Extract(article)
	if err != nil {
		panic(err)
	}
	for _, m := range f.Meetings {
		fmt.Println(m.Status, m.Kind, m.Participants, *m.Location, *m.Date)
	}
	// Output:
	// held meeting [Mike Pompeo Kim Jong Un] Pyongyang 2018-04-01
}
