package ner

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
	"nov": 11, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

const monthAlt = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	isoDateRE = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:\b|T)`)
	mdyRE     = regexp.MustCompile(`(?i)\b(` + monthAlt + `)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(\d{4})\b`)
	dmyRE     = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthAlt + `),?\s+(\d{4})\b`)
)

// findDate returns the first full date (day, month and year) in s as YYYY-MM-DD, or "".
func findDate(s string) string {
	type hit struct {
		at      int
		y, m, d string
	}
	var best *hit
	consider := func(at int, y, m, d string) {
		if best == nil || at < best.at {
			best = &hit{at, y, m, d}
		}
	}
	if m := isoDateRE.FindStringSubmatchIndex(s); m != nil {
		consider(m[0], s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
	}
	if m := mdyRE.FindStringSubmatchIndex(s); m != nil {
		consider(m[0], s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]])
	}
	if m := dmyRE.FindStringSubmatchIndex(s); m != nil {
		consider(m[0], s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]])
	}
	if best == nil {
		return ""
	}
	return isoDate(best.y, best.m, best.d)
}

func isoDate(y, m, d string) string {
	year, err := strconv.Atoi(y)
	if err != nil {
		return ""
	}
	var month time.Month
	if n, err := strconv.Atoi(m); err == nil {
		month = time.Month(n)
	} else {
		month = months[strings.TrimSuffix(strings.ToLower(m), ".")]
	}
	day, err := strconv.Atoi(d)
	if err != nil || month < 1 || month > 12 || day < 1 || day > 31 {
		return ""
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if t.Month() != month {
		return ""
	}
	return t.Format("2006-01-02")
}

// DateExpr is a date expression found in a sentence, absolute or relative to the article's date.
type DateExpr struct {
	Span
	Text string
	// Abs is the date when the expression gives it fully (YYYY-MM-DD, or YYYY-MM for "in April 2024").
	Abs string
	// Weekday, Month (1-12) or Offset (days) describe a relative expression; Future says the sentence
	// speaks of what is to come, which decides whether "Thursday" is the next one or the last one.
	Weekday  *time.Weekday
	Month    time.Month
	Day      int
	Offset   *int
	Future   bool
	Relative string // "week" or "year" for "last week", "this year"
}

// Resolve returns the ISO date (YYYY-MM-DD, or YYYY-MM for a month) the expression denotes, read
// against the article date ref (YYYY-MM-DD). It returns "" when the expression needs a date and ref
// is empty, or when it names a span (a week or a year) rather than a day.
func (e DateExpr) Resolve(ref string) string {
	if e.Abs != "" {
		return e.Abs
	}
	r, err := time.Parse("2006-01-02", ref)
	if err != nil {
		return ""
	}
	switch {
	case e.Weekday != nil:
		diff := int(*e.Weekday) - int(r.Weekday())
		if e.Future {
			if diff < 0 {
				diff += 7
			}
		} else if diff > 0 {
			diff -= 7
		}
		return r.AddDate(0, 0, diff).Format("2006-01-02")
	case e.Offset != nil:
		return r.AddDate(0, 0, *e.Offset).Format("2006-01-02")
	case e.Month != 0 && e.Day != 0:
		t := time.Date(r.Year(), e.Month, e.Day, 0, 0, 0, 0, time.UTC)
		if !e.Future && t.After(r.AddDate(0, 0, 31)) {
			t = t.AddDate(-1, 0, 0)
		}
		return t.Format("2006-01-02")
	case e.Month != 0:
		y := r.Year()
		if !e.Future && e.Month > r.Month() {
			y--
		} else if e.Future && e.Month < r.Month() {
			y++
		}
		return time.Date(y, e.Month, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	}
	return ""
}

var (
	relDateRE = regexp.MustCompile(`(?i)\b(?:(?:on|by|until|since|from|last|next|this|late|early)\s+)?(?:` +
		`(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(?:\s+(?:night|morning|evening|afternoon))?` +
		`|(today|tonight|yesterday|tomorrow)` +
		`|(` + monthAlt + `)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?` +
		`|(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthAlt + `)(?:,?\s+(\d{4}))?` +
		`|in\s+(` + monthAlt + `)(?:\s+(\d{4}))?` +
		`|(last|this|next)\s+(week|year|month))\b`)
	futureRE = regexp.MustCompile(`(?i)\b(?:will|would|set to|scheduled|expected|plans? to|due to|is to|are to|upcoming|starting|to attend|to meet|later)\b`)
)

// findDates returns the date expressions in sentence s; base is the offset of s in its file.
func findDates(s string, base int) []DateExpr {
	future := futureRE.MatchString(s)
	var out []DateExpr
	for _, m := range relDateRE.FindAllStringSubmatchIndex(s, -1) {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		e := DateExpr{Span: Span{base + m[0], base + m[1]}, Text: s[m[0]:m[1]], Future: future}
		lead := strings.ToLower(strings.Fields(e.Text)[0])
		if lead == "last" {
			e.Future = false
		} else if lead == "next" {
			e.Future = true
		}
		switch {
		case g(1) != "":
			wd := weekdays[strings.ToLower(g(1))]
			e.Weekday = &wd
		case g(2) != "":
			off := map[string]int{"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[strings.ToLower(g(2))]
			e.Offset = &off
		case g(3) != "":
			if g(5) != "" {
				e.Abs = isoDate(g(5), g(3), g(4))
			} else {
				e.Month, e.Day = months[strings.TrimSuffix(strings.ToLower(g(3)), ".")], atoi(g(4))
			}
		case g(6) != "":
			if g(8) != "" {
				e.Abs = isoDate(g(8), g(7), g(6))
			} else {
				e.Month, e.Day = months[strings.TrimSuffix(strings.ToLower(g(7)), ".")], atoi(g(6))
			}
		case g(9) != "":
			mo := months[strings.TrimSuffix(strings.ToLower(g(9)), ".")]
			if g(10) != "" {
				e.Abs = g(10) + "-" + twoDigits(int(mo))
			} else {
				e.Month = mo
			}
		case g(12) != "":
			e.Relative = strings.ToLower(g(12))
		}
		if e.Month == 0 && e.Abs == "" && e.Weekday == nil && e.Offset == nil && e.Relative == "" {
			continue
		}
		out = append(out, e)
	}
	return out
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
