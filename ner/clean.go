package ner

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of the file as read.
type Span struct{ Start, End int }

// Story is one news story found in a page: its title, the date the page gives for it, and the spans of
// its body text (paragraphs). Page chrome, photo credits, appeals and headline lists are not in Body.
type Story struct {
	Index int
	Title string
	// TitleSpan is where the title stands; zero when the story has no title line.
	TitleSpan Span
	Date      string // YYYY-MM-DD, or "" when the page gives none
	Body      []Span
}

type line struct {
	Span
	text   string // trimmed, bullet marker removed
	blanks int    // blank lines just before it
	bullet bool
}

var (
	bulletRE = regexp.MustCompile(`^(?:[•\-\*–·▪◦]|\d{1,2}[.)])\s+`)
	// creditRE matches a trailing photo credit: "(Name / Agency)" or "(Photo: Agency)".
	creditRE = regexp.MustCompile(`\s*\((?:[^()]{0,60}/[^()]{0,60}|(?i:photo|image|credit)s?:?[^()]{0,80})\)\s*$`)
)

// Segment splits a page into stories and marks the body text of each. It never changes the text:
// every span indexes src as read.
func Segment(src string) []Story {
	lines := splitLines(src)
	kinds := make([]lineKind, len(lines))
	seen := make(map[string]bool, len(lines))
	for i, l := range lines {
		kinds[i] = classify(l, seen[l.text])
		seen[l.text] = true
	}
	blocks := appealBlocks(kinds)
	var stories []Story
	cur := -1
	inAppeal := false
	pageDate := ""
	for i, l := range lines {
		kind := kinds[i]
		if kind == kindTitle && (cur < 0 || (l.blanks >= 2 && opensStory(lines, kinds, i))) {
			if cur >= 0 && len(stories[cur].Body) == 0 {
				// a page header without body: the real story starts here
				stories = stories[:cur]
			}
			stories = append(stories, Story{Index: len(stories), Title: l.text, TitleSpan: l.Span})
			cur = len(stories) - 1
			inAppeal = false
			continue
		}
		if cur < 0 {
			if kind == kindBody {
				stories = append(stories, Story{Index: 0})
				cur = 0
			} else {
				if d := findDate(l.text); d != "" && pageDate == "" {
					pageDate = d
				}
				continue
			}
		}
		st := &stories[cur]
		switch kind {
		case kindAppeal:
			if len(st.Body) > 0 && blocks[i] {
				inAppeal = true
			}
		case kindBody:
			if !inAppeal && l.text != st.Title {
				if len(st.Body) == 0 && st.Date == "" {
					st.Date = datelineDate(l.text)
				}
				st.Body = append(st.Body, l.Span)
			}
		default:
			if st.Date == "" {
				st.Date = findDate(l.text)
			}
		}
	}
	out := stories[:0]
	for _, st := range stories {
		if len(st.Body) == 0 {
			continue
		}
		if st.Date == "" {
			st.Date = pageDate
		}
		st.Index = len(out)
		out = append(out, st)
	}
	// A story without its own date takes the page's first.
	for i := range out {
		if out[i].Date == "" && i > 0 {
			out[i].Date = out[0].Date
		}
	}
	return out
}

type lineKind int

const (
	kindOther lineKind = iota
	kindBody
	kindTitle
	kindAppeal
)

func splitLines(src string) []line {
	var out []line
	blanks := 0
	for start := 0; start < len(src); {
		end := strings.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		raw := src[start:end]
		s, e := trimSpan(raw)
		if s == e {
			blanks++
		} else {
			l := line{Span: Span{start + s, start + e}, blanks: blanks}
			text := raw[s:e]
			if m := bulletRE.FindStringIndex(text); m != nil {
				l.bullet = true
				l.Start += m[1]
				text = text[m[1]:]
			}
			if strings.HasSuffix(text, ")") {
				if m := creditRE.FindStringIndex(text); m != nil && m[0] > 0 {
					l.End = l.Start + m[0]
					text = text[:m[0]]
				}
			}
			l.text = text
			out = append(out, l)
			blanks = 0
		}
		start = end + 1
	}
	return out
}

func trimSpan(s string) (int, int) {
	start, end := 0, len(s)
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:])
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// classify tells what a line of a page is, by general means in the manner of jusText (Pomikálek 2011)
// rather than by the phrases of any site: how long it is, the share of its words that are function words
// (running text has many, page furniture few), whether it ends as a sentence does, whether it came
// before on the page, and whether it addresses the reader (appeals for money, newsletters and
// subscriptions speak to "you" of "us" and "our"; news text does so mostly in quotes).
func classify(l line, repeated bool) lineKind {
	st := lineStats(l.text)
	last, _ := utf8.DecodeLastRuneInString(l.text)
	terminal := strings.ContainsRune(".!?\"”’'", last)
	switch {
	case repeated && st.words <= 8 && !terminal:
		return kindOther // a short unpunctuated line said again on a page: labels, buttons, counts
	case st.percent:
		return kindOther // "40% of voters ...": a figure's label
	case !l.bullet && st.words >= 3 && st.words <= 25 && !terminal && startsUpper(l.text) && !st.dated && st.digits*3 < st.words:
		return kindTitle // a headline, even one that speaks to the reader ("Five things you need to know")
	case st.addressed() && last != '?':
		return kindAppeal
	case st.words >= 6 && terminal && (st.words >= 15 || st.function*10 >= st.words), st.words >= 25,
		l.bullet && st.words >= 6:
		return kindBody
	}
	return kindOther
}

// appealBlocks reports, for each line, whether it is an appeal that ends its story: most of the running
// text after it, up to the next title, is appeals too (a donation block), not the story going on after a
// line that happens to address the reader (a column's "if you think ..."). One pass from the page's end.
func appealBlocks(kinds []lineKind) []bool {
	out := make([]bool, len(kinds))
	appeals, body := 0, 0 // after line i, up to the next title
	for i := len(kinds) - 1; i >= 0; i-- {
		out[i] = kinds[i] == kindAppeal && appeals >= body
		switch kinds[i] {
		case kindTitle:
			appeals, body = 0, 0
		case kindAppeal:
			appeals++
		case kindBody:
			body++
		}
	}
	return out
}

// stats counts what classify reads of a line.
type stats struct {
	words    int
	function int  // function words: articles, pronouns, prepositions, auxiliaries, conjunctions
	reader   int  // words that address the reader: "you", "your", "please"
	us       int  // the publisher speaking of itself: "we", "our", "us" (not "US")
	digits   int  // words that open with a digit
	percent  bool // the line opens with a percentage
	quoted   bool // the line quotes someone
	dated    bool // the line holds a date or a time ago: a page's date line
}

// addressed reports a line that speaks to the reader outside quotes: to "you" of "us" ("your gift keeps
// our reporters there"), or, when short, either ("Sign up for our daily email").
func (st stats) addressed() bool {
	if st.quoted || st.reader+st.us == 0 {
		return false
	}
	return st.reader > 0 && st.us > 0 || st.words <= 12 && (st.reader+st.us)*8 >= st.words
}

func lineStats(s string) stats {
	var st stats
	st.quoted = strings.ContainsAny(s, "\"“”«»")
	hasDigit := false
	for w := range strings.FieldsSeq(s) {
		st.words++
		if c := w[0]; c >= '0' && c <= '9' {
			st.digits++
			hasDigit = true
			if st.words == 1 {
				st.percent = strings.HasSuffix(strings.TrimRight(w, ".,:;"), "%")
			}
		}
		trimmed := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
		if trimmed == "US" {
			continue // the country
		}
		w = strings.ToLower(trimmed)
		switch {
		case readerWords[w]:
			st.reader++
			st.function++
		case selfWords[w]:
			st.us++
			st.function++
		case functionWords[w]:
			st.function++
		}
		if w == "ago" && hasDigit {
			st.dated = true
		}
	}
	if !st.dated && st.words <= 8 && findDate(s) != "" {
		st.dated = true
	}
	return st
}

var (
	readerWords = set("you", "your", "yours", "yourself", "you're", "you’re", "you'll", "you’ll", "please")
	selfWords   = set("we", "our", "ours", "us", "we're", "we’re", "we'll", "we’ll")
)

// opensStory reports whether the title-like line i starts a new story: body text follows within a few
// lines, before any other title-like line (a list of headlines is not a story).
func opensStory(lines []line, kinds []lineKind, i int) bool {
	for j := i + 1; j < len(lines) && j <= i+6; j++ {
		switch kinds[j] {
		case kindBody:
			return true
		case kindTitle:
			if lines[j].text != lines[i].text {
				return false
			}
		}
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// datelineDate returns the date of a dateline that opens a story's first line of text, a place in
// capitals then the date before a dash: "LIMA, March 14, 2026 — ...", "LIMA, Peru (Agency) 14 March 2026
// - ...". It returns "" when the line opens otherwise.
func datelineDate(line string) string {
	head := line
	if len(head) > 100 {
		cut := 100
		for cut > 0 && !utf8.RuneStart(head[cut]) {
			cut--
		}
		head = head[:cut]
	}
	end := -1
	for _, dash := range []string{"—", "–", " - ", "--"} {
		if i := strings.Index(head, dash); i > 0 && (end < 0 || i < end) {
			end = i
		}
	}
	if end < 0 {
		return ""
	}
	pre := head[:end]
	fields := strings.Fields(pre)
	if len(fields) < 2 {
		return ""
	}
	place := strings.TrimRight(fields[0], ",")
	if len(place) < 2 || strings.ToUpper(place) != place || strings.ToLower(place) == place {
		return "" // a dateline's place is written in capitals
	}
	return findDate(pre)
}
