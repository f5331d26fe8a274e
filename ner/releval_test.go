package ner

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// TestEvalRelationsCountsRightAndWrong: a relationship a positive judgement names is correct, one no
// judgement names is wrong, a positive nothing found is missed; names match as whole words.
func TestEvalRelationsCountsRightAndWrong(t *testing.T) {
	js, err := ReadJudgements(strings.NewReader(`
{"id":"a","source":"test","licence":"CC0","text":"Kenyan President William Ruto met Ghanaian President John Mahama in Nairobi on Monday.","type":"MET_WITH","from":"John Mahama","to":"William Ruto","holds":true}
{"id":"b","source":"test","licence":"CC0","text":"Kenyan President William Ruto met Ghanaian President John Mahama in Nairobi on Monday.","type":"HOLDS_OFFICE","from":"William Ruto","to":"Kenyan","holds":true,"current":true}
{"id":"c","source":"test","licence":"CC0","text":"Kenyan President William Ruto spoke by phone with Ghanaian President John Mahama on Monday.","type":"MET_WITH","from":"William Ruto","to":"John Mahama","holds":false}
{"id":"d","source":"test","licence":"CC0","text":"Kenyan President William Ruto spoke by phone with Ghanaian President John Mahama on Monday.","type":"HOLDS_OFFICE","from":"John Mahama","to":"Ghanaian","holds":true}
`), "test.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	scores, err := EvalRelations(context.Background(), extractor(t), js, 0)
	if err != nil {
		t.Fatal(err)
	}
	met, office := scores[graph.MetWith], scores[graph.HoldsOffice]
	if met == nil || met.Positives != 1 || met.Found != 1 || met.Predicted != 1 || met.Correct != 1 {
		t.Errorf("MET_WITH %+v, want the one meeting found and the call not", met)
	}
	// the offices of the people not judged in a sentence count as wrong: judgements list every relationship
	if office == nil || office.Positives != 2 || office.Found != 2 || office.Predicted != 4 || office.Correct != 2 || len(office.Wrong) != 2 {
		t.Errorf("HOLDS_OFFICE %+v", office)
	}
	if _, err := ReadJudgements(strings.NewReader(`{"id":"x","text":"A met B.","type":"MET_WITH","from":"C","to":"B","holds":true}`), "bad.jsonl"); err == nil || !strings.Contains(err.Error(), "bad.jsonl:1") {
		t.Errorf("a judgement naming words outside its text: %v", err)
	}
	if !wordRun(foldedWords("US Secretary of State"), foldedWords("us")) || wordRun(foldedWords("Russia"), foldedWords("us")) {
		t.Error("names must match as whole words")
	}
}
