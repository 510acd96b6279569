package ingest

import (
	"sort"
	"strings"
	"time"
)

// Meeting identity across articles. Two reports are one meeting when they
// have the same key (the same participants and status class) and
// compatible dates and places. The key leaves date and place out because
// either may be unknown in one report and known in another; the extractor
// and the graph writer compare those with DatesCompatible and by location.

// MeetingStatusClass groups the statuses that can describe one real
// meeting: a planned and a proposed meeting are the same prospect.
func MeetingStatusClass(status string) string {
	if status == StatusPlanned || status == StatusProposed {
		return "prospective"
	}
	return status
}

// MeetingKey is the status class and the sorted participant IDs:
// "held|person:kim-jong-un,person:mike-pompeo".
func MeetingKey(m Meeting) string {
	ids := append([]string(nil), m.ParticipantIDs...)
	sort.Strings(ids)
	return MeetingStatusClass(m.Status) + "|" + strings.Join(ids, ",")
}

// DatesCompatible says whether two dates (a first day and an optional last
// day, YYYY-MM-DD) can be the same event's: either is unknown, or the
// spans overlap allowing one day either way for time zones.
func DatesCompatible(a *string, aEnd string, b *string, bEnd string) bool {
	if a == nil || b == nil {
		return true
	}
	parse := func(s string) (time.Time, bool) {
		t, err := time.Parse("2006-01-02", s)
		return t, err == nil
	}
	as, ok1 := parse(*a)
	bs, ok2 := parse(*b)
	if !ok1 || !ok2 {
		return true
	}
	ae, be := as, bs
	if t, ok := parse(aEnd); ok {
		ae = t
	}
	if t, ok := parse(bEnd); ok {
		be = t
	}
	slack := 24 * time.Hour
	return !as.After(be.Add(slack)) && !bs.After(ae.Add(slack))
}
