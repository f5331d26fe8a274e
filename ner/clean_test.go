package ner

import (
	"strings"
	"testing"
)

func bodies(src string, st Story) []string {
	var out []string
	for _, sp := range st.Body {
		out = append(out, src[sp.Start:sp.End])
	}
	return out
}

func TestSegment(t *testing.T) {
	tests := []struct {
		name      string
		page      string
		titles    []string
		dates     []string
		mustHave  []string // body lines somewhere
		mustNotIn []string // text that must not be in any body
	}{
		{
			name:      "chrome and credit dropped, date kept",
			page:      "Mayor opens the new bridge over the river\n\nThe mayor of Springfield opens the bridge. (Jane Roe / Reuters)\nShort Url\nUpdated 12 March 2024\nFollow\n\nThe mayor of Springfield opened the new bridge on Tuesday, officials said.\n",
			titles:    []string{"Mayor opens the new bridge over the river"},
			dates:     []string{"2024-03-12"},
			mustHave:  []string{"The mayor of Springfield opens the bridge.", "The mayor of Springfield opened the new bridge on Tuesday, officials said."},
			mustNotIn: []string{"Jane Roe", "Short Url", "Follow"},
		},
		{
			name:      "appeal ends the story",
			page:      "Floods hit the northern valley after heavy rains\nHeavy rains flooded the northern valley on Monday, the agency said.\n\nSign up for our free weekly newsletter\n\nDear readers,\n\nWe need your help to keep reporting from the valley. Please give what you can today.\n",
			titles:    []string{"Floods hit the northern valley after heavy rains"},
			mustHave:  []string{"Heavy rains flooded the northern valley on Monday, the agency said."},
			mustNotIn: []string{"We need your help"},
		},
		{
			name:      "a list of headlines is not a story",
			page:      "Heavy rains flooded the northern valley on Monday, the agency said in a statement.\n\n\nMinister Resigns Over Budget Row\nStorm Closes Airports Across the Coast\nTeachers Strike for Higher Pay in Capital\n",
			titles:    []string{""},
			mustHave:  []string{"Heavy rains flooded the northern valley on Monday, the agency said in a statement."},
			mustNotIn: []string{"Minister Resigns", "Storm Closes"},
		},
		{
			name:      "two stories on one page",
			page:      "Talks on the canal resume in the capital\n\nUpdated 3 May 2023\n\nNegotiators resumed talks on the canal on Wednesday, both sides said.\n\n\nThree miners rescued after a collapse in the south\n\nUpdated 2 hours ago\n\nRescuers pulled three miners from a collapsed shaft on Thursday, the company said.\n",
			titles:    []string{"Talks on the canal resume in the capital", "Three miners rescued after a collapse in the south"},
			dates:     []string{"2023-05-03", "2023-05-03"},
			mustHave:  []string{"Negotiators resumed talks on the canal on Wednesday, both sides said."},
			mustNotIn: []string{"Updated 2 hours ago"},
		},
		{
			name:     "bullets are body text",
			page:     "Summit opens in the capital with ten leaders\n  • Leaders will meet on Friday to sign a trade pact\n",
			titles:   []string{"Summit opens in the capital with ten leaders"},
			mustHave: []string{"Leaders will meet on Friday to sign a trade pact"},
		},
		{name: "nothing but chrome", page: "Short Url\nFollow\nRead more\n"},
		{
			// none of these lines is a phrase the cleaner knows: it reads their make-up
			name: "furniture by its make-up",
			page: "Ferry service to the islands resumes after storm\n\nShare this story\nPrint\n\n\nPosted 3 hours ago\n\n" +
				"The ferry company restarted crossings to the outer islands on Sunday, the harbour office said.\n" +
				"Tags: Ferries, Islands, Storms, Harbours, Transport.\n62% of readers rated this\n\nShare this story\n" +
				"\"We will run extra boats until the backlog clears,\" the company's director said.\n",
			titles:    []string{"Ferry service to the islands resumes after storm"},
			mustHave:  []string{"The ferry company restarted crossings", "We will run extra boats"},
			mustNotIn: []string{"Share this story", "Tags:", "62% of readers", "Posted 3 hours ago"},
		},
		{
			// lines that speak of "us" or "you" inside a story do not end it
			name: "a column that addresses the reader goes on",
			page: "Why we need a new harbour\n\nThe US embassy in the port city was closed on Monday after the storm.\n" +
				"If you think the council will fix our roads before winter, you have not been paying attention.\n" +
				"Q: Do you think the harbour will reopen this year?\n" +
				"The harbour master said repairs to the north quay would take until the spring, at the earliest.\n" +
				"Engineers from three firms inspected the sea wall on Tuesday and found two breaches.\n",
			titles:   []string{"Why we need a new harbour"},
			mustHave: []string{"The US embassy", "The harbour master said", "Engineers from three firms"},
		},
		{
			name: "headlines that open with a number, and repeated titles",
			page: "Ferry service resumes after storm\nFerry service resumes after storm\n\nThe ferry company restarted crossings on Sunday, the harbour office said.\n\n\n" +
				"10 killed in mountain road crash\n\nA bus left the road near the pass on Monday, killing ten people, police said.\n",
			titles:   []string{"Ferry service resumes after storm", "10 killed in mountain road crash"},
			mustHave: []string{"The ferry company restarted crossings", "A bus left the road"},
		},
		{
			name: "an appeal by its address to the reader ends the story",
			page: "Village school reopens after two years\nThe village school reopened on Monday after repairs that took two years, the council said.\n\n" +
				"Independent reporting like this depends on you.\n\nEvery month we send our reporters to places others ignore, and your gift keeps them there.\n" +
				"The council thanked the builders in a statement on its website.\n",
			titles:    []string{"Village school reopens after two years"},
			mustHave:  []string{"The village school reopened on Monday"},
			mustNotIn: []string{"depends on you", "your gift", "thanked the builders"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stories := Segment(tt.page)
			if len(stories) != len(tt.titles) {
				t.Fatalf("got %d stories, want %d: %+v", len(stories), len(tt.titles), stories)
			}
			var all []string
			for i, st := range stories {
				if st.Title != tt.titles[i] {
					t.Errorf("story %d title %q, want %q", i, st.Title, tt.titles[i])
				}
				if tt.dates != nil && st.Date != tt.dates[i] {
					t.Errorf("story %d date %q, want %q", i, st.Date, tt.dates[i])
				}
				all = append(all, bodies(tt.page, st)...)
			}
			joined := strings.Join(all, "\n")
			for _, s := range tt.mustHave {
				if !strings.Contains(joined, s) {
					t.Errorf("body lacks %q; body:\n%s", s, joined)
				}
			}
			for _, s := range tt.mustNotIn {
				if strings.Contains(joined, s) {
					t.Errorf("body has %q; body:\n%s", s, joined)
				}
			}
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		sentence, ref, want string
	}{
		{"The minister arrived on Wednesday.", "2025-10-08", "2025-10-08"},             // same day
		{"Leaders will meet on Thursday.", "2025-10-08", "2025-10-09"},                 // future: next
		{"The attacks on Friday killed ten.", "2025-10-08", "2025-10-03"},              // past: last
		{"They met last Monday.", "2025-10-08", "2025-10-06"},                          // last
		{"The vote is set for October 19.", "2025-10-08", "2025-10-19"},                // month day
		{"The summit took place on 9 October 2024.", "", "2024-10-09"},                 // absolute
		{"The pact was signed on March 3, 2021, in Rome.", "2025-10-08", "2021-03-03"}, // absolute
		{"The rally was held in April.", "2025-10-08", "2025-04"},                      // month
		{"Elections will be held in April.", "2025-10-08", "2026-04"},                  // future month
		{"Officials said yesterday that talks failed.", "2025-10-08", "2025-10-07"},    // offset
		{"The minister arrived on Wednesday.", "", ""},                                 // relative, no ref
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			ss := extractor(t).p.sentences(tt.sentence, []Span{{0, len(tt.sentence)}}, Span{})
			ds := ss[0].dates
			if len(ds) == 0 {
				t.Fatalf("no date found")
			}
			if got := ds[0].Resolve(tt.ref); got != tt.want {
				t.Errorf("Resolve(%q) = %q, want %q (expr %q)", tt.ref, got, tt.want, ds[0].Text)
			}
		})
	}
	for _, s := range []string{"Updated 08 October 2025", "October 8, 2025", "ABC News • Oct 8, 2025", "2025-10-08T10:00"} {
		if got := findDate(s); got != "2025-10-08" {
			t.Errorf("findDate(%q) = %q", s, got)
		}
	}
	if got := findDate("Updated 4 sec ago"); got != "" {
		t.Errorf("findDate found %q in a relative time", got)
	}
}

func TestDateSpansIndexTheText(t *testing.T) {
	s := "Leaders met in Nairobi last Monday and will meet again on Oct. 9, 2025, officials said."
	ss := extractor(t).p.sentences(s, []Span{{0, len(s)}}, Span{})
	var got []string
	for _, d := range ss[0].dates {
		if s[d.Start:d.End] != d.Text {
			t.Errorf("span %d-%d is %q, text %q", d.Start, d.End, s[d.Start:d.End], d.Text)
		}
		got = append(got, d.Text)
	}
	if strings.Join(got, "|") != "last Monday|Oct. 9, 2025" {
		t.Errorf("dates %q", got)
	}
}

// TestSplitLongStories: a story longer than the limit becomes parts of at most the limit that cover its
// body exactly, cut at lines, then at sentence ends or spaces; a short story is left alone.
func TestSplitLongStories(t *testing.T) {
	line := "Officials met in the capital on Monday. "
	long := strings.Repeat(line, 40) // one line of 1,600 bytes
	src := "Talks in the capital\n\n" + strings.Repeat("A short line that ends.\n", 30) + long + "\nLast line.\n"
	stories := Segment(src)
	if len(stories) != 1 {
		t.Fatalf("%d stories", len(stories))
	}
	short := splitLongStories(src, stories, 1<<20)
	if len(short) != 1 || len(short[0].Body) != len(stories[0].Body) {
		t.Errorf("a short story changed: %+v", short)
	}
	parts := splitLongStories(src, stories, 300)
	if len(parts) < 6 {
		t.Fatalf("%d parts", len(parts))
	}
	var got, want strings.Builder
	for _, b := range stories[0].Body {
		want.WriteString(src[b.Start:b.End])
	}
	for i, p := range parts {
		size := 0
		for _, b := range p.Body {
			size += b.End - b.Start
			got.WriteString(src[b.Start:b.End])
			if s := src[b.Start:b.End]; len(s) > 300 {
				t.Errorf("part %d: a span of %d bytes", i, len(s))
			}
		}
		if size > 300 {
			t.Errorf("part %d holds %d bytes", i, size)
		}
		if p.Index != i || p.Title != stories[0].Title {
			t.Errorf("part %d: index %d, title %q", i, p.Index, p.Title)
		}
	}
	if got.String() != want.String() {
		t.Error("the parts do not cover the story's body exactly")
	}
}

// TestDatelineDatesItsStory: a dateline opening the text dates the story; a dash later in a line, or a
// date after a word that is not a place in capitals, does not.
func TestDatelineDatesItsStory(t *testing.T) {
	for _, tt := range []struct{ text, date string }{
		{"Talks open in the capital\n\nLIMA, March 14, 2026 — Ministers from six countries met on Monday to discuss trade.\n", "2026-03-14"},
		{"Talks open in the capital\n\nLIMA, Peru (Agency) 14 March 2026 - Ministers from six countries met on Monday.\n", "2026-03-14"},
		{"Talks open in the capital\n\nMinisters met on March 14, 2026 — the first time in a decade — to discuss trade.\n", ""},
		{"Talks open in the capital\n\nOn March 14, 2026 — a Monday — ministers met to discuss trade in the capital.\n", ""},
	} {
		st := Segment(tt.text)
		if len(st) != 1 {
			t.Fatalf("%q: %d stories", tt.text, len(st))
		}
		if st[0].Date != tt.date {
			t.Errorf("%q: date %q, want %q", tt.text, st[0].Date, tt.date)
		}
	}
}
