// Command testreport reads `go test -json` on standard input and prints what a person watching wants:
// a line when each package starts and ends, a line for each test that ends (as go test -v does:
// "--- PASS: TestName (1.20s)"), the output of failed tests, and a closing summary of tests passed,
// failed and skipped. It exits 1 when anything failed. With -quiet it leaves out passing tests' lines.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

type event struct {
	Action  string
	Package string
	Test    string
	Elapsed float64
	Output  string
}

func main() {
	quiet := flag.Bool("quiet", false, "leave out the lines of tests that pass")
	flag.Parse()
	os.Exit(report(os.Stdin, os.Stdout, *quiet))
}

func report(in io.Reader, out io.Writer, quiet bool) int {
	var passed, failed, skipped, pkgFailed int
	started := map[string]bool{}
	output := map[string][]string{} // package/test -> its output, kept until it passes or fails
	t0 := time.Now()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Fprintln(out, sc.Text()) // a build error or other plain line
			continue
		}
		key := e.Package + "\x00" + e.Test
		if e.Package != "" && !started[e.Package] {
			started[e.Package] = true
			fmt.Fprintf(out, "=== package %s (%.0fs in)\n", e.Package, time.Since(t0).Seconds())
		}
		switch e.Action {
		case "output":
			output[key] = append(output[key], e.Output)
		case "pass", "fail", "skip":
			if e.Test == "" {
				status := map[string]string{"pass": "ok  ", "fail": "FAIL", "skip": "ok  "}[e.Action]
				if e.Action == "fail" {
					pkgFailed++
					for _, l := range output[key] {
						fmt.Fprint(out, l) // a package that failed outside its tests: build errors, panics
					}
				}
				fmt.Fprintf(out, "%s %s %.1fs\n", status, e.Package, e.Elapsed)
				delete(output, key)
				continue
			}
			word := map[string]string{"pass": "PASS", "fail": "FAIL", "skip": "SKIP"}[e.Action]
			indent := strings.Repeat("    ", strings.Count(e.Test, "/"))
			switch e.Action {
			case "pass":
				passed++
			case "fail":
				failed++
			case "skip":
				skipped++
			}
			if e.Action != "pass" || !quiet {
				fmt.Fprintf(out, "%s--- %s: %s (%.2fs)\n", indent, word, e.Test, e.Elapsed)
			}
			if e.Action != "pass" {
				for _, l := range output[key] {
					if !strings.HasPrefix(l, "=== ") && !strings.HasPrefix(strings.TrimSpace(l), "--- ") {
						fmt.Fprint(out, indent, "    ", strings.TrimLeft(l, " "))
					}
				}
			}
			delete(output, key)
		}
	}
	fmt.Fprintf(out, "tests: %d passed, %d failed, %d skipped; packages failed: %d (%.0fs)\n", passed, failed, skipped, pkgFailed, time.Since(t0).Seconds())
	if failed > 0 || pkgFailed > 0 {
		return 1
	}
	return 0
}
