package refs_test

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/extract/actors"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/internal/extracttest"
	"github.com/newsgraph/newsgraph/ingest/extract/places"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
	"github.com/newsgraph/newsgraph/ingest/syntax"
)

// reader analyses body with the event tests' tags, resolves its actors and
// builds the reader over it, as the extractor does.
func reader(t *testing.T, body string) (*document.Document, *refs.Reader) {
	t.Helper()
	d := document.Analyse(extracttest.Dated(t, body), extracttest.EventTags, nil, places.Default())
	actors.Resolve(d)
	return d, refs.New(d, func(w string) bool { return w == "visit" })
}

// tokenAt is the index of the first token of sentence si that reads word.
func tokenAt(t *testing.T, d *document.Document, si int, word string) int {
	t.Helper()
	for i, tok := range d.Sentences[si].Tokens {
		if tok.Text == word {
			return i
		}
	}
	t.Fatalf("no %q in sentence %d", word, si)
	return -1
}

// sentenceOf is the index of the sentence that starts with words.
func sentenceOf(t *testing.T, d *document.Document, words string) int {
	t.Helper()
	for si, s := range d.Sentences {
		if strings.HasPrefix(d.Article.Text[s.Start:s.End], words) {
			return si
		}
	}
	t.Fatalf("no sentence starts with %q", words)
	return -1
}

func names(d *document.Document, ps []refs.Participant) string {
	var out []string
	for _, p := range ps {
		out = append(out, d.Actors[p.Actor].Name+"="+d.Article.Text[p.Start:p.End])
	}
	return strings.Join(out, "|")
}

func TestGroupAndMembers(t *testing.T) {
	d, r := reader(t, "Donald Trump and first lady Melania Trump dined with Japan's Prime Minister Shinzo Abe and his wife Akie Abe. Donald Trump praised Shinzo Abe. Later the Trumps met the Trump-Abe team.")
	si := sentenceOf(t, d, "Donald Trump and")
	g, end := r.Group(si, 0, len(d.Sentences[si].Tokens))
	if got := names(d, g); got != "Donald Trump=Donald Trump|Melania Trump=Melania Trump" || d.Sentences[si].Lower[end] != "dined" {
		t.Errorf("subject group = %q, ending before %q", got, d.Sentences[si].Lower[end])
	}
	g, _ = r.Group(si, tokenAt(t, d, si, "with")+1, len(d.Sentences[si].Tokens))
	if got := names(d, g); got != "Shinzo Abe=Shinzo Abe|Akie Abe=Akie Abe" {
		t.Errorf("object group = %q; Japan's is a modifier, not a member", got)
	}
	if g := r.GroupEndingAt(si, tokenAt(t, d, si, "dined")-1); len(g) != 2 {
		t.Errorf("group ending before dined = %q", names(d, g))
	}
	next := sentenceOf(t, d, "Later")
	if m, ok := r.MemberAt(next, tokenAt(t, d, next, "Trumps")); !ok || len(m.Parts) != 2 {
		t.Errorf("the Trumps = %+v, want both Trumps", m)
	}
	if m, ok := r.MemberAt(next, tokenAt(t, d, next, "Trump-Abe")); !ok || names(d, m.Parts) != "Donald Trump=Trump|Shinzo Abe=Abe" {
		t.Errorf("Trump-Abe = %q", names(d, m.Parts))
	}
	if i := r.ActorByName("Abe"); i < 0 || d.Actors[i].Name != "Shinzo Abe" {
		t.Errorf("ActorByName(Abe) = %d, want Shinzo Abe, the Abe named most", i)
	}
	if i := r.ActorByName("Nobody"); i != -1 {
		t.Errorf("ActorByName(Nobody) = %d", i)
	}
}

func TestPronouns(t *testing.T) {
	d, r := reader(t, "Donald Trump thanked first lady Melania Trump. She smiled and he waved.")
	si := sentenceOf(t, d, "She")
	she, he := tokenAt(t, d, si, "She"), tokenAt(t, d, si, "he")
	if i := r.Pronoun(si, she); i < 0 || d.Actors[i].Name != "Melania Trump" {
		t.Errorf("She = %d, want Melania Trump, whom the text calls a lady", i)
	}
	if i := r.Pronoun(si, he); i < 0 || d.Actors[i].Name != "Donald Trump" {
		t.Errorf("he = %d, want Donald Trump", i)
	}
	// The speaker of the previous sentence comes first.
	d, r = reader(t, "Donald Trump met Mike Pompeo. Mike Pompeo spoke. He left.")
	spoke, he := sentenceOf(t, d, "Mike Pompeo spoke"), sentenceOf(t, d, "He")
	r.SetSpeaker(spoke, r.ActorByName("Mike Pompeo"))
	if i := r.Pronoun(he, tokenAt(t, d, he, "He")); i < 0 || d.Actors[i].Name != "Mike Pompeo" {
		t.Errorf("He = %d, want Mike Pompeo, the last speaker", i)
	}
	// A person named since the last statement is nearer.
	d, r = reader(t, "Mike Pompeo spoke. Donald Trump's trip is part of regular meetings. He left.")
	spoke, he = sentenceOf(t, d, "Mike Pompeo spoke"), sentenceOf(t, d, "He")
	r.SetSpeaker(spoke, r.ActorByName("Mike Pompeo"))
	if i := r.Pronoun(he, tokenAt(t, d, he, "He")); i < 0 || d.Actors[i].Name != "Donald Trump" {
		t.Errorf("He = %d, want Donald Trump, named after the last statement", i)
	}
}

// TestItPronoun: "it" names a country or an organisation only as the
// subject of a clause that holds it; a person or an earlier sentence's
// country is no antecedent.
func TestItPronoun(t *testing.T) {
	tests := []struct {
		body, sentence, want string // want "" for no actor
	}{
		{"Japan said it would host talks.", "Japan said", "Japan"},
		{"North Korea fired a missile. It fell into the sea.", "It fell", ""},
		{"Donald Trump said it was raining.", "Donald Trump said", ""},
	}
	parser, err := syntax.Default()
	if err != nil {
		t.Fatal(err)
	}
	// "Pompeo spoke to him": an object is not its own clause's subject
	{
		d := document.Analyse(extracttest.Dated(t, "Donald Trump said Mike Pompeo spoke to him."), extracttest.EventTags, parser, places.Default())
		actors.Resolve(d)
		r := refs.New(d, func(string) bool { return false })
		si := sentenceOf(t, d, "Donald Trump said")
		if i := r.Pronoun(si, tokenAt(t, d, si, "him")); i < 0 || d.Actors[i].Name != "Donald Trump" {
			t.Errorf("him = %d, want Donald Trump, not the subject of its own clause", i)
		}
	}
	for _, tc := range tests {
		d := document.Analyse(extracttest.Dated(t, tc.body), extracttest.EventTags, parser, places.Default())
		actors.Resolve(d)
		r := refs.New(d, func(string) bool { return false })
		si := sentenceOf(t, d, tc.sentence)
		got := ""
		if i := r.Pronoun(si, tokenAt(t, d, si, itWord(d, si))); i >= 0 {
			got = d.Actors[i].Name
		}
		if got != tc.want {
			t.Errorf("%q: it = %q, want %q", tc.body, got, tc.want)
		}
	}
}

// itWord returns the spelling of "it" in sentence si.
func itWord(d *document.Document, si int) string {
	for _, tok := range d.Sentences[si].Tokens {
		if strings.EqualFold(tok.Text, "it") {
			return tok.Text
		}
	}
	return "it"
}

func TestPossessiveBeforeAHeldNoun(t *testing.T) {
	d, r := reader(t, "Mike Pompeo's visit ended. Japan's Prime Minister Shinzo Abe left.")
	for _, tc := range []struct {
		si   int
		word string
		want bool
	}{{sentenceOf(t, d, "Mike"), "Mike", false}, {sentenceOf(t, d, "Japan"), "Japan", true}} {
		mi := d.Sentences[tc.si].MentionAt[tokenAt(t, d, tc.si, tc.word)]
		if got := r.IsModifier(tc.si, d.Mentions[mi]); got != tc.want {
			t.Errorf("IsModifier(%s) = %v, want %v", tc.word, got, tc.want)
		}
	}
}

// TestPronounGenderAndSalience: a first name or an honorific says a
// person's gender, and the paragraph's last speaker comes before the
// people named before it, not before one named since.
func TestPronounGenderAndSalience(t *testing.T) {
	tests := []struct {
		name, body, pronounSentence, pronoun, want string
		speakerSentence, speaker                   string
	}{
		{"she by first name", "Donald Trump met Angela Merkel. She smiled.", "She smiled", "She", "Angela Merkel", "", ""},
		{"he by first name", "Angela Merkel met Emmanuel Macron. He smiled.", "He smiled", "He", "Emmanuel Macron", "", ""},
		{"she by honorific", "Donald Trump met Mrs. Kim. She smiled.", "She smiled", "She", "Kim", "", ""},
		{"paragraph's last speaker", "Donald Trump arrived. Mike Pompeo spoke. The crowd nodded. He left.", "He left", "He", "Mike Pompeo", "Mike Pompeo spoke", "Mike Pompeo"},
		{"a person named since the last statement", "Mike Pompeo spoke. Donald Trump nodded. He left.", "He left", "He", "Donald Trump", "Mike Pompeo spoke", "Mike Pompeo"},
		{"speaker of the other gender", "Angela Merkel spoke. Donald Trump nodded. She left.", "She left", "She", "Angela Merkel", "Angela Merkel spoke", "Angela Merkel"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, r := reader(t, tc.body)
			if tc.speakerSentence != "" {
				r.SetSpeaker(sentenceOf(t, d, tc.speakerSentence), r.ActorByName(tc.speaker))
			}
			si := sentenceOf(t, d, tc.pronounSentence)
			if i := r.Pronoun(si, tokenAt(t, d, si, tc.pronoun)); i < 0 || d.Actors[i].Name != tc.want {
				got := "none"
				if i >= 0 {
					got = d.Actors[i].Name
				}
				t.Errorf("%s = %s, want %s", tc.pronoun, got, tc.want)
			}
		})
	}
}

// TestRoleRef: a definite role phrase names the person the article has
// given that title, its qualifiers included; a title no one bears names
// no one.
func TestRoleRef(t *testing.T) {
	model, err := syntax.Default()
	if err != nil {
		t.Fatal(err)
	}
	parsed := func(body string) (*document.Document, *refs.Reader) {
		d := document.Analyse(extracttest.Dated(t, body), extracttest.EventTags, model, places.Default())
		actors.Resolve(d)
		return d, refs.New(d, func(w string) bool { return w == "visit" })
	}
	d, r := parsed("President Donald Trump met Japanese Prime Minister Shinzo Abe in Florida. The prime minister praised the talks. The president smiled. The French president stayed away. A president came.")
	tests := []struct {
		sentence, word, want string // want "" for no one
	}{
		{"The prime minister", "minister", "Shinzo Abe"},
		{"The president smiled", "president", "Donald Trump"},
		{"The French president", "president", ""},
		{"A president", "president", ""},
	}
	for _, tc := range tests {
		si := sentenceOf(t, d, tc.sentence)
		got := ""
		if i := r.RoleRef(si, tokenAt(t, d, si, tc.word)); i >= 0 {
			got = d.Actors[i].Name
		}
		if got != tc.want {
			t.Errorf("%q: RoleRef = %q, want %q", tc.sentence, got, tc.want)
		}
	}
	// a pronoun after a role phrase names its person
	d, r = parsed("President Donald Trump spoke. Mike Pompeo left early. The president's plan came into play. In Florida, he told reporters more.")
	si := sentenceOf(t, d, "In Florida")
	if i := r.Pronoun(si, tokenAt(t, d, si, "he")); i < 0 || d.Actors[i].Name != "Donald Trump" {
		t.Errorf("he = %d, want Donald Trump, the president of the sentence before", i)
	}
}
