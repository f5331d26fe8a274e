package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/snapshot"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/ner/tagger"
)

// TrainOptions are the settings of "newsgraph train".
type TrainOptions struct {
	IO      IO
	Data    string
	Extra   []string
	Lists   string
	HeldOut []string
	Out     string
	Seed    uint64
	Epochs  int
}

// NewCmdTrain returns "newsgraph train". runF replaces runTrain in tests.
func NewCmdTrain(f *Factory, runF func(context.Context, *TrainOptions) error) *cobra.Command {
	opts := &TrainOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Train the name tagger from annotated text and name lists",
		Long: `Train learns the name tagger (an averaged perceptron over BIO tags) from the annotated sets under
DATA/ner and the name lists under DATA/gazetteers, never reading the held-out part (UNER English-EWT
test, BTC section F, GUM's test documents, re3d's US State Department), scores it on that part and
writes MODEL. The same data and seed give the same bytes. Use the model with build --model MODEL, or
write it to ner/model/names.model and rebuild newsgraph to ship it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runTrain(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Data, "data", "../shared/data", "folder with ner/ (annotated text) and gazetteers/ (name lists)")
	cmd.Flags().StringSliceVar(&opts.Extra, "extra", []string{"ner/data"}, "more annotated files or folders to train on (newsgraph's own annotated news)")
	cmd.Flags().StringVar(&opts.Lists, "lists", "ner/data/lists", "folder of name lists (cities.txt, us_states.txt); empty for none")
	cmd.Flags().StringSliceVar(&opts.HeldOut, "held-out", []string{"ner/data/heldout"}, "more annotated files or folders to score the model on, never trained on")
	cmd.Flags().StringVar(&opts.Out, "out", "ner/model/names.model", "model file to write")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed of the order sentences are seen in")
	cmd.Flags().IntVar(&opts.Epochs, "epochs", 10, "passes over the training data")
	return cmd
}

func runTrain(_ context.Context, opts *TrainOptions) error {
	if opts.Epochs < 1 {
		return usagef("--epochs must be at least 1")
	}
	m, err := ner.TrainModel(ner.TrainConfig{Data: opts.Data, Extra: opts.Extra, Lists: opts.Lists, HeldOut: opts.HeldOut, Seed: opts.Seed, Epochs: opts.Epochs, Log: opts.IO.ErrOut})
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	return snapshot.WriteFileAtomic(opts.Out, func(f *os.File) error { return m.Write(f) })
}

// EvalOptions are the settings of "newsgraph eval ner".
type EvalOptions struct {
	IO          IO
	Files       []string
	Model       string
	Predictions string
	Dump        string
	Tags        string
	Notes       bool
}

// NewCmdEval returns "newsgraph eval" with its subcommand "ner".
func NewCmdEval(f *Factory, runF func(context.Context, *EvalOptions) error) *cobra.Command {
	cmd := &cobra.Command{Use: "eval", Short: "Measure the name tagger and the relationship rules on annotated text"}
	opts := &EvalOptions{IO: f.IO}
	nerCmd := &cobra.Command{
		Use:   "ner FILE...",
		Short: "Print precision, recall and F1 per label and overall on annotated files",
		Long: `Eval ner tags annotated files (CoNLL or IOB2, GUM JSON lines, re3d folders) and prints precision,
recall and F1 of PER, LOC and ORG names per file and over all, matching names exactly (same words, same
label). Of a GUM file only the test documents are read. With --predictions it scores another system's
tags instead (one JSON line a sentence, {"tags": [...]}, in the order --dump writes the sentences).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if len(args) == 0 && !opts.Notes {
				return usagef("newsgraph eval ner FILE... (or --notes)")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runEval(cmd.Context(), opts)
		},
	}
	nerCmd.Flags().StringVar(&opts.Model, "model", "", "model file (default: the embedded model)")
	nerCmd.Flags().StringVar(&opts.Predictions, "predictions", "", "score these predicted tags instead of the model's")
	nerCmd.Flags().StringVar(&opts.Dump, "dump", "", "write the sentences (words and gold tags) as JSON lines to this file and stop")
	nerCmd.Flags().BoolVar(&opts.Notes, "notes", false, "print the model's notes (training data with hashes, settings, held-out scores, licence) as JSON and stop")
	nerCmd.Flags().StringVar(&opts.Tags, "tags", "", "also write the predicted tags as JSON lines to this file, for error analysis")
	cmd.AddCommand(nerCmd, newCmdEvalRelations(f))
	return cmd
}

// newCmdEvalRelations returns "newsgraph eval relations".
func newCmdEvalRelations(f *Factory) *cobra.Command {
	var minConfidence float64
	var wrong bool
	cmd := &cobra.Command{
		Use:   "relations FILE",
		Short: "Print precision and recall per relationship type on a labelled relation set",
		Long: `Eval relations builds each sentence of a labelled relation set (JSON lines: text, type, from, to,
holds; see testdata/relations/README.md) as an article of its own and prints, per relationship type, how
many relationships were found and how many of them a positive judgement of their sentence names
(precision), and how many positive judgements were found (recall). --wrong lists the wrong ones.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("newsgraph eval relations FILE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			file, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer file.Close()
			js, err := ner.ReadJudgements(file, args[0])
			if err != nil {
				return err
			}
			ex, err := f.Extractor()
			if err != nil {
				return err
			}
			scores, err := ner.EvalRelations(cmd.Context(), ex, js, minConfidence)
			if err != nil {
				return err
			}
			out := f.IO.Out
			fmt.Fprintf(out, "%-16s %9s %7s %9s %9s %5s %9s\n", "type", "predicted", "correct", "precision", "positives", "found", "recall")
			var all ner.RelScore
			for _, t := range graph.RelTypes {
				sc := scores[t]
				if sc == nil {
					continue
				}
				fmt.Fprintf(out, "%-16s %9d %7d %9.3f %9d %5d %9.3f\n", t, sc.Predicted, sc.Correct, sc.Precision(), sc.Positives, sc.Found, sc.Recall())
				if sc.CurrentJudged > 0 {
					fmt.Fprintf(out, "  current as judged: %d of %d\n", sc.CurrentRight, sc.CurrentJudged)
				}
				all.Predicted, all.Correct, all.Positives, all.Found = all.Predicted+sc.Predicted, all.Correct+sc.Correct, all.Positives+sc.Positives, all.Found+sc.Found
				if wrong {
					for _, w := range sc.Wrong {
						fmt.Fprintln(out, "  wrong:", w)
					}
				}
			}
			fmt.Fprintf(out, "%-16s %9d %7d %9.3f %9d %5d %9.3f\n", "all", all.Predicted, all.Correct, all.Precision(), all.Positives, all.Found, all.Recall())
			return nil
		},
	}
	cmd.Flags().Float64Var(&minConfidence, "min-confidence", DefaultMinConfidence, "leave out relationships found by rules less sure than this, as build does")
	cmd.Flags().BoolVar(&wrong, "wrong", false, "list the relationships found that no positive judgement names")
	return cmd
}

type evalLine struct {
	Set    string   `json:"set"`
	Tokens []string `json:"tokens,omitempty"`
	Gold   []string `json:"gold,omitempty"`
	Tags   []string `json:"tags,omitempty"`
}

func runEval(_ context.Context, opts *EvalOptions) error {
	if opts.Notes {
		m, err := ner.DefaultModel()
		if opts.Model != "" {
			m, err = ner.ReadModel(opts.Model)
		}
		if err != nil {
			return err
		}
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(m.Notes)
	}
	rd, err := ner.NewCorpusReader(tagger.EvalPart)
	if err != nil {
		return err
	}
	type set struct {
		name  string
		sents []tagger.Sentence
	}
	var sets []set
	for _, f := range opts.Files {
		s, err := rd.Read(f)
		if err != nil {
			return fmt.Errorf("read %q: %w", f, err)
		}
		if len(s) == 0 {
			return fmt.Errorf("%q: no annotated sentences", f)
		}
		sets = append(sets, set{f, s})
	}
	if opts.Dump != "" {
		return snapshot.WriteFileAtomic(opts.Dump, func(f *os.File) error {
			w := bufio.NewWriter(f)
			enc := json.NewEncoder(w)
			for _, st := range sets {
				for _, s := range st.sents {
					l := evalLine{Set: st.name, Tokens: s.Words}
					for _, g := range s.Gold {
						l.Gold = append(l.Gold, tagger.LabelString(g))
					}
					if err := enc.Encode(l); err != nil {
						return err
					}
				}
			}
			return w.Flush()
		})
	}
	predict, done, err := predictor(opts)
	if err != nil {
		return err
	}
	var tagsOut *json.Encoder
	var tagsBuf *bufio.Writer
	var tagsFile *os.File
	if opts.Tags != "" {
		if tagsFile, err = os.Create(opts.Tags); err != nil {
			return err
		}
		defer tagsFile.Close()
		tagsBuf = bufio.NewWriter(tagsFile)
		tagsOut = json.NewEncoder(tagsBuf)
	}
	all := tagger.NewScore()
	for _, st := range sets {
		sc := tagger.NewScore()
		for _, s := range st.sents {
			pred, err := predict(s)
			if err != nil {
				return err
			}
			sc.Add(s.Gold, pred)
			if tagsOut != nil {
				l := evalLine{Set: st.name}
				for _, p := range pred {
					l.Tags = append(l.Tags, tagger.LabelString(p))
				}
				if err := tagsOut.Encode(l); err != nil {
					return err
				}
			}
		}
		for k, c := range sc.ByKind {
			all.ByKind[k].Add(*c)
		}
		if err := sc.WriteTable(opts.IO.Out, st.name); err != nil {
			return err
		}
		fmt.Fprintln(opts.IO.Out)
	}
	if err := done(); err != nil {
		return err
	}
	if tagsBuf != nil {
		if err := tagsBuf.Flush(); err != nil {
			return fmt.Errorf("write %s: %w", opts.Tags, err)
		}
		if err := tagsFile.Close(); err != nil {
			return fmt.Errorf("write %s: %w", opts.Tags, err)
		}
	}
	if len(sets) > 1 {
		return all.WriteTable(opts.IO.Out, "all files")
	}
	return nil
}

// predictor returns the tags of a sentence: the model's, or the next line of --predictions; and a
// function that reports, at the end, predictions left over.
func predictor(opts *EvalOptions) (func(tagger.Sentence) ([]int, error), func() error, error) {
	if opts.Predictions == "" {
		m, err := ner.DefaultModel()
		if opts.Model != "" {
			m, err = ner.ReadModel(opts.Model)
		}
		if err != nil {
			return nil, nil, err
		}
		t := m.NewTagger()
		return func(s tagger.Sentence) ([]int, error) { return t.Labels(s.Words, s.POS), nil }, func() error { return nil }, nil
	}
	f, err := os.Open(opts.Predictions)
	if err != nil {
		return nil, nil, err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	predict := func(s tagger.Sentence) ([]int, error) {
		n++
		if !sc.Scan() {
			if err := sc.Err(); err != nil {
				return nil, fmt.Errorf("%s: %w", opts.Predictions, err)
			}
			return nil, fmt.Errorf("%s: %d lines, but the files hold more sentences", opts.Predictions, n-1)
		}
		var l evalLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", opts.Predictions, n, err)
		}
		if len(l.Tags) != len(s.Words) {
			return nil, fmt.Errorf("%s:%d: %d tags for a sentence of %d words", opts.Predictions, n, len(l.Tags), len(s.Words))
		}
		out := make([]int, len(l.Tags))
		for i, t := range l.Tags {
			out[i] = tagger.ParseLabel(t)
		}
		return out, nil
	}
	done := func() error {
		defer f.Close()
		for sc.Scan() {
			n++
			if len(strings.TrimSpace(sc.Text())) > 0 {
				return fmt.Errorf("%s:%d: more predictions than sentences: were they made for these files?", opts.Predictions, n)
			}
		}
		return sc.Err()
	}
	return predict, done, nil
}
