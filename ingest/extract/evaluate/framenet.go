package evaluate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest"
)

// FrameNetDocument is one line of ../shared/data/framenet-meetings/*.jsonl:
// a FrameNet full-text document and the meeting frames annotated in it.
type FrameNetDocument struct {
	ID   string `json:"doc_id"`
	Text string `json:"text"`
	News bool   `json:"news"`
	// Exhaustive says that every meeting frame of the text is annotated,
	// so that an unmatched prediction is an error.
	Exhaustive bool              `json:"exhaustive"`
	Meetings   []FrameNetMeeting `json:"meetings"`
}

// FrameNetMeeting is one annotated frame: its trigger (code point offsets
// into Text), its type (meet, visit, conversation, correspondence, social)
// and FrameNet frame and lexical unit.
type FrameNetMeeting struct {
	Trigger      Span   `json:"trigger"`
	Type         string `json:"type"`
	Frame        string `json:"frame"`
	LU           string `json:"lu"`
	Participants []Span `json:"participants"`
}

// named says whether a participant of the frame has a name: a
// capitalised word that is not a pronoun or a determiner. The graph holds
// meetings of named actors, so these are the frames it can hold.
func (m FrameNetMeeting) named() bool {
	for _, p := range m.Participants {
		for _, w := range strings.Fields(p.Text) {
			r := []rune(w)
			if len(r) > 1 && unicode.IsUpper(r[0]) && !unnamedWords[strings.ToLower(w)] {
				return true
			}
		}
	}
	return false
}

var unnamedWords = map[string]bool{"the": true, "he": true, "she": true, "we": true, "they": true, "it": true, "me": true, "you": true,
	"his": true, "her": true, "their": true, "our": true, "my": true, "a": true, "an": true, "some": true, "to": true, "with": true, "between": true}

// Span is a run of text with code point offsets.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ReadFrameNet reads a framenet-meetings JSON-lines file.
func ReadFrameNet(file string) ([]FrameNetDocument, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", file, err)
	}
	defer f.Close()
	var docs []FrameNetDocument
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var d FrameNetDocument
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, line, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	return docs, nil
}

// FrameNetReport is the score of the meeting stage on FrameNet documents.
type FrameNetReport struct {
	Documents int
	// Triggers: a gold frame is found when a meeting mention's trigger
	// overlaps its trigger, or, for a visit, when a visit's evidence
	// sentence holds it. Precision counts the predictions of exhaustively
	// annotated documents only.
	Triggers Counts
	// ByType is the recall per gold type.
	ByType map[string]*Counts
	// Named is the recall on the frames that name a participant.
	Named Counts
	// Missed are the gold frames no prediction found, for error analysis.
	Missed []FrameNetMiss
}

// FrameNetMiss is a gold frame that no prediction found.
type FrameNetMiss struct {
	Doc, Type, LU string
	Named         bool   // a participant has a name
	Context       string // the running text around the trigger, the trigger in [[ ]]
}

// contextAround cuts the paragraph around runes [start, end) of text, at most
// width runes either side, the trigger marked.
func contextAround(text []rune, start, end, width int) string {
	lo, hi := max(0, start-width), min(len(text), end+width)
	for k := start - 1; k >= lo; k-- {
		if text[k] == '\n' {
			lo = k + 1
			break
		}
	}
	for k := end; k < hi; k++ {
		if text[k] == '\n' {
			hi = k
			break
		}
	}
	return string(text[lo:start]) + "[[" + string(text[start:end]) + "]]" + string(text[end:hi])
}

// Write prints the report; the last line is "Recall 0.xxxx" (triggers).
func (r FrameNetReport) Write(w io.Writer) error {
	fmt.Fprintf(w, "documents %d, gold frames %d, predictions in exhaustive documents %d\n", r.Documents, r.Triggers.Gold, r.Triggers.Predicted)
	for _, typ := range []string{"meet", "visit", "conversation", "correspondence", "social"} {
		if c := r.ByType[typ]; c != nil {
			fmt.Fprintf(w, "  %-15s recall %.4f (%d/%d)\n", typ, c.Recall(), c.GoldTP, c.Gold)
		}
	}
	fmt.Fprintf(w, "  %-15s recall %.4f (%d/%d)\n", "naming an actor", r.Named.Recall(), r.Named.GoldTP, r.Named.Gold)
	if err := r.Triggers.WriteLine(w, "triggers"); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "Recall %.4f\n", r.Triggers.Recall())
	return err
}

// ScoreFrameNet extracts every document and scores the meeting and visit
// triggers against the gold frames.
func ScoreFrameNet(ex ingest.Extractor, docs []FrameNetDocument) (FrameNetReport, error) {
	rep := FrameNetReport{Documents: len(docs), ByType: map[string]*Counts{}}
	for _, d := range docs {
		// FrameNet's texts are Treebank tokens; the extractor reads them as
		// running text, and the gold spans move with them.
		text, toNew := Detokenize(d.Text)
		doc := SentenceDocument(d.ID, text)
		doc.Info.ID = "framenet:" + d.ID
		facts, err := ex.Extract(doc)
		if err != nil {
			return rep, fmt.Errorf("extracting %s: %w", d.ID, err)
		}
		var preds []span // triggers, and evidence sentences of visits
		var visits []span
		for _, m := range facts.Meetings {
			for _, mm := range mentions(m) {
				preds = append(preds, span{mm.Trigger.Start, mm.Trigger.End})
			}
		}
		for _, v := range facts.Visits {
			visits = append(visits, span{v.Evidence.Start, v.Evidence.End})
		}
		gold := make([]span, len(d.Meetings))
		for i, g := range d.Meetings {
			if g.Trigger.Start < 0 || g.Trigger.End >= len(toNew) || g.Trigger.Start > g.Trigger.End {
				return rep, fmt.Errorf("%s: trigger %q at %d-%d lies outside the text", d.ID, g.Trigger.Text, g.Trigger.Start, g.Trigger.End)
			}
			gold[i] = span{toNew[g.Trigger.Start], toNew[g.Trigger.End]}
			c := rep.ByType[g.Type]
			if c == nil {
				c = &Counts{}
				rep.ByType[g.Type] = c
			}
			c.Gold++
			rep.Triggers.Gold++
			found := anyOverlap([]span{gold[i]}, preds) || g.Type == "visit" && anyOverlap([]span{gold[i]}, visits)
			if found {
				c.GoldTP++
				rep.Triggers.GoldTP++
			} else {
				rep.Missed = append(rep.Missed, FrameNetMiss{Doc: d.ID, Type: g.Type, LU: g.LU, Named: g.named(),
					Context: contextAround([]rune(text), gold[i].Start, gold[i].End, 140)})
			}
			if g.named() {
				rep.Named.Gold++
				if found {
					rep.Named.GoldTP++
				}
			}
		}
		if !d.Exhaustive {
			continue
		}
		for _, p := range preds {
			rep.Triggers.Predicted++
			if anyOverlap([]span{p}, gold) {
				rep.Triggers.PredTP++
			}
		}
		for _, v := range visits {
			rep.Triggers.Predicted++
			if anyOverlap([]span{v}, gold) {
				rep.Triggers.PredTP++
			}
		}
	}
	return rep, nil
}
