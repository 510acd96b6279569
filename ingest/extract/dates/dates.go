// Package dates finds date expressions in a sentence's tokens and resolves
// them against the date of the article they come from.
//
// Date expressions are found on tokens, not with regular expressions: the
// scanner walks a sentence once and tries the few shapes a news date takes
// ("on Tuesday", "April 5, 2017", "in March", "late May or early June",
// "over Easter", "in 2014", "last week"). A found expression is kept
// unresolved; it is resolved against the article's date once the tense of
// the clause it stands in is known, because "in March" is last March in
// "was proposed in March" and next March in "will meet in March".
package dates

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// Date granularities, as stored in DateRef.Granularity.
const (
	GranularityDay    = "day"
	GranularityWeek   = "week"
	GranularityMonth  = "month"
	GranularitySeason = "season"
	GranularityYear   = "year"
	GranularityRange  = "range"
)

// dateKind says how a date expression is anchored.
type dateKind int

const (
	dateAbsolute dateKind = iota // year, month and day given or partly given
	dateWeekday                  // "on Tuesday", "last Friday"
	dateDeictic                  // "today", "yesterday", "tomorrow"
	dateRelative                 // "this week", "last month", "next year"
	dateSeason                   // "this spring", "in the summer of 2016"
	dateHoliday                  // "over Easter", "at Christmas"
)

// datePart narrows a month to its early, middle or late third.
type datePart int

const (
	partWhole datePart = iota
	partEarly
	partMid
	partLate
)

// dateExpr is one parsed, not yet resolved, date expression.
type dateExpr struct {
	kind    dateKind
	year    int // 0 when not given
	month   time.Month
	day     int
	part    datePart
	weekday time.Weekday
	shift   int    // -1 last/previous, +1 next/coming, 0 this or none
	unit    string // dateRelative: day, week, weekend, month, year
	name    string // dateHoliday: easter, christmas, ...; dateSeason: spring, ...
}

// Mention is a date expression in a run of tokens: tokens [Start, End).
// It is kept unresolved until the tense of its clause is known (Ref).
type Mention struct {
	Start, End int
	from, to   dateExpr
	isRange    bool
}

// Scan finds the date expressions in a run of tokens.
func Scan(toks []text.Token) []Mention {
	var out []Mention
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = strings.ToLower(t.Text)
	}
	for i := 0; i < len(toks); {
		m, ok := parseDateAt(toks, lower, i)
		if !ok {
			i++
			continue
		}
		// A range: "late May or early June", "from March to May",
		// "between Monday and Wednesday", "April 5-7".
		if m.End+1 < len(toks) && (lower[m.End] == "or" || lower[m.End] == "to" || lower[m.End] == "and" || lower[m.End] == "until" || lower[m.End] == "through" || lower[m.End] == "-" || lower[m.End] == "–") {
			if m2, ok := parseDateAt(toks, lower, m.End+1); ok && compatibleRange(m.from, m2.from) {
				to := m2.from
				if to.kind == dateAbsolute && to.year == 0 && m.from.year != 0 {
					to.year = m.from.year
				}
				from := m.from
				if from.kind == dateAbsolute && from.year == 0 && to.year != 0 {
					from.year = to.year
				}
				m = Mention{Start: m.Start, End: m2.End, from: from, to: to, isRange: true}
			}
		}
		out = append(out, m)
		i = m.End
	}
	return out
}

// compatibleRange says whether two expressions can be the ends of one
// range: both calendar dates, both weekdays, or both holidays.
func compatibleRange(a, b dateExpr) bool {
	if a.kind != b.kind {
		return false
	}
	return a.kind == dateAbsolute || a.kind == dateWeekday || a.kind == dateSeason
}

// parseDateAt parses the longest date expression starting at token i.
func parseDateAt(toks []text.Token, lower []string, i int) (Mention, bool) {
	w := lower[i]
	prev := ""
	if i > 0 {
		prev = lower[i-1]
	}
	next := func(k int) string {
		if i+k < len(lower) {
			return lower[i+k]
		}
		return ""
	}
	capitalised := func(k int) bool {
		if i+k >= len(toks) {
			return false
		}
		r := []rune(toks[i+k].Text)
		return len(r) > 0 && unicode.IsUpper(r[0])
	}

	// ISO date: 2018-04-17.
	if t, err := time.Parse("2006-01-02", toks[i].Text); err == nil {
		return Mention{Start: i, End: i + 1, from: dateExpr{kind: dateAbsolute, year: t.Year(), month: t.Month(), day: t.Day()}}, true
	}

	switch w {
	case "today", "tonight":
		return Mention{Start: i, End: i + 1, from: dateExpr{kind: dateDeictic, shift: 0}}, true
	case "yesterday":
		return Mention{Start: i, End: i + 1, from: dateExpr{kind: dateDeictic, shift: -1}}, true
	case "tomorrow":
		return Mention{Start: i, End: i + 1, from: dateExpr{kind: dateDeictic, shift: 1}}, true
	}

	// "this week", "last month", "next year", "earlier this week",
	// "this weekend", "this spring", "last Tuesday", "next Easter".
	if shift, ok := shiftWords[w]; ok {
		switch u := next(1); u {
		case "week", "weekend", "month", "year":
			return Mention{Start: i, End: i + 2, from: dateExpr{kind: dateRelative, shift: shift, unit: u}}, true
		case "morning", "afternoon", "evening", "night":
			if w == "this" {
				return Mention{Start: i, End: i + 2, from: dateExpr{kind: dateDeictic}}, true
			}
		}
		if wd, ok := weekdayNames[next(1)]; ok && capitalised(1) {
			return Mention{Start: i, End: i + 2, from: dateExpr{kind: dateWeekday, weekday: wd, shift: shift}}, true
		}
		if seasonNames[next(1)] != "" {
			m := Mention{Start: i, End: i + 2, from: dateExpr{kind: dateSeason, shift: shift, name: seasonNames[next(1)]}}
			return m, true
		}
		if h := holidayNames[next(1)]; h != "" && capitalised(1) {
			return Mention{Start: i, End: i + 2, from: dateExpr{kind: dateHoliday, shift: shift, name: h}}, true
		}
	}

	// Weekday, optionally with a part of day: "Tuesday", "Tuesday night".
	if wd, ok := weekdayNames[w]; ok && capitalised(0) {
		end := i + 1
		switch next(1) {
		case "morning", "afternoon", "evening", "night":
			end++
		}
		// "Tuesday, April 17" is the calendar date.
		if next(1) == "," && i+2 < len(lower) {
			if m, ok := parseDateAt(toks, lower, i+2); ok && m.from.kind == dateAbsolute && m.from.day > 0 {
				m.Start = i
				return m, true
			}
		}
		return Mention{Start: i, End: end, from: dateExpr{kind: dateWeekday, weekday: wd}}, true
	}

	// Holidays: "Easter", "Easter Sunday", "Christmas Day", "Good Friday".
	if h := holidayNames[w]; h != "" && capitalised(0) {
		end := i + 1
		switch next(1) {
		case "sunday", "day", "weekend", "eve":
			end++
		}
		e := dateExpr{kind: dateHoliday, name: h}
		if y, ok := yearToken(next(end - i)); ok {
			e.year = y
			end++
		}
		return Mention{Start: i, End: end, from: e}, true
	}
	if w == "good" && next(1) == "friday" && capitalised(0) {
		return Mention{Start: i, End: i + 2, from: dateExpr{kind: dateHoliday, name: "good-friday"}}, true
	}

	// Seasons need a determiner or a year: "in the summer", "summer 2016".
	if seasonNames[w] != "" && (prev == "the" || prev == "in") {
		e := dateExpr{kind: dateSeason, name: seasonNames[w]}
		end := i + 1
		if next(1) == "of" {
			if y, ok := yearToken(next(2)); ok {
				e.year, end = y, i+3
			}
		} else if y, ok := yearToken(next(1)); ok {
			e.year, end = y, i+2
		}
		return Mention{Start: i, End: end, from: e}, true
	}

	// Part of a month: "early June", "mid-May", "late May", "the end of May".
	if p, ok := partWords[w]; ok {
		k := 1
		if next(1) == "of" {
			k = 2
		}
		if mo, ok := monthNames[next(k)]; ok && capitalised(k) {
			m, _ := parseMonthAt(toks, lower, i+k, mo)
			m.Start = i
			m.from.part = p
			return m, true
		}
	}
	if strings.HasPrefix(w, "mid-") {
		if mo, ok := monthNames[w[4:]]; ok {
			m, _ := parseMonthAt(toks, lower, i, mo)
			m.from.part = partMid
			return m, true
		}
	}

	// Day before month: "5 April 2017", "5th of April".
	if d, ok := dayToken(w); ok {
		k := 1
		if next(1) == "of" {
			k = 2
		}
		if mo, ok := monthNames[next(k)]; ok && capitalised(k) {
			e := dateExpr{kind: dateAbsolute, month: mo, day: d}
			end := i + k + 1
			if y, ok := yearToken(next(k + 1)); ok {
				e.year, end = y, end+1
			}
			return Mention{Start: i, End: end, from: e}, true
		}
	}

	// Month first: "April 5", "April 5, 2017", "March 2016", "in March".
	if mo, ok := monthNames[w]; ok && capitalised(0) {
		m, ok := parseMonthAt(toks, lower, i, mo)
		if ok {
			return m, true
		}
	}

	// A year after a preposition: "in 2014", "since 1953".
	if y, ok := yearToken(w); ok && datePrepositions[prev] {
		return Mention{Start: i, End: i + 1, from: dateExpr{kind: dateAbsolute, year: y}}, true
	}
	return Mention{}, false
}

// parseMonthAt parses a month name at i with the day and year that may
// follow it. A bare month counts only after a date preposition, and "May"
// only with a day or year or after "in"/"of"/a part word, because "may" is
// also a verb.
func parseMonthAt(toks []text.Token, lower []string, i int, mo time.Month) (Mention, bool) {
	next := func(k int) string {
		if i+k < len(lower) {
			return lower[i+k]
		}
		return ""
	}
	prev := ""
	if i > 0 {
		prev = lower[i-1]
	}
	e := dateExpr{kind: dateAbsolute, month: mo}
	end := i + 1
	if d, ok := dayToken(next(1)); ok && !isYear(next(1)) {
		e.day = d
		end++
		k := 2
		if next(k) == "," {
			k++
		}
		if y, ok := yearToken(next(k)); ok {
			e.year = y
			end = i + k + 1
		}
		return Mention{Start: i, End: end, from: e}, true
	}
	k := 1
	if next(1) == "of" || next(1) == "," {
		k = 2
	}
	if y, ok := yearToken(next(k)); ok {
		e.year = y
		return Mention{Start: i, End: i + k + 1, from: e}, true
	}
	if datePrepositions[prev] || partWords[prev] != partWhole || strings.HasPrefix(lower[i], "mid-") {
		if lower[i] == "may" && prev != "in" && prev != "of" && prev != "early" && prev != "late" && prev != "mid" && prev != "since" && prev != "until" && prev != "by" && prev != "or" && prev != "and" {
			return Mention{}, false
		}
		return Mention{Start: i, End: end, from: e}, true
	}
	return Mention{}, false
}

// dayToken reads a day of the month: "5", "05", "5th", "21st".
func dayToken(s string) (int, bool) {
	s = strings.TrimRight(s, ".")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	if len(s) == 0 || len(s) > 2 {
		return 0, false
	}
	d, err := strconv.Atoi(s)
	if err != nil || d < 1 || d > 31 {
		return 0, false
	}
	return d, true
}

func isYear(s string) bool { _, ok := yearToken(s); return ok }

// yearToken reads a four-digit year between 1800 and 2199.
func yearToken(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1800 || y > 2199 {
		return 0, false
	}
	return y, true
}

// resolveDate turns a date mention into a DateRef against the article date
// anchor. future says the clause speaks of what is to come, so that an
// expression without a year or direction ("in March", "on Friday") points
// forward rather than back. ok is false when the expression cannot be
// resolved (no anchor for a relative date, an unknown holiday).
func resolveDate(m Mention, anchor time.Time, future bool) (from, to time.Time, gran string, ok bool) {
	from, to, gran, ok = resolveExpr(m.from, anchor, future)
	if !ok || !m.isRange {
		return
	}
	_, to2, _, ok2 := resolveExpr(m.to, anchor, future)
	if !ok2 {
		return
	}
	if to2.Before(from) && m.to.kind == dateAbsolute && m.to.year == 0 {
		to2 = to2.AddDate(1, 0, 0)
	}
	if to2.Before(from) {
		return from, to, gran, true
	}
	return from, to2, GranularityRange, true
}

func resolveExpr(e dateExpr, anchor time.Time, future bool) (from, to time.Time, gran string, ok bool) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	var a time.Time
	if !anchor.IsZero() {
		a = day(anchor.Year(), anchor.Month(), anchor.Day())
	}
	needAnchor := func() bool { return !a.IsZero() }
	switch e.kind {
	case dateAbsolute:
		y := e.year
		if y == 0 {
			if !needAnchor() {
				return
			}
			y = a.Year()
		}
		switch {
		case e.month == 0:
			return day(y, 1, 1), day(y, 12, 31), GranularityYear, true
		case e.day > 0:
			if e.day > daysIn(y, e.month) {
				return
			}
			from = day(y, e.month, e.day)
			if e.year == 0 {
				from = nearestYear(from, a, future, 7)
			}
			return from, from, GranularityDay, true
		default:
			from = day(y, e.month, 1)
			if e.year == 0 {
				from = nearestYear(from, a, future, 0)
				// "in March" read in March is this March either way.
				if from.Year() != a.Year() && from.Month() == a.Month() {
					from = day(a.Year(), from.Month(), 1)
				}
			}
			y = from.Year()
			last := daysIn(y, e.month)
			switch e.part {
			case partEarly:
				return day(y, e.month, 1), day(y, e.month, 10), GranularityRange, true
			case partMid:
				return day(y, e.month, 11), day(y, e.month, 20), GranularityRange, true
			case partLate:
				return day(y, e.month, 21), day(y, e.month, last), GranularityRange, true
			}
			return from, day(y, e.month, last), GranularityMonth, true
		}
	case dateDeictic:
		if !needAnchor() {
			return
		}
		from = a.AddDate(0, 0, e.shift)
		return from, from, GranularityDay, true
	case dateWeekday:
		if !needAnchor() {
			return
		}
		diff := int(e.weekday) - int(a.Weekday())
		switch {
		case e.shift < 0: // last Tuesday: strictly before today
			if diff >= 0 {
				diff -= 7
			}
		case e.shift > 0: // next Tuesday: strictly after today
			if diff <= 0 {
				diff += 7
			}
		case future:
			if diff < 0 {
				diff += 7
			}
		default:
			if diff > 0 {
				diff -= 7
			}
		}
		from = a.AddDate(0, 0, diff)
		return from, from, GranularityDay, true
	case dateRelative:
		if !needAnchor() {
			return
		}
		switch e.unit {
		case "week", "weekend":
			monday := a.AddDate(0, 0, -((int(a.Weekday()) + 6) % 7))
			monday = monday.AddDate(0, 0, 7*e.shift)
			if e.unit == "weekend" {
				sat := monday.AddDate(0, 0, 5)
				return sat, sat.AddDate(0, 0, 1), GranularityRange, true
			}
			return monday, monday.AddDate(0, 0, 6), GranularityWeek, true
		case "month":
			first := day(a.Year(), a.Month(), 1).AddDate(0, e.shift, 0)
			return first, first.AddDate(0, 1, -1), GranularityMonth, true
		case "year":
			y := a.Year() + e.shift
			return day(y, 1, 1), day(y, 12, 31), GranularityYear, true
		}
	case dateSeason:
		y := e.year
		if y == 0 {
			if !needAnchor() {
				return
			}
			y = a.Year() + e.shift
		}
		from, to = seasonSpan(y, e.name)
		if e.year == 0 && e.shift == 0 && !future && from.After(a) {
			from, to = seasonSpan(y-1, e.name)
		}
		return from, to, GranularitySeason, true
	case dateHoliday:
		y := e.year
		if y == 0 {
			if !needAnchor() {
				return
			}
			y = a.Year() + e.shift
		}
		d, ok := holiday(e.name, y)
		if !ok {
			return from, to, "", false
		}
		if e.year == 0 && e.shift == 0 {
			if !future && d.After(a) {
				d, _ = holiday(e.name, y-1)
			} else if future && d.Before(a) {
				d, _ = holiday(e.name, y+1)
			}
		}
		return d, d, GranularityDay, true
	}
	return
}

// nearestYear moves a date without a year to the year that fits the
// clause: not more than slack days after the anchor for the past, not
// before it for the future.
func nearestYear(d, anchor time.Time, future bool, slack int) time.Time {
	if future {
		if d.Before(anchor.AddDate(0, 0, -slack)) {
			return d.AddDate(1, 0, 0)
		}
		return d
	}
	if d.After(anchor.AddDate(0, 0, slack)) {
		return d.AddDate(-1, 0, 0)
	}
	return d
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// seasonSpan is the meteorological season of the northern hemisphere.
func seasonSpan(y int, name string) (time.Time, time.Time) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	switch name {
	case "spring":
		return d(y, 3, 1), d(y, 5, 31)
	case "summer":
		return d(y, 6, 1), d(y, 8, 31)
	case "autumn":
		return d(y, 9, 1), d(y, 11, 30)
	default: // winter starts in December of the year named
		return d(y, 12, 1), d(y+1, 3, 0)
	}
}

// holiday returns the date of a named holiday in year y.
func holiday(name string, y int) (time.Time, bool) {
	switch name {
	case "easter":
		return easter(y), true
	case "good-friday":
		return easter(y).AddDate(0, 0, -2), true
	case "christmas":
		return time.Date(y, 12, 25, 0, 0, 0, 0, time.UTC), true
	case "thanksgiving": // fourth Thursday of November (United States)
		first := time.Date(y, 11, 1, 0, 0, 0, 0, time.UTC)
		off := (int(time.Thursday) - int(first.Weekday()) + 7) % 7
		return first.AddDate(0, 0, off+21), true
	}
	return time.Time{}, false
}

// easter computes Western Easter Sunday (the anonymous Gregorian
// algorithm of Meeus, Jones and Butcher).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// ParseDate reads a date expression such as "on Tuesday", "over Easter",
// "late May or early June" or "in 2014" and resolves it against anchor, the
// date of the article it comes from. future says the clause speaks of what
// is to come ("will meet in March"). ok is false when expr holds no date
// expression or it cannot be resolved.
func ParseDate(expr string, anchor time.Time, future bool) (ingest.DateRef, bool) {
	toks := text.Tokenize(expr)
	ms := Scan(toks)
	if len(ms) == 0 {
		return ingest.DateRef{}, false
	}
	m := ms[0]
	return m.Ref(anchor, future, expr[toks[m.Start].Start:toks[m.End-1].End])
}

// Ref resolves the mention against anchor, the article's date, as ParseDate
// does; text is the words the reference records ("over Easter"). ok is
// false when the expression cannot be resolved.
func (m Mention) Ref(anchor time.Time, future bool, text string) (ingest.DateRef, bool) {
	from, to, gran, ok := resolveDate(m, anchor, future)
	if !ok {
		return ingest.DateRef{}, false
	}
	r := ingest.DateRef{Value: from.Format("2006-01-02"), Granularity: gran, Text: text}
	if !to.Equal(from) {
		r.End = to.Format("2006-01-02")
	}
	return r, true
}
