package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"start","Package":"ex/a"}`,
		`{"Action":"run","Package":"ex/a","Test":"TestOK"}`,
		`{"Action":"output","Package":"ex/a","Test":"TestOK","Output":"=== RUN   TestOK\n"}`,
		`{"Action":"pass","Package":"ex/a","Test":"TestOK","Elapsed":0.5}`,
		`{"Action":"run","Package":"ex/a","Test":"TestBad"}`,
		`{"Action":"output","Package":"ex/a","Test":"TestBad","Output":"    a_test.go:9: want 2, got 3\n"}`,
		`{"Action":"fail","Package":"ex/a","Test":"TestBad","Elapsed":0.1}`,
		`{"Action":"skip","Package":"ex/a","Test":"TestLater","Elapsed":0}`,
		`{"Action":"fail","Package":"ex/a","Elapsed":0.7}`,
		`# ex/b`,
	}, "\n")
	var out bytes.Buffer
	code := report(strings.NewReader(in), &out, false)
	got := out.String()
	for _, want := range []string{"=== package ex/a", "--- PASS: TestOK (0.50s)", "--- FAIL: TestBad (0.10s)", "a_test.go:9: want 2, got 3",
		"--- SKIP: TestLater", "FAIL ex/a 0.7s", "# ex/b", "tests: 1 passed, 1 failed, 1 skipped; packages failed: 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if code != 1 {
		t.Errorf("exit %d after a failure, want 1", code)
	}
	if strings.Contains(got, "\x1b") {
		t.Errorf("escape sequences in the report:\n%q", got)
	}
	out.Reset()
	if code := report(strings.NewReader(`{"Action":"pass","Package":"ex/c","Test":"TestOK"}`), &out, true); code != 0 || strings.Contains(out.String(), "TestOK") {
		t.Errorf("quiet: exit %d, output %q", code, out.String())
	}
}
