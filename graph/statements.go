package graph

import (
	"sort"
	"time"

	"github.com/newsgraph/newsgraph/ingest"
)

// Statement is one parameterised Cypher statement of a write batch. Values
// travel only as parameters; query texts are constants.
type Statement struct {
	Name   string
	Query  string
	Params map[string]any
}

// The write statements, in the order they run inside one transaction:
// articles first, then the stale facts of re-ingested articles go, then
// nodes, then relationships. Each is an UNWIND over rows so that a batch of
// many articles costs a handful of round trips.
const (
	// Returns the articles that were already in the graph: their actors'
	// aliases and titles are recomputed after the write.
	qArticles = `UNWIND $rows AS row
OPTIONAL MATCH (old:Article {id: row.id})
WITH row, old IS NOT NULL AS existed
MERGE (a:Article {id: row.id})
SET a.source = row.source, a.url = row.url, a.title = row.title, a.subtitle = row.subtitle,
    a.published = CASE WHEN row.published IS NULL THEN null ELSE datetime(row.published) END,
    a.contentHash = row.contentHash, a.captions = row.captions, a.credits = row.credits,
    a.ingestedAt = coalesce(a.ingestedAt, datetime(row.ingestedAt))
RETURN collect(CASE WHEN existed THEN row.id END) AS updated`

	// A re-ingested article keeps what it still says and loses what it no
	// longer says; entities that no article mentions any more go too.
	// removeStale deletes what a re-ingested article no longer says: its
	// old statements, meeting reports, visits and mentions. It returns the
	// meetings that lost a report and the entities (with their PART_OF
	// ancestors) that lost a mention; the clean-up statements then delete
	// those that nothing refers to any more and recompute the rest.
	qRemoveStale = `UNWIND $rows AS row
MATCH (a:Article {id: row.id})
CALL {
  WITH a, row
  OPTIONAL MATCH (s:Statement)-[:REPORTED_IN]->(a)
  WHERE NOT s.id IN row.statementIds
  DETACH DELETE s
}
CALL {
  WITH a, row
  OPTIONAL MATCH (m:Meeting)-[r:REPORTED_IN]->(a)
  WHERE NOT coalesce(r.localId, m.id) IN row.meetingIds
  DELETE r
  RETURN collect(DISTINCT m.id) AS meetings
}
CALL {
  WITH a, row
  OPTIONAL MATCH (:Actor)-[v:VISITED {articleId: a.id}]->(:Location)
  WHERE NOT v.visitId IN row.visitIds
  DELETE v
}
CALL {
  WITH a, row
  OPTIONAL MATCH (a)-[r:MENTIONS]->(e)
  WHERE NOT e.id IN row.entityIds
  OPTIONAL MATCH (e)-[:PART_OF*1..6]->(outer:Location)
  WITH r, e, collect(DISTINCT outer.id) AS outers
  DELETE r
  RETURN reduce(acc = [], ids IN collect([e.id] + outers) | acc + ids) AS entities
}
RETURN meetings, entities`

	// A meeting with no report left goes, with its MET edges.
	qRemoveOrphanMeetings = `UNWIND $ids AS id
MATCH (m:Meeting {id: id})
WHERE NOT (m)-[:REPORTED_IN]->(:Article)
OPTIONAL MATCH (:Actor)-[met:MET {meetingId: m.id}]->(:Actor)
WITH m, collect(met) AS mets
FOREACH (x IN mets | DELETE x)
DETACH DELETE m`

	// An actor or place that no article mentions and no place lies in
	// goes. Run until it deletes nothing: each pass frees the next level
	// of a PART_OF chain.
	qRemoveOrphanEntities = `UNWIND $ids AS id
OPTIONAL MATCH (x:Actor {id: id})
OPTIONAL MATCH (y:Location {id: id})
WITH DISTINCT coalesce(x, y) AS e
WHERE e IS NOT NULL AND NOT ()-[:MENTIONS]->(e) AND NOT ()-[:PART_OF]->(e)
  AND NOT ()-[:HELD_AT]->(e) AND NOT ()-[:VISITED]->(e)
DETACH DELETE e`

	// Aliases and titles live on each article's MENTIONS edge too. A new
	// article adds its forms to the node's lists; after a changed article
	// the lists are recomputed as the union over the MENTIONS edges, so its
	// old forms go with it. (Recomputing on every write would cost a scan of
	// all mentions of popular actors per batch.)
	qRecomputeActors = `UNWIND $ids AS id
MATCH (e:Actor {id: id})
CALL {
  WITH e
  OPTIONAL MATCH (:Article)-[r:MENTIONS]->(e)
  UNWIND coalesce(r.aliases, []) AS alias
  WITH DISTINCT alias ORDER BY alias
  RETURN collect(alias) AS aliases
}
CALL {
  WITH e
  OPTIONAL MATCH (:Article)-[r:MENTIONS]->(e)
  UNWIND coalesce(r.titles, []) AS title
  WITH DISTINCT title ORDER BY title
  RETURN collect(title) AS titles
}
SET e.aliases = aliases, e.titles = CASE WHEN e:Person THEN titles ELSE e.titles END`

	// A meeting reported by several articles takes the most precise date
	// any report gives (day before week before month ...), ties to the
	// lowest article id, so the result does not depend on ingest order.
	qRecomputeMeetings = `UNWIND $ids AS id
MATCH (m:Meeting {id: id})
CALL {
  WITH m
  MATCH (m)-[r:REPORTED_IN]->(a:Article)
  RETURN r ORDER BY
    CASE WHEN r.date IS NULL THEN 1 ELSE 0 END,
    CASE r.dateGranularity WHEN 'day' THEN 0 WHEN 'week' THEN 1 WHEN 'range' THEN 2 WHEN 'month' THEN 3
      WHEN 'season' THEN 4 WHEN 'year' THEN 5 ELSE 6 END,
    a.id
  LIMIT 1
}
SET m.date = r.date, m.dateEnd = r.dateEnd, m.dateText = r.dateText, m.dateGranularity = r.dateGranularity
WITH m
CALL {
  // A place that no report gives any more is no longer where it was held.
  WITH m
  OPTIONAL MATCH (m)-[any:REPORTED_IN]->(:Article)
  WITH m, collect(any.location) AS places
  OPTIONAL MATCH (m)-[h:HELD_AT]->(l:Location)
  WHERE NOT l.id IN places
  DELETE h
}
WITH m
OPTIONAL MATCH (:Actor)-[met:MET {meetingId: m.id}]->(:Actor)
SET met.date = m.date`

	qMeetingsOfArticles = `UNWIND $articles AS aid
MATCH (m:Meeting)-[:REPORTED_IN]->(:Article {id: aid})
RETURN collect(DISTINCT m.id) AS ids`

	qPersons = `UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
SET n:Person, n.name = row.name, n.matchedBy = coalesce(n.matchedBy, row.matchedBy),
    n.aliases = reduce(acc = coalesce(n.aliases, []), x IN row.aliases | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    n.titles = reduce(acc = coalesce(n.titles, []), x IN row.titles | CASE WHEN x IN acc THEN acc ELSE acc + x END)`

	qOrganizations = `UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
SET n:Organization, n.name = row.name, n.matchedBy = coalesce(n.matchedBy, row.matchedBy),
    n.aliases = reduce(acc = coalesce(n.aliases, []), x IN row.aliases | CASE WHEN x IN acc THEN acc ELSE acc + x END)`

	// A country is one node whether the text makes it an actor or a place,
	// so it is always MERGEd on :Country and carries :Actor and :Location.
	qCountries = `UNWIND $rows AS row
MERGE (n:Country {id: row.id})
SET n:Actor, n:Location, n.name = row.name, n.kind = 'country', n.countryCode = row.countryCode,
    n.latitude = coalesce(row.latitude, n.latitude), n.longitude = coalesce(row.longitude, n.longitude),
    n.aliases = reduce(acc = coalesce(n.aliases, []), x IN row.aliases | CASE WHEN x IN acc THEN acc ELSE acc + x END)`

	qLocations = `UNWIND $rows AS row
MERGE (n:Location {id: row.id})
SET n.name = row.name, n.kind = row.kind, n.countryCode = row.countryCode,
    n.latitude = row.latitude, n.longitude = row.longitude`

	qPartOf = `UNWIND $rows AS row
MATCH (inner:Location {id: row.inner})
MATCH (outer:Location {id: row.outer})
MERGE (inner)-[:PART_OF]->(outer)`

	// r.matchedBy (entities change): how this article's mention was tied to
	// the node, e.g. "surname-in-graph", so a wrong merge can be undone.
	qActorMentions = `UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MATCH (e:Actor {id: row.entity})
MERGE (a)-[r:MENTIONS]->(e)
SET r.count = row.count, r.sentence = row.sentence, r.start = row.start, r.end = row.end, r.matchedBy = row.matchedBy,
    r.aliases = row.aliases, r.titles = row.titles`

	qLocationMentions = `UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MATCH (e:Location {id: row.entity})
MERGE (a)-[r:MENTIONS]->(e)
SET r.count = row.count, r.sentence = row.sentence, r.start = row.start, r.end = row.end`

	// One :Meeting per real event (events change). A report joins an
	// existing meeting with the same key (status class and sorted
	// participant ids) whose date is compatible (either unknown, or the
	// spans overlap give or take a day) and whose place is compatible
	// (either unknown, the same, or one inside the other by PART_OF);
	// otherwise it creates its own. The report's own id stays on its
	// REPORTED_IN edge (localId), so that re-ingesting the article finds and
	// replaces exactly what it wrote. ATTENDED, HELD_AT and MET hang off the
	// meeting that was found, so a second report adds no second MET.
	qMeetings = `UNWIND $rows AS row
CALL {
  WITH row
  OPTIONAL MATCH (old:Meeting {key: row.key})
  WHERE old.id = row.id OR (
    (row.date IS NULL OR old.date IS NULL OR
      (date(row.date) <= coalesce(old.dateEnd, old.date) + duration('P1D') AND
       coalesce(date(row.dateEnd), date(row.date)) + duration('P1D') >= old.date))
    AND (row.location IS NULL OR NOT EXISTS { (old)-[:HELD_AT]->(:Location) } OR
      EXISTS { MATCH (old)-[:HELD_AT]->(l:Location)
               WHERE l.id = row.location
                  OR EXISTS { (l)-[:PART_OF*1..5]->(:Location {id: row.location}) }
                  OR EXISTS { (:Location {id: row.location})-[:PART_OF*1..5]->(l) } }))
  RETURN old ORDER BY CASE WHEN old.id = row.id THEN 0 ELSE 1 END, old.id LIMIT 1
}
WITH row, coalesce(old.id, row.id) AS mid
MERGE (m:Meeting {id: mid})
ON CREATE SET m.status = row.status, m.kind = row.kind, m.cameo = row.cameo, m.plover = row.plover
SET m.key = row.key, m.participants = row.participants,
    m.kind = CASE WHEN m.kind = 'meeting' THEN row.kind ELSE m.kind END
SET m += CASE WHEN m.date IS NULL AND row.date IS NOT NULL THEN {
      date: date(row.date),
      dateEnd: CASE WHEN row.dateEnd IS NULL THEN null ELSE date(row.dateEnd) END,
      dateText: row.dateText, dateGranularity: row.dateGranularity} ELSE {} END
WITH m, row
MATCH (a:Article {id: row.article})
MERGE (m)-[r:REPORTED_IN]->(a)
SET r.localId = row.localId, r.sentence = row.sentence, r.start = row.start, r.end = row.end,
    r.trigger = row.trigger, r.status = row.status,
    r.mentionSentences = row.mentionSentences, r.mentionStarts = row.mentionStarts, r.mentionEnds = row.mentionEnds, r.kind = row.kind, r.location = row.location,
    r.date = CASE WHEN row.date IS NULL THEN null ELSE date(row.date) END,
    r.dateEnd = CASE WHEN row.dateEnd IS NULL THEN null ELSE date(row.dateEnd) END,
    r.dateText = row.dateText, r.dateGranularity = row.dateGranularity
WITH m, row
CALL {
  WITH m, row
  UNWIND row.participantIds AS pid
  MATCH (p:Actor {id: pid})
  MERGE (p)-[:ATTENDED]->(m)
}
CALL {
  WITH m, row
  WITH m, row WHERE row.location IS NOT NULL
  MATCH (l:Location {id: row.location})
  MERGE (m)-[:HELD_AT]->(l)
}
CALL {
  // MET is the direct edge analysts query; one per meeting and pair,
  // pointing from the lower to the higher actor id.
  WITH m, row
  UNWIND row.pairs AS pair
  MATCH (x:Actor {id: pair[0]})
  MATCH (y:Actor {id: pair[1]})
  MERGE (x)-[r:MET {meetingId: m.id}]->(y)
  SET r.status = m.status, r.kind = m.kind, r.date = m.date
}`

	qStatements = `UNWIND $rows AS row
MERGE (s:Statement {id: row.id})
SET s.text = row.text, s.kind = row.kind, s.cue = row.cue,
    s.sentence = row.sentence, s.start = row.start, s.end = row.end
WITH s, row
MATCH (a:Article {id: row.article})
MERGE (s)-[:REPORTED_IN]->(a)`

	qSaid = `UNWIND $rows AS row
MATCH (s:Statement {id: row.statement})
MATCH (p:Actor {id: row.actor})
MERGE (p)-[:SAID]->(s)`

	qAddressedTo = `UNWIND $rows AS row
MATCH (s:Statement {id: row.statement})
MATCH (p:Actor {id: row.actor})
MERGE (s)-[:ADDRESSED_TO]->(p)`

	qVisited = `UNWIND $rows AS row
MATCH (p:Actor {id: row.actor})
MATCH (l:Location {id: row.location})
MERGE (p)-[v:VISITED {visitId: row.id}]->(l)
SET v.articleId = row.article, v.status = row.status, v.dateText = row.dateText,
    v.date = CASE WHEN row.date IS NULL THEN null ELSE date(row.date) END,
    v.sentence = row.sentence, v.start = row.start, v.end = row.end`
)

// BuildStatements turns a batch of extracted articles into the statements
// that write it. ingestedAt stamps articles seen for the first time.
func BuildStatements(batch []*ingest.Facts, ingestedAt time.Time) []Statement {
	var (
		articles, stale                         []any
		partOf, actorMentions, locationMentions []any
		meetings                                []any
		batchMeetings                           meetingGroups
		statements, said, addressed, visited    []any
		persons, orgs, countries, locations     = newRowSet(), newRowSet(), newRowSet(), newRowSet()
	)
	stamp := ingestedAt.UTC().Format(time.RFC3339)
	for _, f := range batch {
		a := f.Article
		articles = append(articles, map[string]any{
			"id": a.ID, "source": a.Source, "url": a.URL, "title": a.Title, "subtitle": a.Subtitle,
			"published": strPtr(a.Published), "contentHash": a.ContentHash,
			"captions": strs(a.Captions), "credits": strs(a.Credits), "ingestedAt": stamp,
		})
		var entityIDs, meetingIDs, statementIDs, visitIDs []string
		for _, act := range f.Actors {
			entityIDs = append(entityIDs, act.ID)
			mention := withMatchedBy(mentionRow(a.ID, act.ID, act.Mentions, act.Evidence), act.MatchedBy)
			mention["aliases"], mention["titles"] = strs(act.Aliases), strs(act.Titles)
			actorMentions = append(actorMentions, mention)
			row := map[string]any{"id": act.ID, "name": act.Name, "aliases": strs(act.Aliases), "matchedBy": act.MatchedBy}
			switch act.Type {
			case ingest.Person:
				row["titles"] = strs(act.Titles)
				persons.add(row)
			case ingest.Country:
				row["countryCode"], row["latitude"], row["longitude"] = nil, nil, nil
				if loc := findLocation(f.Locations, act.ID); loc != nil {
					row["countryCode"], row["latitude"], row["longitude"] = loc.CountryCode, floatPtr(loc.Latitude), floatPtr(loc.Longitude)
				}
				countries.add(row)
			default:
				orgs.add(row)
			}
		}
		for _, loc := range f.Locations {
			isCountry := loc.Kind == "country"
			// Entities change: a place with no mentions is only the target of
			// another place's PART_OF chain; the article does not mention it.
			if loc.Mentions > 0 && !contains(entityIDs, loc.ID) {
				entityIDs = append(entityIDs, loc.ID)
				if isCountry {
					// Countries are MERGEd on :Country and always carry :Actor.
					actorMentions = append(actorMentions, mentionRow(a.ID, loc.ID, loc.Mentions, loc.Evidence))
				} else {
					locationMentions = append(locationMentions, mentionRow(a.ID, loc.ID, loc.Mentions, loc.Evidence))
				}
			}
			row := map[string]any{"id": loc.ID, "name": loc.Name, "kind": loc.Kind, "countryCode": loc.CountryCode,
				"latitude": floatPtr(loc.Latitude), "longitude": floatPtr(loc.Longitude), "aliases": []string{}}
			if isCountry {
				countries.add(row)
			} else {
				locations.add(row)
			}
			// Only the nearest enclosing place: each member of the chain
			// has its own PartOf, so the edges form a chain, not shortcuts.
			if len(loc.PartOf) > 0 {
				partOf = append(partOf, map[string]any{"inner": loc.ID, "outer": loc.PartOf[0]})
			}
		}
		for _, m := range f.Meetings {
			meetingIDs = append(meetingIDs, m.ID)
			ids := append([]string(nil), m.ParticipantIDs...)
			sort.Strings(ids)
			pairs := [][]string{}
			for i, p := range ids {
				for _, q := range ids[i+1:] {
					if p != q {
						pairs = append(pairs, []string{p, q})
					}
				}
			}
			mentionSentences, mentionStarts, mentionEnds := mentionEvidence(m)
			meetings = append(meetings, map[string]any{
				"id": batchMeetings.join(m), "localId": m.ID, "key": ingest.MeetingKey(m), "article": a.ID,
				"status": m.Status, "kind": m.Kind,
				"date": strPtr(m.Date), "dateEnd": emptyNil(m.DateEnd), "dateText": m.DateText, "dateGranularity": m.DateGranular,
				"cameo": m.CAMEO, "plover": m.PLOVER, "participants": strs(m.Participants), "trigger": m.Trigger,
				"sentence": m.Evidence.Sentence, "start": m.Evidence.Start, "end": m.Evidence.End,
				"mentionSentences": mentionSentences, "mentionStarts": mentionStarts,
				"mentionEnds": mentionEnds, "participantIds": strs(ids), "pairs": pairs, "location": emptyNil(m.LocationID),
			})
		}
		for _, s := range f.Statements {
			statementIDs = append(statementIDs, s.ID)
			statements = append(statements, map[string]any{
				"id": s.ID, "article": a.ID, "text": s.Text, "kind": s.Kind, "cue": s.Cue,
				"sentence": s.Evidence.Sentence, "start": s.Evidence.Start, "end": s.Evidence.End,
			})
			if s.SpeakerID != "" {
				said = append(said, map[string]any{"statement": s.ID, "actor": s.SpeakerID})
			}
			if s.AddresseeID != "" {
				addressed = append(addressed, map[string]any{"statement": s.ID, "actor": s.AddresseeID})
			}
		}
		for _, v := range f.Visits {
			visitIDs = append(visitIDs, v.ID)
			visited = append(visited, map[string]any{
				"id": v.ID, "article": a.ID, "actor": v.VisitorID, "location": v.LocationID, "status": v.Status,
				"date": strPtr(v.Date), "dateText": v.DateText,
				"sentence": v.Evidence.Sentence, "start": v.Evidence.Start, "end": v.Evidence.End,
			})
		}
		stale = append(stale, map[string]any{"id": a.ID, "entityIds": strs(entityIDs), "meetingIds": strs(meetingIDs),
			"statementIds": strs(statementIDs), "visitIds": strs(visitIDs)})
	}
	var out []Statement
	add := func(name, q string, rows []any) {
		if len(rows) > 0 {
			out = append(out, Statement{Name: name, Query: q, Params: map[string]any{"rows": rows}})
		}
	}
	add("articles", qArticles, articles)
	add("persons", qPersons, persons.rows)
	add("organizations", qOrganizations, orgs.rows)
	add("countries", qCountries, countries.rows)
	add("locations", qLocations, locations.rows)
	add("partOf", qPartOf, partOf)
	add("meetings", qMeetings, meetings)
	add("statements", qStatements, statements)
	add("actorMentions", qActorMentions, actorMentions)
	add("locationMentions", qLocationMentions, locationMentions)
	add("said", qSaid, said)
	add("addressedTo", qAddressedTo, addressed)
	add("visited", qVisited, visited)
	// Stale facts go last: by then every entity the new version still
	// mentions has its MENTIONS edge, so shared entities survive.
	add("removeStale", qRemoveStale, stale)
	return out
}

// CleanupStatements are run after BuildStatements' statements, with what
// removeStale returned: orphans are deleted and the properties that are
// unions over articles (actor aliases and titles, meeting dates) are
// recomputed for every node the batch touched.
func CleanupStatements(batch []*ingest.Facts, updatedArticles, staleMeetings, meetingIDs, staleEntities []string) []Statement {
	var actorIDs []string
	seen := map[string]bool{}
	for _, f := range batch {
		if !contains(updatedArticles, f.Article.ID) {
			continue
		}
		for _, a := range f.Actors {
			if !seen[a.ID] {
				seen[a.ID] = true
				actorIDs = append(actorIDs, a.ID)
			}
		}
	}
	for _, id := range staleEntities {
		if !seen[id] {
			seen[id] = true
			actorIDs = append(actorIDs, id)
		}
	}
	// Statements with nothing to do are left out: a batch of new articles
	// then costs one round trip here instead of nine.
	var out []Statement
	add := func(name, q string, ids []string) {
		if len(ids) > 0 {
			out = append(out, Statement{Name: name, Query: q, Params: map[string]any{"ids": ids}})
		}
	}
	add("removeOrphanMeetings", qRemoveOrphanMeetings, staleMeetings)
	// Before orphans go: it drops HELD_AT edges that only an old version
	// of an article gave, which would keep a place alive.
	add("recomputeMeetings", qRecomputeMeetings, append(append([]string(nil), meetingIDs...), staleMeetings...))
	// PART_OF chains are at most a few levels deep (venue, city, region,
	// country, continent).
	for i := 0; i < 5; i++ {
		add("removeOrphanEntities", qRemoveOrphanEntities, staleEntities)
	}
	add("recomputeActors", qRecomputeActors, actorIDs)
	return out
}

// meetingGroups joins the reports of one meeting within a batch, as the
// write statement does across batches: a report takes the id of the first
// earlier report with the same key and compatible date and place.
type meetingGroups struct {
	byKey map[string][]ingest.Meeting
}

func (g *meetingGroups) join(m ingest.Meeting) string {
	if g.byKey == nil {
		g.byKey = map[string][]ingest.Meeting{}
	}
	key := ingest.MeetingKey(m)
	for _, o := range g.byKey[key] {
		if ingest.DatesCompatible(o.Date, o.DateEnd, m.Date, m.DateEnd) &&
			(o.LocationID == "" || m.LocationID == "" || o.LocationID == m.LocationID) {
			return o.ID
		}
	}
	g.byKey[key] = append(g.byKey[key], m)
	return m.ID
}

// rowSet keeps one row per node id within a batch, uniting the aliases and
// titles that different articles give the same node.
type rowSet struct {
	byID map[string]map[string]any
	rows []any
}

func newRowSet() *rowSet { return &rowSet{byID: map[string]map[string]any{}} }

func (s *rowSet) add(row map[string]any) {
	id := row["id"].(string)
	prev, ok := s.byID[id]
	if !ok {
		s.byID[id] = row
		s.rows = append(s.rows, row)
		return
	}
	for _, key := range []string{"aliases", "titles"} {
		if extra, ok := row[key].([]string); ok {
			have, _ := prev[key].([]string)
			for _, x := range extra {
				if !contains(have, x) {
					have = append(have, x)
				}
			}
			prev[key] = have
		}
	}
}

func mentionRow(article, entity string, count int, ev *ingest.Evidence) map[string]any {
	row := map[string]any{"article": article, "entity": entity, "count": count, "sentence": nil, "start": nil, "end": nil,
		"aliases": []string{}, "titles": []string{}, "matchedBy": nil}
	if ev != nil {
		row["sentence"], row["start"], row["end"] = ev.Sentence, ev.Start, ev.End
	}
	return row
}

// withMatchedBy adds the actor's matchedBy to its MENTIONS row (entities change).
func withMatchedBy(row map[string]any, matchedBy string) map[string]any {
	row["matchedBy"] = emptyNil(matchedBy)
	return row
}

func findLocation(locs []ingest.Location, id string) *ingest.Location {
	for i := range locs {
		if locs[i].ID == id {
			return &locs[i]
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// strs makes nil slices empty lists: Neo4j stores no null list elements.
func strs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func strPtr(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func emptyNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func floatPtr(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// mentionEvidence lists the sentences of the article that report the
// meeting, each once, first report first, with their offsets.
func mentionEvidence(m ingest.Meeting) (sentences []string, starts, ends []int64) {
	sentences, starts, ends = []string{}, []int64{}, []int64{}
	seen := map[int]bool{}
	for _, mm := range m.Mentions {
		if !seen[mm.Evidence.Start] {
			seen[mm.Evidence.Start] = true
			sentences = append(sentences, mm.Evidence.Sentence)
			starts = append(starts, int64(mm.Evidence.Start))
			ends = append(ends, int64(mm.Evidence.End))
		}
	}
	return sentences, starts, ends
}
