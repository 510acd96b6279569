package places

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// sharedGeoNames is the shared data's GeoNames directory, beside the repo.
const sharedGeoNames = "../../../../shared/data/geonames"

func TestCountry(t *testing.T) {
	g := Default()
	tests := []struct {
		name, wantID string
	}{
		{"North Korea", "country:KP"},
		{"DPRK", "country:KP"},
		{"North Korean", "country:KP"},
		{"North Koreans", "country:KP"},
		{"US", "country:US"},
		{"U.S.", "country:US"},
		{"America", "country:US"},
		{"the United States", "country:US"},
		{"United States of America", "country:US"},
		{"Japanese", "country:JP"},
		{"Britain", "country:GB"},
		{"french", "country:FR"},
		{"Swiss", "country:CH"},
		{"Indian", "country:IN"},
		{"Norwegians", "country:NO"},
	}
	for _, tt := range tests {
		p, ok := g.Country(tt.name)
		if !ok || p.ID != tt.wantID {
			t.Errorf("Country(%q) = %q, %v; want %q", tt.name, p.ID, ok, tt.wantID)
			continue
		}
		if p.Kind != KindCountry || p.Latitude == nil || p.Longitude == nil || p.CountryCode == "" {
			t.Errorf("Country(%q) = %+v: want kind country with coordinates and code", tt.name, p)
		}
	}
	for _, name := range []string{"Korean", "Korea Times", "Kim", ""} {
		if p, ok := g.Country(name); ok {
			t.Errorf("Country(%q) = %q; want no country (ambiguous or not a country)", name, p.ID)
		}
	}
}

// The gountries decimal coordinates put South Korea in North Korea; the
// degree strings are used instead.
func TestCountryCoordinatesFixed(t *testing.T) {
	g := Default()
	kr, _ := g.Country("South Korea")
	kp, _ := g.Country("North Korea")
	if *kr.Latitude >= 38.5 || *kr.Latitude < 33 {
		t.Errorf("South Korea latitude %v is not in South Korea", *kr.Latitude)
	}
	if *kp.Latitude <= 38 {
		t.Errorf("North Korea latitude %v is not in North Korea", *kp.Latitude)
	}
}

func TestParseDegrees(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"37 00 N", 37, true},
		{"127 30 E", 127.5, true},
		{"15 00 S", -15, true},
		{"63 57 W", -(63 + 57.0/60), true},
		{"", 0, false},
		{"12 N", 0, false},
		{"12 00 X", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseDegrees(tt.in)
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("parseDegrees(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLookupIn(t *testing.T) {
	g := Default()
	us := map[string]bool{"US": true}
	tests := []struct {
		name    string
		ctx     Context
		wantID  string
		kind    string
		partOf0 string
	}{
		{"Pyongyang", Context{}, "city:1871859", KindCity, "region:KP-12"}, // the city, not its same-named province
		{"Stockholm", Context{}, "city:2673730", KindCity, "region:SE-26"},
		{"Geneva", Context{}, "city:2660646", KindCity, "region:CH-GE"}, // English name of Genève
		{"Geneva", Context{Countries: us}, "city:2660646", KindCity, "region:CH-GE"},
		{"Florida", Context{Countries: us}, "region:US-FL", KindRegion, "country:US"},
		{"Florida", Context{}, "region:US-FL", KindRegion, "country:US"},
		{"Washington", Context{Countries: us}, "city:4140963", KindCity, "region:US-DC"}, // the capital
		{"Europe", Context{}, "continent:EU", KindRegion, ""},
		{"Southeast Asia", Context{}, "region:southeast-asia", KindRegion, "continent:AS"},
		{"Japan", Context{}, "country:JP", KindCountry, ""},
	}
	for _, tt := range tests {
		p, ok := g.LookupIn(tt.name, tt.ctx)
		if !ok || p.ID != tt.wantID || p.Kind != tt.kind {
			t.Errorf("LookupIn(%q, %v) = %q %q, %v; want %q %q", tt.name, tt.ctx, p.ID, p.Kind, ok, tt.wantID, tt.kind)
			continue
		}
		if tt.partOf0 != "" && (len(p.PartOf) == 0 || p.PartOf[0] != tt.partOf0) {
			t.Errorf("LookupIn(%q).PartOf = %v; want first %q", tt.name, p.PartOf, tt.partOf0)
		}
		for _, id := range p.PartOf {
			if _, ok := g.ByID(id); !ok {
				t.Errorf("LookupIn(%q): PartOf id %q is unknown to ByID", tt.name, id)
			}
		}
	}
	if p, ok := g.LookupIn("Palm Beach", Context{Within: "region:US-FL"}); ok {
		t.Errorf("Palm Beach within Florida: got %q; the embedded table has no such city", p.ID)
	}
	if _, ok := g.LookupIn("Stockholm", Context{Within: "country:US"}); ok {
		t.Error("Stockholm within the United States: want no match")
	}
}

func TestLoadGeoNamesSample(t *testing.T) {
	g, err := LoadGeoNames("testdata/sample-cities.txt")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := LoadGeoNames("testdata/sample-cities.txt"); again != g {
		t.Error("LoadGeoNames read the same path twice; want one gazetteer per path")
	}
	tests := []struct {
		name   string
		ctx    Context
		wantID string
	}{
		{"Testville", Context{}, "city:9000002"},                                       // larger
		{"Testville", Context{Countries: map[string]bool{"US": true}}, "city:9000001"}, // in a mentioned country, population within 3x (seat bonus)
		{"Testopolis", Context{}, "city:9000001"},                                      // alternate name
		{"Testville", Context{Within: "region:US-FL"}, "city:9000001"},
		{"Genevo", Context{}, "city:9000004"},
		{"North Korea", Context{}, "country:KP"}, // countries stay
	}
	for _, tt := range tests {
		p, ok := g.LookupIn(tt.name, tt.ctx)
		if !ok || p.ID != tt.wantID {
			t.Errorf("LookupIn(%q, %+v) = %q, %v; want %q", tt.name, tt.ctx, p.ID, ok, tt.wantID)
		}
	}
	p, _ := g.LookupIn("Testopolis", Context{})
	if p.CountryCode != "US" || *p.Latitude != 10.5 || *p.Longitude != 20.25 || p.Population != 250000 ||
		len(p.PartOf) != 2 || p.PartOf[0] != "region:US-FL" || p.PartOf[1] != "country:US" {
		t.Errorf("Testopolis = %+v", p)
	}
	if _, ok := g.LookupIn("TSV", Context{}); ok {
		t.Error("an all-capitals code became a name")
	}
	if _, ok := g.LookupIn("Nowhere Peak", Context{}); ok {
		t.Error("a mountain (feature class T) became a populated place")
	}
	if p, ok := g.LookupIn("Mumbai", Context{}); ok {
		t.Errorf("Mumbai = %q: the embedded cities should be replaced by the table's", p.ID)
	}
}

func TestLoadGeoNamesErrors(t *testing.T) {
	for _, path := range []string{"testdata/missing.txt", "testdata/bad-columns.txt", "testdata/bad-latitude.txt"} {
		_, err := LoadGeoNames(path)
		if !errors.Is(err, ErrGeoNames) {
			t.Errorf("LoadGeoNames(%q) error = %v; want ErrGeoNames", path, err)
		}
	}
	_, err := LoadGeoNames("testdata/bad-columns.txt")
	if want := "bad-columns.txt:1: want 19 tab-separated columns, got 3"; err == nil || !bytes.Contains([]byte(err.Error()), []byte(want)) {
		t.Errorf("error %v does not name the file, line and reason (%q)", err, want)
	}
}

func TestLoadGeoNamesGzip(t *testing.T) {
	raw, err := os.ReadFile("testdata/sample-cities.txt")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	path := filepath.Join(t.TempDir(), "cities.txt.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := LoadGeoNames(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := g.Lookup("Testopolis"); !ok {
		t.Error("gzip table not read")
	}
}

// TestLoadGeoNamesShared reads the full cities15000 table of the shared data.
func TestLoadGeoNamesShared(t *testing.T) {
	path := filepath.Join(sharedGeoNames, "cities15000.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	g, err := LoadGeoNames(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		ctx    Context
		wantID string
	}{
		{"Geneva", Context{Countries: map[string]bool{"US": true}}, "city:2660646"}, // Genève beats Geneva, Illinois
		{"Pyongyang", Context{}, "city:1871859"},
		{"West Palm Beach", Context{}, "city:4177887"},
		{"Florida", Context{Countries: map[string]bool{"US": true}}, "region:US-FL"},
	}
	for _, tt := range tests {
		p, ok := g.LookupIn(tt.name, tt.ctx)
		if !ok || p.ID != tt.wantID {
			t.Errorf("LookupIn(%q) = %q, %v; want %q", tt.name, p.ID, ok, tt.wantID)
		}
	}
	// Palm Beach (Australia) is in the table, but not in Florida.
	if p, ok := g.LookupIn("Palm Beach", Context{Within: "region:US-FL"}); ok {
		t.Errorf("Palm Beach within Florida = %q; want none", p.ID)
	}
}

// TestEmbeddedTableUpToDate regenerates the embedded table from the shared
// GeoNames data and compares: the committed artefact is what the generator
// makes.
func TestEmbeddedTableUpToDate(t *testing.T) {
	if _, err := os.Stat(filepath.Join(sharedGeoNames, "regionInfo.tsv")); err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	var fresh bytes.Buffer
	if err := DeriveTable(&fresh, sharedGeoNames, TableMinPopulation); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(geonamesTable))
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh.Bytes(), embedded) {
		t.Error("geonames.tsv.gz is stale: run `go generate ./ingest/extract/places`")
	}
}

func TestEmbeddedTable(t *testing.T) {
	regions, cities, err := readEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) < 3000 || len(cities) < 4000 {
		t.Errorf("embedded table has %d regions and %d cities; want >= 3000 and >= 4000", len(regions), len(cities))
	}
	_, _, err = readTable(bytes.NewReader([]byte("X\tbad\n")))
	if err == nil {
		t.Error("unknown record accepted")
	}
}

func TestUsefulNames(t *testing.T) {
	got := UsefulNames("Genève", "Geneve", []string{"Geneva", "GVA", "jineva", "Женева", "Genf", "geneva", "Ge"})
	want := []string{"Genève", "Geneve", "Geneva", "Genf"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("UsefulNames = %q; want %q", got, want)
	}
}

func ExampleGazetteer_LookupIn() {
	g := Default()
	p, _ := g.LookupIn("Florida", Context{Countries: map[string]bool{"US": true}})
	fmt.Println(p.ID, p.Kind, p.PartOf)
	// Output: region:US-FL region [country:US]
}

func BenchmarkDefault(b *testing.B) {
	for i := 0; i < b.N; i++ {
		countries := buildCountries()
		regions, cities, err := readEmbedded()
		if err != nil {
			b.Fatal(err)
		}
		newGazetteer(countries, regions, cities)
	}
}

func BenchmarkLookupIn(b *testing.B) {
	g := Default()
	ctx := Context{Countries: map[string]bool{"US": true}}
	for i := 0; i < b.N; i++ {
		g.LookupIn("Geneva", ctx)
		g.LookupIn("Florida", ctx)
	}
}

// BenchmarkLoadGeoNamesShared measures reading the full cities15000 table
// into a gazetteer (what LoadGeoNames does once per process).
func BenchmarkLoadGeoNamesShared(b *testing.B) {
	path := filepath.Join(sharedGeoNames, "cities15000.txt")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("shared data not available: %v", err)
	}
	base := Default()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		cities, err := readGeoNames(f, path)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		newGazetteer(base.countryList, base.regionList, cities)
	}
}
