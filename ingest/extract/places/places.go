// Package places resolves place names and demonyms to locations with
// coordinates, a kind (country, region, city) and the chain of places that
// contain them.
//
// The embedded default needs no files: every country (names, alternative
// spellings, demonyms, ISO codes, coordinates) from github.com/pariz/gountries,
// continents and world regions from a small table in this package, and the
// first-level regions (US states, cantons, provinces) and large cities of a
// table derived from GeoNames (CC BY 4.0) by internal/gengeo. LoadGeoNames
// swaps in a full GeoNames cities table.
package places

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/pariz/gountries"
)

// Place kinds.
const (
	KindCountry = "country"
	KindRegion  = "region"
	KindCity    = "city"
	KindVenue   = "venue"
	KindOther   = "other"
)

// Place is a resolved location. IDs are stable across articles and across
// gazetteers built from the same sources: countries are
// "country:<ISO alpha-2>", first-level regions "region:<CC>-<GeoNames
// admin1 code>", cities "city:<GeoNames id>", continents "continent:<code>"
// and world regions "region:<slug>".
type Place struct {
	ID          string
	Name        string
	Kind        string // country, city, region, venue, other
	CountryCode string
	Latitude    *float64
	Longitude   *float64
	// PartOf lists the IDs of the enclosing places, nearest first.
	PartOf []string
	// Population is the place's population (for a region, the sum of its
	// cities'); 0 when unknown.
	Population int64
	// Capital is true for national capitals.
	Capital bool
}

// Within reports whether p is outer or lies inside it.
func (p Place) Within(outerID string) bool {
	if p.ID == outerID {
		return true
	}
	for _, id := range p.PartOf {
		if id == outerID {
			return true
		}
	}
	return false
}

// Context is what the article says around a place name, used to choose
// among places that share it.
type Context struct {
	// Countries are the ISO alpha-2 codes of the countries the article
	// mentions; a place in one of them is preferred.
	Countries map[string]bool
	// Within, when set, is the ID of a place the text puts this one in
	// ("Palm Beach, Florida"): only places inside it qualify.
	Within string
}

// Gazetteer looks up place names. It is read-only after construction and
// safe for concurrent use.
type Gazetteer struct {
	countryList []Place
	regionList  []region
	countries   map[string]Place  // key of a name, alias or demonym -> country
	named       map[string][]int  // key of a name -> indexes into entries
	entries     []entry           // regions, cities and world regions
	byID        map[string]Place  // every place, for PartOf chains
	regionIDs   map[string]string // "US.FL" -> "region:US-FL"
}

// entry is a non-country place with what ranking needs.
type entry struct {
	place    Place
	score    float64 // prominence: log population plus a bonus for capitals
	regionID string  // for a city, the region that contains it
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the embedded gazetteer, built once per process.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		countries := buildCountries()
		regions, cities, err := readEmbedded()
		if err != nil {
			// The table is compiled in and covered by tests; a broken one
			// is a build defect, not an input error.
			panic("places: embedded GeoNames table: " + err.Error())
		}
		defaultGaz = newGazetteer(countries, regions, cities)
	})
	return defaultGaz
}

func newGazetteer(countries []Place, regions []region, cities []city) *Gazetteer {
	g := &Gazetteer{
		countryList: countries,
		regionList:  regions,
		countries:   map[string]Place{},
		named:       map[string][]int{},
		byID:        map[string]Place{},
		regionIDs:   map[string]string{},
	}
	g.indexCountries(countries)
	for _, w := range worldRegions {
		p := Place{ID: w.id, Name: w.name, Kind: KindRegion, Latitude: w.lat, Longitude: w.lon}
		if w.parent != "" {
			p.PartOf = []string{w.parent}
		}
		g.add(entry{place: p, score: 9}, append([]string{w.name}, w.aliases...))
	}
	for _, r := range regions {
		id := "region:" + strings.Replace(r.code, ".", "-", 1)
		g.regionIDs[r.code] = id
		p := Place{ID: id, Name: r.name, Kind: KindRegion, CountryCode: r.parent, Population: r.pop,
			PartOf: []string{"country:" + r.parent}}
		if r.hasLL {
			p.Latitude, p.Longitude = float(r.lat), float(r.lon)
		}
		g.add(entry{place: p, score: prominence(r.pop, "ADM1")}, r.names)
	}
	for _, c := range cities {
		p := Place{ID: "city:" + c.id, Name: c.name, Kind: KindCity, CountryCode: c.cc,
			Latitude: float(c.lat), Longitude: float(c.lon), Population: c.pop, Capital: c.feature == "PPLC"}
		rid := g.regionIDs[c.cc+"."+c.admin1]
		if rid != "" {
			p.PartOf = append(p.PartOf, rid)
		}
		p.PartOf = append(p.PartOf, "country:"+c.cc)
		g.add(entry{place: p, score: prominence(c.pop, c.feature), regionID: rid}, c.names)
	}
	return g
}

func (g *Gazetteer) add(e entry, names []string) {
	i := len(g.entries)
	g.entries = append(g.entries, e)
	g.byID[e.place.ID] = e.place
	seen := map[string]bool{}
	for _, n := range names {
		k := Key(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		g.named[k] = append(g.named[k], i)
	}
}

// prominence ranks same-named places: a tenfold population is worth one
// point, a national capital one more and a regional seat a little.
func prominence(pop int64, feature string) float64 {
	s := math.Log10(float64(pop) + 10)
	switch feature {
	case "PPLC":
		s += 1
	case "PPLA":
		s += 0.3
	case "PPLA2":
		s += 0.1
	}
	return s
}

// contextBonus is what being in a country the article mentions is worth:
// half a population decade, enough to pick Florida (US) over Florida
// (Uruguay) in an American story, not enough to make a small town beat a
// world city.
const contextBonus = 0.5

// Country resolves a country's name, alternative name, code or demonym.
func (g *Gazetteer) Country(name string) (Place, bool) {
	p, ok := g.countries[Key(strings.TrimSuffix(strings.TrimSpace(name), "."))]
	if !ok {
		p, ok = g.countries[Key(name)]
	}
	return p, ok
}

// CountryByCode returns the country with ISO alpha-2 code cc.
func (g *Gazetteer) CountryByCode(cc string) (Place, bool) {
	p, ok := g.byID["country:"+strings.ToUpper(cc)]
	return p, ok
}

// ByID returns the place with the given ID, so that callers can expand a
// PartOf chain into places.
func (g *Gazetteer) ByID(id string) (Place, bool) {
	p, ok := g.byID[id]
	return p, ok
}

// Lookup resolves any place name without context; countries first.
func (g *Gazetteer) Lookup(name string) (Place, bool) {
	return g.LookupIn(name, Context{})
}

// LookupIn resolves a place name: a country by name, else the world
// region, region or city of that name that is inside ctx.Within (when set)
// and ranks highest by prominence plus a bonus for lying in a country the
// article mentions. A region loses to a same-named city inside it ("New
// York", "Pyongyang" mean the city).
func (g *Gazetteer) LookupIn(name string, ctx Context) (Place, bool) {
	if ctx.Within == "" {
		if p, ok := g.Country(name); ok {
			return p, true
		}
	}
	idx := g.named[Key(name)]
	if len(idx) == 0 {
		return Place{}, false
	}
	cityRegions := map[string]bool{}
	for _, i := range idx {
		if e := g.entries[i]; e.place.Kind == KindCity && e.regionID != "" {
			cityRegions[e.regionID] = true
		}
	}
	best, bestScore := -1, math.Inf(-1)
	for _, i := range idx {
		e := g.entries[i]
		if ctx.Within != "" && !e.place.Within(ctx.Within) || e.place.ID == ctx.Within {
			continue
		}
		if e.place.Kind == KindRegion && cityRegions[e.place.ID] {
			continue
		}
		s := e.score
		if ctx.Countries[e.place.CountryCode] {
			s += contextBonus
		}
		if s > bestScore || (s == bestScore && e.place.ID < g.entries[best].place.ID) {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return Place{}, false
	}
	return g.entries[best].place, true
}

// Names returns how many distinct names the gazetteer knows; for tests and
// diagnostics.
func (g *Gazetteer) Names() int { return len(g.named) + len(g.countries) }

func float(f float64) *float64 { return &f }

// commonNames are the names news uses that the country data spells
// differently, or that it lacks. They win over the data's own aliases.
var commonNames = map[string][]string{
	"US": {"United States", "United States of America", "U.S.", "US", "USA", "U.S.A.", "America", "American", "Americans"},
	"GB": {"United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British", "Briton", "Britons"},
	"KP": {"North Korea", "N. Korea", "DPRK", "Democratic People's Republic of Korea", "North Korean", "North Koreans"},
	"KR": {"South Korea", "S. Korea", "Republic of Korea", "South Korean", "South Koreans"},
	"RU": {"Russia", "Russian", "Russians", "Russian Federation"},
	"CN": {"China", "Chinese", "People's Republic of China", "PRC"},
	"IR": {"Iran", "Iranian", "Iranians"},
	"SY": {"Syria", "Syrian", "Syrians"},
	"VN": {"Vietnam", "Viet Nam", "Vietnamese"},
	"LA": {"Laos", "Lao", "Laotian"},
	"TW": {"Taiwan", "Taiwanese"},
	"CZ": {"Czech Republic", "Czechia", "Czech"},
	"NL": {"Netherlands", "Holland", "Dutch"},
	"AE": {"UAE", "United Arab Emirates", "Emirati", "Emiratis"},
	"CD": {"DR Congo", "DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo"},
	"CG": {"Republic of Congo", "Congo-Brazzaville"},
	"PS": {"Palestine", "Palestinian", "Palestinians", "Palestinian Territories"},
	"VA": {"Vatican", "Vatican City", "Holy See"},
	"BO": {"Bolivia", "Bolivian"},
	"VE": {"Venezuela", "Venezuelan", "Venezuelans"},
	"TZ": {"Tanzania", "Tanzanian"},
	"MD": {"Moldova", "Moldovan"},
	"MK": {"Macedonia", "North Macedonia", "Macedonian"},
	"JP": {"Japan", "Japanese"},
	"PH": {"Philippines", "Filipino", "Filipinos", "Philippine"},
	"NZ": {"New Zealand", "New Zealander", "New Zealanders"},
	"IL": {"Israel", "Israeli", "Israelis"},
	"SA": {"Saudi Arabia", "Saudi", "Saudis"},
	"CI": {"Ivory Coast", "Côte d'Ivoire", "Ivorian"},
	"MM": {"Myanmar", "Burma", "Burmese"},
	"TR": {"Turkey", "Türkiye", "Turkish", "Turks"},
	"FR": {"France", "French"},
	"DE": {"Germany", "German", "Germans"},
	"CH": {"Switzerland", "Swiss"},
	"SE": {"Sweden", "Swedish", "Swedes"},
	"MN": {"Mongolia", "Mongolian", "Mongolians"},
	"IN": {"India", "Indian", "Indians"},
	"NO": {"Norway", "Norwegian", "Norwegians"},
}

// canonicalNames override the data's common names where news uses another.
var canonicalNames = map[string]string{
	"US": "United States", "GB": "United Kingdom", "KP": "North Korea", "KR": "South Korea",
	"RU": "Russia", "IR": "Iran", "SY": "Syria", "VN": "Vietnam", "LA": "Laos", "TW": "Taiwan",
	"BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "CZ": "Czech Republic",
	"VA": "Vatican City", "PS": "Palestine", "CD": "DR Congo", "CG": "Republic of the Congo",
	"MK": "North Macedonia", "CI": "Ivory Coast",
}

// buildCountries reads every country from gountries.
func buildCountries() []Place {
	q := gountries.New()
	all := q.FindAllCountries()
	out := make([]Place, 0, len(all))
	for _, c := range all {
		code := strings.ToUpper(c.Codes.Alpha2)
		if code == "" {
			continue
		}
		name := c.Name.Common
		if n, ok := canonicalNames[code]; ok {
			name = n
		}
		lat, lon := countryPoint(c.Coordinates)
		out = append(out, Place{ID: "country:" + code, Name: name, Kind: KindCountry, CountryCode: code,
			Latitude: float(lat), Longitude: float(lon)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// countryPoint is the country's reference point. The data's decimal
// coordinates are wrong for a few countries (South Korea's lie in North
// Korea), so the degree-minute strings, taken from the CIA World Factbook,
// come first.
func countryPoint(c gountries.Coordinates) (lat, lon float64) {
	la, okLat := parseDegrees(c.LatitudeString)
	lo, okLon := parseDegrees(c.LongitudeString)
	if okLat && okLon {
		return la, lo
	}
	return c.Latitude, c.Longitude
}

// parseDegrees reads "37 00 N" or "127 30 E".
func parseDegrees(s string) (float64, bool) {
	f := strings.Fields(s)
	if len(f) != 3 {
		return 0, false
	}
	deg, err1 := strconv.ParseFloat(f[0], 64)
	min, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	v := deg + min/60
	switch f[2] {
	case "N", "E":
	case "S", "W":
		v = -v
	default:
		return 0, false
	}
	return v, true
}

// indexCountries maps names, aliases, codes and demonyms to countries. A
// demonym or alias two countries share ("Korean", "Congolese") is left
// out: it names neither for certain.
func (g *Gazetteer) indexCountries(countries []Place) {
	q := gountries.New()
	byCode := map[string]Place{}
	for _, p := range countries {
		byCode[p.CountryCode] = p
		g.byID[p.ID] = p
	}
	claims := map[string]map[string]bool{}
	claim := func(alias, code string) {
		k := Key(alias)
		if k == "" {
			return
		}
		if claims[k] == nil {
			claims[k] = map[string]bool{}
		}
		claims[k][code] = true
	}
	for _, p := range countries {
		c, err := q.FindCountryByAlpha(p.CountryCode)
		if err != nil {
			continue
		}
		claim(p.Name, p.CountryCode)
		claim(c.Name.Common, p.CountryCode)
		claim(c.Name.Official, p.CountryCode)
		if c.Nationality != "" {
			claim(c.Nationality, p.CountryCode)
			claim(c.Nationality+"s", p.CountryCode)
		}
	}
	for k, codes := range claims {
		if len(codes) != 1 {
			continue
		}
		for code := range codes {
			g.countries[k] = byCode[code]
		}
	}
	for code, aliases := range commonNames {
		p, ok := byCode[code]
		if !ok {
			continue
		}
		for _, a := range aliases {
			g.countries[Key(a)] = p
		}
	}
	// "Pakistani", "Iraqis": the demonyms the country data lacks
	for _, r := range demonyms.Rows {
		p, ok := byCode[r.Get("code")]
		if k := Key(r.Get("demonym")); ok {
			if _, taken := g.countries[k]; !taken {
				g.countries[k] = p
			}
		}
	}
}

// worldRegion is a continent or a region that spans countries.
type worldRegion struct {
	id, name string
	aliases  []string
	lat, lon *float64
	parent   string
}

// worldRegions: continents carry GeoNames' continent points; the regions
// that span countries have no agreed point, so they have none.
var worldRegions = []worldRegion{
	{id: "continent:AF", name: "Africa", lat: float(7.1881), lon: float(21.0936)},
	{id: "continent:AS", name: "Asia", lat: float(29.84064), lon: float(89.29688)},
	{id: "continent:EU", name: "Europe", lat: float(48.69096), lon: float(9.14062)},
	{id: "continent:NA", name: "North America", lat: float(46.07323), lon: float(-100.54688)},
	{id: "continent:SA", name: "South America", lat: float(-14.60485), lon: float(-57.65625)},
	{id: "continent:OC", name: "Oceania", lat: float(-18.31281), lon: float(138.51563)},
	{id: "continent:AN", name: "Antarctica", lat: float(-78.15856), lon: float(16.40626)},
	{id: "region:middle-east", name: "Middle East", aliases: []string{"Mideast"}, parent: "continent:AS"},
	{id: "region:southeast-asia", name: "Southeast Asia", aliases: []string{"South-East Asia", "South East Asia"}, parent: "continent:AS"},
	{id: "region:east-asia", name: "East Asia", parent: "continent:AS"},
	{id: "region:south-asia", name: "South Asia", parent: "continent:AS"},
	{id: "region:central-asia", name: "Central Asia", parent: "continent:AS"},
	{id: "region:korean-peninsula", name: "Korean Peninsula", aliases: []string{"Korean peninsula"}, parent: "continent:AS"},
	{id: "region:western-europe", name: "Western Europe", parent: "continent:EU"},
	{id: "region:eastern-europe", name: "Eastern Europe", parent: "continent:EU"},
	{id: "region:balkans", name: "Balkans", parent: "continent:EU"},
	{id: "region:scandinavia", name: "Scandinavia", parent: "continent:EU"},
	{id: "region:north-africa", name: "North Africa", parent: "continent:AF"},
	{id: "region:sub-saharan-africa", name: "Sub-Saharan Africa", parent: "continent:AF"},
	{id: "region:latin-america", name: "Latin America"},
	{id: "region:central-america", name: "Central America", parent: "continent:NA"},
	{id: "region:caribbean", name: "Caribbean", parent: "continent:NA"},
	{id: "region:gulf", name: "Persian Gulf", aliases: []string{"Gulf region"}, parent: "continent:AS"},
}
