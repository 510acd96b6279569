// Package places resolves place names and demonyms to locations with
// coordinates. The embedded default knows every country (names, alternative
// spellings, demonyms, ISO codes, centre coordinates) from
// github.com/pariz/gountries.
package places

import (
	"strings"
	"sync"

	"github.com/pariz/gountries"
)

// Place is a resolved location. ID is stable across articles: countries are
// "country:<ISO alpha-2>".
type Place struct {
	ID          string
	Name        string
	Kind        string // country, city, region, venue, other
	CountryCode string
	Latitude    *float64
	Longitude   *float64
	PartOf      []string
}

// Gazetteer looks up place names.
type Gazetteer struct {
	countries map[string]Place // lower-case name, alias or demonym -> country
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the embedded gazetteer, built once.
func Default() *Gazetteer {
	defaultOnce.Do(func() { defaultGaz = build() })
	return defaultGaz
}

// commonNames are the names news uses that the country data spells
// differently, or that it lacks.
var commonNames = map[string][]string{
	"US": {"United States", "U.S.", "US", "USA", "U.S.A.", "America", "the United States", "American", "Americans"},
	"GB": {"United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British", "Briton", "Britons"},
	"KP": {"North Korea", "N. Korea", "DPRK", "North Korean", "North Koreans"},
	"KR": {"South Korea", "S. Korea", "South Korean", "South Koreans"},
	"RU": {"Russia", "Russian", "Russians"},
	"CN": {"China", "Chinese"},
	"IR": {"Iran", "Iranian"},
	"SY": {"Syria", "Syrian"},
	"VN": {"Vietnam", "Viet Nam", "Vietnamese"},
	"LA": {"Laos"},
	"TW": {"Taiwan", "Taiwanese"},
	"CZ": {"Czech Republic", "Czechia"},
	"NL": {"Netherlands", "Holland", "Dutch"},
	"AE": {"UAE", "United Arab Emirates", "Emirati"},
	"CD": {"DR Congo", "Democratic Republic of Congo"},
	"PS": {"Palestine", "Palestinian", "Palestinians"},
	"VA": {"Vatican", "Holy See"},
	"BO": {"Bolivia"},
	"VE": {"Venezuela", "Venezuelan"},
	"TZ": {"Tanzania"},
	"MD": {"Moldova"},
	"MK": {"Macedonia", "North Macedonia"},
}

// canonicalNames override the data's common names where news uses another.
var canonicalNames = map[string]string{
	"US": "United States", "GB": "United Kingdom", "KP": "North Korea", "KR": "South Korea",
	"RU": "Russia", "IR": "Iran", "SY": "Syria", "VN": "Vietnam", "LA": "Laos", "TW": "Taiwan",
	"BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "CZ": "Czech Republic",
	"VA": "Vatican City", "PS": "Palestine",
}

func build() *Gazetteer {
	g := &Gazetteer{countries: map[string]Place{}}
	q := gountries.New()
	for _, c := range q.FindAllCountries() {
		code := strings.ToUpper(c.Codes.Alpha2)
		if code == "" {
			continue
		}
		name := c.Name.Common
		if n, ok := canonicalNames[code]; ok {
			name = n
		}
		lat, lon := c.Coordinates.Latitude, c.Coordinates.Longitude
		p := Place{ID: "country:" + code, Name: name, Kind: "country", CountryCode: code, Latitude: &lat, Longitude: &lon}
		add := func(alias string) {
			k := strings.ToLower(strings.TrimSpace(alias))
			if k == "" {
				return
			}
			if _, taken := g.countries[k]; !taken {
				g.countries[k] = p
			}
		}
		// Names this package fixes win over the data's own aliases.
		for _, alias := range commonNames[code] {
			g.countries[strings.ToLower(alias)] = p
		}
		add(name)
		add(c.Name.Common)
		add(c.Name.Official)
		add(c.Nationality)
		add(c.Nationality + "s")
	}
	return g
}

// Country resolves a country's name, alternative name or demonym.
func (g *Gazetteer) Country(name string) (Place, bool) {
	k := strings.ToLower(strings.TrimSpace(name))
	k = strings.TrimPrefix(k, "the ")
	p, ok := g.countries[k]
	if !ok {
		p, ok = g.countries["the "+k]
	}
	return p, ok
}

// Lookup resolves any place name; countries first.
func (g *Gazetteer) Lookup(name string) (Place, bool) {
	return g.Country(name)
}
