package dates

import (
	"fmt"
	"testing"
	"time"
)

// anchor is Wednesday 18 April 2018.
var anchor = time.Date(2018, 4, 18, 7, 49, 0, 0, time.UTC)

func TestParseDate(t *testing.T) {
	tests := []struct {
		expr        string
		future      bool
		from, to    string
		granularity string
	}{
		{"on Wednesday", false, "2018-04-18", "", GranularityDay},
		{"on Tuesday", false, "2018-04-17", "", GranularityDay},
		{"on Thursday", false, "2018-04-12", "", GranularityDay},
		{"on Thursday", true, "2018-04-19", "", GranularityDay},
		{"last Wednesday", false, "2018-04-11", "", GranularityDay},
		{"next Tuesday", false, "2018-04-24", "", GranularityDay},
		{"yesterday", false, "2018-04-17", "", GranularityDay},
		{"tomorrow", false, "2018-04-19", "", GranularityDay},
		{"over Easter", false, "2018-04-01", "", GranularityDay},
		{"at Christmas", false, "2017-12-25", "", GranularityDay},
		{"Good Friday", false, "2018-03-30", "", GranularityDay},
		{"in 2014", false, "2014-01-01", "2014-12-31", GranularityYear},
		{"in March", false, "2018-03-01", "2018-03-31", GranularityMonth},
		{"in May", false, "2017-05-01", "2017-05-31", GranularityMonth},
		{"in May", true, "2018-05-01", "2018-05-31", GranularityMonth},
		{"in March 2016", false, "2016-03-01", "2016-03-31", GranularityMonth},
		{"late May or early June", true, "2018-05-21", "2018-06-10", GranularityRange},
		{"mid-June", true, "2018-06-11", "2018-06-20", GranularityRange},
		{"April 5, 2017", false, "2017-04-05", "", GranularityDay},
		{"Jan. 16, 2017", false, "2017-01-16", "", GranularityDay},
		{"5 April", false, "2018-04-05", "", GranularityDay},
		{"on May 24", false, "2017-05-24", "", GranularityDay},
		{"on April 24", true, "2018-04-24", "", GranularityDay},
		{"2018-06-12", false, "2018-06-12", "", GranularityDay},
		{"this week", false, "2018-04-16", "2018-04-22", GranularityWeek},
		{"next week", false, "2018-04-23", "2018-04-29", GranularityWeek},
		{"last month", false, "2018-03-01", "2018-03-31", GranularityMonth},
		{"next year", false, "2019-01-01", "2019-12-31", GranularityYear},
		{"this spring", false, "2018-03-01", "2018-05-31", GranularitySeason},
		{"between Monday and Wednesday", false, "2018-04-16", "2018-04-18", GranularityRange},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/future=%v", tc.expr, tc.future), func(t *testing.T) {
			d, ok := ParseDate(tc.expr, anchor, tc.future)
			if !ok {
				t.Fatalf("ParseDate(%q) found no date", tc.expr)
			}
			if d.Value != tc.from || d.End != tc.to || d.Granularity != tc.granularity {
				t.Errorf("ParseDate(%q) = %s..%s (%s), want %s..%s (%s)", tc.expr, d.Value, d.End, d.Granularity, tc.from, tc.to, tc.granularity)
			}
		})
	}
}

func TestNotADate(t *testing.T) {
	for _, s := range []string{"they may not happen", "a march to the palace", "2014 people came"} {
		if d, ok := ParseDate(s, anchor, false); ok {
			t.Errorf("ParseDate(%q) = %+v, want no date", s, d)
		}
	}
	if _, ok := ParseDate("on Tuesday", time.Time{}, false); ok {
		t.Errorf("a weekday resolved without an article date")
	}
}

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{2018: "2018-04-01", 2019: "2019-04-21", 2024: "2024-03-31", 2025: "2025-04-20", 2000: "2000-04-23"} {
		if got := easter(y).Format("2006-01-02"); got != want {
			t.Errorf("easter(%d) = %s, want %s", y, got, want)
		}
	}
}

func ExampleParseDate() {
	published := time.Date(2018, 4, 18, 0, 0, 0, 0, time.UTC) // a Wednesday
	for _, expr := range []string{"on Tuesday", "over Easter", "late May or early June"} {
		d, _ := ParseDate(expr, published, expr == "late May or early June")
		fmt.Println(d.Value, d.End, d.Granularity)
	}
	// Output:
	// 2018-04-17  day
	// 2018-04-01  day
	// 2018-05-21 2018-06-10 range
}
