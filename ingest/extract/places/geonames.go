package places

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// GeoNames data (https://www.geonames.org/) is licensed under CC BY 4.0.
// The embedded table derived from it is built by internal/gengeo; see
// docs/entities.md for attribution and how to regenerate it.

// ErrGeoNames marks a GeoNames table that could not be read or parsed.
var ErrGeoNames = errors.New("cannot use GeoNames table")

// city is one populated place of a GeoNames table.
type city struct {
	id      string // GeoNames id
	name    string
	names   []string // name, ASCII name and useful alternate names
	lat     float64
	lon     float64
	cc      string // ISO 3166-1 alpha-2
	admin1  string // GeoNames admin1 code within cc ("FL", "12")
	pop     int64
	feature string // GeoNames feature code: PPLC capital, PPLA admin seat, PPL, ...
}

// region is a first-level administrative division (US state, Swiss canton).
type region struct {
	code   string // "US.FL": country code, dot, GeoNames admin1 code
	name   string
	names  []string
	lat    float64
	lon    float64
	hasLL  bool
	pop    int64 // sum of its cities' populations: a proxy for prominence
	geoID  string
	parent string // country code
}

// geoNamesColumns is the width of the GeoNames "geoname" table
// (cities15000.txt, cities500.txt, allCountries.txt, ...).
const geoNamesColumns = 19

// parseGeoNamesRow turns one row of a GeoNames geoname table into a city.
// ok is false for rows that are not populated places (feature class P).
func parseGeoNamesRow(fields []string) (c city, ok bool, err error) {
	if len(fields) != geoNamesColumns {
		return c, false, fmt.Errorf("want %d tab-separated columns, got %d", geoNamesColumns, len(fields))
	}
	if fields[6] != "P" {
		return c, false, nil
	}
	lat, err := strconv.ParseFloat(fields[4], 64)
	if err != nil {
		return c, false, fmt.Errorf("latitude %q: %w", fields[4], err)
	}
	lon, err := strconv.ParseFloat(fields[5], 64)
	if err != nil {
		return c, false, fmt.Errorf("longitude %q: %w", fields[5], err)
	}
	var pop int64
	if fields[14] != "" {
		if pop, err = strconv.ParseInt(fields[14], 10, 64); err != nil {
			return c, false, fmt.Errorf("population %q: %w", fields[14], err)
		}
	}
	c = city{
		id: fields[0], name: fields[1], lat: lat, lon: lon,
		cc: strings.ToUpper(fields[8]), admin1: fields[10], pop: pop, feature: fields[7],
	}
	c.names = UsefulNames(fields[1], fields[2], strings.Split(fields[3], ","))
	return c, true, nil
}

// UsefulNames keeps the names an English news text may use for a place:
// the name, its ASCII form and the alternate names written in Latin script
// that start with a capital and contain a lower-case letter (codes such as
// "ALV" or "NYC" and names in other scripts are dropped), without duplicates.
func UsefulNames(name, ascii string, alternates []string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.TrimSpace(s)
		k := Key(s)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, s)
	}
	add(name)
	add(ascii)
	for _, a := range alternates {
		// Transliterations from other scripts are often all lower case
		// ("jineva"); news capitalises place names.
		if r, _ := utf8.DecodeRuneInString(a); unicode.IsUpper(r) && latinName(a) {
			add(a)
		}
	}
	return out
}

// latinName reports whether s looks like a place name in Latin script.
func latinName(s string) bool {
	if utf8.RuneCountInString(s) < 3 {
		return false
	}
	lower := false
	for _, r := range s {
		switch {
		case unicode.IsLower(r) && unicode.Is(unicode.Latin, r):
			lower = true
		case unicode.Is(unicode.Latin, r), r == ' ', r == '-', r == '\'', r == '’', r == '.':
		default:
			return false
		}
	}
	return lower
}

// Key normalises a place name for look-up: lower case, one space between
// words, straight apostrophes, no leading "the".
func Key(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.ReplaceAll(s, "’", "'")
	return strings.TrimPrefix(s, "the ")
}

var (
	loadMu sync.Mutex
	loaded = map[string]*Gazetteer{}
)

// LoadGeoNames builds a gazetteer from a GeoNames geoname table such as
// cities15000.txt (tab-separated, 19 columns; plain or gzip-compressed). Its
// populated places replace the embedded cities; countries, regions and
// world regions stay the embedded ones. Each path is read once per process;
// later calls return the same gazetteer.
func LoadGeoNames(path string) (*Gazetteer, error) {
	loadMu.Lock()
	defer loadMu.Unlock()
	if g, ok := loaded[path]; ok {
		return g, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrGeoNames, err)
	}
	defer f.Close()
	r, err := maybeGunzip(f)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrGeoNames, path, err)
	}
	cities, err := readGeoNames(r, path)
	if err != nil {
		return nil, err
	}
	if len(cities) == 0 {
		return nil, fmt.Errorf("%w: %s has no populated places", ErrGeoNames, path)
	}
	base := Default()
	g := newGazetteer(base.countryList, base.regionList, cities)
	loaded[path] = g
	return g, nil
}

func readGeoNames(r io.Reader, name string) ([]city, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var out []city
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		c, ok, err := parseGeoNamesRow(strings.Split(text, "\t"))
		if err != nil {
			return nil, fmt.Errorf("%w: %s:%d: %w", ErrGeoNames, name, line, err)
		}
		if ok {
			out = append(out, c)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrGeoNames, name, err)
	}
	return out, nil
}

// maybeGunzip returns r decompressed when it starts with the gzip magic.
func maybeGunzip(f io.Reader) (io.Reader, error) {
	br := bufio.NewReader(f)
	magic, err := br.Peek(2)
	if err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		return gzip.NewReader(br)
	}
	return br, nil
}
