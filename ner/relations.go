package ner

// The relationship rules: each is listed in Rules with the type it finds, what triggers it and its
// confidence; the ends a type may connect are graph.Ends. The rules a word triggers are wordRules, one
// function each; the office rule and the rules of a sentence's structure are functions of their own.

import (
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// Rule is one relationship rule: the type it finds, what triggers it, and how far a relationship it
// finds is to be trusted. The confidences are the rules' judged precision: a title before a name is
// nearly always an office, a country in a list beside an event only often a participant.
type Rule struct {
	Name       string
	Type       graph.RelType
	Trigger    string
	Confidence float64
}

var (
	ruleOffice              = &Rule{"office", graph.HoldsOffice, "a title before a name or in apposition, with its country or organization", 0.85}
	ruleMet                 = &Rule{"met", graph.MetWith, "met, meets, welcomed, held talks with (not planned, not by phone)", 0.8}
	ruleCall                = &Rule{"call", graph.SpokeWith, "spoke by phone with, phoned, a video call with", 0.75}
	ruleAccompaniedBy       = &Rule{"accompanied-by", graph.Accompanied, "X is accompanied by Y", 0.8}
	ruleAccompanying        = &Rule{"accompanying", graph.Accompanied, "Y, accompanying X", 0.75}
	ruleVisit               = &Rule{"visit", graph.Visited, "arrived in, visited, landed in a place", 0.8}
	ruleMemberOf            = &Rule{"member-of", graph.MemberOf, "X, a member of Y", 0.85}
	ruleJoined              = &Rule{"joined", graph.MemberOf, "X joined Y", 0.75}
	ruleMemberList          = &Rule{"member-list", graph.MemberOf, "Y members A, B and C", 0.7}
	ruleTookPart            = &Rule{"took-part", graph.ParticipatedIn, "attend, join, take part in an event", 0.7}
	ruleSummitCountry       = &Rule{"summit-country", graph.ParticipatedIn, "a country naming a summit: the A-B summit", 0.75}
	ruleCountryList         = &Rule{"country-list", graph.ParticipatedIn, "countries listed beside an event", 0.6}
	ruleVisitForSummit      = &Rule{"visit-for-summit", graph.ParticipatedIn, "a visit to the place of a summit", 0.6}
	ruleClaimedBy           = &Rule{"claimed-by", graph.ResponsibleFor, "an attack was claimed by X", 0.8}
	ruleClaimed             = &Rule{"claimed", graph.ResponsibleFor, "X claimed an attack", 0.65}
	ruleEventPlace          = &Rule{"event-place", graph.TookPlaceIn, "a place naming an event: the Nairobi summit", 0.8}
	ruleEventInPlace        = &Rule{"event-in-place", graph.TookPlaceIn, "the summit in Nairobi", 0.8}
	ruleVisitForSummitPlace = &Rule{"visit-for-summit-place", graph.TookPlaceIn, "a summit during a visit to a place", 0.6}
)

// Rules lists the relationship rules.
func Rules() []Rule {
	var out []Rule
	for _, r := range []*Rule{ruleOffice, ruleMet, ruleCall, ruleAccompaniedBy, ruleAccompanying, ruleVisit, ruleMemberOf, ruleJoined,
		ruleMemberList, ruleTookPart, ruleSummitCountry, ruleCountryList, ruleVisitForSummit, ruleClaimedBy, ruleClaimed,
		ruleEventPlace, ruleEventInPlace, ruleVisitForSummitPlace} {
		out = append(out, *r)
	}
	return out
}

// relations applies the relationship rules to one sentence: the office rule, the rules its words
// trigger (wordRules, the first that matches a word), and the rules of its structure.
func (a *storyAnalysis) relations(s *sentence, si int, idx []int, lastSubject int) {
	c := &sentenceRules{a: a, s: s, ts: s.toks, idx: idx, lastSubject: lastSubject, visitPlace: -1, visitor: -1}
	c.officeRule()
	for _, k := range idx {
		if a.eventOf(k) >= 0 {
			c.events = append(c.events, k)
		}
	}
	for i := range c.ts {
		for _, r := range wordRules {
			if r.when(c.ts, i, c) {
				r.apply(c, i)
				break
			}
		}
	}
	c.structureRules()
}

// sentenceRules is what the relationship rules of one sentence share: the story, the sentence, its
// mentions, the subject carried over from the sentence before, its events, and a visit found in it.
type sentenceRules struct {
	a                   *storyAnalysis
	s                   *sentence
	ts                  []tok
	idx                 []int
	lastSubject         int
	events              []int
	visitPlace, visitor int
}

// add records a relationship candidate of rule r between mentions from and to, with its evidence.
func (c *sentenceRules) add(r *Rule, from, to int, role string, d *DateExpr) {
	if from < 0 || to < 0 || from == to {
		return
	}
	c.a.Rels = append(c.a.Rels, relCand{typ: relTypeIndex(r.Type), From: int32(from), To: int32(to), Evidence: c.s.evidence(),
		Role: role, Date: d, Conf: float32(r.Confidence)})
}

// wordRule is a relationship rule that a word triggers: when says whether word i of the sentence does,
// apply finds the relationship around it.
type wordRule struct {
	when  func(ts []tok, i int, c *sentenceRules) bool
	apply func(c *sentenceRules, i int)
}

// wordRules are tried in order on each word; the first whose trigger matches applies.
var wordRules = []wordRule{
	{func(ts []tok, i int, c *sentenceRules) bool { w := ts[i].lower; return meetWords[w] }, (*sentenceRules).metRule},
	{func(ts []tok, i int, c *sentenceRules) bool { w := ts[i].lower; return callWords[w] }, (*sentenceRules).callRule},
	{func(ts []tok, i int, c *sentenceRules) bool {
		w := ts[i].lower
		return w == "accompanied" && i+1 < len(ts) && ts[i+1].lower == "by"
	}, (*sentenceRules).accompaniedByRule},
	{func(ts []tok, i int, c *sentenceRules) bool {
		w := ts[i].lower
		return w == "accompanying" || (w == "accompanied" && (i+1 >= len(ts) || ts[i+1].lower != "by"))
	}, (*sentenceRules).accompanyingRule},
	{func(ts []tok, i int, c *sentenceRules) bool { w := ts[i].lower; return visitWords[w] }, (*sentenceRules).visitRule},
	{func(ts []tok, i int, c *sentenceRules) bool {
		w := ts[i].lower
		return (w == "member" || w == "members") && i+1 < len(ts) && ts[i+1].lower == "of"
	}, (*sentenceRules).memberOfRule},
	{func(ts []tok, i int, c *sentenceRules) bool {
		w := ts[i].lower
		return (w == "joined" || w == "joins") && c.a.orgAfter(c.idx, i, 2) >= 0
	}, (*sentenceRules).joinedRule},
	{func(ts []tok, i int, c *sentenceRules) bool { w := ts[i].lower; return joinWords[w] }, (*sentenceRules).tookPartRule},
	{func(ts []tok, i int, c *sentenceRules) bool { w := ts[i].lower; return claimWords[w] }, (*sentenceRules).claimRule},
}

// officeRule: a title before a name or in apposition, with its country or organization (see roles).
func (c *sentenceRules) officeRule() {
	a, idx := c.a, c.idx
	for _, k := range idx {
		m := a.Ments[k]
		if m.Label == graph.Person && m.Role != "" && m.Qual >= 0 && !strings.EqualFold(m.Role, "counterpart") && !honorifics[strings.ToLower(m.Role)] {
			c.add(ruleOffice, k, m.Qual, m.Role, nil)
			a.Rels[len(a.Rels)-1].Former = m.Former
		}
	}
}

// meetRule: "X met Y", "X welcomed Y", "X held talks with Y"; not a meeting planned, nor "met Y's envoy".
func (c *sentenceRules) metRule(i int) {
	a, s, ts, idx, lastSubject := c.a, c.s, c.ts, c.idx, c.lastSubject
	w := c.ts[i].lower
	if w == "talks" && (i == 0 || (ts[i-1].lower != "held" && ts[i-1].lower != "hold" && ts[i-1].lower != "holds")) {
		return
	}
	if i > 0 && planWords[ts[i-1].lower] || i > 1 && planWords[ts[i-2].lower] && isAdverbTag(ts[i-1].Tag) {
		return // a meeting planned is not a meeting held
	}
	left := a.personBefore(s, idx, i, lastSubject)
	right := a.personAfter(idx, i, 8)
	if right < 0 {
		right = a.titledPersonAfter(ts, idx, i) // "met with the Minister of Trade of Ruritania, Ana Reyes,"
	}
	if right >= 0 && a.Ments[right].T1 < len(ts) && isPossessive(ts[a.Ments[right].T1].Text) {
		return // "met X's envoy": the one met is not X
	}
	if left >= 0 && right >= 0 {
		c.add(ruleMet, left, right, "", nil)
	}
}

// callRule: "X spoke by phone with Y", "a video call with Y", "X phoned Y".
func (c *sentenceRules) callRule(i int) {
	a, s, ts, idx, lastSubject := c.a, c.s, c.ts, c.idx, c.lastSubject
	w := c.ts[i].lower
	// "spoke by phone with Y", "a video call with Y", "phoned Y": spoke, not met; "a phone
	// interview", "a video showed" are no call
	if i > 0 && planWords[ts[i-1].lower] || i > 1 && planWords[ts[i-2].lower] {
		return
	}
	next := func(k int) string {
		if i+k < len(ts) {
			return ts[i+k].lower
		}
		return ""
	}
	var right int
	switch {
	case w == "phoned" || w == "telephoned":
		right = a.personAfter(idx, i, 5)
	case i > 0 && ts[i-1].lower == "by" && next(1) == "with":
		right = a.personAfter(idx, i+1, 5)
	case callNouns[next(1)] && next(2) == "with":
		right = a.personAfter(idx, i+2, 5)
	default:
		return
	}
	left := a.personBefore(s, idx, i, lastSubject)
	if right >= 0 && a.Ments[right].T1 < len(ts) && isPossessive(ts[a.Ments[right].T1].Text) {
		return
	}
	if left >= 0 && right >= 0 {
		c.add(ruleCall, left, right, "", nil)
	}
}

// accompaniedByRule: "X is accompanied by Y".
func (c *sentenceRules) accompaniedByRule(i int) {
	a, s, idx, lastSubject := c.a, c.s, c.idx, c.lastSubject
	c.add(ruleAccompaniedBy, a.personAfter(idx, i+1, 8), a.personBefore(s, idx, i, lastSubject), "", nil)
}

// accompanyingRule: "Y, accompanying X", "X accompanied Y".
func (c *sentenceRules) accompanyingRule(i int) {
	a, s, idx, lastSubject := c.a, c.s, c.idx, c.lastSubject
	c.add(ruleAccompanying, a.personBefore(s, idx, i, lastSubject), a.personAfter(idx, i, 8), "", nil)
}

// visitRule: "X arrived in P", "X visited P", "X's arrival in P".
func (c *sentenceRules) visitRule(i int) {
	a, s, ts, idx, lastSubject := c.a, c.s, c.ts, c.idx, c.lastSubject
	t := c.ts[i]
	w := c.ts[i].lower
	if w == "touched" && (i+1 >= len(ts) || ts[i+1].lower != "down") {
		return
	}
	var who int
	switch {
	case (w == "arrival" || strings.HasPrefix(t.Tag, "NN")) && i > 0 && isPossessive(ts[i-1].Text):
		// "Macron's arrival" names the c.visitor; "the French leader's arrival" points to the subject
		if k := a.mentionEndingAt(idx, i-1); k >= 0 && a.Ments[k].Label == graph.Person {
			who = k
		} else {
			who = a.subjectOf(idx, lastSubject, s)
		}
	default:
		// "arrived in", and "welcomed Macron on arrival in": the nearest person before
		who = a.personBefore(s, idx, i, lastSubject)
	}
	place := -1
	for _, k := range idx {
		m := a.Ments[k]
		if isPlace(m) && m.T0 > i && m.T0 <= i+8 {
			// the place must follow a preposition of destination, or be the object of "visited",
			// and not qualify a noun after it ("visit U.S. troops": the troops are visited)
			prev := ts[m.T0-1].lower
			modifier := m.T1 < len(ts) && !isCap(ts[m.T1].Text) && (strings.HasPrefix(ts[m.T1].Tag, "NN") ||
				ts[m.T1].Tag == "JJ" && !timeAdjectives[ts[m.T1].lower])
			if (prev == "in" || prev == "to" || prev == "at" || prev == "into" || m.T0 == i+1 || (prev == "the" && m.T0 == i+2)) && !modifier {
				place = k
			}
			break
		}
	}
	if who >= 0 && place >= 0 {
		c.add(ruleVisit, who, place, "", nearestDate(s, t.Start, true))
		c.visitPlace, c.visitor = place, who
	}
}

// memberOfRule: "A, a member of O".
func (c *sentenceRules) memberOfRule(i int) {
	a, idx := c.a, c.idx
	// "Armenia, a member of the CIS", "Armenia is a founding member of the CIS"
	org := -1
	for _, k := range idx {
		if m := a.Ments[k]; m.Label == graph.Organization && m.T0 > i+1 && m.T0 <= i+4 {
			org = k
			break
		}
	}
	who := -1
	for _, k := range idx {
		if m := a.Ments[k]; (m.Label == graph.Country && m.Kind == kindName || m.Label == graph.Person) && m.T1 <= i && m.T1 >= i-5 {
			who = k
		}
	}
	c.add(ruleMemberOf, who, org, "", nil)
}

// joinedRule: "A joined O".
func (c *sentenceRules) joinedRule(i int) {
	a, idx := c.a, c.idx
	// "Finland joined NATO in 2023"
	c.add(ruleJoined, a.personOrCountryBefore(idx, i), a.orgAfter(idx, i, 2), "", nil)
}

// tookPartRule: "X attended E", "X took part in E".
func (c *sentenceRules) tookPartRule(i int) {
	a, s, ts, idx, lastSubject := c.a, c.s, c.ts, c.idx, c.lastSubject
	who := a.personBefore(s, idx, i, lastSubject)
	if who >= 0 && a.Ments[who].T1 < len(ts) && isPossessive(ts[a.Ments[who].T1].Text) {
		// "X was a commander during Y's reign, and took part in": Y is no agent; the subject is
		who = a.subjectOf(idx, lastSubject, s)
	}
	if who < 0 {
		return
	}
	for _, k := range c.events {
		if a.Ments[k].T0 > i && a.Ments[k].T0 <= i+12 {
			c.add(ruleTookPart, who, a.eventOf(k), "", nil)
			break
		}
	}
}

// claimRule: "E was claimed by O" (claimed-by), "O claimed E" (claimed).
func (c *sentenceRules) claimRule(i int) {
	a, ts, idx := c.a, c.ts, c.idx
	if i+1 < len(ts) && ts[i+1].lower == "by" {
		// passive: "The bombings were claimed by a group calling itself the Red Hand"
		agent := -1
		for _, k := range idx {
			m := a.Ments[k]
			if (m.Label == graph.Organization || m.Label == graph.Person) && m.T0 > i+1 && m.T0 <= i+8 {
				agent = k
				break
			}
		}
		for x := len(c.events) - 1; x >= 0; x-- {
			if a.Ments[c.events[x]].T1 <= i {
				c.add(ruleClaimedBy, agent, a.eventOf(c.events[x]), "", nil)
				break
			}
		}
	} else {
		agent := -1
		for _, k := range idx {
			m := a.Ments[k]
			if (m.Label == graph.Organization || m.Label == graph.Person) && m.T1 <= i {
				agent = k
			}
		}
		for _, k := range c.events {
			if a.Ments[k].T0 > i && a.Ments[k].T0 <= i+8 {
				c.add(ruleClaimed, agent, a.eventOf(k), "", nil)
				break
			}
		}
	}
}

// structureRules find what the sentence's structure states rather than a word: where its events
// happened, who took part in them, members listed, and the dates of events.
func (c *sentenceRules) structureRules() {
	a, s, ts, idx := c.a, c.s, c.ts, c.idx
	// c.events: where they happened, who took part, when
	for _, k := range c.events {
		e := a.eventOf(k)
		m := a.Ments[k]
		if m.Kind == kindEvent {
			for _, mod := range m.Mods {
				mm := a.Ments[mod]
				switch {
				case placeEvents[m.Class] && isPlace(mm):
					c.add(ruleEventPlace, e, mod, "", nil)
				case m.Class == "summit" && mm.Label == graph.Country && mm.Kind == kindName:
					c.add(ruleSummitCountry, mod, e, "", nil)
				}
			}
		}
		// "the summit in Nairobi"
		if m.T1+1 < len(ts) && (ts[m.T1].lower == "in" || ts[m.T1].lower == "at") {
			if p := a.mentionStartingAt(idx, m.T1+1); p >= 0 && isPlace(a.Ments[p]) {
				c.add(ruleEventInPlace, e, p, "", nil)
			}
		}
		// a visit that is for this event: "landed in Nairobi ... for a two-day visit including a summit"
		if c.visitPlace >= 0 && m.Class == "summit" && a.Ments[c.visitPlace].T0 < m.T0 {
			c.add(ruleVisitForSummitPlace, e, c.visitPlace, "", nil)
			c.add(ruleVisitForSummit, c.visitor, e, "", nil)
		}
	}
	// lists of countries take part in the nearest event: "counterparts from A, B, and C for the X summit"
	for _, list := range a.countryLists(s, idx) {
		best, dist := -1, 1<<30
		for _, k := range c.events {
			m := a.Ments[k]
			d := abs(m.T0 - a.Ments[list[len(list)-1]].T1)
			if m.T0 < a.Ments[list[0]].T0 {
				d = abs(a.Ments[list[0]].T0 - m.T1)
			}
			if d < dist {
				best, dist = a.eventOf(k), d
			}
		}
		if best >= 0 {
			for _, country := range list {
				c.add(ruleCountryList, country, best, "", nil)
			}
		}
	}
	// "CIS members Armenia, Azerbaijan and Belarus", "EU member states such as France and Spain"
	for _, list := range a.countryLists(s, idx) {
		first := a.Ments[list[0]].T0
		j := first - 1
		for j >= 0 && (ts[j].lower == "such" || ts[j].lower == "as" || ts[j].lower == "including" || ts[j].lower == "like" || ts[j].lower == ",") {
			j--
		}
		if j >= 0 && (ts[j].lower == "members" || ts[j].lower == "states" && j > 0 && ts[j-1].lower == "member") {
			k := j
			if ts[j].lower == "states" {
				k--
			}
			if org := a.mentionEndingAt(idx, k); org >= 0 && a.Ments[org].Label == graph.Organization {
				for _, country := range list {
					c.add(ruleMemberList, country, org, "", nil)
				}
			}
		}
	}
	// dates of c.events: each date expression goes to the nearest event of its sentence
	for i := range s.dates {
		d := s.dates[i]
		if d.Weekday == nil && d.Offset == nil && d.Day == 0 && len(d.Abs) != len("2006-01-02") {
			return
		}
		// the date must stand next to the event: "on Thursday for the X summit", "summit starting Thursday"
		best, dist := -1, maxEventDateGap+1
		for _, k := range c.events {
			m := a.Ments[k]
			gap := d.Start - m.End
			if d.Start < m.Start {
				gap = m.Start - d.End
			}
			if gap < dist {
				best, dist = a.eventOf(k), gap
			}
		}
		if best >= 0 {
			a.EventDates[best] = append(a.EventDates[best], d)
		}
	}
}

// maxEventDateGap is how many bytes may separate a date from the event it dates.
const maxEventDateGap = 24

// countryLists returns runs of two or more countries joined by commas and "and".
func (a *storyAnalysis) countryLists(s *sentence, idx []int) [][]int {
	var out [][]int
	var cur []int
	for _, k := range idx {
		m := a.Ments[k]
		if m.Label != graph.Country || m.Kind != kindName {
			continue
		}
		if len(cur) > 0 {
			prev := a.Ments[cur[len(cur)-1]]
			gap := s.toks[prev.T1:m.T0]
			ok := len(gap) > 0 && len(gap) <= 2
			for _, g := range gap {
				if g.Text != "," && g.lower != "and" && g.lower != "or" {
					ok = false
				}
			}
			if !ok {
				if len(cur) >= 2 {
					out = append(out, cur)
				}
				cur = nil
			}
		}
		cur = append(cur, k)
	}
	if len(cur) >= 2 {
		out = append(out, cur)
	}
	return out
}
