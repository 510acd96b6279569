package dates

import (
	"embed"
	"strconv"
	"time"

	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// The words date expressions are built of: lexicon/date-words.tsv.

//go:embed lexicon
var lexiconFiles embed.FS

var lex = lexicon.Embedded(lexiconFiles, "lexicon")

var (
	monthNames   = map[string]time.Month{}
	weekdayNames = map[string]time.Weekday{}
	seasonNames  = map[string]string{} // word -> season: "fall" -> "autumn"
	// holidayNames maps a word to the holiday resolved; "" for one named
	// but not resolved.
	holidayNames = map[string]string{}
	// datePrepositions may stand before a bare month or year to make it a
	// date: "in March", "since 2014". A month or year without one is too
	// often something else ("March" the noun, "2014" a count).
	datePrepositions = map[string]bool{}
	shiftWords       = map[string]int{}      // last -1, this 0, next +1
	partWords        = map[string]datePart{} // early, mid, late: a third of a month
)

func init() {
	t := lex.Table("date-words.tsv", "word", "class", "value")
	for _, r := range t.Rows {
		w, v := r.Get("word"), r.Get("value")
		number := func(lo, hi int) int {
			n, err := strconv.Atoi(v)
			if err != nil || n < lo || n > hi {
				panic(t.Errorf(r, "%s: value %q, want a number from %d to %d", r.Get("class"), v, lo, hi))
			}
			return n
		}
		switch r.Get("class") {
		case "month":
			monthNames[w] = time.Month(number(1, 12))
		case "weekday":
			weekdayNames[w] = time.Weekday(number(0, 6))
		case "season":
			seasonNames[w] = v
		case "holiday":
			if v == "-" {
				v = ""
			}
			holidayNames[w] = v
		case "shift":
			shiftWords[w] = number(-1, 1)
		case "part":
			p, ok := map[string]datePart{"early": partEarly, "mid": partMid, "late": partLate}[v]
			if !ok {
				panic(t.Errorf(r, "part: value %q, want early, mid or late", v))
			}
			partWords[w] = p
		case "preposition":
			datePrepositions[w] = true
		default:
			panic(t.Errorf(r, "unknown class %q", r.Get("class")))
		}
	}
}
