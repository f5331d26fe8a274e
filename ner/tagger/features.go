package tagger

import (
	"unicode"
	"unicode/utf8"
)

// FeaturesVersion names the feature set below. A model records it and Load refuses a model made with
// another: the weights mean nothing to other features.
const FeaturesVersion = 6

// Feature ids are 64-bit FNV-1a hashes of a template id and its values, computed without building
// strings. Every feature is named by its template below; training and tagging both call features(), so
// they cannot drift.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashStart(template byte) uint64 { return (fnvOffset ^ uint64(template)) * fnvPrime }

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime // end of a value: "ab"+"c" differs from "a"+"bc"
}

func hashByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

// Templates. Each is one named feature; values follow in the hash.
const (
	fBias         = iota + 1
	fLower        // the word, lower case
	fForm         // the word as written, when it differs from its lower case
	fSuffix3      // last three bytes of the lower case
	fSuffix2      // last two
	fPrefix3      // first three
	fShape        // word shape: Xxxx -> Xx, A.B. -> X.X., 1990 -> d
	fPOS          // prose's part-of-speech tag
	fPOSPrev      // tag of the word before
	fPOSNext      // tag of the word after
	fPOSPair      // this tag and the next
	fLowerPrev    // the word before
	fLowerNext    // the word after
	fLowerPrev2   // two before
	fLowerNext2   // two after
	fShapePrev    // shape before + shape here
	fShapeNext    // shape here + shape after
	fFirst        // first word of the sentence, with its shape
	fDict         // in a name list: list and position (B/I)
	fDictPrev     // the word before is in a list
	fDictNext     // the word after is in a list
	fDictShape    // list membership with the shape here
	fCapRate      // how often the word is capitalised inside sentences of unlabeled news
	fCapRateFirst // the same, for the first word of a sentence
	fSentCase     // the sentence is all upper case or all lower case
	fPrevTag      // the label given to the word before
	_             // the labels of the two words before, until version 5: the number stays taken
	fPrevTagWord  // label before + this word
	fPrevTagShape // label before + this shape
	fBigramPrev   // the word before + this word
	fBigramNext   // this word + the word after
	fRateNext     // capitalisation bucket of the next word, with its shape
	fRatePrev     // and of the word before
)

// token is a word with what the features read, computed once per sentence.
type token struct {
	lower string
	shape string
	pos   string
	dict  [numLists]uint8 // 0, or 'B' / 'I' where a name of list l covers the word
	rate  uint8           // capitalisation bucket, see capRate
}

// shape maps a word to a coarse form: letters to X and x, digits to d, other characters kept; runs of
// one kind collapse ("McDonald's" -> XxXx'x).
func shape(w string) string {
	var b [32]byte
	n := 0
	var last byte
	for _, r := range w {
		if isFormat(r) {
			continue // invisible: a zero-width joiner inside a name does not change its shape
		}
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last && (c == 'X' || c == 'x' || c == 'd') {
			continue
		}
		if n == len(b) {
			break
		}
		b[n] = c
		n++
		last = c
	}
	return string(b[:n])
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// staticFeatures appends the features of word i that do not depend on the labels before it: those of
// the word itself and those of its context.
func staticFeatures(ts []token, i int, sentCase byte, out []uint64) []uint64 {
	out = wordFeatures(ts, i, sentCase, out)
	return contextFeatures(ts, i, out)
}

// wordFeatures appends the features that read only word i itself (its form, tag, lists, rate, whether it
// opens the sentence, the sentence's case): the same word gives the same features anywhere, so a tagger
// may keep their scores by the word's key (wordKey).
func wordFeatures(ts []token, i int, sentCase byte, out []uint64) []uint64 {
	t := &ts[i]
	out = append(out, hashStart(fBias))
	out = append(out, hashString(hashStart(fLower), t.lower))
	out = append(out, hashString(hashStart(fShape), t.shape))
	out = append(out, hashString(hashStart(fPOS), t.pos))
	if n := len(t.lower); n > 3 {
		out = append(out, hashString(hashStart(fSuffix3), t.lower[n-3:]))
		out = append(out, hashString(hashStart(fPrefix3), t.lower[:3]))
	}
	if n := len(t.lower); n > 2 {
		out = append(out, hashString(hashStart(fSuffix2), t.lower[n-2:]))
	}
	if i == 0 {
		out = append(out, hashString(hashStart(fFirst), t.shape))
		out = append(out, hashByte(hashStart(fCapRateFirst), t.rate))
	} else {
		out = append(out, hashByte(hashStart(fCapRate), t.rate))
	}
	if sentCase != 0 {
		out = append(out, hashByte(hashString(hashStart(fSentCase), t.shape), sentCase))
	}
	for l := 0; l < numLists; l++ {
		if p := t.dict[l]; p != 0 {
			out = append(out, hashByte(hashByte(hashStart(fDict), byte(l)), p))
			out = append(out, hashString(hashByte(hashStart(fDictShape), byte(l)), t.shape))
		}
	}
	if t.shape != t.lower {
		// the written form matters only when it is not the lower case
		out = append(out, hashString(hashString(hashStart(fForm), t.shape), t.lower))
	}
	return out
}

// wordKey identifies what wordFeatures reads of word i.
func wordKey(ts []token, i int, sentCase byte) uint64 {
	t := &ts[i]
	h := hashString(hashString(hashString(hashStart(0), t.lower), t.shape), t.pos)
	for l := 0; l < numLists; l++ {
		h = hashByte(h, t.dict[l])
	}
	first := byte(0)
	if i == 0 {
		first = 1
	}
	return hashByte(hashByte(hashByte(h, t.rate), first), sentCase)
}

// contextFeatures appends the features that read the words around word i.
func contextFeatures(ts []token, i int, out []uint64) []uint64 {
	t := &ts[i]
	prevPOS, nextPOS, prevShape, nextShape := "<s>", "</s>", "<s>", "</s>"
	prevLower, nextLower, prev2, next2 := "<s>", "</s>", "<s>", "</s>"
	if i > 0 {
		prevPOS, prevShape, prevLower = ts[i-1].pos, ts[i-1].shape, ts[i-1].lower
	}
	if i > 1 {
		prev2 = ts[i-2].lower
	}
	if i+1 < len(ts) {
		nextPOS, nextShape, nextLower = ts[i+1].pos, ts[i+1].shape, ts[i+1].lower
	}
	if i+2 < len(ts) {
		next2 = ts[i+2].lower
	}
	out = append(out, hashString(hashStart(fPOSPrev), prevPOS))
	out = append(out, hashString(hashStart(fPOSNext), nextPOS))
	out = append(out, hashString(hashString(hashStart(fPOSPair), t.pos), nextPOS))
	out = append(out, hashString(hashStart(fLowerPrev), prevLower))
	out = append(out, hashString(hashStart(fLowerNext), nextLower))
	out = append(out, hashString(hashStart(fLowerPrev2), prev2))
	out = append(out, hashString(hashStart(fLowerNext2), next2))
	out = append(out, hashString(hashString(hashStart(fShapePrev), prevShape), t.shape))
	out = append(out, hashString(hashString(hashStart(fBigramPrev), prevLower), t.lower))
	out = append(out, hashString(hashString(hashStart(fBigramNext), t.lower), nextLower))
	if i+1 < len(ts) {
		out = append(out, hashString(hashByte(hashStart(fRateNext), ts[i+1].rate), nextShape))
	}
	if i > 0 {
		out = append(out, hashString(hashByte(hashStart(fRatePrev), ts[i-1].rate), prevShape))
	}
	out = append(out, hashString(hashString(hashStart(fShapeNext), t.shape), nextShape))
	for l := 0; l < numLists; l++ {
		if i > 0 && ts[i-1].dict[l] != 0 {
			out = append(out, hashByte(hashStart(fDictPrev), byte(l)))
		}
		if i+1 < len(ts) && ts[i+1].dict[l] != 0 {
			out = append(out, hashByte(hashStart(fDictNext), byte(l)))
		}
	}
	return out
}

// labelFeatures appends the features that read the label of the word before.
func labelFeatures(ts []token, i int, prev int, out []uint64) []uint64 {
	out = append(out, hashByte(hashStart(fPrevTag), byte(prev)))
	out = append(out, hashString(hashByte(hashStart(fPrevTagWord), byte(prev)), ts[i].lower))
	out = append(out, hashString(hashByte(hashStart(fPrevTagShape), byte(prev)), ts[i].shape))
	return out
}
