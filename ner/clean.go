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
	// appealRE matches the start of a publisher's appeal to its readers (donations, subscriptions,
	// newsletters): what follows it on the page is not the story.
	appealRE = regexp.MustCompile(`(?i)^(?:support\b|sign up|subscribe|dear \w+,|a message from|donat(?:e|ion)|become a member|read more|get (?:a|our) (?:daily|weekly)|to view\b)|\b(?:newsletter|privacy policy|upgrade to premium|subscribers?|donations?|contribute)\b`)
	// chromeRE matches the short lines of page furniture: sharing, dates, counts, labels.
	chromeRE = regexp.MustCompile(`(?i)^(?:short url|follow|share|updated\b|published\b|posted\b|advertisement|sources?|\d+ (?:articles?|sources?)\b|continue|comments?)\b|^\W*\d+\s*%`)
)

// Segment splits a page into stories and marks the body text of each. It never changes the text:
// every span indexes src as read.
func Segment(src string) []Story {
	lines := splitLines(src)
	kinds := make([]lineKind, len(lines))
	for i, l := range lines {
		kinds[i] = classify(l)
	}
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
			if len(st.Body) > 0 {
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
	kindChrome
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

func classify(l line) lineKind {
	words := countWords(l.text)
	switch {
	case words <= 12 && chromeRE.MatchString(l.text):
		return kindChrome
	case words <= 30 && appealRE.MatchString(l.text):
		return kindAppeal
	}
	last, _ := utf8.DecodeLastRuneInString(l.text)
	terminal := strings.ContainsRune(".!?\"”’'", last)
	switch {
	case words >= 6 && terminal, words >= 25, l.bullet && words >= 6:
		return kindBody
	case words >= 3 && words <= 25 && !terminal && startsUpper(l.text):
		return kindTitle
	}
	return kindOther
}

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

func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
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
