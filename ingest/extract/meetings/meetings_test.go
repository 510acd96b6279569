package meetings_test

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/extract/internal/extracttest"
)

// mustMeetingOf returns the meeting of exactly these participants or
// stops the test, listing the meetings that were found.
func mustMeetingOf(t *testing.T, f *ingest.Facts, body string, names ...string) *ingest.Meeting {
	t.Helper()
	m := extracttest.MeetingOf(f, names...)
	if m == nil {
		t.Fatalf("no meeting of exactly %v in %q; got %v", names, body, extracttest.MeetingsSummary(f))
	}
	return m
}

// kindCase is a sentence, the participants of its meeting and its kind.
type kindCase struct {
	name, body string
	who        []string
	kind       string
}

// checkKinds extracts each case and checks its meeting's kind and spans.
func checkKinds(t *testing.T, tests []kindCase) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := mustMeetingOf(t, extracttest.ExtractBody(t, tc.body), tc.body, tc.who...)
			if m.Kind != tc.kind {
				t.Errorf("kind = %s, want %s", m.Kind, tc.kind)
			}
			if len(m.ParticipantSpans) != len(m.Participants) {
				t.Errorf("%d participant spans for %d participants", len(m.ParticipantSpans), len(m.Participants))
			}
		})
	}
}

func TestMeetingStatus(t *testing.T) {
	tests := []struct {
		name, body string
		who        []string
		status     string
	}{
		{"past", "Mike Pompeo met Kim Jong Un in Pyongyang.", []string{"Mike Pompeo", "Kim Jong Un"}, ingest.StatusHeld},
		{"met with", "Mike Pompeo secretly met with leader Kim Jong Un.", []string{"Mike Pompeo", "Kim Jong Un"}, ingest.StatusHeld},
		{"negation had not", "Donald Trump said he had not met Kim Jong Un directly.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusDenied},
		{"negation never", "Donald Trump has never met Kim Jong Un.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusDenied},
		{"urged to resume, read as a purpose by the parser", "Mike Pompeo said Japan would work with other Security Council members to take robust steps in response, and he urged North Korea to resume denuclearization talks it abandoned in 2009.",
			[]string{"North Korea"}, ingest.StatusProposed},
		{"a possibility of the phrase that holds the noun", "All of the concerns would work out in the context of discussions between Japan and China.",
			[]string{"Japan", "China"}, ingest.StatusProposed},
		{"ready to", "Shinzo Abe said Japan was ready to negotiate with China.", []string{"Japan", "China"}, ingest.StatusProposed},
		{"denied", "Shinzo Abe denied meeting Kim Jong Un.", []string{"Shinzo Abe", "Kim Jong Un"}, ingest.StatusDenied},
		{"did not take place", "The talks between Donald Trump and Kim Jong Un did not take place.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusDenied},
		{"a later report with did", "Donald Trump invited Kim Jong Un to a summit in Hanoi. The summit did not produce a deal.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusHeld},
		{"a negation of what the meeting did", "The talks between Donald Trump and Kim Jong Un did not produce a deal.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusHeld},
		{"future will", "Donald Trump will meet Kim Jong Un in Singapore.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusPlanned},
		{"intent plans to", "Donald Trump plans to meet Kim Jong Un.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusPlanned},
		{"purpose to set up", "The envoys worked to set up a summit between Donald Trump and Kim Jong Un.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusPlanned},
		{"ahead of", "Kim Jong Un arrived in Singapore on Sunday ahead of his first summit with Donald Trump.", []string{"Kim Jong Un", "Donald Trump"}, ingest.StatusPlanned},
		{"on the eve of", "Kim Jong Un arrived in Singapore on the eve of his summit with Donald Trump.", []string{"Kim Jong Un", "Donald Trump"}, ingest.StatusPlanned},
		{"snubbed an invitation to", "Kim Jong Un snubbed an invitation to meet Donald Trump.", []string{"Kim Jong Un", "Donald Trump"}, ingest.StatusRefused},
		{"no plans to", "Shinzo Abe has no plans to meet Donald Trump.", []string{"Shinzo Abe", "Donald Trump"}, ingest.StatusRefused},
		{"accepted an invitation to", "Shinzo Abe accepted an invitation to meet Donald Trump.", []string{"Shinzo Abe", "Donald Trump"}, ingest.StatusPlanned},
		{"ruled out", "Donald Trump ruled out a meeting with Kim Jong Un.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusRefused},
		{"asked during a meeting", "Donald Trump asked Shinzo Abe, during a meeting this week in Tokyo, to open markets.", []string{"Donald Trump", "Shinzo Abe"}, ingest.StatusHeld},
		{"a refusal in a condition", "Sanctions would follow if Kim Jong Un refused to meet Donald Trump.", []string{"Kim Jong Un", "Donald Trump"}, ingest.StatusProposed},
		{"modal could", "Donald Trump could meet Kim Jong Un in late May.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusProposed},
		{"hypothetical if", "If Donald Trump meets Kim Jong Un, sanctions would ease.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusProposed},
		{"may not happen", "A summit between Donald Trump and Kim Jong Un may not happen.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusProposed},
		{"proposed", "Shinzo Abe proposed talks with Xi Jinping.", []string{"Shinzo Abe", "Xi Jinping"}, ingest.StatusProposed},
		{"cancelled", "Donald Trump cancelled his summit with Kim Jong Un.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusCancelled},
		{"called off", "Donald Trump called off talks with Kim Jong Un.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusCancelled},
		{"refused", "Kim Jong Un refused to meet Mike Pompeo.", []string{"Kim Jong Un", "Mike Pompeo"}, ingest.StatusRefused},
		{"will not", "Xi Jinping will not meet Shinzo Abe.", []string{"Xi Jinping", "Shinzo Abe"}, ingest.StatusRefused},
		{"talk of", "Talk of an early summit between Donald Trump and Xi Jinping alarmed Japan.", []string{"Donald Trump", "Xi Jinping"}, ingest.StatusProposed},
		{"announcement of", "Donald Trump praised Kim Jong Un. The announcement of the Trump-Kim summit surprised Japan.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusPlanned},
		{"absent from", "Gordon Brown was not present at the Cabinet meeting with Tony Blair.", []string{"Tony Blair"}, ingest.StatusHeld},
		{"superlative", "Mike Pompeo became the most senior official ever known to have met with Kim Jong Un.", []string{"Mike Pompeo", "Kim Jong Un"}, ingest.StatusHeld},
		{"was to take place but was called off", "A meeting between Shinzo Abe and Xi Jinping was to take place last week but was called off.", []string{"Shinzo Abe", "Xi Jinping"}, ingest.StatusCancelled},
		{"was to take place", "A meeting between Shinzo Abe and Xi Jinping was to take place in Tokyo.", []string{"Shinzo Abe", "Xi Jinping"}, ingest.StatusPlanned},
		{"journey made to meet", "Mike Pompeo travelled to Pyongyang to meet with Kim Jong Un.", []string{"Mike Pompeo", "Kim Jong Un"}, ingest.StatusHeld},
		{"journey to come", "Mike Pompeo will fly to Pyongyang to meet Kim Jong Un.", []string{"Mike Pompeo", "Kim Jong Un"}, ingest.StatusPlanned},
		{"journey under way", "Mike Pompeo is flying to Pyongyang to meet Kim Jong Un.", []string{"Mike Pompeo", "Kim Jong Un"}, ingest.StatusPlanned},
		{"due to take part", "Shinzo Abe is due to take part in talks with Xi Jinping on Friday.", []string{"Shinzo Abe", "Xi Jinping"}, ingest.StatusPlanned},
		{"a wish to act at a first meeting", "Tony Blair will seek to reassure Gordon Brown at their first meeting of the year.", []string{"Tony Blair", "Gordon Brown"}, ingest.StatusPlanned},
		{"time noun as the parser's object", "Angela Merkel met midweek with Emmanuel Macron.", []string{"Angela Merkel", "Emmanuel Macron"}, ingest.StatusHeld},
		{"date as the parser's object", "Angela Merkel met Sunday with Emmanuel Macron in Berlin.", []string{"Angela Merkel", "Emmanuel Macron"}, ingest.StatusHeld},
		// A refusal that governs another verb's clause says nothing of
		// the meeting that clause names.
		{"declining to name who met", "Donald Trump wrote on Twitter, after initially declining to name who had met with Kim Jong Un.", []string{"Kim Jong Un"}, ingest.StatusHeld},
		{"talks were possible", "Mike Pompeo believes that negotiations with Japan were possible.", []string{"Japan"}, ingest.StatusProposed},
		{"a conjunct shares its first's clause", "Shinzo Abe promised to fly to Beijing and meet Xi Jinping.", []string{"Shinzo Abe", "Xi Jinping"}, ingest.StatusPlanned},
		// "for X to meet": the infinitive's subject, and a plan's status.
		{"a plan for X to meet", "There is a plan for Angela Merkel to meet Xi Jinping in May.", []string{"Angela Merkel", "Xi Jinping"}, ingest.StatusPlanned},
		// "cancelled the summit" calls off the summit reported before.
		{"the summit called off later", "Donald Trump will meet Kim Jong Un in Singapore. On Thursday Donald Trump cancelled the summit.", []string{"Donald Trump", "Kim Jong Un"}, ingest.StatusCancelled},
		// A time clause of a plan is part of the plan.
		{"before, in a plan", "Angela Merkel will visit Tanzania before chairing a meeting with Tony Blair in Cape Town.", []string{"Angela Merkel", "Tony Blair"}, ingest.StatusPlanned},
		{"after, in a plan", "Angela Merkel will fly home after meeting Tony Blair.", []string{"Angela Merkel", "Tony Blair"}, ingest.StatusPlanned},
		{"after, in the past", "Angela Merkel flew home after meeting Tony Blair.", []string{"Angela Merkel", "Tony Blair"}, ingest.StatusHeld},
		// A later report that an invited meeting took place.
		{"an invitation, then the meeting", "Shinzo Abe invited Donald Trump to a meeting in Tokyo. The meeting went badly.", []string{"Shinzo Abe", "Donald Trump"}, ingest.StatusHeld},
		{"an invitation, then a plan for it", "Shinzo Abe invited Donald Trump to a meeting in Tokyo. The meeting will be the first since May.", []string{"Shinzo Abe", "Donald Trump"}, ingest.StatusProposed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := mustMeetingOf(t, extracttest.ExtractBody(t, tc.body), tc.body, tc.who...)
			if m.Status != tc.status {
				t.Errorf("status = %s, want %s (%q)", m.Status, tc.status, tc.body)
			}
		})
	}
}

func TestMeetingParticipants(t *testing.T) {
	checkKinds(t, []kindCase{
		{"coordinated subject", "Donald Trump and Japanese Prime Minister Shinzo Abe opened two days of talks in Florida.",
			[]string{"Donald Trump", "Shinzo Abe"}, "talks"},
		{"four diners", "Donald Trump and first lady Melania Trump dined with Japan's Prime Minister Shinzo Abe and his wife Akie Abe.",
			[]string{"Donald Trump", "Melania Trump", "Shinzo Abe", "Akie Abe"}, "dinner"},
		{"family plurals", "Donald Trump and his wife Melania Trump were joined at the estate by their guests, Shinzo Abe and his wife Akie Abe, on a warm day. Later the Trumps dined with the Abes.",
			[]string{"Donald Trump", "Melania Trump", "Shinzo Abe", "Akie Abe"}, "dinner"},
		{"between countries", "Talks between South Korea and North Korea resumed.", []string{"South Korea", "North Korea"}, "talks"},
		{"whoever goes on a tour to talk", "Angela Merkel has gone on a cross-country tour to talk with police leaders.", []string{"Angela Merkel"}, "talks"},
		{"talks with unnamed counterparts", "Donald Trump has been speaking with a number of advisers.", []string{"Donald Trump"}, "talks"},
		{"a judgement of a meeting is no part in it", "Donald Trump called the meeting between Kim Jong Un and Shinzo Abe a success.", []string{"Kim Jong Un", "Shinzo Abe"}, "meeting"},
		{"who calls a meeting holds it", "Japan called an emergency meeting with China on Monday.", []string{"Japan", "China"}, "meeting"},
		{"a body that reports after a meeting held it", "Following a late-afternoon meeting, the Security Council issued a statement.", []string{"Security Council"}, "meeting"},
		{"a body of people is someone to meet", "Angela Merkel came to meet the company's management for the first time.", []string{"Angela Merkel"}, "meeting"},
		{"a definite role names the person of that title", "Donald Trump met Japanese Prime Minister Shinzo Abe in Florida. On Friday the prime minister met Xi Jinping in Beijing.",
			[]string{"Shinzo Abe", "Xi Jinping"}, "meeting"},
		{"the speaker of a quote is its I", "“I had a very good meeting with Shinzo Abe,” Donald Trump said.", []string{"Donald Trump", "Shinzo Abe"}, "meeting"},
		{"a quote's he is not its speaker", "Shinzo Abe flew to Washington on Monday. “He met with me twice,” Donald Trump said.", []string{"Shinzo Abe", "Donald Trump"}, "meeting"},
		{"a with-phrase the parser hangs higher up", "Tony Blair had personally seen the change over time in conversations with Angela Merkel.", []string{"Tony Blair", "Angela Merkel"}, "talks"},
		{"phone call", "Donald Trump spoke by phone with Shinzo Abe.", []string{"Donald Trump", "Shinzo Abe"}, "call"},
		{"hosted", "Shinzo Abe hosted Donald Trump in Tokyo.", []string{"Shinzo Abe", "Donald Trump"}, "visit"},
		{"relative clause", "Xi Jinping, who met separately with Shinzo Abe, spoke to reporters.", []string{"Xi Jinping", "Shinzo Abe"}, "meeting"},
		{"compound", "Donald Trump praised Kim Jong Un. A Trump-Kim summit could take place in June.", []string{"Donald Trump", "Kim Jong Un"}, "summit"},
		{"pronoun", "Donald Trump spoke on Tuesday. He said he would meet Kim Jong Un.", []string{"Donald Trump", "Kim Jong Un"}, "meeting"},
		{"titled conjuncts", "Tony Blair has met Italian Prime Minister Silvio Berlusconi and German Chancellor Gerhard Schroeder.",
			[]string{"Tony Blair", "Silvio Berlusconi", "Gerhard Schroeder"}, "meeting"},
		{"after clause", "News of the deal came after Donald Trump and Japanese Prime Minister Shinzo Abe held talks in Florida.",
			[]string{"Donald Trump", "Shinzo Abe"}, "talks"},
		{"subject and object hung elsewhere", "The book says on 13 March Tony Blair met then Home Office Minister Gordon Brown and Donald Trump.",
			[]string{"Tony Blair", "Gordon Brown", "Donald Trump"}, "meeting"},
		{"party hung on a phrase", "Japan was engaged in direct talks at extremely high levels with China.", []string{"Japan", "China"}, "talks"},
		{"the two leaders", "Donald Trump and Kim Jong Un shook hands. Mike Pompeo watched. The two leaders then met for 45 minutes.",
			[]string{"Donald Trump", "Kim Jong Un"}, "meeting"},
		{"both countries", "Japan and China quarrelled over islands. Both countries held talks on Monday.", []string{"Japan", "China"}, "talks"},
		{"her meeting with", "Angela Merkel spoke in Berlin. After her meeting with Donald Trump, she left.", []string{"Angela Merkel", "Donald Trump"}, "meeting"},
		{"invited to visit her", "Angela Merkel personally invited Donald Trump to visit her in January.", []string{"Donald Trump", "Angela Merkel"}, "visit"},
		{"invited to a meeting", "Shinzo Abe invited Donald Trump to a meeting in Tokyo.", []string{"Shinzo Abe", "Donald Trump"}, "meeting"},
		{"a role with a name in apposition", "Shinzo Abe met with Japanese government liaison Angela Merkel to discuss requests.", []string{"Shinzo Abe", "Angela Merkel"}, "meeting"},
		{"present at a summit, passive", "Officials from Iran and Russia were included at the summit.", []string{"Iran", "Russia"}, "summit"},
		{"involved in talks", "Japan, a close ally, is involved in talks with China.", []string{"Japan", "China"}, "talks"},
		{"conducting negotiations", "Shinzo Abe has been conducting negotiations with Xi Jinping.", []string{"Shinzo Abe", "Xi Jinping"}, "talks"},
		{"after clause high up", "China and Japan backed the cease-fire, reached last week after Secretary of State Mike Pompeo and Angela Merkel spoke by telephone.",
			[]string{"Mike Pompeo", "Angela Merkel"}, "call"},
		{"passive with", "Talks were held in Geneva with officials from Iran and Russia.", []string{"Iran", "Russia"}, "talks"},
		{"their: subject and the party it acts with", "Angela Merkel shakes hands with Shinzo Abe after their meeting in Berlin.",
			[]string{"Angela Merkel", "Shinzo Abe"}, "meeting"},
		{"they: a coordinated subject above", "Angela Merkel and Xi Jinping said on Monday that they would hold talks in June.",
			[]string{"Angela Merkel", "Xi Jinping"}, "talks"},
		{"caption marks", "Shinzo Abe, left, and Xi Jinping, right, attend their meeting in Beijing, China, Nov. 10, 2014.",
			[]string{"Shinzo Abe", "Xi Jinping"}, "meeting"},
		{"lower-case title opener", "Shinzo Abe, center left, greets incoming French President Emmanuel Macron as he arrives at the palace in Tokyo.",
			[]string{"Shinzo Abe", "Emmanuel Macron"}, "meeting"},
		{"facilitators", "Japan and China are facilitating the peace talks between the warring sides.", []string{"Japan", "China"}, "talks"},
		{"a country's minister", "Japan's foreign minister met Angela Merkel on Monday.", []string{"Japan", "Angela Merkel"}, "meeting"},
		{"sat down with", "Mike Pompeo sat down with his Chinese counterpart Xi Jinping for two hours.", []string{"Mike Pompeo", "Xi Jinping"}, "meeting"},
		{"shook hands with", "Donald Trump shook hands with Kim Jong Un in Singapore.", []string{"Donald Trump", "Kim Jong Un"}, "meeting"},
		{"a party hung on the eve", "Kim Jong Un arrived in Pyongyang on the eve of his summit with Donald Trump.", []string{"Kim Jong Un", "Donald Trump"}, "summit"},
		{"journey for talks", "Shinzo Abe flew to Washington for talks with Donald Trump.", []string{"Shinzo Abe", "Donald Trump"}, "talks"},
		{"played host to", "Angela Merkel played host to Emmanuel Macron in Berlin.", []string{"Angela Merkel", "Emmanuel Macron"}, "visit"},
		{"called someone on a day", "Donald Trump called Shinzo Abe on Monday to discuss trade.", []string{"Donald Trump", "Shinzo Abe"}, "call"},
		{"names in apposition to qualified roles", "Donald Trump held talks with his Japanese counterpart, Shinzo Abe, and the Chinese leader, Xi Jinping.",
			[]string{"Donald Trump", "Shinzo Abe", "Xi Jinping"}, "talks"},
		{"reached out by phone", "Donald Trump reached out to Shinzo Abe by phone on Monday.", []string{"Donald Trump", "Shinzo Abe"}, "call"},
		{"a demonym's role is its country", "On Monday the Italian president met Tony Blair in London.", []string{"Italy", "Tony Blair"}, "meeting"},
		{"countries that qualify people", "Talks between Italian and German negotiators resumed in Geneva.", []string{"Italy", "Germany"}, "talks"},
		{"a dinner for guests", "Shinzo Abe hosted a dinner for Donald Trump and Melania Trump in Tokyo.", []string{"Shinzo Abe", "Donald Trump", "Melania Trump"}, "dinner"},
		{"caption marks in brackets", "Japanese Prime Minister Shinzo Abe (R) shakes hands with Angela Merkel after their talks in Tokyo.",
			[]string{"Shinzo Abe", "Angela Merkel"}, "talks"},
	})
}

func TestMeetingPlaceDateAndCodes(t *testing.T) {
	f := extracttest.ExtractBody(t, "Mike Pompeo made a secret visit to North Korea over Easter and met with leader Kim Jong Un.")
	m := extracttest.MeetingOf(f, "Mike Pompeo", "Kim Jong Un")
	if m == nil {
		t.Fatalf("no Pompeo-Kim meeting: %v", extracttest.MeetingsSummary(f))
	}
	if m.Status != ingest.StatusHeld || m.Location == nil || *m.Location != "North Korea" {
		t.Errorf("status %s, location %v; want held in North Korea", m.Status, m.Location)
	}
	if m.Date == nil || *m.Date != "2018-04-01" {
		t.Errorf("date = %v, want 2018-04-01 (Easter Sunday 2018)", m.Date)
	}
	if m.CAMEO != "042" || m.PLOVER != "CONSULT:visit" {
		t.Errorf("codes = %s %s, want 042 CONSULT:visit", m.CAMEO, m.PLOVER)
	}
	if len(f.Visits) != 0 {
		t.Errorf("a visit with a named host is a meeting, not also a visit: %+v", f.Visits)
	}

	f = extracttest.ExtractBody(t, "Donald Trump will meet Kim Jong Un in Singapore on Tuesday.")
	m = extracttest.MeetingOf(f, "Donald Trump", "Kim Jong Un")
	if m == nil || m.CAMEO != "036" || m.Date == nil || *m.Date != "2018-04-24" {
		t.Errorf("planned meeting = %+v, want CAMEO 036 on the coming Tuesday 2018-04-24", m)
	}
	f = extracttest.ExtractBody(t, "Donald Trump spoke by phone with Shinzo Abe on Tuesday.")
	if m = extracttest.MeetingOf(f, "Donald Trump", "Shinzo Abe"); m == nil || m.CAMEO != "041" || m.PLOVER != "CONSULT:phone" || m.Date == nil || *m.Date != "2018-04-17" {
		t.Errorf("call = %+v, want CAMEO 041, CONSULT:phone, 2018-04-17", m)
	}
	f = extracttest.ExtractBody(t, "Shinzo Abe hosted Donald Trump in Tokyo.")
	if m = extracttest.MeetingOf(f, "Donald Trump", "Shinzo Abe"); m == nil || m.CAMEO != "043" || m.PLOVER != "CONSULT:host" {
		t.Errorf("hosted = %+v, want CAMEO 043 CONSULT:host", m)
	}
}

func TestNoMeetingWithoutTrigger(t *testing.T) {
	f := extracttest.ExtractBody(t, "Donald Trump praised Kim Jong Un. Mike Pompeo criticised Shinzo Abe. The meeting went well.")
	if len(f.Meetings) != 0 {
		t.Errorf("meetings = %v, want none", extracttest.MeetingsSummary(f))
	}
}

func TestMeetingReportsMergeWithinArticle(t *testing.T) {
	f := extracttest.ExtractBody(t, "Mike Pompeo met Kim Jong Un over Easter. Mike Pompeo met with Kim Jong Un in Pyongyang.")
	var n int
	for _, m := range f.Meetings {
		if extracttest.ParticipantSet(m) == "Kim Jong Un+Mike Pompeo" {
			n++
			if m.Location == nil || m.Date == nil {
				t.Errorf("merged meeting lacks the place or date one report gave: %+v", m)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d Pompeo-Kim meetings, want 1: %v", n, extracttest.MeetingsSummary(f))
	}
}

// TestMeetingShapes covers the participant shapes of news and caption
// sentences: passives, "including", a fronted call phrase, a joint news
// conference, "officials from", a title with "of", "told a meeting".
func TestMeetingShapes(t *testing.T) {
	checkKinds(t, []kindCase{
		{"passive with by", "Emmanuel Macron was greeted at the palace by Angela Merkel.", []string{"Emmanuel Macron", "Angela Merkel"}, "meeting"},
		{"including", "Donald Trump will meet with party leaders, including Shinzo Abe.", []string{"Donald Trump", "Shinzo Abe"}, "meeting"},
		{"fronted call phrase", "In a phone call on Saturday, Mike Pompeo told Shinzo Abe that the plan was sound.", []string{"Mike Pompeo", "Shinzo Abe"}, "call"},
		{"call named earlier", "In a much anticipated call, Donald Trump also spoke with Xi Jinping.", []string{"Donald Trump", "Xi Jinping"}, "call"},
		{"joint news conference", "Donald Trump and Shinzo Abe held a joint news conference in Tokyo.", []string{"Donald Trump", "Shinzo Abe"}, "conference"},
		{"officials from", "Japan will host talks in Tokyo this week with officials from China and South Korea.", []string{"Japan", "China", "South Korea"}, "talks"},
		{"title with of", "Angela Merkel met the Prime Minister of Japan Shinzo Abe in Berlin.", []string{"Angela Merkel", "Shinzo Abe"}, "meeting"},
		{"told a meeting", "Angela Merkel told a meeting of officials from China that trade mattered.", []string{"Angela Merkel", "China"}, "meeting"},
	})
}

// TestNotAMeeting: trigger words in other senses, one actor's news
// conference, and a meeting named only as a point in time.
func TestNotAMeeting(t *testing.T) {
	for _, body := range []string{
		"Japan said North Korea was not meeting its obligations.",
		"That is the view of television host Donald Trump.",
		"Donald Trump held a news conference in Tokyo.",
		"Japan had hoped to open an embassy in Pyongyang before the summit.",
		"Kim Jong Un, who was supposed to have blessed the talks, was absent.",
		// A title: a show, not a meeting.
		"Since leaving office, Tony Blair has toured the country with his one man show, An Audience With Angela Merkel.",
		// A contest between the parties, not a meeting of them.
		"Angela Merkel and Emmanuel Macron meet for the first of three televised debates on Monday.",
		"Angela Merkel and Democratic rival Emmanuel Macron meet for the first of three president debates Monday at Hofstra University.",
		// "meet" as "satisfy", its object's head past modifiers.
		"Donald Trump said Japan failed to meet their defense spending obligations.",
		// One actor on both sides: "she" is not an object of "welcomes".
		"But for as much change as Angela Merkel welcomes, she said some things stayed the same.",
		// Gapping: each visited a place, they did not visit each other.
		"Shinzo Abe visited Sunday and Donald Trump on Monday.",
		// A visit with one visitor and no host is a Visit, not a meeting.
		"In past visits, Angela Merkel answered questions.",
		// A possessive that owns another noun does not own the trigger.
		"Donald Trump spoke. His comments come as talks drag on in Tokyo.",
		// "meet" as "satisfy", passive.
		"Tony Blair said the objectives could be met by 2010.",
		// A welcome by a group is no meeting of named actors.
		"The plan was welcomed by MPs.",
		// A wish for some summit names no other party.
		"Japan wants a summit soon.",
		// "met" a thing a relative clause names, that or no "that".
		"Shinzo Abe has to cut the deficit each year, a target he says he has now met.",
		"The criteria that Japan met were strict.",
		// "call" as naming, not as a telephone call.
		"The operation goes on in the east, as Japan calls its campaign against the separatists.",
		// A gerund whose object the parser reads as a bare modifier.
		"Japan respects the right of China to trade, in the context of China meeting its obligations.",
		// Received things: one conjunct names people, the other is a thing.
		"It is not clear whether Japan has received any military or financial assistance from China.",
		// A visit to a place of someone's is no meeting with them.
		// "called on" someone to act, "called" someone a name.
		"Donald Trump called on Shinzo Abe to resign on Monday.",
		"Donald Trump called Shinzo Abe a liar on Monday.",
		// "spoke of" something between two people is no talk with them.
		"The union leader spoke of competing agendas between Donald Trump and Shinzo Abe.",
		// Public consultations with no one named; the purpose of talks
		// names no party to them.
		"Japan launched a series of consultations on the plan.",
		"Shinzo Abe is a keen proponent of talks to bring China within the group.",
		// Reaching out with no telephone is no call.
		"Donald Trump reached out to Shinzo Abe's voters in Ohio.",
		// Calls as demands, one body's; a news conference after a
		// shooting of someone.
		"Japan repeated calls made in the agreement for parties to allow access.",
		"Shinzo Abe spoke as officials listened during a news conference following the shooting of Donald Trump.",
		// "sat down" alone, "shook hands" with no one named.
		"Shinzo Abe sat down after the speech.",
		"Shinzo Abe was ambushed after visiting the jungle headquarters of Donald Trump in 1978.",
		// A gathering whose parties stay unnamed, and one speaker at a
		// conference: no named actor meets anyone.
		"European leaders gathered in Bratislava on Friday. The talks lasted all day.",
		"At a conference in Paris, Angela Merkel said the deal was good.",
		// A speaker's plans of their own, not a report of a meeting.
		"“We’re thinking about having a meeting or not having a meeting,” Donald Trump said.",
		// Speaking out is protest, not talks.
		"Angela Merkel spoke out against injustice with Emmanuel Macron.",
		// Protesters outside a conference are not at it.
		"European leaders gathered in Berlin. Emmanuel Macron demonstrated during the meeting.",
		// A definite noun a clause restricts is news of its own, not the
		// gathering before it.
		"European leaders gathered in Berlin on Monday. Angela Merkel will speak at the international conference called in Jakarta on Thursday.",
		// Words to the press are no talks.
		"Angela Merkel spoke to reporters on Monday.",
		// A country that comments after a meeting may only be looking on.
		"After the meeting, Japan said it was pleased.",
		// A quote of no one known: a title, not a report.
		"The film “Meeting Shinzo Abe in Tokyo” opened on Friday.",
	} {
		if f := extracttest.ExtractBody(t, body); len(f.Meetings) != 0 {
			t.Errorf("%q: meetings %v, want none", body, extracttest.MeetingsSummary(f))
		}
	}
}

// TestMeetingMentions: every sentence that reports a meeting is one of its
// mentions, "the talks" and "the call" included, and a definite noun with
// nothing to refer to, or one of another kind, adds nothing.
func TestMeetingMentions(t *testing.T) {
	tests := []struct {
		name, body string
		who        []string
		triggers   []string // the meeting's mentions, in order
	}{
		{"repeated", "Mike Pompeo met Kim Jong Un over Easter. Mike Pompeo met with Kim Jong Un in Pyongyang.",
			[]string{"Mike Pompeo", "Kim Jong Un"}, []string{"met", "met"}},
		{"the talks", "Donald Trump and Shinzo Abe opened talks in Florida. The talks ended on Wednesday.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"talks", "talks"}},
		{"the call", "Donald Trump spoke by phone with Shinzo Abe. After the call, Japan said little.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"spoke", "call"}},
		{"the meeting of any kind", "Donald Trump dined with Shinzo Abe. Japan praised the meeting.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"dined", "meeting"}},
		{"another kind", "Donald Trump spoke by phone with Shinzo Abe. Japan praised the summit.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"spoke"}},
		{"the summit for talks", "Donald Trump and Shinzo Abe opened talks in Florida. Japan praised the summit.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"talks", "summit"}},
		{"a day's talks", "Donald Trump and Shinzo Abe will open talks in Florida. Japan waited for Friday's talks.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"talks", "talks"}},
		{"a speaker after the talks was at them", "Donald Trump and Shinzo Abe opened talks in Florida. Xi Jinping told reporters after the talks that China was pleased.",
			[]string{"Donald Trump", "Shinzo Abe", "Xi Jinping"}, []string{"talks", "talks"}},
		{"a speaker at the meeting", "Donald Trump and Shinzo Abe met in Florida. Angela Merkel spoke at the meeting.",
			[]string{"Donald Trump", "Shinzo Abe", "Angela Merkel"}, []string{"met", "meeting"}},
		{"one who did not attend", "Donald Trump and Shinzo Abe met in Florida. Angela Merkel did not attend the meeting.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"met", "meeting"}},
		{"indefinite", "Donald Trump and Shinzo Abe opened talks in Florida. Japan wants a summit soon.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"talks"}},
		{"too far back", "Donald Trump and Shinzo Abe opened talks in Florida. Japan waited. China waited. Tokyo waited. Berlin waited. Singapore waited. The talks ended.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"talks"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, f := extracttest.ExtractBodyDoc(t, tc.body)
			m := mustMeetingOf(t, f, tc.body, tc.who...)
			var got []string
			runes := []rune(doc.Text)
			for _, mm := range m.Mentions {
				got = append(got, mm.Trigger.Text)
				if s := string(runes[mm.Trigger.Start:mm.Trigger.End]); s != mm.Trigger.Text {
					t.Errorf("trigger span %d-%d reads %q, want %q", mm.Trigger.Start, mm.Trigger.End, s, mm.Trigger.Text)
				}
				if mm.Trigger.Start < mm.Evidence.Start || mm.Trigger.End > mm.Evidence.End {
					t.Errorf("trigger %q outside its evidence %q", mm.Trigger.Text, mm.Evidence.Sentence)
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.triggers, ",") {
				t.Errorf("mentions = %v, want %v", got, tc.triggers)
			}
			if len(f.Meetings) != 1 {
				t.Errorf("meetings = %v, want only this one (a mention adds no meeting)", extracttest.MeetingsSummary(f))
			}
		})
	}
}

// TestScheduledPresent: in an article with no date, a meeting verb in the
// present tense with a date of its own is a schedule; in a headline, or
// without a date, the present tells what happened.
func TestScheduledPresent(t *testing.T) {
	ex, err := extract.New(extract.Options{Tagger: extracttest.EventTags})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, title, body, status string
	}{
		{"present with a date", "Headline", "Shinzo Abe meets Xi Jinping on 12 January in Tokyo.", ingest.StatusPlanned},
		{"present without a date", "Headline", "Shinzo Abe meets Xi Jinping in Tokyo, a rare sight.", ingest.StatusHeld},
		{"past with a date", "Headline", "Shinzo Abe met Xi Jinping on 12 January in Tokyo.", ingest.StatusHeld},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ex.Extract(extracttest.Article(t, tc.title, "A subtitle of this story.\n\n"+tc.body))
			if err != nil {
				t.Fatal(err)
			}
			m := mustMeetingOf(t, f, tc.body, "Shinzo Abe", "Xi Jinping")
			if m.Status != tc.status {
				t.Errorf("status = %s, want %s", m.Status, tc.status)
			}
		})
	}
}

// TestCountryBeforeADescribedName: "US bank Wells Fargo" is the bank, not
// the United States; "Japanese Prime Minister Shinzo Abe" is Abe.
func TestCountryBeforeADescribedName(t *testing.T) {
	tags := extracttest.PhraseTagger{"Barclays": "ORG", "Wells Fargo": "ORG", "US": "LOC", "French": "MISC", "PSA Peugeot Citroen": "ORG", "Mitsubishi Motors": "ORG"}
	ex, err := extract.New(extract.Options{Tagger: tags})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		body string
		who  []string
	}{
		{"Barclays held merger talks with US bank Wells Fargo.", []string{"Barclays", "Wells Fargo"}},
		{"Mitsubishi Motors is in talks with French carmaker PSA Peugeot Citroen about an alliance.", []string{"Mitsubishi Motors", "PSA Peugeot Citroen"}},
	} {
		f, err := ex.Extract(extracttest.Dated(t, tc.body))
		if err != nil {
			t.Fatal(err)
		}
		mustMeetingOf(t, f, tc.body, tc.who...)
	}
	// A country and a noun that end a line without a full stop: this once
	// read past the sentence's end (a panic).
	f, err := ex.Extract(extracttest.Dated(t, "Mitsubishi Motors met the US bank"))
	if err != nil {
		t.Fatal(err)
	}
	if extracttest.ActorNamed(f, "United States") == nil {
		t.Errorf("United States is missing from %v", extracttest.ActorNames(f, ingest.Country))
	}
}

// TestNotAParticipant: words that name someone near a meeting who is not
// at it.
func TestNotAParticipant(t *testing.T) {
	tests := []struct{ body, absent string }{
		// A person's lawyer is not that person (a country's minister acts
		// for it).
		{"Donald Trump's lawyer met Shinzo Abe on Monday.", "Donald Trump"},
		// The object of a verb at a meeting is no one spoken to there
		// (the object of "told" is).
		{"Shinzo Abe announced his decision to quit China at a public meeting in Tokyo.", "China"},
		// Who sets up a meeting between two others is not at it.
		{"Angela Merkel arranged a meeting between Donald Trump and Xi Jinping.", "Angela Merkel"},
	}
	for _, tc := range tests {
		f := extracttest.ExtractBody(t, tc.body)
		if len(f.Meetings) == 0 {
			t.Errorf("%q: no meeting", tc.body)
		}
		for _, m := range f.Meetings {
			for _, p := range m.Participants {
				if p == tc.absent {
					t.Errorf("%q: %s is a participant of %v", tc.body, tc.absent, m.Participants)
				}
			}
		}
	}
}

// TestAnaphorAntecedent: of several earlier meetings, a definite meeting
// noun refers to the one with a person its sentence names, then to one of
// its own kind, then to the latest.
func TestAnaphorAntecedent(t *testing.T) {
	tests := []struct {
		name, body string
		who        []string
		triggers   []string
	}{
		{"the summit before later talks", "Donald Trump will hold a summit with Kim Jong Un. Donald Trump and Shinzo Abe opened talks in Florida. Japan praised the summit.",
			[]string{"Donald Trump", "Kim Jong Un"}, []string{"summit", "summit"}},
		{"the meeting of the person named", "Mike Pompeo met Kim Jong Un in Pyongyang. Donald Trump and Shinzo Abe opened talks in Florida. Kim Jong Un said the meeting went well.",
			[]string{"Mike Pompeo", "Kim Jong Un"}, []string{"met", "meeting"}},
		{"one who refused to attend is not at it", "Donald Trump and Shinzo Abe met in Florida. Angela Merkel refused to attend the meeting.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"met"}},
		{"a gathering of unnamed parties someone is placed at", "European leaders gathered in Bratislava on Friday. Angela Merkel told reporters after the meeting that a plan was agreed.",
			[]string{"Angela Merkel"}, []string{"gathered", "meeting"}},
		{"a named meeting before an unnamed one", "Donald Trump and Shinzo Abe met in Florida. Aides held further talks on Friday. Angela Merkel told reporters after the meeting that a plan was agreed.",
			[]string{"Donald Trump", "Shinzo Abe", "Angela Merkel"}, []string{"met", "meeting"}},
		{"a contest named since is the nearer antecedent", "Donald Trump has been speaking with a number of advisers. The debate starts at nine. Donald Trump will use the encounter to make news.",
			[]string{"Donald Trump"}, []string{"speaking"}},
		{"else the latest", "Mike Pompeo met Kim Jong Un in Pyongyang. Donald Trump and Shinzo Abe opened talks in Florida. Japan said the meeting went well.",
			[]string{"Donald Trump", "Shinzo Abe"}, []string{"talks", "meeting"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := extracttest.ExtractBody(t, tc.body)
			m := mustMeetingOf(t, f, tc.body, tc.who...)
			var got []string
			for _, mm := range m.Mentions {
				got = append(got, mm.Trigger.Text)
			}
			if strings.Join(got, ",") != strings.Join(tc.triggers, ",") {
				t.Errorf("mentions = %v, want %v", got, tc.triggers)
			}
		})
	}
}

// TestPurposeIsTheSameMeeting: "met X to discuss Y" reports one meeting;
// the discussion is what it was for.
func TestPurposeIsTheSameMeeting(t *testing.T) {
	body := "Angela Merkel and Emmanuel Macron met union leaders on Monday to discuss the strike."
	f := extracttest.ExtractBody(t, body)
	if len(f.Meetings) != 1 {
		t.Fatalf("%q: %d meetings, want 1: %v", body, len(f.Meetings), extracttest.MeetingsSummary(f))
	}
	if f.Meetings[0].Trigger != "met" || f.Meetings[0].Status != ingest.StatusHeld {
		t.Errorf("meeting %q %s, want the held one of \"met\"", f.Meetings[0].Trigger, f.Meetings[0].Status)
	}
}
