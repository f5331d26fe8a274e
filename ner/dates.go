package ner

import (
	"fmt"
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

// Resolve returns the ISO 8601 date the expression denotes, read against the article date ref
// (YYYY-MM-DD): a day (2025-10-09), a month (2025-04), an ISO week (2025-W40) or a year (2025). It
// returns "" when the expression needs a date and ref is empty.
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
	case e.Relative != "":
		// "this year" -> 2025, "last week" -> 2025-W40 (ISO 8601 week), "next month" -> 2025-11
		step := 0
		if strings.HasPrefix(strings.ToLower(e.Text), "last") {
			step = -1
		} else if strings.HasPrefix(strings.ToLower(e.Text), "next") {
			step = 1
		}
		switch e.Relative {
		case "year":
			return strconv.Itoa(r.Year() + step)
		case "month":
			return r.AddDate(0, step, 0).Format("2006-01")
		case "week":
			y, w := r.AddDate(0, 0, 7*step).ISOWeek()
			return fmt.Sprintf("%d-W%02d", y, w)
		}
		return ""
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
	dayParts    = set("night", "morning", "evening", "afternoon")
	offsetWords = map[string]int{"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
	futureWords = set("will", "would", "'ll", "scheduled", "expected", "upcoming", "starting", "later", "due", "plans", "plan", "planned")
	futureVerbs = set("attend", "meet", "visit", "hold", "host", "join", "travel", "sign")
)

// isFuture reports whether a sentence speaks of what is to come: "will", "is set to", "to attend".
func isFuture(ts []tok) bool {
	for i, t := range ts {
		if futureWords[t.lower] {
			return true
		}
		if t.lower == "set" && i+1 < len(ts) && ts[i+1].lower == "to" {
			return true
		}
		if t.lower == "to" && i+1 < len(ts) && futureVerbs[ts[i+1].lower] {
			return true
		}
	}
	return false
}

func isDayNumber(s string) (int, bool) {
	s = strings.TrimRight(s, ".")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= 31 && len(s) <= 2
}

func isYear(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && len(s) == 4 && n >= 1800 && n <= 2200
}

// monthOf returns the month a token names; "May" counts only capitalised, as "may" is a verb.
func monthOf(t tok) (time.Month, bool) {
	w := strings.TrimSuffix(t.lower, ".")
	m, ok := months[w]
	if !ok || (w == "may" && t.Text != "May") || (w == "mar" && t.Text != "Mar" && t.Text != "Mar.") {
		return 0, false
	}
	return m, true
}

// sentenceDates reads the date expressions of a tokenised sentence: weekdays ("on Thursday", "last
// Monday"), day offsets ("yesterday"), month and day with or without a year ("October 9, 2025",
// "9 October"), months ("in April 2024"), spans ("last week", "this year") and ISO dates. text is the
// sentence and base its offset in the file.
func sentenceDates(ts []tok, text string, base int) []DateExpr {
	future := isFuture(ts)
	var out []DateExpr
	for i := 0; i < len(ts); i++ {
		w := ts[i].lower
		start, end := i, i+1
		e := DateExpr{Future: future}
		if i > 0 {
			switch ts[i-1].lower {
			case "last":
				e.Future, start = false, i-1
			case "next":
				e.Future, start = true, i-1
			case "this":
				start = i - 1
			}
		}
		wd, isWeekday := weekdays[w]
		off, isOffset := offsetWords[w]
		month, isMonth := monthOf(ts[i])
		switch {
		case isWeekday:
			e.Weekday = &wd
			if i+1 < len(ts) && dayParts[ts[i+1].lower] {
				end = i + 2
			}
		case isOffset:
			e.Offset = &off
		case isMonth:
			if day, ok := dayAfter(ts, i); ok {
				end = i + 2
				if y, n := yearAfter(ts, end); n > 0 {
					e.Abs, end = isoDate(y, strconv.Itoa(int(month)), strconv.Itoa(day)), end+n
				} else {
					e.Month, e.Day = month, day
				}
			} else if day, ok := dayBefore(ts, i); ok {
				start = i - 1
				if y, n := yearAfter(ts, end); n > 0 {
					e.Abs, end = isoDate(y, strconv.Itoa(int(month)), strconv.Itoa(day)), end+n
				} else {
					e.Month, e.Day = month, day
				}
			} else if i > 0 && ts[i-1].lower == "in" {
				if y, n := yearAfter(ts, end); n > 0 {
					e.Abs, end = y+"-"+twoDigits(int(month)), end+n
				} else {
					e.Month = month
				}
			} else {
				continue
			}
		case (w == "week" || w == "year" || w == "month") && start < i:
			e.Relative = w
		case isoDateRE.MatchString(ts[i].Text):
			m := isoDateRE.FindStringSubmatch(ts[i].Text)
			e.Abs = isoDate(m[1], m[2], m[3])
		default:
			continue
		}
		if e.Abs == "" && e.Weekday == nil && e.Offset == nil && e.Month == 0 && e.Relative == "" {
			continue
		}
		e.Span = Span{ts[start].Start, ts[end-1].end()}
		e.Text = text[e.Start-base : e.End-base]
		out = append(out, e)
		i = end - 1
	}
	return out
}

func dayAfter(ts []tok, i int) (int, bool) {
	if i+1 < len(ts) {
		return isDayNumber(ts[i+1].Text)
	}
	return 0, false
}

func dayBefore(ts []tok, i int) (int, bool) {
	if i > 0 {
		return isDayNumber(ts[i-1].Text)
	}
	return 0, false
}

// yearAfter returns a year standing at token j, or after a comma there, and how many tokens it takes.
func yearAfter(ts []tok, j int) (string, int) {
	if j < len(ts) && isYear(ts[j].Text) {
		return ts[j].Text, 1
	}
	if j+1 < len(ts) && ts[j].Text == "," && isYear(ts[j+1].Text) {
		return ts[j+1].Text, 2
	}
	return "", 0
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
