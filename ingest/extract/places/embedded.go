package places

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/pariz/gountries"
)

// geonamesTable is derived from GeoNames (https://www.geonames.org/,
// CC BY 4.0) by `go generate ./ingest/extract/places` (see internal/gengeo):
// first-level regions and the cities of at least TableMinPopulation people
// plus every national capital.
//
//go:generate go run ./internal/gengeo -geonames ../../../../shared/data/geonames -out geonames.tsv.gz
//go:embed geonames.tsv.gz
var geonamesTable []byte

// TableMinPopulation is the smallest city the embedded table keeps.
const TableMinPopulation = 100000

// The table is tab-separated text, one record a line, names joined by "|":
//
//	R  admin1-code  geonames-id  lat  lon  population  names   (lat/lon empty when unknown)
//	C  geonames-id  lat  lon  country  admin1  population  feature  names
const tableHeader = "# newsgraph places table, derived from GeoNames (https://www.geonames.org/), licensed CC BY 4.0.\n"

func readEmbedded() ([]region, []city, error) {
	zr, err := gzip.NewReader(bytes.NewReader(geonamesTable))
	if err != nil {
		return nil, nil, err
	}
	return readTable(zr)
}

func readTable(r io.Reader) ([]region, []city, error) {
	var regions []region
	var cities []city
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		f := strings.Split(t, "\t")
		bad := func(err error) error { return fmt.Errorf("line %d: %w", line, err) }
		switch {
		case f[0] == "R" && len(f) == 7:
			r := region{code: f[1], geoID: f[2], names: strings.Split(f[6], "|")}
			r.name = r.names[0]
			r.parent, _, _ = strings.Cut(r.code, ".")
			if f[3] != "" {
				var err error
				if r.lat, err = strconv.ParseFloat(f[3], 64); err != nil {
					return nil, nil, bad(err)
				}
				if r.lon, err = strconv.ParseFloat(f[4], 64); err != nil {
					return nil, nil, bad(err)
				}
				r.hasLL = true
			}
			var err error
			if r.pop, err = strconv.ParseInt(f[5], 10, 64); err != nil {
				return nil, nil, bad(err)
			}
			regions = append(regions, r)
		case f[0] == "C" && len(f) == 9:
			c := city{id: f[1], cc: f[4], admin1: f[5], feature: f[7], names: strings.Split(f[8], "|")}
			c.name = c.names[0]
			var err error
			if c.lat, err = strconv.ParseFloat(f[2], 64); err != nil {
				return nil, nil, bad(err)
			}
			if c.lon, err = strconv.ParseFloat(f[3], 64); err != nil {
				return nil, nil, bad(err)
			}
			if c.pop, err = strconv.ParseInt(f[6], 10, 64); err != nil {
				return nil, nil, bad(err)
			}
			cities = append(cities, c)
		default:
			return nil, nil, bad(fmt.Errorf("unknown record %q", f[0]))
		}
	}
	return regions, cities, sc.Err()
}

// DeriveTable writes the embedded table from a GeoNames directory holding
// cities15000.txt and regionInfo.tsv (admin1 codes, names and ids): every
// region, with the coordinates gountries gives its subdivision of the same
// name or else the population-weighted centre of its cities, and the cities
// of at least minPopulation people plus national capitals. It is what
// internal/gengeo runs; the output is deterministic.
func DeriveTable(w io.Writer, dir string, minPopulation int64) error {
	citiesPath := filepath.Join(dir, "cities15000.txt")
	f, err := os.Open(citiesPath)
	if err != nil {
		return err
	}
	defer f.Close()
	all, err := readGeoNames(f, citiesPath)
	if err != nil {
		return err
	}
	regions, err := readRegionInfo(filepath.Join(dir, "regionInfo.tsv"))
	if err != nil {
		return err
	}
	// Region population and centre from all its cities.
	type acc struct{ pop, wlat, wlon, w float64 }
	sums := map[string]*acc{}
	for _, c := range all {
		k := c.cc + "." + c.admin1
		a := sums[k]
		if a == nil {
			a = &acc{}
			sums[k] = a
		}
		wt := float64(c.pop) + 1
		a.pop += float64(c.pop)
		a.wlat += wt * c.lat
		a.wlon += wt * c.lon
		a.w += wt
	}
	q := gountries.New()
	for i := range regions {
		r := &regions[i]
		if a := sums[r.code]; a != nil {
			r.pop = int64(a.pop)
			r.lat, r.lon, r.hasLL = round(a.wlat/a.w), round(a.wlon/a.w), true
		}
		if sd, ok := subdivision(q, r); ok {
			r.lat, r.lon, r.hasLL = round(sd.Latitude), round(sd.Longitude), true
			r.names = UsefulNames(r.name, "", append(r.names, sd.Names...))
		}
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(tableHeader)
	for _, r := range regions {
		lat, lon := "", ""
		if r.hasLL {
			lat, lon = ftoa(r.lat), ftoa(r.lon)
		}
		fmt.Fprintf(bw, "R\t%s\t%s\t%s\t%s\t%d\t%s\n", r.code, r.geoID, lat, lon, r.pop, strings.Join(r.names, "|"))
	}
	for _, c := range all {
		if c.pop < minPopulation && c.feature != "PPLC" {
			continue
		}
		fmt.Fprintf(bw, "C\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", c.id, ftoa(c.lat), ftoa(c.lon), c.cc, c.admin1, c.pop, c.feature,
			strings.Join(c.names, "|"))
	}
	return bw.Flush()
}

// readRegionInfo reads "code, name, ASCII name, geonames id" rows.
func readRegionInfo(path string) ([]region, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []region
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		fs := strings.Split(t, "\t")
		if len(fs) != 4 || !strings.Contains(fs[0], ".") {
			return nil, fmt.Errorf("%s:%d: want code, name, ASCII name, id", path, line)
		}
		r := region{code: fs[0], geoID: fs[3], name: fs[1]}
		r.parent, _, _ = strings.Cut(r.code, ".")
		r.names = UsefulNames(fs[1], fs[2], nil)
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].code < out[j].code })
	return out, sc.Err()
}

// subdivision finds gountries' subdivision with the region's name.
func subdivision(q *gountries.Query, r *region) (gountries.SubDivision, bool) {
	c, err := q.FindCountryByAlpha(r.parent)
	if err != nil {
		return gountries.SubDivision{}, false
	}
	for _, n := range r.names {
		if sd, err := c.FindSubdivisionByName(n); err == nil && (sd.Latitude != 0 || sd.Longitude != 0) {
			return sd, true
		}
	}
	return gountries.SubDivision{}, false
}

func round(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 5, 64), 64)
	return v
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
