package graph

import (
	"fmt"
	"slices"
	"strings"
)

// A snapshot read from a file is checked against the schema here before it is loaded: a node's id must
// carry its label's prefix (see the id scheme in id.go), and the properties newsgraph writes must have
// the types it writes them with. Other properties are the file's own business.

// Places are the labels of places.
var Places = []Label{Country, City, Region}

// Ends says which labels each relationship type may connect: its start's and its end's. It is the one
// schema: extraction keeps only relationships it allows, README's table and the tests follow it.
var Ends = map[RelType][2][]Label{
	Mentions:       {{Article}, {Person, Country, City, Region, Organization, Event}},
	HoldsOffice:    {{Person}, {Country, Organization}},
	MetWith:        {{Person}, {Person}},
	Visited:        {{Person}, Places},
	Accompanied:    {{Person}, {Person}},
	ParticipatedIn: {{Person, Country, Organization}, {Event}},
	TookPlaceIn:    {{Event}, Places},
	LocatedIn:      {{City, Region, Country}, {Country, Region}},
	ResponsibleFor: {{Person, Organization}, {Event}},
	MemberOf:       {{Country, Person}, {Organization}},
	SpokeWith:      {{Person}, {Person}},
}

// Allowed reports whether a relationship of type t may go from a node labelled from to one labelled to.
func Allowed(t RelType, from, to Label) bool {
	ends, ok := Ends[t]
	return ok && slices.Contains(ends[0], from) && slices.Contains(ends[1], to)
}

// idPrefixes are the prefixes of the ids of each label.
var idPrefixes = map[Label]string{Article: "article/", Person: "person/", Country: "country/", City: "city/",
	Region: "region/", Organization: "org/", Event: "event/"}

// propType is the type of a property newsgraph writes.
type propType int

const (
	tString propType = iota
	tInt
	tFloat
	tBool
	tStrings
)

var propTypes = map[string]propType{
	"id": tString, "name": tString, "aliases": tStrings, "mentions": tInt, "demonyms": tStrings,
	"country_code": tString, "latitude": tFloat, "longitude": tFloat, "geonames_id": tString, "iso_code": tString,
	"kind": tString, "date": tString, "dates": tStrings, "title": tString, "file": tString, "story": tInt,
	"date_inferred": tBool, "count": tInt, "role": tString, "roles": tStrings, "evidence": tStrings,
	"articles": tStrings, "source": tString, "acronym": tString, "current": tBool, "roles_as_written": tStrings, "confidence": tFloat,
}

func (t propType) String() string {
	return [...]string{"a string", "an integer", "a number", "true or false", "a list of strings"}[t]
}

func (t propType) holds(v any) bool {
	switch t {
	case tString:
		_, ok := v.(string)
		return ok
	case tInt:
		_, ok := v.(int64)
		return ok
	case tFloat:
		switch v.(type) {
		case float64, int64:
			return true
		}
		return false
	case tBool:
		_, ok := v.(bool)
		return ok
	case tStrings:
		_, ok := v.([]string)
		return ok
	}
	return false
}

// CheckNode reports what is wrong with a node read from a file: a missing id, an id without its label's
// prefix, a property of the wrong type.
func CheckNode(n Node) error {
	if n.ID == "" {
		return fmt.Errorf("node has no id")
	}
	if id, ok := n.Props["id"]; ok && id != n.ID {
		return fmt.Errorf("node %q has the id property %v", n.ID, id)
	}
	if pre, ok := idPrefixes[n.Label]; ok && !strings.HasPrefix(n.ID, pre) {
		return fmt.Errorf("node %q is a %s, whose ids start with %q", n.ID, n.Label, pre)
	}
	return checkProps(n.Props)
}

// CheckRel reports a property of the wrong type on a relationship read from a file.
func CheckRel(r Rel) error { return checkProps(r.Props) }

func checkProps(p Props) error {
	for k, v := range p {
		if t, ok := propTypes[k]; ok && !t.holds(v) {
			return fmt.Errorf("property %q is %v, want %s", k, v, t)
		}
	}
	return nil
}
