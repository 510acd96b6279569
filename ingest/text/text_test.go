package text

import (
	"reflect"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Pompeo’s trip", []string{"Pompeo", "’s", "trip"}},
		{"the U.S. official", []string{"the", "U.S.", "official"}},
		{"Mr. Kim met him.", []string{"Mr.", "Kim", "met", "him", "."}},
		{`saying: “Let’s leave it.”`, []string{"saying", ":", "“", "Let", "’s", "leave", "it", ".", "”"}},
		{"the Trumps' dinner", []string{"the", "Trumps", "'", "dinner"}},
		{"Mar-a-Lago retreat", []string{"Mar-a-Lago", "retreat"}},
		{"don't (really)", []string{"do", "n't", "(", "really", ")"}},
		{"We cannot, I can't, they won't", []string{"We", "can", "not", ",", "I", "ca", "n't", ",", "they", "wo", "n't"}},
		{"Cannot gonna", []string{"Can", "not", "gon", "na"}},
		{"an agreement ... such", []string{"an", "agreement", "...", "such"}},
		{"summit - first proposed", []string{"summit", "-", "first", "proposed"}},
		{"1,000 people, 3.5%", []string{"1,000", "people", ",", "3.5%"}},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in)
		got := make([]string, len(toks))
		for i, tok := range toks {
			got[i] = tok.Text
			if tt.in[tok.Start:tok.End] != tok.Text {
				t.Errorf("%q: token %q has offsets %d:%d that read %q", tt.in, tok.Text, tok.Start, tok.End, tt.in[tok.Start:tok.End])
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Trump met Abe. They talked.", []string{"Trump met Abe.", "They talked."}},
		{"Mr. Kim arrived. He left.", []string{"Mr. Kim arrived.", "He left."}},
		{`Trump replied: “No.” A US official said so.`, []string{`Trump replied: “No.”`, "A US official said so."}},
		{"The U.S. President spoke.", []string{"The U.S. President spoke."}},
		{"Is it? Yes! no doubt", []string{"Is it?", "Yes! no doubt"}},
		{"No final stop", []string{"No final stop"}},
		{`He said "No." Then he left.`, []string{`He said "No."`, "Then he left."}},
		{`They met. "We agreed," he said.`, []string{"They met.", `"We agreed," he said.`}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range SplitSentences(tt.in, 0, len(tt.in)) {
			got = append(got, tt.in[s.Start:s.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitSentencesKeepsOffsetsIntoTheWholeText(t *testing.T) {
	text := "Title line\n\nFirst sentence here. Second one."
	start := strings.Index(text, "First")
	sents := SplitSentences(text, start, len(text))
	if len(sents) != 2 || text[sents[1].Start:sents[1].End] != "Second one." {
		t.Fatalf("got %+v", sents)
	}
}

func BenchmarkSplitSentences(b *testing.B) {
	text := strings.Repeat("Pompeo’s visit, a second unnamed US official told Reuters, was arranged by South Korean intelligence chief Suh Hoon. ", 50)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		SplitSentences(text, 0, len(text))
	}
}

func TestFixMojibake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"FranÃ§ois Hollande", "François Hollande"},
		{"FranÃ\u0083Â§ois Hollande", "François Hollande"},
		{"FranA\u0303\u0083A\u0302§ois Hollande", "François Hollande"}, // decomposed
		{"JosÃ© AndrÃ©s", "José Andrés"},
		{"donâ€™t", "don’t"},
		{"François Hollande", "François Hollande"},
		{"Enrique Peña Nieto", "Enrique Peña Nieto"},
		{"Angela Merkel", "Angela Merkel"},
		{"Łukasz Ã", "Łukasz Ã"},
	}
	for _, tc := range tests {
		if got := FixMojibake(tc.in); got != tc.want {
			t.Errorf("FixMojibake(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
