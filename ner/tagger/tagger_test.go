package tagger

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// sentences are invented for the tests.
func sentences() []Sentence {
	raw := []string{
		"Maria/B-PER Okafor/I-PER flew/O to/O Lisbon/B-LOC on/O Monday/O ./O",
		"The/O Harbour/B-ORG Trust/I-ORG hired/O Tomas/B-PER Reyes/I-PER ./O",
		"Reyes/B-PER visited/O Quito/B-LOC and/O Lima/B-LOC ./O",
		"Officials/O at/O Kestrel/B-ORG Bank/I-ORG said/O nothing/O ./O",
		"Lena/B-PER Varga/I-PER lives/O in/O Porto/B-LOC ./O",
	}
	var out []Sentence
	for _, r := range raw {
		var s Sentence
		for _, wt := range strings.Fields(r) {
			i := strings.LastIndex(wt, "/")
			s.Words = append(s.Words, wt[:i])
			s.Gold = append(s.Gold, ParseLabel(wt[i+1:]))
		}
		out = append(out, s)
	}
	return out
}

func trainBytes(t *testing.T, seed uint64) []byte {
	t.Helper()
	d := NewDict()
	d.Add(ListCity, "Lisbon")
	d.Add(ListOrgWord, "bank")
	m := Train(sentences(), TrainOptions{Epochs: 5, Seed: seed, Dict: d, Rates: CapRates([]string{"the bank said the trust hired them"})})
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTrainingIsDeterministic(t *testing.T) {
	a, b := trainBytes(t, 7), trainBytes(t, 7)
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings with the same data and seed gave different model bytes")
	}
}

func TestModelRoundTripTagsTheSame(t *testing.T) {
	b := trainBytes(t, 1)
	m, err := Read(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	tg := m.NewTagger()
	for _, s := range sentences() {
		got := tg.Labels(s.Words, nil)
		for i := range s.Gold {
			if got[i] != s.Gold[i] {
				t.Errorf("%v: word %q labelled %s, want %s (the model fits its five training sentences)",
					s.Words, s.Words[i], LabelString(got[i]), LabelString(s.Gold[i]))
			}
		}
	}
	spans := tg.Tag([]string{"Maria", "Okafor", "flew", "to", "Lisbon"}, nil)
	if len(spans) != 2 || spans[0].Kind != Person || spans[0].End != 2 || spans[1].Kind != Place {
		t.Errorf("spans = %+v", spans)
	}
	for _, sp := range spans {
		if sp.Confidence <= 0 || sp.Confidence > 1 {
			t.Errorf("confidence %v outside (0,1]", sp.Confidence)
		}
	}
}

func TestReadRejectsOtherData(t *testing.T) {
	for name, data := range map[string][]byte{"empty": nil, "text": []byte("hello"), "truncated": trainBytes(t, 1)[:200]} {
		if _, err := Read(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: read without error", name)
		} else if !errors.Is(err, ErrFormat) && name != "truncated" {
			t.Errorf("%s: %v is not ErrFormat", name, err)
		}
	}
}

func TestReadCoNLL(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.conll")
	os.WriteFile(good, []byte("# a comment\nAna\tB-PER\nSilva\tI-PER\nsaw\tO\nRome\tI-LOC\n\n1\tHi\tO\t-\t-\n"), 0o644)
	s, err := readCoNLL(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 2 || len(s[0].Words) != 4 || s[0].Gold[3] != labelOf(Place, false) || s[1].Words[0] != "Hi" {
		t.Errorf("read %+v (an I- after O starts a name, as conlleval reads it)", s)
	}
	bad := filepath.Join(dir, "bad.conll")
	os.WriteFile(bad, []byte("Ana\tB-PER\nSilva\tX-PER\n"), 0o644)
	if _, err := readCoNLL(bad); err == nil || !strings.Contains(err.Error(), "bad.conll:2") {
		t.Errorf("error %v does not name the file and line", err)
	}
}

func TestScoreMatchesExactly(t *testing.T) {
	B := func(k Kind) int { return labelOf(k, false) }
	I := func(k Kind) int { return labelOf(k, true) }
	sc := NewScore()
	gold := []int{B(Person), I(Person), 0, B(Place), 0, B(Organization)}
	pred := []int{B(Person), 0, 0, B(Place), 0, B(Person)} // a cut name, a right place, a wrong kind
	sc.Add(gold, pred)
	want := map[Kind]Counts{Person: {0, 2, 1}, Place: {1, 0, 0}, Organization: {0, 0, 1}}
	for k, c := range want {
		if *sc.ByKind[k] != c {
			t.Errorf("%s: %+v, want %+v", k, *sc.ByKind[k], c)
		}
	}
	if tot := sc.Total(); tot.Precision() != 1.0/3 || tot.Recall() != 1.0/3 {
		t.Errorf("total %+v", tot)
	}
}

func TestShape(t *testing.T) {
	for w, want := range map[string]string{"Okafor": "Xx", "NATO": "X", "U.S.": "X.X.", "1990s": "dx", "Ji-won": "Xx-x", "@kestrel": "@x"} {
		if got := shape(w); got != want {
			t.Errorf("shape(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestReadRefusesHostileAndCorruptModels(t *testing.T) {
	good := trainBytes(t, 1)
	// a tiny file claiming 2^26 weights must fail without allocating for them
	var hostile bytes.Buffer
	zw := gzip.NewWriter(&hostile)
	zw.Write([]byte(magic))
	notes := []byte(`{"features_version":` + strconv.Itoa(FeaturesVersion) + `}`)
	binary.Write(zw, binary.LittleEndian, uint32(len(notes)))
	zw.Write(notes)
	binary.Write(zw, binary.LittleEndian, uint32(0)) // no names
	binary.Write(zw, binary.LittleEndian, uint32(0)) // no rates
	binary.Write(zw, binary.LittleEndian, uint32(1<<26))
	zw.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := Read(bytes.NewReader(hostile.Bytes())); err == nil {
		t.Error("a model claiming 2^26 weights without them was read")
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("reading %d bytes allocated %d MB", hostile.Len(), grew>>20)
	}
	// a flipped bit in the compressed weights, a cut trailer, data after the end
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x10
	for name, data := range map[string][]byte{"flipped bit": flipped, "no trailer": good[:len(good)-8], "data after": append(bytes.Clone(good), 0x1f, 0x8b, 0, 0)} {
		if _, err := Read(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
	if _, err := Read(bytes.NewReader(good)); err != nil {
		t.Errorf("the good model: %v", err)
	}
}

func TestCoNLLWordsStartingWithHash(t *testing.T) {
	f := filepath.Join(t.TempDir(), "tweets.conll")
	os.WriteFile(f, []byte("# a comment\n#Lisbon\tB-LOC\nrocks\tO\n"), 0o644)
	s, err := readCoNLL(f)
	if err != nil || len(s) != 1 || len(s[0].Words) != 2 || s[0].Words[0] != "#Lisbon" || s[0].Gold[0] != labelOf(Place, false) {
		t.Errorf("read %+v, %v", s, err)
	}
}

func TestGUMBadSentenceIsAnError(t *testing.T) {
	f := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(f, []byte(`{"id":"d","split":"test","text":"Ana met Rui.","sentences":[[10,3]],"mentions":[]}`+"\n"), 0o644)
	r, err := NewReader(ReadOptions{Part: EvalPart})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Read(f); err == nil || !strings.Contains(err.Error(), "bad.jsonl:1") {
		t.Errorf("error %v does not name the file and line", err)
	}
}

func TestDictCurlyApostrophes(t *testing.T) {
	d := NewDict()
	d.Add(ListPerson, "Beto O’Rourke")
	m := &Model{dict: d}
	m.freezeLists()
	for _, w := range [][]string{{"Beto", "O’Rourke"}, {"Beto", "O'Rourke"}} {
		if !m.Listed(ListPerson, w...) {
			t.Errorf("%v not listed", w)
		}
	}
}

// A GUM mention headed by a common noun holds a name when one stands in apposition to the head; named
// mentions inside it keep their own label, and a common-noun mention without a name gives none.
func TestGUMAppositiveNames(t *testing.T) {
	text := "The harpist Lena Varga played in Porto with the city band. The town of Braga waited for the band I saw."
	m := func(s, e int, typ string, named bool, head string) string {
		return `{"start":` + strconv.Itoa(s) + `,"end":` + strconv.Itoa(e) + `,"type":"` + typ + `","named":` +
			strconv.FormatBool(named) + `,"head":"` + head + `"}`
	}
	at := func(sub string) (int, int) { i := strings.Index(text, sub); return i, i + len(sub) }
	s1, e1 := at("The harpist Lena Varga")
	s2, e2 := at("Porto")
	s3, e3 := at("the city band")
	s4, e4 := at("The town of Braga")
	s5, e5 := at("Braga")
	s6, e6 := at("the band I saw")
	doc := `{"id":"d","split":"test","text":"` + text + `","sentences":[[0,58],[59,` + strconv.Itoa(len(text)) + `]],"mentions":[` +
		strings.Join([]string{m(s1, e1, "person", false, "harpist"), m(s2, e2, "place", true, "Porto"),
			m(s3, e3, "organization", false, "band"), m(s4, e4, "place", false, "town"), m(s5, e5, "place", true, "Braga"),
			m(s6, e6, "organization", false, "band")}, ",") + `]}`
	f := filepath.Join(t.TempDir(), "gum.jsonl")
	os.WriteFile(f, []byte(doc+"\n"), 0o644)
	r, err := NewReader(ReadOptions{Part: EvalPart})
	if err != nil {
		t.Fatal(err)
	}
	sents, err := r.Read(f)
	if err != nil || len(sents) != 2 {
		t.Fatalf("read %d sentences, %v", len(sents), err)
	}
	var got []string
	for _, s := range sents {
		for i, w := range s.Words {
			if s.Gold[i] != 0 {
				got = append(got, w+"/"+LabelString(s.Gold[i]))
			}
		}
	}
	want := "Lena/B-PER Varga/I-PER Porto/B-LOC Braga/B-LOC"
	if strings.Join(got, " ") != want {
		t.Errorf("names %q, want %q", strings.Join(got, " "), want)
	}
}
