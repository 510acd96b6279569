package evaluate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/newsgraph/newsgraph/ingest"
)

// ArticleGold is one hand-annotated article of an article gold file
// (docs/article-gold/GUIDELINES.md): the persons it names and every report
// of a meeting, each by the first characters of its sentence.
type ArticleGold struct {
	File     string        `json:"file"`
	Persons  []string      `json:"persons"`
	Meetings []GoldMeeting `json:"meetings"`
}

// GoldMeeting is one meeting report of an article gold file.
type GoldMeeting struct {
	Sentence     string   `json:"sentence"` // the sentence's first 60 characters
	Trigger      string   `json:"trigger"`
	Participants []string `json:"participants"`
	Status       string   `json:"status"`
}

// ReadArticleGold reads an article gold file (JSON lines) and checks each
// line: a file, and meetings that name their sentence and a valid status.
func ReadArticleGold(path string) ([]ArticleGold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	valid := map[string]bool{ingest.StatusHeld: true, ingest.StatusPlanned: true, ingest.StatusProposed: true,
		ingest.StatusCancelled: true, ingest.StatusRefused: true, ingest.StatusDenied: true}
	var out []ArticleGold
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a ArticleGold
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if a.File == "" {
			return nil, fmt.Errorf("%s:%d: no \"file\"", path, line)
		}
		for _, m := range a.Meetings {
			if strings.TrimSpace(m.Sentence) == "" || !valid[m.Status] {
				return nil, fmt.Errorf("%s:%d: a meeting needs its sentence and a status of held, planned, proposed, cancelled, refused or denied (got %q)", path, line, m.Status)
			}
		}
		out = append(out, a)
	}
	return out, sc.Err()
}

// ArticleReport is the outcome of scoring whole articles against an
// article gold file.
type ArticleReport struct {
	Articles int
	// Detection pairs each predicted meeting report with a gold one of the
	// same sentence (one to one, same trigger word first).
	Detection Counts
	// Meetings counts a pair as right only when it also shares a
	// participant with the gold (or both name none) and has its status:
	// the meeting as a graph user reads it.
	Meetings Counts
	// Participants are the names of the paired meeting reports (each
	// prediction's names against its gold's names, micro-averaged over all
	// reports, unpaired ones included).
	Participants Counts
	// StatusRight counts the pairs whose status agrees.
	StatusRight int
	// Persons are the Person actors against the gold persons.
	Persons Counts
}

// Write prints the report; the last line is "F1 0.xxxx", the meetings F1.
func (r ArticleReport) Write(w io.Writer) error {
	fmt.Fprintf(w, "articles %d, gold meeting reports %d, predicted %d\n", r.Articles, r.Detection.Gold, r.Detection.Predicted)
	for _, l := range []struct {
		name string
		c    Counts
	}{{"detection (same sentence)", r.Detection}, {"participants (names)", r.Participants}, {"meetings (+participant, status)", r.Meetings}, {"persons", r.Persons}} {
		if err := l.c.WriteLine(w, l.name); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "status agrees on %d of %d paired reports\n", r.StatusRight, r.Detection.PredTP)
	_, err := fmt.Fprintf(w, "F1 %.4f\n", r.Meetings.F1())
	return err
}

// predictedReport is one report of a predicted meeting, with the names
// (and aliases) of its meeting's participants.
type predictedReport struct {
	sentence, trigger, status string
	participants              []string   // names as written to the graph
	aliases                   [][]string // each participant's name and aliases
}

// ScoreArticles extracts each gold article (its file under dataDir) and
// scores its meetings and persons. trace, when not nil, receives every
// unpaired or wrong report and every wrong or missed person.
func ScoreArticles(ex ingest.Extractor, gold []ArticleGold, dataDir string, trace io.Writer) (ArticleReport, error) {
	var rep ArticleReport
	for _, a := range gold {
		path := filepath.Join(dataDir, a.File)
		text, err := os.ReadFile(path)
		if err != nil {
			return rep, err
		}
		doc, err := ingest.Parse(ingest.Article{Source: path, Text: text})
		if err != nil {
			return rep, fmt.Errorf("%s: %w", path, err)
		}
		facts, err := ex.Extract(doc)
		if err != nil {
			return rep, fmt.Errorf("%s: %w", path, err)
		}
		rep.Articles++
		if trace != nil {
			fmt.Fprintf(trace, "# %s\n", a.File)
		}
		scoreArticleMeetings(&rep, a, predictedReports(facts), trace)
		scoreArticlePersons(&rep, a, facts.Actors, trace)
	}
	return rep, nil
}

func predictedReports(facts *ingest.Facts) []predictedReport {
	aliasesOf := map[string][]string{}
	for _, ac := range facts.Actors {
		aliasesOf[ac.ID] = append([]string{ac.Name}, ac.Aliases...)
	}
	var out []predictedReport
	for _, m := range facts.Meetings {
		var als [][]string
		for i, name := range m.Participants {
			al := []string{name}
			if i < len(m.ParticipantIDs) {
				al = append(al, aliasesOf[m.ParticipantIDs[i]]...)
			}
			als = append(als, al)
		}
		for _, mm := range mentions(m) {
			out = append(out, predictedReport{sentence: mm.Evidence.Sentence, trigger: mm.Trigger.Text,
				status: m.Status, participants: m.Participants, aliases: als})
		}
	}
	return out
}

func scoreArticleMeetings(rep *ArticleReport, a ArticleGold, preds []predictedReport, trace io.Writer) {
	rep.Detection.Gold += len(a.Meetings)
	rep.Meetings.Gold += len(a.Meetings)
	rep.Detection.Predicted += len(preds)
	rep.Meetings.Predicted += len(preds)
	for _, g := range a.Meetings {
		rep.Participants.Gold += len(g.Participants)
	}
	for _, p := range preds {
		rep.Participants.Predicted += len(p.participants)
	}
	pairOf := pairReports(len(preds), len(a.Meetings), func(pi, gi int, sameWord bool) bool {
		p, g := preds[pi], a.Meetings[gi]
		return sameSentence(p.sentence, g.Sentence) && (!sameWord || strings.EqualFold(p.trigger, g.Trigger))
	})
	usedG := make([]bool, len(a.Meetings))
	for _, gi := range pairOf {
		if gi >= 0 {
			usedG[gi] = true
		}
	}
	for pi, gi := range pairOf {
		p := preds[pi]
		if gi < 0 {
			if trace != nil {
				fmt.Fprintf(trace, "  pred FP   %q %s %q | %s\n", p.trigger, p.status, p.participants, clipText(p.sentence))
			}
			continue
		}
		g := a.Meetings[gi]
		rep.Detection.PredTP++
		rep.Detection.GoldTP++
		shared := 0
		for _, al := range p.aliases {
			if anyNameMatches(al, g.Participants) {
				rep.Participants.PredTP++
			}
		}
		for _, name := range g.Participants {
			hit := false
			for _, al := range p.aliases {
				if anyNameMatches(al, []string{name}) {
					hit = true
				}
			}
			if hit {
				rep.Participants.GoldTP++
				shared++
			}
		}
		statusOK := p.status == g.Status
		if statusOK {
			rep.StatusRight++
		}
		right := statusOK && (shared > 0 || len(g.Participants) == 0 && len(p.participants) == 0)
		if right {
			rep.Meetings.PredTP++
			rep.Meetings.GoldTP++
		}
		if trace != nil && !right {
			fmt.Fprintf(trace, "  pair WRONG %q %s %q, gold %q %s %q | %s\n", p.trigger, p.status, p.participants,
				g.Trigger, g.Status, g.Participants, clipText(p.sentence))
		}
	}
	for gi, g := range a.Meetings {
		if !usedG[gi] && trace != nil {
			fmt.Fprintf(trace, "  gold MISS %q %s %q | %s\n", g.Trigger, g.Status, g.Participants, g.Sentence)
		}
	}
}

func scoreArticlePersons(rep *ArticleReport, a ArticleGold, actors []ingest.Actor, trace io.Writer) {
	rep.Persons.Gold += len(a.Persons)
	found := make([]bool, len(a.Persons))
	for _, ac := range actors {
		if ac.Type != ingest.Person {
			continue
		}
		rep.Persons.Predicted++
		names := append([]string{ac.Name}, ac.Aliases...)
		hit := false
		for gi, g := range a.Persons {
			if anyNameMatches(names, []string{g}) {
				hit, found[gi] = true, true
			}
		}
		if hit {
			rep.Persons.PredTP++
		} else if trace != nil {
			fmt.Fprintf(trace, "  person WRONG %q\n", ac.Name)
		}
	}
	for gi, f := range found {
		if f {
			rep.Persons.GoldTP++
		} else if trace != nil {
			fmt.Fprintf(trace, "  person MISS %q\n", a.Persons[gi])
		}
	}
}

// anyNameMatches says whether one of names is one of others: the same
// words (case, accents and punctuation aside), or the same surname with
// the same or no given name ("Clinton" and "Hillary Clinton", not "Bill
// Clinton" and "Hillary Clinton").
func anyNameMatches(names, others []string) bool {
	for _, n := range names {
		nw := nameWords(n)
		for _, o := range others {
			if sameName(nw, nameWords(o)) {
				return true
			}
		}
	}
	return false
}

func sameName(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	if strings.Join(a, " ") == strings.Join(b, " ") {
		return true
	}
	if a[len(a)-1] != b[len(b)-1] {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	// "Clinton", or "Van Voorhis" (a surname of two words), for a name
	// with a given name before it
	return len(a) == 1 || a[0] == b[0] || len(b) == len(a)+1 && slices.Equal(a, b[1:])
}

var foldAccents = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// nameWords lower-cases a name, drops accents, punctuation, "the" and
// name suffixes, and splits it into words.
func nameWords(name string) []string {
	s, _, err := transform.String(foldAccents, strings.ToLower(name))
	if err != nil {
		s = strings.ToLower(name)
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '-' {
			return r
		}
		if r == '.' || r == '\'' || r == '’' {
			return -1
		}
		return ' '
	}, s)
	var out []string
	for _, w := range strings.Fields(s) {
		switch w {
		case "the", "jr", "sr", "mr", "mrs", "ms", "dr":
			continue
		}
		out = append(out, w)
	}
	return out
}

// sameSentence says whether a predicted sentence is the one a gold prefix
// names: it holds the prefix, or is all of it when the annotator's
// characters ran on into the next sentence.
func sameSentence(predicted, goldPrefix string) bool {
	p, g := squash(predicted), squash(goldPrefix)
	return strings.Contains(p, g) || p != "" && strings.HasPrefix(g, p)
}

// squash joins a text's runs of white space into single spaces and
// unifies typographic quotes, so sentence prefixes compare as text.
func squash(s string) string {
	s = strings.NewReplacer("“", "\"", "”", "\"", "‘", "'", "’", "'").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func clipText(s string) string {
	s = squash(s)
	if r := []rune(s); len(r) > 140 {
		return string(r[:140]) + "…"
	}
	return s
}
