package tagger

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/jdkato/prose/v3/segment"
	prosetoken "github.com/jdkato/prose/v3/token"
	"github.com/jdkato/prose/v3/tokenize"
	"github.com/newsgraph/newsgraph/ner/pos"
)

// Part says which part of annotated data to read.
type Part int

// The parts. The held-out part is fixed: the UNER English-EWT test split, BTC section F, the GUM
// documents whose split is "test", re3d's US State Department documents, and any folder called heldout
// (newsgraph's own annotated news in ner/data/heldout). Training never reads it.
const (
	TrainPart Part = iota // everything but the held-out part
	EvalPart              // for evaluation: GUM's test documents; every sentence of any other file
)

// HeldOut reports whether a file or folder of the shared annotated data is held out as a whole.
func HeldOut(path string) bool {
	base := filepath.Base(path)
	parent := filepath.Base(filepath.Dir(path))
	switch {
	case base == "en_ewt-ud-test.iob2":
		return true
	case parent == "btc" && base == "f.conll":
		return true
	case base == "US State Department":
		return true
	case base == "heldout" || parent == "heldout":
		return true // newsgraph's own annotated news kept for measuring (ner/data/heldout)
	}
	return false
}

// ReadOptions set how annotated text is read.
type ReadOptions struct {
	Part Part
	// IsTitle says whether a lower-case word is an office title or honorific; such words are cut from
	// the front of person names in GUM and re3d, whose mentions include them ("King Henry").
	IsTitle func(lower string) bool
	// Split refines prose's tokens of running text (GUM, re3d) the way the pipeline does, so that the
	// tagger learns on the words it will see; nil keeps prose's tokens.
	Split func([]prosetoken.Token) []prosetoken.Token
	// POS corrects prose's part-of-speech tags the way the pipeline does; nil keeps them.
	POS func(words, tags []string)
}

// Reader reads annotated text in the formats of ../shared/data/ner: CoNLL and IOB2 files, GUM JSON
// lines and re3d folders. It tokenises running text with prose, as the pipeline does, and tags every
// sentence's parts of speech with prose.
type Reader struct {
	opts ReadOptions
	tk   *tokenize.Tokenizer
	seg  *segment.Segmenter
	pos  *pos.Tagger
}

// NewReader returns a reader. It returns an error if prose's models cannot be loaded.
func NewReader(opts ReadOptions) (*Reader, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, err
	}
	pt, err := pos.New()
	if err != nil {
		return nil, err
	}
	if opts.IsTitle == nil {
		opts.IsTitle = func(string) bool { return false }
	}
	return &Reader{opts: opts, tk: tokenize.New(), seg: seg, pos: pt}, nil
}

// Read reads a file or a folder (every file in it, in name order). In the training part, held-out files
// and documents are skipped. Errors name the file and, for bad lines, the line.
func (r *Reader) Read(path string) ([]Sentence, error) {
	if r.opts.Part == TrainPart && HeldOut(path) {
		return nil, nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var out []Sentence
	if st.IsDir() {
		if _, err := os.Stat(filepath.Join(path, "documents.json")); err == nil {
			out, err = r.readRe3d(path)
			if err != nil {
				return nil, err
			}
		} else {
			entries, err := os.ReadDir(path)
			if err != nil {
				return nil, err
			}
			for _, e := range entries {
				p := filepath.Join(path, e.Name())
				if !e.IsDir() && !annotated(e.Name()) {
					continue
				}
				s, err := r.Read(p)
				if err != nil {
					return nil, err
				}
				out = append(out, s...)
			}
			return out, nil
		}
	} else {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".jsonl":
			out, err = r.readGUM(path)
		default:
			out, err = readCoNLL(path)
		}
		if err != nil {
			return nil, err
		}
	}
	for i := range out {
		if out[i].POS == nil {
			out[i].POS = r.tagPOS(out[i].Words)
		}
	}
	return out, nil
}

func annotated(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".conll", ".iob2", ".iob", ".bio", ".jsonl":
		return true
	}
	return false
}

// Annotated reports whether a file is one the reader reads: annotated text, or a re3d JSON file.
func Annotated(path string) bool {
	return annotated(path) || strings.ToLower(filepath.Ext(path)) == ".json"
}

// SetName names the set a file belongs to in tables: its folder and name without extension.
func SetName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return filepath.Base(filepath.Dir(path)) + "/" + base
}

func (r *Reader) tagPOS(words []string) []string {
	ts := make([]prosetoken.Token, len(words))
	for i, w := range words {
		ts[i].Text = w
	}
	r.pos.TagTokens(ts)
	out := make([]string, len(words))
	for i := range ts {
		out[i] = ts[i].Tag
	}
	if r.opts.POS != nil {
		r.opts.POS(words, out)
	}
	return out
}

// readCoNLL reads one token a line: "word<TAB>tag" (BTC) or "id<TAB>word<TAB>tag<TAB>..." (IOB2 with
// CoNLL-U ids); '#' lines are comments, blank lines end sentences.
func readCoNLL(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	set := SetName(path)
	var out []Sentence
	cur := Sentence{Set: set}
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{Set: set}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") && len(cur.Words) == 0 && !strings.Contains(line, "\t") {
			continue // a comment; "#London<TAB>B-LOC" is a word
		}
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cols := strings.Split(line, "\t")
		var word, label string
		switch {
		case len(cols) >= 3 && isNumber(cols[0]):
			word, label = cols[1], cols[2]
		case len(cols) >= 2:
			word, label = cols[0], cols[len(cols)-1]
		default:
			return nil, fmt.Errorf("%s:%d: want a word and a tag separated by a tab, got %q", path, n, line)
		}
		if label != "O" && (len(label) < 3 || label[1] != '-' || label[0] != 'B' && label[0] != 'I') {
			return nil, fmt.Errorf("%s:%d: %q is not a BIO tag", path, n, label)
		}
		l := ParseLabel(label)
		if isInside(l) && (len(cur.Gold) == 0 || kindOf(cur.Gold[len(cur.Gold)-1]) != kindOf(l)) {
			l = labelOf(kindOf(l), false) // I- after O is read as B-, as conlleval does
		}
		cur.Words = append(cur.Words, word)
		cur.Gold = append(cur.Gold, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	flush()
	return out, nil
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// span is a name in running text: byte offsets, kind and, for GUM, its head word. An appositive span
// is a mention whose head is a common noun: its name, if any, is the capitalised run right after the
// head ("the critic Jan Novak").
type span struct {
	start, end int
	kind       Kind
	head       string
	appositive bool
}

// sentencesOf tokenises the sentences [start,end) of text and labels the words that the names cover.
func (r *Reader) sentencesOf(set, text string, sents [][2]int, names []span) []Sentence {
	var out []Sentence
	for _, sb := range sents {
		stext := text[sb[0]:sb[1]]
		toks := r.tk.Tokenize(stext)
		if r.opts.Split != nil {
			toks = r.opts.Split(toks)
		}
		if len(toks) == 0 {
			continue
		}
		s := Sentence{Set: set, Words: make([]string, len(toks)), Gold: make([]int, len(toks))}
		for i, t := range toks {
			s.Words[i] = t.Text
		}
		var cands [][4]int // token start, end, kind, 1 for an appositive name
		for _, n := range names {
			if n.start < sb[0] || n.end > sb[1] {
				continue
			}
			a, b := -1, -1
			for i, t := range toks {
				ts, te := sb[0]+t.Start, sb[0]+t.Start+len(t.Text)
				if ts >= n.start && te <= n.end {
					if a < 0 {
						a = i
					}
					b = i + 1
				}
			}
			if a < 0 {
				continue
			}
			a, b = r.nameWords(toks, a, b, n)
			if a < b {
				appos := 0
				if n.appositive {
					appos = 1
				}
				cands = append(cands, [4]int{a, b, int(n.kind), appos})
			}
		}
		// names of named mentions first, then appositive ones; longest first; a name overlapping one
		// already placed is dropped
		slices.SortStableFunc(cands, func(x, y [4]int) int {
			if x[3] != y[3] {
				return x[3] - y[3]
			}
			return (y[1] - y[0]) - (x[1] - x[0])
		})
		for _, c := range cands {
			free := true
			for i := c[0]; i < c[1]; i++ {
				free = free && s.Gold[i] == 0
			}
			if !free {
				continue
			}
			for i := c[0]; i < c[1]; i++ {
				s.Gold[i] = labelOf(Kind(c[2]), i > c[0])
			}
		}
		out = append(out, s)
	}
	return out
}

// nameWords narrows a mention's words [a,b) to its name: the run of capitalised words around its head
// (or, without a head, the capitalised words it ends with), joined by lower-case particles between
// capitalised words ("University of Basel"), without a possessive, and for a person without the titles
// before the name. An empty range means the mention is not a name.
func (r *Reader) nameWords(toks []prosetoken.Token, a, b int, n span) (int, int) {
	capd := func(i int) bool { return isCapitalised(toks[i].Text) || hasDigitStart(toks[i].Text) }
	h := -1
	if n.head != "" {
		for i := a; i < b; i++ {
			if toks[i].Text == n.head {
				h = i
				break
			}
		}
	}
	if n.appositive {
		// a common-noun head with a name right after it: the name starts there. "I" is no name ("the
		// band I started"), and a name followed by a lower-case word of the mention is the subject of
		// a clause ("the city Ana visited"), not in apposition
		if h < 0 || isCapitalised(toks[h].Text) || h+1 >= b || !isCapitalised(toks[h+1].Text) || toks[h+1].Text == "I" {
			return 0, 0
		}
		h++
	}
	if h < 0 {
		h = b - 1
		for h >= a && !capd(h) && (isPossessive(toks[h].Text) || isPunct(toks[h].Text)) {
			h--
		}
	}
	if h < a || !capd(h) {
		return 0, 0
	}
	s, e := h, h+1
	for s > a && !n.appositive && (capd(s-1) || particle(toks[s-1].Text) && s-2 >= a && capd(s-2)) {
		s--
	}
	for e < b && (capd(e) || particle(toks[e].Text) && e+1 < b && capd(e+1)) {
		e++
	}
	if n.appositive && e < b && isLowerWord(toks[e].Text) {
		return 0, 0 // the subject of a clause, not a name in apposition
	}
	if n.kind == Person {
		if r.opts.IsTitle(strings.ToLower(toks[h].Text)) {
			return 0, 0 // "the Governor of X" names an office, not a person
		}
		// everything up to the last title before the head goes: "Kenyan Foreign Minister Jane Doe"
		for k := h - 1; k >= s; k-- {
			if r.opts.IsTitle(strings.ToLower(toks[k].Text)) {
				s = k + 1
				break
			}
		}
		// and a particle the cut leaves in front: "Duke of Wellington" is not the person "of Wellington"
		for s < h && !capd(s) {
			s++
		}
	}
	return s, e
}

func hasDigitStart(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

func isPossessive(w string) bool { return w == "'s" || w == "’s" || w == "'" || w == "’" }

func isPunct(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// particle is a lower-case word that may stand inside a name.
func particle(w string) bool {
	switch w {
	case "of", "de", "del", "der", "van", "von", "da", "di", "du", "la", "le", "al", "bin", "and", "&", "for", "the", "on":
		return true
	}
	return false
}

// gumDoc is one line of a GUM file.
type gumDoc struct {
	ID        string   `json:"id"`
	Split     string   `json:"split"`
	Text      string   `json:"text"`
	Sentences [][2]int `json:"sentences"`
	Mentions  []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Type  string `json:"type"`
		Named bool   `json:"named"`
		Head  string `json:"head"`
	} `json:"mentions"`
}

// readGUM reads GUM documents: in the training part those whose split is not "test", for evaluation
// those whose split is "test". Named person, place and organization mentions are the names, and so are
// names in apposition to the common-noun head of such a mention.
func (r *Reader) readGUM(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var out []Sentence
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			var d gumDoc
			if jerr := json.Unmarshal(line, &d); jerr != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, n, jerr)
			}
			if (d.Split == "test") == (r.opts.Part == EvalPart) {
				at := runeOffsets(d.Text)
				for i, sb := range d.Sentences {
					if sb[0] < 0 || sb[0] > sb[1] {
						return nil, fmt.Errorf("%s:%d: document %s: sentence %d spans [%d, %d]", path, n, d.ID, i, sb[0], sb[1])
					}
					d.Sentences[i] = [2]int{at(sb[0]), at(sb[1])}
				}
				var names []span
				for _, m := range d.Mentions {
					k := ParseKind(m.Type)
					if k == None || m.Start < 0 || m.Start >= m.End {
						continue
					}
					// GUM calls a mention named when its head is a proper noun; one headed by a common
					// noun may still hold a name in apposition ("the critic Jan Novak"), which is a name
					// too
					names = append(names, span{at(m.Start), at(m.End), k, m.Head, !m.Named})
				}
				out = append(out, r.sentencesOf("gum/test", d.Text, d.Sentences, names)...)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	if r.opts.Part == TrainPart {
		for i := range out {
			out[i].Set = "gum/train"
		}
	}
	return out, nil
}

// readRe3d reads a re3d folder: documents.json and entities.json, one JSON object a line. Person,
// Location and Organisation entities that are names (they end in a capitalised word) are the names;
// nominal mentions ("the rebels") are not.
func (r *Reader) readRe3d(dir string) ([]Sentence, error) {
	type doc struct {
		ID   string `json:"_id"`
		Text string `json:"text"`
	}
	type ent struct {
		Doc   string `json:"documentId"`
		Begin int    `json:"begin"`
		End   int    `json:"end"`
		Type  string `json:"type"`
	}
	var docs []doc
	if err := readJSONLines(filepath.Join(dir, "documents.json"), func(b []byte) error {
		var d doc
		err := json.Unmarshal(b, &d)
		docs = append(docs, d)
		return err
	}); err != nil {
		return nil, err
	}
	byDoc := map[string][]span{}
	if err := readJSONLines(filepath.Join(dir, "entities.json"), func(b []byte) error {
		var e ent
		if err := json.Unmarshal(b, &e); err != nil {
			return err
		}
		if k := ParseKind(e.Type); k != None {
			byDoc[e.Doc] = append(byDoc[e.Doc], span{e.Begin, e.End, k, "", false})
		}
		return nil
	}); err != nil {
		return nil, err
	}
	set := "re3d/" + filepath.Base(dir)
	var out []Sentence
	for _, d := range docs {
		var sents [][2]int
		for _, s := range r.seg.Segment(d.Text) {
			sents = append(sents, [2]int{s.Start, s.Start + len(s.Text)})
		}
		names := byDoc[d.ID]
		at := runeOffsets(d.Text)
		valid := names[:0]
		for _, n := range names {
			if n.start >= 0 && n.start < n.end {
				n.start, n.end = at(n.start), at(n.end)
				valid = append(valid, n)
			}
		}
		out = append(out, r.sentencesOf(set, d.Text, sents, valid)...)
	}
	return out, nil
}

func readJSONLines(path string, each func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := each(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %v", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// runeOffsets returns a function from character offsets (as Python and Java count them) to byte offsets
// in text; offsets past the end give len(text).
func runeOffsets(text string) func(int) int {
	idx := make([]int, 0, len(text)+1)
	for i := range text {
		idx = append(idx, i)
	}
	idx = append(idx, len(text))
	return func(c int) int {
		if c < 0 {
			return 0
		}
		if c >= len(idx) {
			return len(text)
		}
		return idx[c]
	}
}

// isLowerWord reports a word of lower-case letters.
func isLowerWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}
