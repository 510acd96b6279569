package evaluate

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ingest"
)

// M2E2Sentence is one sentence of M2E2's text_only_event.json.
type M2E2Sentence struct {
	ID       string     `json:"sentence_id"`
	Offset   int        `json:"sentence_start"` // offset of the sentence in its document
	Sentence string     `json:"sentence"`
	Words    []string   `json:"words"`
	Index    [][]string `json:"index"` // per word: first and last character offset (inclusive) in the document
	Entities []struct {
		Type  string `json:"entity-type"`
		Start int    `json:"start"`
		End   int    `json:"end"`
	} `json:"golden-entity-mentions"`
	Events []M2E2Event `json:"golden-event-mentions"`
}

// M2E2Span is a run of words [Start, End) of a sentence.
type M2E2Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// M2E2Argument is an event argument: a role and its words.
type M2E2Argument struct {
	Role string `json:"role"`
	M2E2Span
}

// M2E2Event is one gold event mention.
type M2E2Event struct {
	Trigger   M2E2Span       `json:"trigger"`
	Type      string         `json:"event_type"`
	Arguments []M2E2Argument `json:"arguments"`
}

// M2E2File is the name of the annotation file inside the M2E2 zip.
const M2E2File = "text_only_event.json"

// ReadM2E2 reads M2E2 sentences from text_only_event.json, or from the
// m2e2_annotations.zip that holds it (read in place, not extracted).
func ReadM2E2(file string) ([]M2E2Sentence, error) {
	var r io.ReadCloser
	if strings.HasSuffix(strings.ToLower(file), ".zip") {
		z, err := zip.OpenReader(file)
		if err != nil {
			return nil, fmt.Errorf("opening %s: %w", file, err)
		}
		defer z.Close()
		for _, f := range z.File {
			if path.Base(f.Name) == M2E2File && !strings.Contains(f.Name, "__MACOSX") {
				if r, err = f.Open(); err != nil {
					return nil, fmt.Errorf("opening %s in %s: %w", f.Name, file, err)
				}
				break
			}
		}
		if r == nil {
			return nil, fmt.Errorf("%s: no %s inside", file, M2E2File)
		}
	} else {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		r = f
	}
	defer r.Close()
	var out []M2E2Sentence
	if err := json.NewDecoder(r).Decode(&out); err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w", file, ErrNoDocuments)
	}
	return out, nil
}

// M2E2Document is the document part of a sentence id:
// "VOA_EN_NW_2016.04.19.3291980_0" -> "VOA_EN_NW_2016.04.19.3291980".
func M2E2Document(sentenceID string) string {
	if i := strings.LastIndexByte(sentenceID, '_'); i > 0 {
		return sentenceID[:i]
	}
	return sentenceID
}

// M2E2Split says which split a sentence is in: "dev" when the 32-bit
// FNV-1a hash of its document part is even, "test" when odd.
func M2E2Split(sentenceID string) string {
	h := fnv.New32a()
	h.Write([]byte(M2E2Document(sentenceID)))
	if h.Sum32()%2 == 0 {
		return "dev"
	}
	return "test"
}

// FilterM2E2 keeps the sentences of one split ("dev", "test" or "all").
func FilterM2E2(sents []M2E2Sentence, split string) []M2E2Sentence {
	if split == "all" {
		return sents
	}
	var out []M2E2Sentence
	for _, s := range sents {
		if M2E2Split(s.ID) == split {
			out = append(out, s)
		}
	}
	return out
}

// conversationTriggers are the Contact:Phone-Write triggers that name a
// conversation (a call) rather than writing or a one-way statement.
var conversationTriggers = map[string]bool{
	"call": true, "calls": true, "phone": true, "phoned": true, "telephone": true, "telephoned": true,
	"conversation": true, "conversations": true, "phone call": true, "phone calls": true,
}

// talkTriggers count as a conversation when "phone", "telephone" or
// "call(s)" stands within callWindow words of them in the sentence ("spoke
// by phone", "spoke to both her brothers by phone", "reaching out by
// telephone", "In a much anticipated call, Trump also spoke with Putin",
// "answering phone calls").
var talkTriggers = map[string]bool{
	"speak": true, "speaks": true, "spoke": true, "spoken": true, "speaking": true, "talk": true,
	"talks": true, "talked": true, "talking": true, "reaching": true, "reached": true,
	"answer": true, "answers": true, "answered": true, "answering": true,
}

// callWords near a speaking trigger make it a call.
var callWords = map[string]bool{"phone": true, "telephone": true, "call": true, "calls": true}

// callWindow is how many words either side of a speaking trigger are
// searched for a call word: a clause ("spoke to both her brothers by
// phone" has six words between the two).
const callWindow = 8

// goldEvent is a gold meeting: its kind and Entity arguments (code points).
type goldEvent struct {
	trigger  string
	call     bool
	entities []span
}

// goldMeetings returns the sentence's Contact:Meet events and its
// Contact:Phone-Write events that are conversations.
func goldMeetings(s M2E2Sentence) []goldEvent {
	var out []goldEvent
	for _, e := range s.Events {
		call := false
		switch e.Type {
		case "Contact:Meet":
		case "Contact:Phone-Write":
			t := strings.ToLower(e.Trigger.Text)
			ok := conversationTriggers[t]
			if !ok && talkTriggers[t] {
				for k := e.Trigger.Start - callWindow; k < e.Trigger.End+callWindow; k++ {
					if k >= 0 && k < len(s.Words) && callWords[strings.ToLower(s.Words[k])] {
						ok = true
					}
				}
			}
			if !ok {
				continue
			}
			call = true
		default:
			continue
		}
		g := goldEvent{trigger: e.Trigger.Text, call: call}
		for _, a := range e.Arguments {
			if a.Role != "Entity" {
				continue
			}
			if sp, ok := s.wordSpan(a.Start, a.End); ok {
				g.entities = append(g.entities, sp)
			}
		}
		out = append(out, g)
	}
	return out
}

// wordSpan converts a word range [start, end) into code point offsets of
// the sentence text.
func (s M2E2Sentence) wordSpan(start, end int) (span, bool) {
	if start < 0 || end > len(s.Index) || start >= end {
		return span{}, false
	}
	a, err1 := strconv.Atoi(s.Index[start][0])
	b, err2 := strconv.Atoi(s.Index[end-1][1])
	if err1 != nil || err2 != nil {
		return span{}, false
	}
	return span{a - s.Offset, b + 1 - s.Offset}, true
}

// MeetingReport is the outcome of scoring meetings.
type MeetingReport struct {
	Split     string
	Sentences int
	Detection Counts
	// Participants counts each predicted participant and each gold Entity
	// argument (strict).
	Participants Counts
	// EventParticipants counts, per matched meeting, whether its
	// participants include the gold Entity argument: the gold marks at most
	// one Entity per event, so a meeting is right when it has that one.
	EventParticipants Counts
	// Predictions are every predicted meeting and whether a gold event
	// took it (the hand audit judges the rest).
	Predictions []ScoredMeeting
}

// ScoredMeeting is a predicted meeting as scored.
type ScoredMeeting struct {
	SentenceID string
	Trigger    string
	Matched    bool
}

// Write prints the report; the last line is "F1 0.xxxx", the detection F1.
func (r MeetingReport) Write(w io.Writer) error {
	fmt.Fprintf(w, "split %s: %d sentences, %d gold meetings, %d predicted meetings\n",
		r.Split, r.Sentences, r.Detection.Gold, r.Detection.Predicted)
	r.Detection.WriteLine(w, "detection")
	r.EventParticipants.WriteLine(w, "participants (per event)")
	r.Participants.WriteLine(w, "participants (strict)")
	_, err := fmt.Fprintf(w, "F1 %.4f\n", r.Detection.F1())
	return err
}

// ScoreMeetings extracts each sentence as a document of its own and scores
// the meetings found against the gold events of the sentence: a predicted
// meeting matches a gold event of the same sentence (one to one, triggers
// with the same word paired first); a participant matches a gold Entity
// argument of its event by overlapping it.
func ScoreMeetings(ex ingest.Extractor, sents []M2E2Sentence, split string) (MeetingReport, error) {
	return ScoreMeetingsWith(func(M2E2Sentence) (ingest.Extractor, error) { return ex, nil }, sents, split)
}

// ScoreMeetingsWith is ScoreMeetings with an extractor chosen per sentence
// (the gold-names diagnostic builds one around each sentence's names).
func ScoreMeetingsWith(extractorFor func(M2E2Sentence) (ingest.Extractor, error), sents []M2E2Sentence, split string) (MeetingReport, error) {
	return ScoreMeetingsTraced(extractorFor, sents, split, nil)
}

// ScoreMeetingsTraced is ScoreMeetingsWith that also writes, when trace is
// not nil, every sentence with a gold or predicted meeting: the gold
// triggers with their Entity arguments, the predictions with their
// participants, and which were matched. It is for error analysis on the
// dev split (the command refuses it on test).
func ScoreMeetingsTraced(extractorFor func(M2E2Sentence) (ingest.Extractor, error), sents []M2E2Sentence, split string, trace io.Writer) (MeetingReport, error) {
	preds := map[string][]ingest.Meeting{}
	for _, s := range sents {
		ex, err := extractorFor(s)
		if err != nil {
			return MeetingReport{Split: split}, err
		}
		facts, err := ex.Extract(SentenceDocument(s.ID, s.Sentence))
		if err != nil {
			return MeetingReport{Split: split}, fmt.Errorf("%s: %w", s.ID, err)
		}
		for _, m := range facts.Meetings {
			for _, mm := range mentions(m) {
				preds[s.ID] = append(preds[s.ID], mentionPrediction(m, mm, 0))
			}
		}
	}
	return ScoreMeetingPredictions(preds, sents, split, trace), nil
}

// ScoreMeetingsByDocument extracts each document, rebuilt from its
// sentences at their offsets (see M2E2Documents), as newsgraph extracts an
// article, and scores every meeting mention in the sentence that holds its
// trigger. Names and pronouns resolve across the document's sentences.
func ScoreMeetingsByDocument(ex ingest.Extractor, sents []M2E2Sentence, split string, trace io.Writer) (MeetingReport, error) {
	preds := map[string][]ingest.Meeting{}
	for _, d := range M2E2Documents(sents) {
		facts, err := ex.Extract(d.Document)
		if err != nil {
			return MeetingReport{Split: split}, fmt.Errorf("%s: %w", d.Document.Info.Source, err)
		}
		for _, m := range facts.Meetings {
			for _, mm := range mentions(m) {
				s, ok := d.sentenceAt(mm.Trigger.Start)
				if !ok {
					continue // a trigger outside the annotated sentences
				}
				preds[s.ID] = append(preds[s.ID], mentionPrediction(m, mm, -s.Offset))
			}
		}
	}
	return ScoreMeetingPredictions(preds, sents, split, trace), nil
}

// mentions returns a meeting's reports; the gold marks every trigger of
// an event, so each report is scored in its own sentence. A meeting that
// lists none is its own report.
func mentions(m ingest.Meeting) []ingest.MeetingMention {
	if len(m.Mentions) > 0 {
		return m.Mentions
	}
	return []ingest.MeetingMention{{Trigger: ingest.Span{Text: m.Trigger}, Evidence: m.Evidence, ParticipantSpans: m.ParticipantSpans}}
}

// mentionPrediction is the meeting as one mention reports it, its
// participant spans moved by shift code points.
func mentionPrediction(m ingest.Meeting, mm ingest.MeetingMention, shift int) ingest.Meeting {
	p := m
	p.Mentions = nil
	p.Trigger, p.Evidence = mm.Trigger.Text, mm.Evidence
	p.ParticipantSpans = make([]ingest.Span, len(mm.ParticipantSpans))
	for i, sp := range mm.ParticipantSpans {
		p.ParticipantSpans[i] = ingest.Span{Text: sp.Text, Start: sp.Start + shift, End: sp.End + shift}
	}
	return p
}

// ScoreMeetingPredictions scores the predicted meetings of each sentence
// (by sentence id, spans in code points of the sentence) against the gold.
func ScoreMeetingPredictions(predsBySentence map[string][]ingest.Meeting, sents []M2E2Sentence, split string, trace io.Writer) MeetingReport {
	rep := MeetingReport{Split: split}
	for _, s := range sents {
		rep.Sentences++
		gold := goldMeetings(s)
		preds := predsBySentence[s.ID]
		rep.Detection.Gold += len(gold)
		rep.Detection.Predicted += len(preds)
		for _, g := range gold {
			rep.Participants.Gold += len(g.entities)
			if len(g.entities) > 0 {
				rep.EventParticipants.Gold++
			}
		}
		for _, p := range preds {
			rep.Participants.Predicted += len(p.ParticipantSpans)
		}
		rep.EventParticipants.Predicted += len(preds)
		pairOf := pairReports(len(preds), len(gold), func(pi, gi int, sameWord bool) bool {
			return !sameWord || strings.EqualFold(gold[gi].trigger, preds[pi].Trigger)
		})
		for pi, gi := range pairOf {
			rep.Predictions = append(rep.Predictions, ScoredMeeting{SentenceID: s.ID, Trigger: preds[pi].Trigger, Matched: gi >= 0})
			if gi < 0 {
				continue
			}
			rep.Detection.PredTP++
			rep.Detection.GoldTP++
			g, p := gold[gi], preds[pi]
			var ps []span
			for _, sp := range p.ParticipantSpans {
				ps = append(ps, span{sp.Start, sp.End})
			}
			for _, sp := range ps {
				if anyOverlap([]span{sp}, g.entities) {
					rep.Participants.PredTP++
				}
			}
			hitEvent := false
			for _, e := range g.entities {
				if anyOverlap([]span{e}, ps) {
					rep.Participants.GoldTP++
					hitEvent = true
				}
			}
			if hitEvent {
				rep.EventParticipants.PredTP++
				rep.EventParticipants.GoldTP++
			}
		}
		if trace != nil && (len(gold) > 0 || len(preds) > 0) {
			writeTrace(trace, s, gold, preds, pairOf)
		}
	}
	return rep
}

// pairReports pairs predicted with gold reports one to one: first the
// pairs fits accepts with sameWord (the same trigger word), then those it
// accepts without, each in order. pairOf[pi] is the gold index of
// prediction pi, or -1.
func pairReports(preds, golds int, fits func(pi, gi int, sameWord bool) bool) (pairOf []int) {
	used := make([]bool, golds)
	pairOf = make([]int, preds)
	for i := range pairOf {
		pairOf[i] = -1
	}
	for _, sameWord := range []bool{true, false} {
		for pi := range pairOf {
			if pairOf[pi] >= 0 {
				continue
			}
			for gi := range used {
				if !used[gi] && fits(pi, gi, sameWord) {
					used[gi], pairOf[pi] = true, gi
					break
				}
			}
		}
	}
	return pairOf
}

// writeTrace prints one sentence's gold and predicted meetings.
func writeTrace(w io.Writer, s M2E2Sentence, gold []goldEvent, preds []ingest.Meeting, pairOf []int) {
	runes := []rune(s.Sentence)
	text := func(sp span) string {
		if sp.Start < 0 || sp.End > len(runes) || sp.Start >= sp.End {
			return "?"
		}
		return string(runes[sp.Start:sp.End])
	}
	matched := make([]bool, len(gold))
	for _, gi := range pairOf {
		if gi >= 0 {
			matched[gi] = true
		}
	}
	fmt.Fprintf(w, "# %s\n%s\n", s.ID, s.Sentence)
	for gi, g := range gold {
		var ents []string
		for _, e := range g.entities {
			ents = append(ents, text(e))
		}
		mark := "MISS"
		if matched[gi] {
			mark = "ok"
		}
		fmt.Fprintf(w, "  gold %-4s %q call=%v entities=%q\n", mark, g.trigger, g.call, ents)
	}
	for pi, p := range preds {
		var ps []string
		for _, sp := range p.ParticipantSpans {
			ps = append(ps, sp.Text)
		}
		mark := "FP"
		if gi := pairOf[pi]; gi >= 0 {
			mark = "ok"
			var spans []span
			for _, sp := range p.ParticipantSpans {
				spans = append(spans, span{sp.Start, sp.End})
			}
			if anyOverlap(spans, gold[gi].entities) {
				mark = "ok+" // and a participant overlaps the gold Entity
			}
		}
		fmt.Fprintf(w, "  pred %-4s %q kind=%s status=%s participants=%q\n", mark, p.Trigger, p.Kind, p.Status, ps)
	}
}

// SentenceDocument makes a one-paragraph Document of a lone sentence, with
// no title and no date: what the extractor sees of an M2E2 sentence.
func SentenceDocument(id, text string) *ingest.Document {
	return &ingest.Document{
		Info:     ingest.ArticleInfo{ID: "sentence:" + id, Source: id, ContentHash: ingest.ContentHash([]byte(text))},
		Text:     text,
		Segments: []ingest.Segment{{Kind: ingest.SegmentBody, Start: 0, End: len(text)}},
	}
}

// GoldNameTagger is a diagnostic Tagger that labels the capitalised gold
// entity mentions of one M2E2 sentence (PER as PER, ORG as ORG, GPE, LOC
// and FAC as LOC), so that meeting detection can be scored apart from the
// entity model's errors. It is never used for the reported figures.
type GoldNameTagger struct {
	phrases []goldPhrase
}

type goldPhrase struct {
	words []string
	label string
}

// NewGoldNameTagger builds the tagger of one sentence.
func NewGoldNameTagger(s M2E2Sentence) *GoldNameTagger {
	t := &GoldNameTagger{}
	for _, m := range s.Entities {
		label := ""
		switch m.Type {
		case "PER":
			label = "PER"
		case "ORG":
			label = "ORG"
		case "GPE", "LOC", "FAC":
			label = "LOC"
		}
		if label == "" || m.Start < 0 || m.End > len(s.Words) || m.Start >= m.End {
			continue
		}
		w := s.Words[m.Start:m.End]
		if r := []rune(w[0]); len(r) == 0 || !unicode.IsUpper(r[0]) {
			continue
		}
		t.phrases = append(t.phrases, goldPhrase{words: w, label: label})
	}
	return t
}

// TagDocument implements extract.Tagger.
func (t *GoldNameTagger) TagDocument(sentences [][]string) [][]string {
	out := make([][]string, len(sentences))
	for si, words := range sentences {
		labels := make([]string, len(words))
		for i := range labels {
			labels[i] = "O"
		}
		for i := 0; i < len(words); i++ {
			for _, p := range t.phrases {
				if i+len(p.words) > len(words) {
					continue
				}
				match := true
				for k, w := range p.words {
					if words[i+k] != w {
						match = false
						break
					}
				}
				if match {
					labels[i] = "B-" + p.label
					for k := 1; k < len(p.words); k++ {
						labels[i+k] = "I-" + p.label
					}
					i += len(p.words) - 1
					break
				}
			}
		}
		out[si] = labels
	}
	return out
}

// RebuiltDocument is a document rebuilt from its annotated sentences.
type RebuiltDocument struct {
	Document  *ingest.Document
	Sentences []M2E2Sentence // by offset
}

// sentenceAt returns the sentence whose text holds code point offset at.
func (d RebuiltDocument) sentenceAt(at int) (M2E2Sentence, bool) {
	for _, s := range d.Sentences {
		if at >= s.Offset && at < s.Offset+utf8.RuneCountInString(s.Sentence) {
			return s, true
		}
	}
	return M2E2Sentence{}, false
}

// m2e2Date finds the publication date in a VOA document id
// ("VOA_EN_NW_2016.04.19.3291980").
var m2e2Date = regexp.MustCompile(`(\d{4})\.(\d{2})\.(\d{2})`)

// M2E2Documents rebuilds each document of sents: every sentence at its
// sentence_start and its last word (the full stop the sentence text
// leaves out) at its offset, in code points. Where the corpus left
// sentences out, a paragraph ends. The publication date comes from the
// document id.
func M2E2Documents(sents []M2E2Sentence) []RebuiltDocument {
	byDoc := map[string][]M2E2Sentence{}
	var order []string
	for _, s := range sents {
		d := M2E2Document(s.ID)
		if _, ok := byDoc[d]; !ok {
			order = append(order, d)
		}
		byDoc[d] = append(byDoc[d], s)
	}
	var out []RebuiltDocument
	for _, id := range order {
		ss := byDoc[id]
		sort.SliceStable(ss, func(i, j int) bool { return ss[i].Offset < ss[j].Offset })
		var text []rune
		put := func(at int, r []rune) {
			for len(text) < at+len(r) {
				text = append(text, ' ')
			}
			copy(text[at:], r)
		}
		end := 0
		for _, s := range ss {
			if gap := s.Offset - end; end > 0 && gap > 2 {
				put(end+1, []rune{'\n', '\n'}) // a left-out sentence: a paragraph break
			}
			put(s.Offset, []rune(s.Sentence))
			end = s.Offset + utf8.RuneCountInString(s.Sentence)
			if n := len(s.Words); n > 0 && n == len(s.Index) {
				if at, err := strconv.Atoi(s.Index[n-1][0]); err == nil && at >= end {
					put(at, []rune(s.Words[n-1]))
					end = at + utf8.RuneCountInString(s.Words[n-1])
				}
			}
		}
		body := string(text)
		doc := &ingest.Document{
			Info: ingest.ArticleInfo{ID: "document:" + id, Source: id, ContentHash: ingest.ContentHash([]byte(body))},
			Text: body,
		}
		// Each run of sentences between left-out ones is a paragraph, so
		// that a quote whose closing mark was in a left-out sentence ends
		// with its paragraph instead of running to the end.
		for start := 0; start < len(body); {
			end := strings.Index(body[start:], "\n\n")
			if end < 0 {
				end = len(body)
			} else {
				end += start
			}
			doc.Segments = append(doc.Segments, ingest.Segment{Kind: ingest.SegmentBody, Start: start, End: end})
			start = end + 2
		}
		if m := m2e2Date.FindStringSubmatch(id); m != nil {
			if t, err := time.Parse("2006.01.02", m[1]+"."+m[2]+"."+m[3]); err == nil {
				doc.Published = t
			}
		}
		out = append(out, RebuiltDocument{Document: doc, Sentences: ss})
	}
	return out
}
