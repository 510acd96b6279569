// Reports of one meeting from different articles join on the meeting's key
// (status class and sorted participant ids; see docs/events.md), looked up
// inside the write transaction.
CREATE INDEX meeting_key IF NOT EXISTS FOR (n:Meeting) ON (n.key);
