package graph

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/rangetable"
)

// Entity ids are part of the snapshot contract: what users put in Cypher and in links, and what a graph
// keeps from run to run. An id is its label's prefix and the slug of the entity's canonical name
// (person/hillary-clinton, org/amnesty-international; an organization qualified by a country keeps the
// country's code: org/ru/defense-ministry), except where a public code exists: country/RU (ISO 3166-1),
// city/1221874 (GeoNames), region/PK-BA (ISO 3166-2), and events, which are named by their kind and
// participants or place (event/summit/ru-central-asia). Two entities whose slugs collide get -2, -3, ...
// in the order of their matching keys. An id does not change once issued.

// Slug returns a name as an id part: accents, other marks and invisible format characters removed, letters that do not decompose
// spelled out (ł -> l, ß -> ss), lower case, every run of other characters one hyphen, none at the ends.
// It returns "" for a name with no Latin letter or digit.
func Slug(name string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(marksAndFormats)), norm.NFC)
	folded, _, err := transform.String(t, slugLetters.Replace(name))
	if err != nil {
		folded = name
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		if r == '\'' || r == '’' {
			continue // O'Brien -> obrien
		}
		dash = true
	}
	return b.String()
}

var slugLetters = strings.NewReplacer("ı", "i", "ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "đ", "d", "Đ", "D", "ß", "ss",
	"æ", "ae", "Æ", "Ae", "œ", "oe", "Œ", "Oe", "ð", "d", "þ", "th", "Þ", "Th")

// marksAndFormats are the characters folding removes: accents and other combining marks (Mn), and
// invisible format characters (Cf: zero-width joiners, direction marks).
var marksAndFormats = rangetable.Merge(unicode.Mn, unicode.Cf)
