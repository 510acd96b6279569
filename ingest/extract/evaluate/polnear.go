package evaluate

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ingest"
)

// ErrNoDocuments is returned when a corpus directory holds no usable documents.
var ErrNoDocuments = errors.New("no annotated documents found")

// Attribution is one PolNeAR attribution relation: the source (speaker),
// cue and content spans, each possibly discontinuous, in code points.
type Attribution struct {
	ID      string
	Source  []span
	Cue     []span
	Content []span
	// ContentText is the content's text, fragments joined by a space.
	ContentText string
	SourceText  string
}

// PolNeARDoc is one article with the attributions of one annotator.
type PolNeARDoc struct {
	Name         string // file name without extension
	Annotator    string
	Text         string
	Published    time.Time
	Attributions []Attribution
}

// ReadPolNeAR reads a PolNeAR split directory (data/train, data/dev or
// data/test: text/*.txt and attributions/*_<annotator>.ann). An article
// annotated by several annotators is read with the annotation file that
// sorts first by name, so every article counts once.
func ReadPolNeAR(dir string) ([]PolNeARDoc, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var docs []PolNeARDoc
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		cut := strings.LastIndexByte(base, '_')
		if cut < 0 {
			return nil, fmt.Errorf("%s: annotation file name has no _<annotator> suffix", ann)
		}
		name, annotator := base[:cut], base[cut+1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		raw, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			return nil, fmt.Errorf("reading the text of %s: %w", name, err)
		}
		f, err := os.Open(ann)
		if err != nil {
			return nil, err
		}
		attrs, err := parseBrat(f, string(raw))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ann, err)
		}
		doc := PolNeARDoc{Name: name, Annotator: annotator, Text: string(raw), Attributions: attrs}
		// File names are <publisher>_<YYYY-MM-DD>_<slug>.
		if parts := strings.SplitN(name, "_", 3); len(parts) == 3 {
			if t, err := time.Parse("2006-01-02", parts[1]); err == nil {
				doc.Published = t
			}
		}
		docs = append(docs, doc)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: %w (expected text/ and attributions/ inside)", dir, ErrNoDocuments)
	}
	return docs, nil
}

// parseBrat reads the text-bound annotations (T) and attribution events
// (E) of a brat standoff file.
func parseBrat(r io.Reader, text string) ([]Attribution, error) {
	type tb struct {
		typ   string
		spans []span
		text  string
	}
	runes := []rune(text)
	tbs := map[string]tb{}
	var events [][]string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" {
			continue
		}
		fields := strings.Split(l, "\t")
		if !isAnnotationID(fields[0]) {
			// The text column of an annotation may hold newlines; the
			// lines after the first carry no annotation.
			continue
		}
		switch {
		case strings.HasPrefix(l, "T"):
			if len(fields) < 2 {
				return nil, fmt.Errorf("line %d: text-bound annotation without type and offsets", line)
			}
			sp := strings.SplitN(fields[1], " ", 2)
			if len(sp) != 2 {
				return nil, fmt.Errorf("line %d: no offsets", line)
			}
			var spans []span
			var parts []string
			for _, frag := range strings.Split(sp[1], ";") {
				se := strings.Fields(frag)
				if len(se) != 2 {
					return nil, fmt.Errorf("line %d: bad offsets %q", line, frag)
				}
				s, err1 := strconv.Atoi(se[0])
				e, err2 := strconv.Atoi(se[1])
				if err1 != nil || err2 != nil || s > e || e > len(runes) {
					return nil, fmt.Errorf("line %d: bad offsets %q", line, frag)
				}
				spans = append(spans, span{s, e})
				parts = append(parts, string(runes[s:e]))
			}
			tbs[fields[0]] = tb{typ: sp[0], spans: spans, text: strings.Join(parts, " ")}
		case strings.HasPrefix(l, "E"):
			if len(fields) < 2 {
				return nil, fmt.Errorf("line %d: event without arguments", line)
			}
			events = append(events, append([]string{fields[0]}, strings.Fields(fields[1])...))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []Attribution
	for _, ev := range events {
		at := Attribution{ID: ev[0]}
		for _, arg := range ev[1:] {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			t, ok := tbs[id]
			if !ok {
				return nil, fmt.Errorf("event %s refers to unknown annotation %s", ev[0], id)
			}
			switch role {
			case "Source":
				at.Source, at.SourceText = append(at.Source, t.spans...), t.text
			case "Cue":
				at.Cue = append(at.Cue, t.spans...)
			case "Content":
				at.Content, at.ContentText = append(at.Content, t.spans...), t.text
			}
		}
		out = append(out, at)
	}
	return out, nil
}

// isAnnotationID says whether s is a brat annotation id: a letter and digits.
func isAnnotationID(s string) bool {
	if len(s) < 2 || !strings.ContainsRune("TERAMN#", rune(s[0])) {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isDirectQuote says whether an attribution's content holds a double
// quotation mark: the gold direct quotes.
func isDirectQuote(a Attribution) bool {
	return len(a.Content) > 0 && strings.ContainsAny(a.ContentText, "\"“”")
}

var pronounSources = map[string]bool{
	"he": true, "she": true, "him": true, "her": true, "they": true, "them": true, "his": true, "it": true,
	"i": true, "we": true, "you": true,
}

// QuoteReport is the outcome of scoring direct quotes.
type QuoteReport struct {
	Documents int
	Counts    Counts
	// Unattributed counts direct quotes predicted with no speaker; they
	// are neither right nor wrong predictions.
	Unattributed int
}

// Write prints the report; the last line is "F1 0.xxxx".
func (r QuoteReport) Write(w io.Writer) error {
	fmt.Fprintf(w, "documents %d, gold direct-quote attributions %d, attributed predictions %d, unattributed predictions %d\n",
		r.Documents, r.Counts.Gold, r.Counts.Predicted, r.Unattributed)
	if err := r.Counts.WriteLine(w, "quotes (text+speaker)"); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "F1 %.4f\n", r.Counts.F1())
	return err
}

// ScoreQuotes extracts every document and scores its attributed direct
// statements against the gold attributions whose content holds a
// quotation mark. A prediction matches a gold attribution when its quoted
// text overlaps the gold content and its speaker words overlap the gold
// source, or name the same person (see sameSpeaker).
func ScoreQuotes(ex ingest.Extractor, docs []PolNeARDoc) (QuoteReport, error) {
	return ScoreQuotesTrace(ex, docs, nil)
}

// ScoreQuotesTrace is ScoreQuotes that also writes, for error analysis,
// each wrong prediction ("WRONG") and each missed gold attribution
// ("MISSED") to trace, when trace is not nil.
func ScoreQuotesTrace(ex ingest.Extractor, docs []PolNeARDoc, trace io.Writer) (QuoteReport, error) {
	var rep QuoteReport
	clip := func(s string) string {
		s = strings.Join(strings.Fields(s), " ")
		if r := []rune(s); len(r) > 160 {
			return string(r[:160]) + "…"
		}
		return s
	}
	for _, d := range docs {
		doc, err := ingest.Parse(ingest.Article{Source: d.Name, Text: []byte(d.Text), Published: d.Published})
		if err != nil {
			return rep, fmt.Errorf("%s: %w", d.Name, err)
		}
		facts, err := ex.Extract(doc)
		if err != nil {
			return rep, fmt.Errorf("%s: %w", d.Name, err)
		}
		rep.Documents++
		var gold []Attribution
		for _, a := range d.Attributions {
			if isDirectQuote(a) {
				gold = append(gold, a)
			}
		}
		rep.Counts.Gold += len(gold)
		matched := make([]bool, len(gold))
		for _, st := range facts.Statements {
			if st.Kind != ingest.StatementDirect {
				continue
			}
			if st.SpeakerSpan == nil {
				rep.Unattributed++
				continue
			}
			rep.Counts.Predicted++
			text := []span{{st.Evidence.Start, st.Evidence.End}}
			if len(st.Parts) > 0 {
				text = text[:0]
				for _, p := range st.Parts {
					text = append(text, span{p.Start, p.End})
				}
			}
			hit := false
			for gi, g := range gold {
				if !anyOverlap(text, g.Content) {
					continue
				}
				if sameSpeaker(st, g, d) {
					hit = true
					matched[gi] = true
				}
			}
			if hit {
				rep.Counts.PredTP++
			} else if trace != nil {
				var golds []string
				for _, g := range gold {
					if anyOverlap(text, g.Content) {
						golds = append(golds, g.SourceText)
					}
				}
				speaker := runeSlice(d.Text, st.SpeakerSpan.Start, st.SpeakerSpan.End)
				if st.Speaker != nil {
					speaker += " = " + *st.Speaker
				}
				fmt.Fprintf(trace, "WRONG %s speaker %q (gold sources %q): %s\n", d.Name, speaker, golds, clip(st.Text))
			}
		}
		for gi, m := range matched {
			if m {
				rep.Counts.GoldTP++
			} else if trace != nil {
				g := gold[gi]
				ctx := ""
				if len(g.Content) > 0 {
					ctx = runeSlice(d.Text, max(0, g.Content[0].Start-120), g.Content[0].Start)
				}
				fmt.Fprintf(trace, "MISSED %s source %q: …%s[[%s]]\n", d.Name, g.SourceText, clip(ctx), clip(g.ContentText))
			}
		}
	}
	return rep, nil
}

// sameSpeaker says whether a predicted statement's speaker is the gold
// source: the speaker words overlap the source span; or the speaker's
// surname (last word of its name) is a word of the source; or, when the
// source is a pronoun, of the nearest earlier gold source that is not one.
func sameSpeaker(st ingest.Statement, g Attribution, d PolNeARDoc) bool {
	sp := span{st.SpeakerSpan.Start, st.SpeakerSpan.End}
	if anyOverlap([]span{sp}, g.Source) {
		return true
	}
	if st.Speaker == nil || len(g.Source) == 0 {
		return false
	}
	src := g.SourceText
	if pronounSources[strings.ToLower(strings.TrimSpace(src))] {
		src = antecedentSource(d, g.Source[0].Start)
	}
	return nameInText(*st.Speaker, src)
}

// antecedentSource is the text of the nearest gold source before offset
// off that is not a pronoun.
func antecedentSource(d PolNeARDoc, off int) string {
	best, bestStart := "", -1
	for _, a := range d.Attributions {
		if len(a.Source) == 0 || pronounSources[strings.ToLower(strings.TrimSpace(a.SourceText))] {
			continue
		}
		if s := a.Source[0].Start; s < off && s > bestStart {
			best, bestStart = a.SourceText, s
		}
	}
	return best
}

// nameInText says whether the last word of name occurs as a word in text.
func nameInText(name, text string) bool {
	words := strings.Fields(name)
	if len(words) == 0 {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r == '-' || r == '\'' || r == '’' || r >= 'a' && r <= 'z' || r > utf8.RuneSelf)
	}) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s")
		if w == last {
			return true
		}
	}
	return false
}

// runeSlice returns text's code points [start, end), clipped to the text.
func runeSlice(text string, start, end int) string {
	r := []rune(text)
	start, end = min(max(start, 0), len(r)), min(max(end, 0), len(r))
	if start > end {
		return ""
	}
	return string(r[start:end])
}
