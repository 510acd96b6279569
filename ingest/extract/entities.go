package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/places"
)

// honorifics are stripped from the front of person names.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true, "lord": true,
	"lady": true, "prof": true, "professor": true, "president": true, "minister": true, "senator": true,
	"sen": true, "rep": true, "gov": true, "governor": true, "gen": true, "general": true, "king": true,
	"queen": true, "prince": true, "princess": true, "pope": true, "chancellor": true, "premier": true,
	"secretary": true, "director": true, "chief": true, "chairman": true, "leader": true, "judge": true,
	"justice": true, "mayor": true, "ambassador": true, "commissioner": true, "officer": true, "captain": true,
	"colonel": true, "sergeant": true, "rev": true, "reverend": true, "father": true, "sheikh": true,
	"speaker": true, "vice": true, "deputy": true, "prime": true, "first": true,
}

// titleWords are capitalised words that, just before a name, form a role:
// "CIA Director Mike Pompeo", "Prime Minister Shinzo Abe".
var titleWords = map[string]bool{
	"president": true, "minister": true, "director": true, "secretary": true, "chief": true, "leader": true,
	"senator": true, "governor": true, "general": true, "chancellor": true, "premier": true, "chairman": true,
	"ambassador": true, "mayor": true, "king": true, "queen": true, "prince": true, "judge": true,
	"commissioner": true, "spokesman": true, "spokeswoman": true, "envoy": true, "adviser": true, "advisor": true,
	"prime": true, "vice": true, "deputy": true, "foreign": true, "defence": true, "defense": true, "state": true,
	"first": true, "lady": true, "intelligence": true, "head": true, "ceo": true, "chair": true, "justice": true,
}

// resolveEntities turns mentions into canonical actors and locations.
func (a *analysis) resolveEntities() {
	actorIdx := map[string]int{}
	locIdx := map[string]int{}
	addActor := func(m *mention, act ingest.Actor) {
		i, ok := actorIdx[act.ID]
		if !ok {
			ev := a.evidence(m.Sent)
			act.Evidence = &ev
			act.Aliases = []string{}
			i = len(a.actors)
			actorIdx[act.ID] = i
			a.actors = append(a.actors, act)
		}
		m.Actor = i
		a.actors[i].Mentions++
		if m.Text != a.actors[i].Name && !containsStr(a.actors[i].Aliases, m.Text) {
			a.actors[i].Aliases = append(a.actors[i].Aliases, m.Text)
		}
	}
	addLocation := func(m *mention, p places.Place) {
		i, ok := locIdx[p.ID]
		if !ok {
			ev := a.evidence(m.Sent)
			i = len(a.locations)
			locIdx[p.ID] = i
			a.locations = append(a.locations, ingest.Location{
				ID: p.ID, Name: p.Name, Kind: p.Kind, CountryCode: p.CountryCode,
				Latitude: p.Latitude, Longitude: p.Longitude, PartOf: p.PartOf, Evidence: &ev,
			})
		}
		m.Location = i
		a.locations[i].Mentions++
	}

	// Countries first: whatever the tagger called them, a country name or
	// demonym is the country, actor and place at once.
	var persons []int
	for mi := range a.mentions {
		m := &a.mentions[mi]
		if c, ok := a.places.Country(m.Text); ok {
			addActor(m, ingest.Actor{ID: c.ID, Name: c.Name, Type: ingest.Country, MatchedBy: "country-name"})
			addLocation(m, c)
			continue
		}
		switch m.Type {
		case "PER":
			persons = append(persons, mi)
		case "ORG":
			name := cleanName(m.Text)
			if name == "" {
				continue
			}
			addActor(m, ingest.Actor{ID: "org:" + slug(name), Name: name, Type: ingest.Organization, MatchedBy: "full-name"})
		case "LOC":
			name := cleanName(m.Text)
			if name == "" {
				continue
			}
			p, ok := a.places.Lookup(name)
			if !ok {
				p = places.Place{ID: "place:" + slug(name), Name: name, Kind: "other"}
			}
			addLocation(m, p)
		}
	}
	a.resolvePersons(persons, addActor)
}

// resolvePersons gives every person mention its canonical full name: a
// bare surname or given name joins the full name that contains it and that
// the article mentions most (the nearest one before it on a tie).
func (a *analysis) resolvePersons(idx []int, addActor func(*mention, ingest.Actor)) {
	type candidate struct {
		name  string
		parts []string
		count int
	}
	var full []*candidate
	byName := map[string]*candidate{}
	names := make(map[int]string, len(idx))
	for _, mi := range idx {
		name := personName(a.mentions[mi].Text)
		names[mi] = name
		parts := strings.Fields(name)
		if len(parts) < 2 {
			continue
		}
		if c, ok := byName[name]; ok {
			c.count++
			continue
		}
		c := &candidate{name: name, parts: parts, count: 1}
		byName[name] = c
		full = append(full, c)
	}
	for _, mi := range idx {
		m := &a.mentions[mi]
		name := names[mi]
		if name == "" {
			continue
		}
		matched := "full-name"
		if len(strings.Fields(name)) == 1 {
			var best *candidate
			for _, c := range full {
				if !containsStr(c.parts, name) {
					continue
				}
				if best == nil || c.count > best.count {
					best = c
				}
			}
			if best != nil {
				name = best.name
				matched = "name-part-in-article"
			} else {
				matched = "single-name"
			}
		}
		act := ingest.Actor{ID: "person:" + slug(name), Name: name, Type: ingest.Person, MatchedBy: matched}
		addActor(m, act)
		if t := a.titleBefore(m); t != "" && !containsStr(a.actors[m.Actor].Titles, t) {
			a.actors[m.Actor].Titles = append(a.actors[m.Actor].Titles, t)
		}
	}
	for i := range a.actors {
		sort.Strings(a.actors[i].Aliases)
	}
}

// titleBefore returns the role written just before a person mention, such
// as "CIA Director" in "CIA Director Mike Pompeo".
func (a *analysis) titleBefore(m *mention) string {
	s := a.sents[m.Sent]
	i := m.Start
	hasTitle := false
	for i > 0 {
		w := s.Tokens[i-1].Text
		r := []rune(w)
		if len(r) == 0 || !unicode.IsUpper(r[0]) {
			break
		}
		if titleWords[strings.ToLower(w)] {
			hasTitle = true
		} else if !(s.Labels[i-1] != "O" && len(w) <= 6 && strings.ToUpper(w) == w) {
			// Only short acronyms of organisations or countries ("CIA",
			// "US") may stand in a title besides title words.
			break
		}
		i--
	}
	if !hasTitle {
		return ""
	}
	return a.tokenText(m.Sent, i, m.Start)
}

// personName strips honorifics and possessives from a person mention.
func personName(s string) string {
	parts := strings.Fields(cleanName(s))
	for len(parts) > 1 && honorifics[strings.ToLower(strings.TrimSuffix(parts[0], "."))] {
		parts = parts[1:]
	}
	if len(parts) == 1 && honorifics[strings.ToLower(strings.TrimSuffix(parts[0], "."))] {
		return ""
	}
	return strings.Join(parts, " ")
}

// cleanName drops possessive endings and surrounding punctuation.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		s = strings.TrimSuffix(s, suf)
	}
	return strings.Trim(s, " \"“”'‘’()[],.;:")
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
