package graph

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"testing"
)

// encodingJSON is what the hand-written encoder must equal: encoding/json without HTML escaping.
func encodingJSON(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n"))
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	cases := []string{"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr\bbs\fff", "\x00\x01\x1f\x7f",
		"<html> & 'apos'", "caf\u00e9 \u0416 \u65e5\u672c", "line\u2028para\u2029", "bad \xff\xfe utf8 \xe2\x82",
		"emoji \U0001F600", "\xed\xa0\x80 surrogate"}
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 2000; i++ {
		b := make([]byte, rng.Intn(24))
		for j := range b {
			b[j] = byte(rng.Intn(256))
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := string(appendJSONString(nil, s)), encodingJSON(t, s); got != want {
			t.Errorf("appendJSONString(%q) = %s, encoding/json %s", s, got, want)
		}
	}
}

func TestAppendLineMatchesEncodingJSON(t *testing.T) {
	p := Props{"name": "A \"quoted\" <name>", "aliases": []string{"x\u2028", "y"}, "count": int64(-3), "ok": true, "lat": 53.25}
	l := apocLine{Type: "relationship", ID: "a|MET_WITH|b", Label: "MET_WITH",
		Start: &apocEnd{ID: "a", Labels: []string{"Person"}}, End: &apocEnd{ID: "b", Labels: []string{"Person"}}}
	got, err := appendLine(nil, &l, p)
	if err != nil {
		t.Fatal(err)
	}
	props, _ := appendProps(nil, p)
	l.Properties = props
	if want := encodingJSON(t, l) + "\n"; string(got) != want {
		t.Errorf("appendLine:\n got %s\nwant %s", got, want)
	}
	if _, err := appendProps(nil, Props{"x": []int{1}}); err != nil {
		t.Errorf("a list of ints should go through encoding/json: %v", err)
	}
}
