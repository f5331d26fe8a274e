package tagger

import (
	"strings"
	"unicode"
)

// The name lists a word's membership in is a feature. A list says a string can be a name of some
// kind; the context, through the weights, decides.
const (
	ListCountry   = iota // country names
	ListCity             // city names
	ListRegion           // subdivisions, world regions, continents
	ListDemonym          // adjectives of countries and regions ("Kenyan")
	ListPerson           // full names of office holders and legislators
	ListFirstName        // first words of those names
	ListLastName         // last words of those names
	ListOrg              // names of organizations, parties, companies, news outlets
	ListOrgWord          // words that end or head organization names ("ministry", "corp")
	ListTitle            // office titles and honorifics ("minister", "dr.")
	numLists
)

// ListNames names the lists in the model's notes.
var ListNames = [numLists]string{"country", "city", "region", "demonym", "person", "first-name", "last-name",
	"organization", "organization-word", "title"}

// maxNameWords is the longest name matched in a list.
const maxNameWords = 6

// Dict maps names, as sequences of lower-case words, to the lists they are in.
type Dict struct {
	names map[uint64]uint16 // hash of the words -> bit set of lists
	table hashTable[uint16] // the same, for tagging, once frozen
}

// NewDict returns an empty dictionary.
func NewDict() *Dict { return &Dict{names: map[uint64]uint16{}} }

// freeze builds the look-up table tagging reads; the dictionary must not change after.
func (d *Dict) freeze() { d.table = newHashTable(d.names) }

// Add puts a name in list l. The name is split into words the way text is ("Guinea-Bissau" stays one
// word, "St. Lucia" is two); names of more than six words are not added.
func (d *Dict) Add(l int, name string) {
	words := nameWords(name)
	if len(words) == 0 || len(words) > maxNameWords {
		return
	}
	h := hashStart(0)
	for k, w := range words {
		h = hashString(h, w)
		if k < len(words)-1 {
			d.names[h] |= prefixBit // a longer name goes on from here
		}
	}
	d.names[h] |= 1 << l
}

// prefixBit marks the words that begin a longer name, so that matching stops where no name goes on.
const prefixBit = 1 << 15

// Len returns the number of distinct names (and of beginnings of names).
func (d *Dict) Len() int { return len(d.names) }

func nameWords(name string) []string {
	f := strings.FieldsFunc(lowerPlain(name), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '(' || r == ')' || r == '"'
	})
	return f
}

// mark sets, for every word, the lists whose names cover it and the word's position in that name:
// 'B' first, 'I' inside. Names are marked from left to right, each start from the shortest name to the
// longest: a later name overwrites the words it shares with an earlier one.
func (d *Dict) mark(ts []token) {
	if d == nil || len(d.names) == 0 {
		return
	}
	for i := range ts {
		h := hashStart(0)
		for n := 1; n <= maxNameWords && i+n <= len(ts); n++ {
			h = hashString(h, ts[i+n-1].lower)
			b, ok := d.table.get(h)
			if !ok {
				break // no name begins with these words
			}
			bits := *b
			for l := 0; l < numLists; l++ {
				if bits&(1<<l) == 0 {
					continue
				}
				// a longer name already there from an earlier start keeps its words
				if ts[i].dict[l] == 'I' && n == 1 {
					continue
				}
				ts[i].dict[l] = 'B'
				for k := i + 1; k < i+n; k++ {
					ts[k].dict[l] = 'I'
				}
			}
			if bits&prefixBit == 0 {
				break
			}
		}
	}
}
