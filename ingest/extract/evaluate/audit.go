package evaluate

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// AuditWords are the words whose every dev occurrence the meeting audit
// judges: the commonest Contact:Meet triggers of the gold.
var AuditWords = []string{"meet", "meets", "met", "meeting", "meetings", "talks", "summit"}

// Judgements of an audit row.
const (
	JudgedEvent    = "event" // the words report a particular meeting, talks, summit or call, whatever its status
	JudgedNotEvent = "not"   // they do not ("meet its obligations", peace talks in general)
)

// ErrAuditIncomplete is returned when an occurrence the audit must judge
// has no row, or a row does not fit the data.
var ErrAuditIncomplete = errors.New("meeting audit incomplete")

// AuditLabel is one row of a hand audit: a word of a sentence and whether
// it reports a meeting.
type AuditLabel struct {
	SentenceID string
	Token      int // index into the sentence's words
	Word       string
	Judgement  string
	Note       string
}

// ReadMeetingAudit reads a tab-separated audit: sentence id, token, word,
// judgement, note; lines starting with # are comments.
func ReadMeetingAudit(file string) ([]AuditLabel, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseMeetingAudit(f, file)
}

func parseMeetingAudit(r io.Reader, name string) ([]AuditLabel, error) {
	var out []AuditLabel
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 4 {
			return nil, fmt.Errorf("%s:%d: want sentence id, token, word, judgement and note separated by tabs", name, line)
		}
		tok, err := strconv.Atoi(f[1])
		if err != nil || tok < 0 {
			return nil, fmt.Errorf("%s:%d: token %q is not a word index", name, line, f[1])
		}
		if f[3] != JudgedEvent && f[3] != JudgedNotEvent {
			return nil, fmt.Errorf("%s:%d: judgement %q is neither %q nor %q", name, line, f[3], JudgedEvent, JudgedNotEvent)
		}
		l := AuditLabel{SentenceID: f[0], Token: tok, Word: f[2], Judgement: f[3]}
		if len(f) > 4 {
			l.Note = f[4]
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// AuditWordCount is the audit of one word over a split.
type AuditWordCount struct {
	Word        string
	Occurrences int
	Annotated   int // marked by the gold as a Contact:Meet trigger
	Unannotated int // judged to report a meeting, yet not marked
	NotEvent    int // judged not to report a meeting
	// Found are the meeting reports (marked or not) that a prediction of
	// the sentence has as its trigger.
	Found int
}

// Coverage is the share of the word's meeting reports that the gold marks.
func (c AuditWordCount) Coverage() float64 {
	return ratio(c.Annotated, c.Annotated+c.Unannotated)
}

// MeetingAudit is what the hand audit says of a split and of a run's
// unmatched predictions.
type MeetingAudit struct {
	Words []AuditWordCount
	Total AuditWordCount
	// Unmatched predictions (false positives by the gold) and how many of
	// them the audit judges to be meetings; Unjudged have no row.
	Predicted, Unmatched, UnmatchedEvents, Unjudged int
	// Missed are the meeting reports no prediction found, for error analysis.
	Missed []MissedReport
}

// MissedReport is a meeting report (marked or judged) that no prediction found.
type MissedReport struct {
	SentenceID string
	Token      int
	Word       string
	Sentence   string
}

// AuditMeetings joins the hand audit with the gold of sents: every
// occurrence of an AuditWords word that the gold does not mark must have a
// row, and no row may sit on a marked trigger. preds are the scored
// predictions of the same sentences.
func AuditMeetings(sents []M2E2Sentence, labels []AuditLabel, preds []ScoredMeeting) (MeetingAudit, error) {
	type key struct {
		id  string
		tok int
	}
	byKey := map[key]AuditLabel{}
	for _, l := range labels {
		byKey[key{l.SentenceID, l.Token}] = l
	}
	counts := map[string]*AuditWordCount{}
	for _, w := range AuditWords {
		counts[w] = &AuditWordCount{Word: w}
	}
	// Each prediction can find one meeting report: its trigger word in its sentence.
	type trig struct{ id, word string }
	unused := map[trig]int{}
	for _, p := range preds {
		unused[trig{p.SentenceID, strings.ToLower(p.Trigger)}]++
	}
	var missing []string
	var missed []MissedReport
	for _, s := range sents {
		marked := map[int]bool{}
		for _, e := range s.Events {
			if e.Type == "Contact:Meet" {
				for t := e.Trigger.Start; t < e.Trigger.End; t++ {
					marked[t] = true
				}
			}
		}
		for t, w := range s.Words {
			l, labelled := byKey[key{s.ID, t}]
			if labelled && !strings.EqualFold(l.Word, w) {
				return MeetingAudit{}, fmt.Errorf("%w: %s token %d is %q, the audit says %q", ErrAuditIncomplete, s.ID, t, w, l.Word)
			}
			if labelled && marked[t] {
				return MeetingAudit{}, fmt.Errorf("%w: %s token %d (%q) is a gold trigger; the audit judges only unmarked words", ErrAuditIncomplete, s.ID, t, w)
			}
			c := counts[strings.ToLower(w)]
			if c == nil {
				continue
			}
			c.Occurrences++
			report := false
			switch {
			case marked[t]:
				c.Annotated++
				report = true
			case !labelled:
				missing = append(missing, fmt.Sprintf("%s token %d (%q)", s.ID, t, w))
			case l.Judgement == JudgedEvent:
				c.Unannotated++
				report = true
			default:
				c.NotEvent++
			}
			if !report {
				continue
			}
			if k := (trig{s.ID, strings.ToLower(w)}); unused[k] > 0 {
				unused[k]--
				c.Found++
			} else {
				missed = append(missed, MissedReport{SentenceID: s.ID, Token: t, Word: w, Sentence: s.Sentence})
			}
		}
	}
	if len(missing) > 0 {
		return MeetingAudit{}, fmt.Errorf("%w: %d occurrences have no row, first %s", ErrAuditIncomplete, len(missing), missing[0])
	}
	a := MeetingAudit{Missed: missed}
	for _, w := range AuditWords {
		c := *counts[w]
		a.Words = append(a.Words, c)
		a.Total.Occurrences += c.Occurrences
		a.Total.Annotated += c.Annotated
		a.Total.Unannotated += c.Unannotated
		a.Total.NotEvent += c.NotEvent
		a.Total.Found += c.Found
	}
	a.Total.Word = "all"
	// An unmatched prediction is judged by its sentence's row for its trigger word.
	bySentence := map[string][]AuditLabel{}
	for _, l := range labels {
		bySentence[l.SentenceID] = append(bySentence[l.SentenceID], l)
	}
	for _, u := range preds {
		a.Predicted++
		if u.Matched {
			continue
		}
		a.Unmatched++
		judged := false
		for _, l := range bySentence[u.SentenceID] {
			if strings.EqualFold(l.Word, u.Trigger) {
				judged = true
				if l.Judgement == JudgedEvent {
					a.UnmatchedEvents++
				}
				break
			}
		}
		if !judged {
			a.Unjudged++
		}
	}
	return a, nil
}

// Write prints the audit as a table and its two conclusions.
func (a MeetingAudit) Write(w io.Writer) error {
	rows := append([]AuditWordCount(nil), a.Words...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Occurrences > rows[j].Occurrences })
	fmt.Fprintf(w, "%-9s %11s %9s %11s %9s %8s %6s\n", "word", "occurrences", "annotated", "unannotated", "not-event", "coverage", "found")
	for _, c := range append(rows, a.Total) {
		fmt.Fprintf(w, "%-9s %11d %9d %11d %9d %8.2f %6d\n", c.Word, c.Occurrences, c.Annotated, c.Unannotated, c.NotEvent, c.Coverage(), c.Found)
	}
	fmt.Fprintf(w, "gold coverage: the gold marks %d of the %d meeting reports among these words (%.2f);\n",
		a.Total.Annotated, a.Total.Annotated+a.Total.Unannotated, a.Total.Coverage())
	fmt.Fprintf(w, "  a detector that found all of them, and nothing else, would score detection precision %.2f on them\n", a.Total.Coverage())
	reports := a.Total.Annotated + a.Total.Unannotated
	fmt.Fprintf(w, "newsgraph finds %d of the %d meeting reports among these words (recall %.2f against the audited reports)\n",
		a.Total.Found, reports, ratio(a.Total.Found, reports))
	_, err := fmt.Fprintf(w, "predictions: %d; unmatched by the gold: %d, of which the audit judges %d meetings and has no row for %d (audited precision %.2f)\n",
		a.Predicted, a.Unmatched, a.UnmatchedEvents, a.Unjudged, ratio(a.Predicted-a.Unmatched+a.UnmatchedEvents, a.Predicted))
	return err
}
