// The newsgraph query cookbook: questions analysts ask of the graph, as
// parameterised Cypher for Neo4j Browser, cypher-shell and `newsgraph query`.
//
// This file is the single source of truth. docs/queries.md (the section
// between its COOKBOOK markers) and docs/newsgraph-cookbook.zip (Browser
// favourites) are generated from it, and the tests in graph/cookbook run
// every recipe against a graph built from testdata/articles and check its
// answer. After editing, run:
//
//     go test ./graph/cookbook -run TestGenerated -update
//
// Format: a recipe starts with a line `// == id: Title`. The comment lines
// after it describe the recipe (Markdown); lines `// :param name => value`
// give each parameter with the example value the tests use. The Cypher
// follows, up to the next recipe. Actors are found by name or alias, so
// `$name` may be "Mike Pompeo" or "Pompeo" if the article used both.

// == did-they-meet: Did two actors meet?
// The MET relationships between two actors, as a graph: one edge per
// meeting, labelled with its status (held, planned, proposed, cancelled,
// refused, denied) and date when known. Click an edge to see its
// `meetingId`, then use *The articles behind a fact* for the evidence.
// :param name => 'Mike Pompeo'
// :param other => 'Kim Jong Un'
MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases
MATCH (b:Actor) WHERE b.name = $other OR $other IN b.aliases
MATCH p = (a)-[:MET]-(b)
RETURN p

// == who-met-whom: Who met whom, when and where
// Every meeting of one actor, newest first: who else took part, the
// status, the date the text gives (or, when it gives none, the date of the
// first article that reports it) and the place.
// :param name => 'Mike Pompeo'
MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases
MATCH (a)-[:ATTENDED]->(m:Meeting)<-[:ATTENDED]-(other:Actor)
OPTIONAL MATCH (m)-[:HELD_AT]->(place:Location)
OPTIONAL MATCH (m)-[:REPORTED_IN]->(article:Article)
WITH a, m, place, collect(DISTINCT other.name) AS metWith, date(min(article.published)) AS reported
RETURN a.name AS actor, metWith, m.status AS status, m.kind AS kind,
       m.date AS date, m.dateText AS dateText, reported, place.name AS place, m.id AS meetingId
ORDER BY coalesce(m.date, reported) IS NULL, coalesce(m.date, reported) DESC, status, meetingId

// == meeting-network: An actor's meeting network
// One actor and everyone they met or planned to meet, as a graph. Edge
// captions show the status, so held and planned meetings are told apart at
// a glance.
// :param name => 'Kim Jong Un'
MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases
MATCH p = (a)-[:MET]-(:Actor)
RETURN p

// == meetings-by-status: Meetings by status: held, planned, denied
// How many meetings have each of the given statuses, with up to five
// examples each. A status that no meeting has still gets its row, with 0.
// :param statuses => ['held', 'planned', 'denied']
UNWIND $statuses AS status
OPTIONAL MATCH (m:Meeting {status: status})
OPTIONAL MATCH (p:Actor)-[:ATTENDED]->(m)
WITH status, m, collect(p.name) AS participants
WITH status, count(m) AS meetings,
     collect(CASE WHEN m IS NULL THEN null ELSE participants END) AS examples
RETURN status, meetings, examples[..5] AS examples
ORDER BY meetings DESC, status

// == said-by: Everything one actor said, newest first
// Every quote attributed to an actor, from the newest article to the
// oldest (articles without a date last), in the order of the text within
// an article.
// :param name => 'Mike Pompeo'
MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases
MATCH (a)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(article:Article)
OPTIONAL MATCH (s)-[:ADDRESSED_TO]->(addressee:Actor)
RETURN article.published AS published, s.text AS said, s.kind AS kind, s.cue AS cue,
       addressee.name AS to, article.title AS title, s.id AS statementId
ORDER BY published IS NULL, published DESC, s.start

// == mentioned-with: Who is mentioned with whom
// The actors that appear in the same articles as one actor, by the number
// of articles they share.
// :param name => 'Mike Pompeo'
MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases
MATCH (a)<-[:MENTIONS]-(article:Article)-[:MENTIONS]->(other:Actor)
WHERE other <> a
WITH other, count(DISTINCT article) AS articles, collect(DISTINCT article.title) AS titles
RETURN other.name AS mentionedWith,
       CASE WHEN other:Person THEN 'Person' WHEN other:Country THEN 'Country' ELSE 'Organization' END AS type,
       articles, titles[..3] AS inArticles
ORDER BY articles DESC, mentionedWith

// == shortest-path: The shortest path between two actors
// The shortest chain of meetings (of any status) that links two actors,
// as a graph. No row means no chain of at most six meetings exists.
// :param name => 'Mike Pompeo'
// :param other => 'Donald Trump'
MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases
MATCH (b:Actor) WHERE (b.name = $other OR $other IN b.aliases) AND b <> a
MATCH p = shortestPath((a)-[:MET*..6]-(b))
RETURN p
ORDER BY length(p)
LIMIT 1

// == timeline: An actor's timeline
// Meetings, statements and visits of one actor in date order. `date` is the
// date the text gives for the event or, when it gives none, the date of the
// article that reports it (`dateFrom` says which).
// :param name => 'Mike Pompeo'
MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases
CALL (a) {
  MATCH (a)-[:ATTENDED]->(m:Meeting)-[:REPORTED_IN]->(article:Article)
  OPTIONAL MATCH (other:Actor)-[:ATTENDED]->(m) WHERE other <> a
  OPTIONAL MATCH (m)-[:HELD_AT]->(place:Location)
  WITH m, place, min(article.published) AS published, collect(DISTINCT article.title)[0] AS title,
       collect(DISTINCT other.name) AS others
  RETURN coalesce(m.date, date(published)) AS date,
         CASE WHEN m.date IS NULL THEN 'article' ELSE 'text' END AS dateFrom,
         'meeting (' + m.status + ')' AS event,
         m.kind + ' with ' + reduce(s = '', n IN others | s + CASE s WHEN '' THEN '' ELSE ', ' END + n)
           + coalesce(' in ' + place.name, '') AS detail,
         title AS article
  UNION
  MATCH (a)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(article:Article)
  RETURN date(article.published) AS date, 'article' AS dateFrom, 'statement' AS event,
         s.text AS detail, article.title AS article
  UNION
  MATCH (a)-[v:VISITED]->(place:Location)
  OPTIONAL MATCH (article:Article {id: v.articleId})
  RETURN coalesce(v.date, date(article.published)) AS date,
         CASE WHEN v.date IS NULL THEN 'article' ELSE 'text' END AS dateFrom,
         'visit (' + v.status + ')' AS event, place.name AS detail, article.title AS article
}
RETURN date, dateFrom, event, detail, article
ORDER BY date IS NULL, date, event, detail

// == provenance: The articles behind a fact
// The evidence for the meetings between two actors: the sentence that
// states each one, where it is in the article (code point offsets), and
// the article itself. Check a surprising edge here before you cite it.
// :param name => 'Mike Pompeo'
// :param other => 'Kim Jong Un'
MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases
MATCH (b:Actor) WHERE b.name = $other OR $other IN b.aliases
MATCH (a)-[:ATTENDED]->(m:Meeting)<-[:ATTENDED]-(b)
MATCH (m)-[r:REPORTED_IN]->(article:Article)
RETURN m.status AS status, m.kind AS kind, r.sentence AS evidence, r.start AS start, r.end AS end,
       article.title AS article, article.published AS published,
       CASE WHEN article.url IS NULL OR article.url = '' THEN article.source ELSE article.url END AS source,
       m.id AS meetingId
ORDER BY published, start

// == places-on-map: Places on the map
// The places in the stories about one actor that have coordinates: where
// their meetings were held, where they went, and the places that the same
// articles mention. `location` is a Cypher point, so the rows can go
// straight to a map (or be exported as CSV from the Browser).
// :param name => 'Mike Pompeo'
MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases
CALL (a) {
  MATCH (a)-[:ATTENDED]->(:Meeting)-[:HELD_AT]->(place:Location)
  RETURN place, 'meeting' AS how
  UNION
  MATCH (a)-[:VISITED]->(place:Location)
  RETURN place, 'visit' AS how
  UNION
  MATCH (a)<-[:MENTIONS]-(:Article)-[:MENTIONS]->(place:Location)
  RETURN place, 'mentioned' AS how
}
WITH place, collect(how) AS how
WHERE place.latitude IS NOT NULL AND place.longitude IS NOT NULL
RETURN place.name AS place, place.kind AS kind, place.countryCode AS countryCode,
       place.latitude AS latitude, place.longitude AS longitude,
       point({latitude: place.latitude, longitude: place.longitude}) AS location, how
ORDER BY place
