package ner

// General English vocabulary the rules read. Nothing here names a person, place or organization: these
// are the words news English uses around names.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// roleHeads are nouns that name an office or a position held.
var roleHeads = set("president", "minister", "premier", "chancellor", "spokesman", "spokeswoman",
	"spokesperson", "secretary", "leader", "chief", "head", "king", "queen", "prince", "princess", "emperor",
	"sultan", "emir", "sheikh", "governor", "mayor", "senator", "congressman", "congresswoman", "ambassador",
	"envoy", "commander", "general", "marshal", "admiral", "colonel", "lieutenant", "director", "chairman",
	"chairwoman", "chair", "ceo", "judge", "prosecutor", "attorney", "counterpart", "official", "adviser",
	"advisor", "aide", "representative", "speaker", "lawmaker", "deputy", "strongman", "ruler", "monarch",
	"dictator", "pope", "cardinal", "archbishop", "bishop", "mufti", "ayatollah", "president-elect",
	"vice-president", "commissioner", "treasurer", "photographer", "correspondent", "reporter", "editor",
	"secretary-general", "director-general", "administrator", "professor", "dean", "rector", "manager",
	"founder", "co-founder", "executive", "economist", "analyst", "researcher", "spokesperson")

// roleModifiers may stand in an office title before or after its head ("Defense Minister", "Chief of
// Staff", "Lieutenant General").
var roleModifiers = set("defense", "defence", "foreign", "interior", "finance", "prime", "vice", "deputy",
	"field", "first", "state", "armed", "forces", "force", "staff", "security", "national", "economy",
	"economic", "trade", "energy", "justice", "health", "education", "culture", "agriculture", "transport",
	"emergency", "emergencies", "intelligence", "military", "supreme", "acting", "senior", "top", "press",
	"affairs", "home", "public", "general", "executive", "managing", "army", "navy", "air", "joint",
	"presidential", "digital", "environment", "labour", "labor", "development", "industry", "commerce",
	"minister", "chief", "head", "defense-forces")

// orgWords mark a name as an organization.
var orgWords = set("commonwealth", "union", "organization", "organisation", "court", "council", "ministry",
	"army", "navy", "forces", "party", "front", "agency", "bank", "fund", "office", "service", "committee",
	"commission", "parliament", "assembly", "congress", "senate", "government", "group", "association",
	"alliance", "institute", "university", "corporation", "company", "inc", "ltd", "llc", "times", "news",
	"post", "press", "journal", "authority", "department", "police", "guard", "brigade", "movement", "league",
	"liberation", "network", "initiative", "foundation", "board", "bureau", "club", "church", "treaty",
	"pact", "cooperation", "community", "secretariat", "tribunal", "academy", "federation", "corps",
	"militia", "battalion", "regiment", "division", "command", "administration", "cabinet",
	"television", "radio", "broadcasting", "telegraph", "herald", "tribune", "gazette", "survey",
	"observatory", "centre", "center", "laboratory", "museum", "hospital", "school", "college", "airlines",
	"airways", "holdings", "industries", "motors", "energy", "petroleum", "exchange", "institution", "unit",
	"nations", "syndicate", "federation", "confederation", "coalition", "bloc", "taskforce", "caucus",
	"motor", "corp", "corp.", "inc.", "co.", "ltd.", "plc", "gmbh", "ag", "llp", "limited", "technologies")

// companySuffixes end the names of companies; the first word of such a name alone, later in the story,
// is the company ("Toyota" after "Toyota Motor Corp").
var companySuffixes = set("corp", "corp.", "corporation", "inc", "inc.", "co", "co.", "ltd", "ltd.", "plc", "llc",
	"gmbh", "ag", "group", "holdings", "motor", "motors", "airlines", "airways", "industries", "technologies",
	"limited", "company", "bank")

// functionWords are the words of grammar rather than content: articles, pronouns, prepositions,
// auxiliaries, conjunctions, and the verbs of reporting. Running text has many of them and page
// furniture few (see classify); a Title Case headline leaves them in lower case (see titleCase).
var functionWords = set("a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "that",
	"this", "these", "those", "which", "who", "whom", "whose", "what", "when", "where", "while", "why", "how", "as",
	"at", "by", "for", "from", "in", "into", "of", "off", "on", "onto", "out", "over", "to", "up", "with", "without",
	"within", "about", "after", "before", "against", "among", "amid", "near", "between", "during", "under",
	"through", "since", "until", "upon", "i", "me", "my", "he", "him", "his", "she", "her", "hers", "it", "its",
	"they", "them", "their", "theirs", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have",
	"had", "having", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might",
	"must", "not", "no", "also", "all", "any", "each", "every", "both", "some", "such", "more", "most", "other",
	"there", "here", "said", "says", "say")

// honorifics stand before a person's name without naming an office.
var honorifics = set("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "dr", "dr.", "prof", "prof.", "sir", "dame",
	"lord", "lady", "sheikh", "madame", "monsieur", "herr", "frau")

// eventClasses maps an event noun to the class that decides when two mentions are one event.
var eventClasses = map[string]string{
	"summit": "summit", "summits": "summit", "meeting": "summit", "meetings": "summit", "talks": "summit",
	"conference": "summit", "forum": "summit", "gathering": "summit",
	"war": "war", "conflict": "war", "invasion": "war", "offensive": "war",
	"attack": "attack", "attacks": "attack", "bombing": "attack", "bombings": "attack", "massacre": "attack",
	"election": "election", "elections": "election", "referendum": "election", "vote": "election",
	"operation": "operation", "operations": "operation",
	"visit": "visit", "trip": "visit", "tour": "visit",
	"fire": "fire", "earthquake": "earthquake", "flood": "flood", "floods": "flood",
	"collapse": "collapse", "protest": "protest", "protests": "protest", "ceasefire": "ceasefire",
	"crisis": "crisis", "coup": "coup", "siege": "siege",
}

// eventAdjectives may stand between an event's modifier and its noun ("Syrian civil war").
var eventAdjectives = set("civil", "presidential", "parliamentary", "general", "military", "peace", "trade",
	"nuclear", "border", "local", "snap", "national", "terrorist", "suicide", "regional", "bilateral")

// placeEvents are the classes whose place modifier says where they happened, not who took part.
var placeEvents = set("war", "attack", "election", "operation", "fire", "earthquake", "flood", "protest",
	"crisis", "coup", "siege", "collapse")

// connectors may join the words of one name.
var connectors = set("of", "and", "&", "for", "de", "da", "del", "der", "van", "von", "bin", "bint", "ibn",
	"al", "el", "la", "le", "abu")

// nameParticles may stand inside a person's name.
var nameParticles = set("de", "da", "del", "der", "van", "von", "bin", "bint", "ibn", "al", "el", "la", "le", "abu")

// compass names a region when capitalised after "the" ("the West").
var compass = set("west", "east", "north", "south", "middle east", "far east", "global south", "global north")

// pronouns that refer back to a person.
var personPronouns = set("he", "she", "his", "her", "him")

// Trigger words of the relationship rules (lower case).
var (
	// meetWords say two people met in person: a call or a speech ("spoke by phone", "called X's conduct
	// a breach") is not a meeting
	meetWords = set("meet", "meets", "met", "meeting", "welcomed", "welcomes", "welcome", "welcoming",
		"hosted", "hosts", "host", "hosting", "received", "receives", "greeted", "greets", "talks")
	// planWords before a meeting word make it a plan, not a meeting: "is due to meet", "will meet"
	// callWords say two people spoke at a distance: "spoke by phone with", "phoned", "a video call with"
	callWords = set("phone", "telephone", "phoned", "telephoned", "video")
	// callNouns follow a call word: "a phone call with", "a video conference with"
	callNouns  = set("call", "calls", "conversation", "conference", "link")
	planWords  = set("will", "would", "to", "shall", "may", "might", "could", "should", "plans", "planned", "expected")
	visitWords = set("arrived", "arrives", "arrive", "arriving", "arrival", "landed", "lands", "land",
		"landing", "visited", "visits", "visit", "visiting", "touched", "travelled", "traveled", "travels",
		"flew", "flies", "reached", "reaches")
	joinWords = set("join", "joins", "joined", "joining", "attend", "attends", "attended", "attending",
		"participate", "participates", "participated", "participating", "take", "took", "takes", "taking",
		"hold", "holds", "held", "holding", "chair", "chairs", "chaired", "lead", "led", "leads", "address",
		"addressed", "addresses")
	claimWords = set("claimed", "claims", "claim", "carried", "conducted", "launched", "staged", "perpetrated",
		"orchestrated", "executed")
)

// countryCodesInProse are the two-letter country codes English prose writes bare, in capitals.
var countryCodesInProse = set("US", "UK")

// personModifiedNouns follow a person's name used as a modifier: "the Garcia administration" is not an
// organization called Garcia.
var personModifiedNouns = set("administration", "campaign", "presidency", "government", "era", "camp", "family",
	"allies", "aides", "team", "loyalists", "supporters")

// speechVerbs report what a speaker said: a place that says something is an institution.
var speechVerbs = set("said", "says", "announced", "announces", "denied", "denies", "confirmed", "confirms",
	"stated", "warned", "warns", "insisted", "insists", "declined", "added")
