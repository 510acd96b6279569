// Lone surnames ("Pompeo") are matched against the full names already in
// the graph with ENDS WITH, and acronyms against organisation aliases; a
// TEXT index turns the suffix search from a scan of every person into an
// index look-up.
CREATE TEXT INDEX person_name_text IF NOT EXISTS FOR (n:Person) ON (n.name);
