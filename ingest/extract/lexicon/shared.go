package lexicon

// The word lists several stages share.

// ClauseStops end the clause of a trigger on its left.
var ClauseStops = map[string]bool{
	".": true, ";": true, ":": true, "“": true, "”": true, "\"": true, "‘": true, "(": true, ")": true,
	"—": true, "–": true, "that": true, "which": true, "said": true, "says": true, "told": true,
	"saying": true, "but": true, "because": true, "while": true, "when": true, "although": true, "though": true,
	"whereas": true, "where": true, "once": true, "-": true,
}

// RoleNouns head a noun phrase that names no one ("a US official", "North
// Korean leader"). After a named actor they make it a modifier; on the
// subject side an unnamed one ends the search.
var RoleNouns = map[string]bool{
	"official": true, "officials": true, "leader": true, "leaders": true, "leadership": true, "president": true,
	"minister": true, "ministers": true, "envoy": true, "envoys": true, "counterpart": true, "counterparts": true,
	"delegation": true, "delegations": true, "diplomat": true, "diplomats": true, "representative": true,
	"representatives": true, "counsel": true, "team": true, "government": true, "administration": true,
	"authorities": true, "spokesman": true, "spokeswoman": true, "spokesperson": true, "ambassador": true,
	"ambassadors": true, "chief": true, "secretary": true, "lawmakers": true, "senator": true, "senators": true,
	"commander": true, "commanders": true, "negotiators": true, "negotiator": true, "people": true,
	"citizens": true, "nationals": true, "media": true, "campaign": true, "aides": true, "aide": true,
	"advisers": true, "adviser": true, "advisor": true, "staff": true, "forces": true, "troops": true,
	"military": true, "army": true, "intelligence": true, "prime": true, "foreign": true, "defense": true,
	"defence": true, "state": true, "nominee": true, "candidate": true, "counterpart's": true, "side": true,
	"officers": true, "police": true, "party": true, "members": true, "member": true, "group": true, "groups": true,
	"reporters": true, "journalists": true, "supporters": true, "king": true, "queen": true, "premier": true,
	"chancellor": true, "general": true, "director": true, "head": true, "chairman": true, "deputy": true,
	"vice": true, "first": true, "lady": true, "wife": true, "husband": true, "son": true, "daughter": true,
	"mother": true, "father": true, "brother": true, "sister": true, "family": true, "elder": true,
	"mayor": true, "governor": true, "executive": true, "ceo": true, "founder": true, "host": true,
	"colleague": true, "colleagues": true, "partner": true, "partners": true, "allies": true, "ally": true,
	"legislators": true, "mps": true, "congressman": true, "congresswoman": true, "speaker": true,
	"pope": true, "prince": true, "princess": true, "emperor": true, "sheikh": true, "crown": true,
}

// AgentNouns are groups of people who act for the country or body that
// qualifies them ("Russian prosecutors", "HDP lawmakers"), like the role
// nouns, though they are no titles.
var AgentNouns = map[string]bool{
	"prosecutors": true, "lawyers": true, "judges": true, "investigators": true, "negotiating": true,
	"activists": true, "protesters": true, "students": true, "workers": true, "scientists": true,
	"researchers": true, "experts": true, "doctors": true, "rebels": true, "militants": true, "fighters": true,
	"soldiers": true, "legislators": true, "parliamentarians": true, "delegates": true, "envoys": true,
	"mediators": true, "emissaries": true, "businessmen": true, "executives": true, "generals": true,
	"opposition": true, "authorities": true, "counterparts": true,
}

// GroupFillers may stand inside a coordinated group of actors or before
// its first member: determiners, kinship and role words, "then-".
var GroupFillers = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true, "and": true,
	",": true, "'s": true, "’s": true, "’": true, "'": true, "both": true, "former": true, "outgoing": true,
	"incoming": true, "retired": true, "new": true, "then": true, "also": true, "as": true, "well": true,
	"u.s.": true, "us": false, "including": true,
	// A caption's position notes: "Donald Trump, right, and King Abdullah".
	"left": true, "right": true, "center": true, "centre": true,
}

// SupportVerbs carry a noun trigger: "held talks", "opened two days of
// talks", "had a meeting", "attended the summit".
var SupportVerbs = map[string]bool{
	"held": true, "hold": true, "holds": true, "holding": true, "had": true, "has": true, "have": true, "having": true,
	"opened": true, "open": true, "opens": true, "began": true, "begin": true, "begins": true, "started": true,
	"start": true, "starts": true, "attended": true, "attend": true, "attends": true, "attending": true,
	"hosted": true, "host": true, "hosts": true, "hosting": true, "concluded": true, "wrapped": true, "joined": true,
	"convened": true, "conducted": true, "conduct": true, "resumed": true, "resume": true, "entered": true,
	"sought": true, "seek": true, "seeks": true, "requested": true, "proposed": true, "propose": true,
	"proposes": true, "offered": true, "planned": true, "plan": true, "plans": true, "arranged": true,
	"arrange": true, "set": true, "schedule": true, "scheduled": true, "cancelled": true, "canceled": true,
	"cancel": true, "refused": true, "rejected": true, "declined": true, "skipped": true, "made": true, "make": true,
	"makes": true, "paid": true, "pay": true, "pays": true, "engaged": true, "enjoyed": true, "shared": true,
	"broke": true, "ended": true, "postponed": true, "agreed": true, "called": true,
	// Speaking to a meeting or running it is taking part: "Mogherini told
	// a meeting of EU foreign ministers", "she addresses a meeting".
	"told": true, "addressed": true, "addresses": true, "addressing": true, "chaired": true, "chairs": true,
	"chairing": true, "led": true, "leads": true, "leading": true,
}

// Prepositions open a phrase whose object is a place or a circumstance: a
// mention after one is not a subject.
var Prepositions = map[string]bool{
	"to": true, "in": true, "at": true, "from": true, "into": true, "across": true, "near": true, "inside": true,
	"outside": true, "toward": true, "towards": true, "for": true, "about": true, "on": true, "over": true,
	"against": true, "through": true, "of": true, "by": true, "under": true, "within": true, "around": true,
}
