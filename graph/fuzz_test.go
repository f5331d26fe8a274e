package graph

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzReadJSONL checks that reading a snapshot never panics, and that whatever reads without error
// writes and reads back to the same bytes.
func FuzzReadJSONL(f *testing.F) {
	var buf bytes.Buffer
	_ = WriteJSONL(&buf, sample())
	f.Add(buf.String())
	f.Add(`{"type":"node","id":"a","labels":["Person"],"properties":{"x":1.5,"l":["b","a"]}}`)
	f.Add(`{"type":"relationship","id":"r","label":"MET_WITH","start":{"id":"a"},"end":{"id":"a"},"properties":{}}`)
	f.Add("{\n}\n\x00")
	f.Add(strings.Repeat("[", 1000))
	f.Fuzz(func(t *testing.T, in string) {
		g, err := ReadJSONL(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		var a, b bytes.Buffer
		if err := WriteJSONL(&a, g); err != nil {
			return // e.g. a NaN cannot be written; reported, not a crash
		}
		g2, err := ReadJSONL(bytes.NewReader(a.Bytes()), "again")
		if err != nil {
			t.Fatalf("our own output does not read back: %v\n%s", err, a.String())
		}
		_ = WriteJSONL(&b, g2)
		if a.String() != b.String() {
			t.Fatalf("round trip changed the snapshot:\n%s\n%s", a.String(), b.String())
		}
	})
}
