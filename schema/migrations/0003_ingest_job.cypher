// The ingest job's bookkeeping (newsgraph run / status): one lock node per
// lock name, one failure node per failing article, passes by id; MERGE on
// each must be an index look-up and two jobs must not create twins.
CREATE CONSTRAINT ingest_lock_name IF NOT EXISTS FOR (n:IngestLock) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT ingest_failure_source IF NOT EXISTS FOR (n:IngestFailure) REQUIRE n.source IS UNIQUE;
CREATE CONSTRAINT ingest_pass_id IF NOT EXISTS FOR (n:IngestPass) REQUIRE n.id IS UNIQUE;
CREATE INDEX ingest_pass_source IF NOT EXISTS FOR (n:IngestPass) ON (n.source, n.shard);
CREATE INDEX ingest_pass_started IF NOT EXISTS FOR (n:IngestPass) ON (n.startedAt);
CREATE INDEX ingest_failure_source_name IF NOT EXISTS FOR (n:IngestFailure) ON (n.sourceName);
