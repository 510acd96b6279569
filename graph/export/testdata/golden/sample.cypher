// newsgraph export: a Cypher script that recreates the exported subgraph.
// Load it with: cypher-shell -a neo4j://HOST:7687 -u neo4j -f FILE
// (or paste it into Neo4j Browser). Nodes are MERGEd on their id and
// relationships on their endpoints and keys: loading it twice changes nothing.

// Constraints and indexes first, so that every MERGE is an index look-up.
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE;

// Nodes.
UNWIND [
  {id: 'person:o-brien', props: {active: true, aliases: ['Bob', 'Back\\slash'], born: date('1970-01-02'), countryCode: '', id: 'person:o-brien', label: 'a property that clashes with the caption', mass: 1e21, name: 'Bob O\'Brien "the <Boss> & co"\nsecond line', rank: 3, score: 2.0, seen: datetime('2018-04-18T07:49:00+01:00[Europe/London]'), titles: []}}
] AS row
MERGE (n:Actor {id: row.id})
SET n += row.props, n:Person;
UNWIND [
  {id: 'country:KP', props: {aliases: ['North Korean'], id: 'country:KP', latitude: 40.07764, longitude: 127.13385, name: 'North Korea'}}
] AS row
MERGE (n:Country {id: row.id})
SET n += row.props, n:Actor:Location;
UNWIND [
  {id: 'meeting:m1', props: {at: datetime('2018-04-01T10:30:00+09:00'), date: date('2018-04-01'), id: 'meeting:m1', kind: 'talks', participants: ['Bob O\'Brien', 'North Korea'], status: 'held'}}
] AS row
MERGE (n:Meeting {id: row.id})
SET n += row.props;
UNWIND [
  {id: 'element:4:abc:7', props: {version: 1}}
] AS row
MERGE (n {id: row.id})
SET n += row.props;

// Relationships.
UNWIND [
  {start: 'person:o-brien', end: 'meeting:m1', props: {}}
] AS row
MATCH (a:Actor {id: row.start})
MATCH (b:Meeting {id: row.end})
MERGE (a)-[r:ATTENDED]->(b)
SET r += row.props;
UNWIND [
  {start: 'country:KP', end: 'person:o-brien', props: {date: date('2018-04-01'), meetingId: 'meeting:m1', status: 'held'}},
  {start: 'country:KP', end: 'person:o-brien', props: {meetingId: 'meeting:m2', status: 'planned'}}
] AS row
MATCH (a:Country {id: row.start})
MATCH (b:Actor {id: row.end})
MERGE (a)-[r:MET {meetingId: row.props.meetingId}]->(b)
SET r += row.props;
UNWIND [
  {start: 'element:4:abc:7', end: 'country:KP', props: {key: 'a clash', since: 2020, weight: 0.5}}
] AS row
MATCH (a {id: row.start})
MATCH (b:Country {id: row.end})
MERGE (a)-[r:LIKES {key: row.props.key, since: row.props.since, weight: row.props.weight}]->(b)
SET r += row.props;

// End of export: 4 nodes, 4 relationships.
