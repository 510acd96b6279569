package actors

// The internals the external tests table-test.
var (
	CalendarWords   = calendarWords
	IsNoiseSentence = isNoiseSentence
	IsTitleCase     = isTitleCase
)
