package ingest

// The types in this file are the extraction contract: what an Extractor
// produces, what `newsgraph extract --format json` prints and what a Sink
// writes. JSON keys may be added over time; none may be removed or renamed.

// ActorType is the second label of an actor node.
type ActorType string

const (
	Person       ActorType = "Person"
	Organization ActorType = "Organization"
	Country      ActorType = "Country"
)

// Meeting statuses. Only asserted past meetings are StatusHeld.
const (
	StatusHeld      = "held"
	StatusPlanned   = "planned"
	StatusProposed  = "proposed"
	StatusCancelled = "cancelled"
	StatusRefused   = "refused"
	StatusDenied    = "denied"
)

// Statement kinds.
const (
	StatementDirect   = "direct"
	StatementIndirect = "indirect"
)

// Facts is everything extracted from one article.
type Facts struct {
	Article    ArticleInfo `json:"article"`
	Actors     []Actor     `json:"actors"`
	Locations  []Location  `json:"locations"`
	Meetings   []Meeting   `json:"meetings"`
	Visits     []Visit     `json:"visits"`
	Statements []Statement `json:"statements"`
	// Sentences are the article's sentences with their tokens and parse,
	// only when asked for (extract --syntax).
	Sentences []SentenceSyntax `json:"sentences,omitempty"`
}

// SentenceSyntax is one sentence as the pipeline analysed it.
type SentenceSyntax struct {
	Text   string        `json:"text"`
	Start  int           `json:"start"` // code points, as Evidence
	End    int           `json:"end"`
	Tokens []TokenSyntax `json:"tokens"`
}

// TokenSyntax is a token with its tags, lemma and dependency: Head is the
// index of its head in the sentence's tokens, -1 for the root.
type TokenSyntax struct {
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	UPOS   string `json:"upos,omitempty"`
	XPOS   string `json:"xpos,omitempty"`
	Lemma  string `json:"lemma,omitempty"`
	Head   int    `json:"head"`
	Rel    string `json:"rel,omitempty"`
	Entity string `json:"entity,omitempty"` // the entity tagger's BIO label
}

// ArticleInfo is the article's metadata as written to the graph.
type ArticleInfo struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Subtitle    string   `json:"subtitle,omitempty"`
	Published   *string  `json:"published"` // RFC 3339, or null when the article has no dateline
	Source      string   `json:"source"`
	URL         string   `json:"url,omitempty"`
	ContentHash string   `json:"contentHash"`
	Captions    []string `json:"captions,omitempty"`
	Credits     []string `json:"credits,omitempty"`
}

// Evidence ties a fact to the sentence it came from. Start and End are
// Unicode code point offsets into the article's text as read from its source
// (what Python's str slicing and most annotation tools use), End exclusive.
type Evidence struct {
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Actor is a person, organisation or country, canonical within the article
// and identified across articles by ID.
type Actor struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Type    ActorType `json:"type"`
	Aliases []string  `json:"aliases"`
	// Titles are roles the text gives the actor ("CIA Director"); never part of Name.
	Titles []string `json:"titles,omitempty"`
	// MatchedBy records how the ID was chosen (e.g. "full-name", "country-code",
	// "surname-in-article"), so a wrong merge can be found and undone.
	MatchedBy string `json:"matchedBy,omitempty"`
	// Mentions is how many times the article mentions the actor.
	Mentions int `json:"mentions"`
	// Evidence is the first sentence that mentions the actor.
	Evidence *Evidence `json:"evidence,omitempty"`
}

// Location is a place the article mentions. A country has the same ID as its
// actor identity, so "North Korea agreed" and "a visit to North Korea" meet
// in one node.
type Location struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"` // country, city, region, venue, other
	Latitude    *float64 `json:"latitude"`
	Longitude   *float64 `json:"longitude"`
	CountryCode string   `json:"countryCode,omitempty"`
	// PartOf lists the IDs of the enclosing locations, nearest first.
	PartOf   []string  `json:"partOf,omitempty"`
	Mentions int       `json:"mentions"`
	Evidence *Evidence `json:"evidence,omitempty"`
}

// DateRef is a date expression resolved against the article's own date.
// Value is the first day (YYYY-MM-DD), End the last day of a range, and
// Granularity one of day, week, month, season, year, range.
type DateRef struct {
	Value       string `json:"date"`
	End         string `json:"dateEnd,omitempty"`
	Granularity string `json:"dateGranularity,omitempty"`
	Text        string `json:"dateText,omitempty"`
}

// Meeting is an encounter between actors, with its status.
type Meeting struct {
	ID             string   `json:"id"`
	Participants   []string `json:"participants"` // actor names
	ParticipantIDs []string `json:"participantIds"`
	Status         string   `json:"status"`
	Kind           string   `json:"kind"` // meeting, talks, summit, visit, call, dinner
	Location       *string  `json:"location"`
	LocationID     string   `json:"locationId,omitempty"`
	Date           *string  `json:"date"`
	DateEnd        string   `json:"dateEnd,omitempty"`
	DateText       string   `json:"dateText,omitempty"`
	DateGranular   string   `json:"dateGranularity,omitempty"`
	Trigger        string   `json:"trigger,omitempty"`
	CAMEO          string   `json:"cameo,omitempty"`
	PLOVER         string   `json:"plover,omitempty"`
	Evidence       Evidence `json:"evidence"`
	// ParticipantSpans are the words that name each participant, in the
	// order of Participants (a pronoun when the participant was resolved
	// from one).
	ParticipantSpans []Span `json:"participantSpans,omitempty"`
	// Mentions are the article's reports of this meeting, first one first
	// (its evidence and spans are the ones above): one article may report
	// a meeting in several sentences.
	Mentions []MeetingMention `json:"mentions,omitempty"`
}

// MeetingMention is one report of a meeting: the trigger word, the
// sentence and the words that name the participants (code points).
type MeetingMention struct {
	Trigger          Span     `json:"trigger"`
	Evidence         Evidence `json:"evidence"`
	ParticipantSpans []Span   `json:"participantSpans,omitempty"`
}

// Span is a run of an article's text: code point offsets as in Evidence.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Visit is an actor's visit to a place without a named host.
type Visit struct {
	ID         string   `json:"id"`
	Visitor    string   `json:"visitor"`
	VisitorID  string   `json:"visitorId"`
	Location   string   `json:"location"`
	LocationID string   `json:"locationId"`
	Status     string   `json:"status"`
	Date       *string  `json:"date"`
	DateText   string   `json:"dateText,omitempty"`
	Evidence   Evidence `json:"evidence"`
	// DateEnd and DateGranular complete Date as in Meeting.
	DateEnd      string `json:"dateEnd,omitempty"`
	DateGranular string `json:"dateGranularity,omitempty"`
}

// Statement is a quote or reported speech with its speaker. Speaker is nil
// when the text does not say who spoke; it is never guessed.
type Statement struct {
	ID          string   `json:"id"`
	Speaker     *string  `json:"speaker"`
	SpeakerID   string   `json:"speakerId,omitempty"`
	Text        string   `json:"text"`
	Kind        string   `json:"kind"`
	Cue         string   `json:"cue,omitempty"`
	Addressee   *string  `json:"addressee,omitempty"`
	AddresseeID string   `json:"addresseeId,omitempty"`
	Evidence    Evidence `json:"evidence"`
	// SpeakerSpan is the words that name the speaker ("he", "Trump", "a US
	// official"); it may be set when Speaker is nil because the words name
	// no actor. Nil when the text names no speaker.
	SpeakerSpan *Span `json:"speakerSpan,omitempty"`
	// Parts are the quoted pieces of a direct quote interrupted by its
	// attribution ("“A,” he said, “B.”"), code point offsets.
	Parts []Span `json:"parts,omitempty"`
}
