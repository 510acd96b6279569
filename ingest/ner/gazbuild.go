package ner

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// buildGazetteer reads the gazetteer sources under sharedDir (see
// docs/ner.md for the list and their licences) and returns the compiled
// gazetteer. Only the derived phrase table is stored in the model.
func buildGazetteer(sharedDir string) (*gazetteer, error) {
	b := newGazBuilder()
	if err := gazCountriesJSON(b, filepath.Join(sharedDir, "countries", "countries.json")); err != nil {
		return nil, err
	}
	if err := gazCities(b, filepath.Join(sharedDir, "geonames", "cities15000.txt")); err != nil {
		return nil, err
	}
	if err := gazCountryInfo(b, filepath.Join(sharedDir, "geonames", "countryInfo.txt")); err != nil {
		return nil, err
	}
	if err := gazRegions(b, filepath.Join(sharedDir, "geonames", "regionInfo.tsv")); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		kind int
	}{
		{"Phoenix.Countries.actors.txt", 0},
		{"Phoenix.International.actors.txt", 1},
		{"Phoenix.MilNonState.actors.txt", 2},
	} {
		if err := gazCameoActors(b, filepath.Join(sharedDir, "cameo", f.name), f.kind); err != nil {
			return nil, err
		}
	}
	if err := gazCameoAgents(b, filepath.Join(sharedDir, "cameo", "Phoenix.agents.txt")); err != nil {
		return nil, err
	}
	return newGazetteer(b.entries()), nil
}

func gazCountriesJSON(b *gazBuilder, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("ner: gazetteer: %w", err)
	}
	var countries []struct {
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		AltSpellings []string `json:"altSpellings"`
		Capital      []string `json:"capital"`
		Demonyms     map[string]struct {
			F string `json:"f"`
			M string `json:"m"`
		} `json:"demonyms"`
	}
	if err := json.Unmarshal(data, &countries); err != nil {
		return fmt.Errorf("ner: gazetteer %s: %w", path, err)
	}
	for _, c := range countries {
		b.add(c.Name.Common, gCountry)
		b.add(c.Name.Official, gCountry)
		for _, a := range c.AltSpellings {
			if isASCIIName(a) {
				b.add(a, gCountry)
			}
		}
		for _, cp := range c.Capital {
			b.add(cp, gCapital)
		}
		if d, ok := c.Demonyms["eng"]; ok {
			b.add(d.F, gDemonym)
			b.add(d.M, gDemonym)
		}
	}
	return nil
}

func isASCIIName(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return false
		}
	}
	return s[0] >= 'A' && s[0] <= 'Z'
}

func gazCities(b *gazBuilder, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ner: gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 15 {
			continue
		}
		b.add(cols[1], gCity)
		b.add(cols[2], gCity)
		pop, _ := strconv.Atoi(cols[14])
		if pop >= 100000 {
			for _, a := range strings.Split(cols[3], ",") {
				if isASCIIName(a) && len(a) >= 3 && !strings.ContainsAny(a, "0123456789") {
					b.add(a, gCityAlt)
				}
			}
		}
	}
	return sc.Err()
}

func gazCountryInfo(b *gazBuilder, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ner: gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 6 {
			continue
		}
		b.add(cols[4], gCountry)
		b.add(cols[5], gCapital)
	}
	return sc.Err()
}

func gazRegions(b *gazBuilder, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ner: gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 {
			continue
		}
		b.add(cols[1], gRegion)
		b.add(cols[2], gRegion)
	}
	return sc.Err()
}

var (
	cameoCodeRe = regexp.MustCompile(`\[[^\]]*\]`)
	cameoDateRe = regexp.MustCompile(`\d{4,}`)
	cameoBrace  = regexp.MustCompile(`\{[^}]*\}`)
)

// cameoName turns "HAMID_KARZAI_" into "Hamid Karzai" (case does not
// matter: phrases are lower-cased).
func cameoName(s string) string {
	s = cameoBrace.ReplaceAllString(s, "")
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "!{}()<>=&") {
		return ""
	}
	s = strings.ReplaceAll(s, "_", " ")
	s = strings.Join(strings.Fields(s), " ")
	return s
}

// gazCameoActors parses a PETRARCH/TABARI .actors file. A block is a
// primary name line, "+synonym" lines and tab-indented [CODE dates]
// lines. kind: 0 Countries, 1 International, 2 MilNonState.
func gazCameoActors(b *gazBuilder, path string, kind int) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ner: gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	var names []string
	var codes []string
	flush := func() {
		if len(names) == 0 {
			return
		}
		dated, country := false, false
		for _, c := range codes {
			inner := strings.TrimSpace(strings.Trim(c, "[]"))
			if cameoDateRe.MatchString(inner) {
				dated = true
			}
			if len(inner) == 3 && strings.ToUpper(inner) == inner {
				country = true
			}
		}
		var cat int
		switch {
		case kind == 2:
			cat = gMilNonState
		case dated:
			cat = gCameoPerson
		case kind == 0 && country:
			cat = gCameoCountry
		case kind == 1:
			cat = gIntl
		default:
			cat = gCameoOrg
		}
		for k, n := range names {
			b.add(n, cat)
			if cat == gCameoPerson {
				toks := strings.Fields(n)
				if k == 0 && len(toks) >= 2 && len(toks) <= 4 {
					b.add(toks[0], gFirstName)
					b.add(toks[len(toks)-1], gLastName)
				} else if len(toks) == 1 {
					b.add(toks[0], gLastName)
				}
			}
		}
		names, codes = names[:0], codes[:0]
	}
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		lineCodes := cameoCodeRe.FindAllString(line, -1)
		rest := strings.TrimSpace(cameoCodeRe.ReplaceAllString(line, ""))
		switch {
		case line[0] == '\t' || line[0] == ' ':
			codes = append(codes, lineCodes...)
			continue
		case strings.HasPrefix(rest, "+"):
			if n := cameoName(rest[1:]); n != "" {
				names = append(names, n)
			}
			codes = append(codes, lineCodes...)
		default:
			flush()
			if n := cameoName(rest); n != "" {
				names = append(names, n)
			}
			codes = append(codes, lineCodes...)
		}
	}
	flush()
	return sc.Err()
}

func gazCameoAgents(b *gazBuilder, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ner: gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(cameoCodeRe.ReplaceAllString(line, ""))
		if line == "" || line[0] == '!' {
			continue
		}
		if n := cameoName(line); n != "" {
			b.add(n, gAgent)
		}
	}
	return sc.Err()
}
