package document_test

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/internal/extracttest"
	"github.com/newsgraph/newsgraph/ingest/extract/places"
)

func TestAnalyse(t *testing.T) {
	tags := extracttest.PhraseTagger{"Shinzo Abe": "PER", "Genève": "LOC"}
	article := extracttest.Article(t, "Talks In Genève", "Shinzo Abe said “we met in Genève” on Tuesday.")
	d := document.Analyse(article, tags, nil, places.Default())
	if len(d.Sentences) != 2 {
		t.Fatalf("%d sentences, want the title's and the body's", len(d.Sentences))
	}
	var got []string
	for _, m := range d.Mentions {
		got = append(got, m.Type+":"+m.Text)
		if m.Actor != -1 || m.Location != -1 {
			t.Errorf("mention %q resolved before the actors stage: %+v", m.Text, m)
		}
		if at := d.Sentences[m.Sent].MentionAt; at[m.Start] < 0 || d.Mentions[at[m.Start]].Text != m.Text {
			t.Errorf("MentionAt does not point at mention %q", m.Text)
		}
	}
	if strings.Join(got, "|") != "LOC:Genève|PER:Shinzo Abe|LOC:Genève" {
		t.Errorf("mentions = %q", got)
	}
	body := d.Sentences[1]
	var quoted, lower []string
	for i, tok := range body.Tokens {
		if body.Quoted[i] {
			quoted = append(quoted, tok.Text)
		}
		lower = append(lower, body.Lower[i])
		if body.Labels[i] == "" || body.MentionAt[i] < -1 {
			t.Errorf("token %q: label %q, mention %d", tok.Text, body.Labels[i], body.MentionAt[i])
		}
	}
	if strings.Join(quoted, " ") != "we met in Genève" {
		t.Errorf("quoted tokens = %q", quoted)
	}
	if lower[0] != "shinzo" {
		t.Errorf("lower = %q", lower)
	}
	if len(body.Dates) != 1 || body.DateStartingAt(body.Dates[0].Start) != body.Dates[0].End || body.DateEndingAt(body.Dates[0].End-1) != body.Dates[0].Start {
		t.Errorf("dates = %+v, want one (on Tuesday) found from both ends", body.Dates)
	}
	if body.Syntax != nil {
		t.Errorf("Syntax = %v, want nil until a parser fills it", body.Syntax)
	}
	if len(d.Quotes) != 1 || article.Text[d.Quotes[0].Start:d.Quotes[0].End] != "we met in Genève" || !d.Quotes[0].Closed {
		t.Errorf("quotes = %+v", d.Quotes)
	}
}

// TestOffsetsInCodePoints: evidence and spans count code points, whatever
// order they are asked for in.
func TestOffsetsInCodePoints(t *testing.T) {
	article := extracttest.Article(t, "Ça va", "Les élèves sont là. Abe arrived.")
	d := document.Analyse(article, extracttest.PhraseTagger{}, nil, places.Default())
	runes := []rune(article.Text)
	for _, si := range []int{2, 0, 1, 2} {
		ev := d.Evidence(si)
		if string(runes[ev.Start:ev.End]) != ev.Sentence {
			t.Errorf("evidence %d-%d reads %q, want %q", ev.Start, ev.End, string(runes[ev.Start:ev.End]), ev.Sentence)
		}
	}
	s := d.Sentences[1]
	sp := d.Span(s.Tokens[1].Start, s.Tokens[2].End)
	if sp.Text != "élèves sont" || string(runes[sp.Start:sp.End]) != sp.Text {
		t.Errorf("span = %+v", sp)
	}
	if got := d.TokenText(1, 1, 3); got != "élèves sont" {
		t.Errorf("TokenText = %q", got)
	}
}

func TestNames(t *testing.T) {
	for in, want := range map[string]string{"Kim Jong Un": "kim-jong-un", "U.S.": "us", "O’Neill": "oneill", "Genève": "genève", "Mar-a-Lago": "mar-a-lago"} {
		if got := document.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Abe's": "Abe", "the U.S.": "the U.S.", "(CIA)": "CIA", "Trump.": "Trump", "“Kim”": "Kim"} {
		if got := document.CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
	if a, b := document.StableID("meeting", "a", "b"), document.StableID("meeting", "ab"); a == b || !strings.HasPrefix(a, "meeting:") || len(a) != len("meeting:")+16 {
		t.Errorf("StableID = %q, %q: want distinct, prefixed, 16 hex digits", a, b)
	}
}
