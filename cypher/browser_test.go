package cypher_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/internal/fixture"
)

// browserURL is where Neo4j Browser is served for the test server: NEWSGRAPH_BROWSER_URL, or the local
// server's HTTP port when scripts/test started it.
func browserURL(t *testing.T) string {
	if u := os.Getenv("NEWSGRAPH_BROWSER_URL"); u != "" {
		return u
	}
	if os.Getenv("NEWSGRAPH_LOCAL_NEO4J") != "" {
		port := os.Getenv("NEO4J_LOCAL_HTTP_PORT")
		if port == "" {
			port = "7474"
		}
		return "http://127.0.0.1:" + port + "/browser/"
	}
	t.Skip("Neo4j Browser test: set NEWSGRAPH_BROWSER_URL, or run under scripts/test")
	return ""
}

// chromium finds a Chromium to drive: $CHROMIUM, or chromium on PATH. Without one the test is skipped,
// or fails when NEWSGRAPH_REQUIRE_BROWSER is set (CI installs Debian's chromium).
func chromium(t *testing.T) string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("NEWSGRAPH_REQUIRE_BROWSER") != "" {
		t.Fatal("no chromium found but NEWSGRAPH_REQUIRE_BROWSER is set (apt-get install chromium)")
	}
	t.Skip("Neo4j Browser test: no chromium on PATH")
	return ""
}

// Neo4j Browser, opened in headless Chromium against the test database with the fixture graph loaded, runs
// the named query met-with; the frame it renders shows the people the same query returns through the
// driver, and its screenshot is not blank.
func TestNeo4jBrowserRunsNamedQuery(t *testing.T) {
	c := client(t)
	base, exe := browserURL(t), chromium(t)
	load(t, c, fixture.News())
	ctx := context.Background()
	text := mustQuery(t, "met-with")
	rows, err := c.Run(ctx, text, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows.Rows) == 0 {
		t.Fatal("met-with returns no rows on the fixture graph")
	}
	want := fmt.Sprint(rows.Rows[0][0])

	bolt := os.Getenv("NEO4J_URI")
	u := base + "?dbms=" + url.QueryEscape(bolt) + "&preselectAuthMethod=NO_AUTH&cmd=edit&arg=" + url.QueryEscape(text)
	// not t.TempDir: Chromium may still be writing its profile when the test's cleanup runs
	profile, err := os.MkdirTemp("", "newsgraph-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.UserDataDir(profile), chromedp.WindowSize(1400, 900),
		// the machine's network is closed: keep Chromium from calling home
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-sync", true))
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	tab, cancel := chromedp.NewContext(actx)
	defer cancel()
	// start Chromium on the tab's own context: cancelling the context of the first Run closes the browser
	if err := chromedp.Run(tab); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	const result = `[data-testid="frame-loaded-contents"]`
	var shown string
	var shot []byte
	steps := []struct {
		what string
		do   chromedp.Action
	}{
		{"open Browser", chromedp.Navigate(u)},
		{"wait for the editor", chromedp.WaitVisible(`[data-testid="editor-Run"]`, chromedp.ByQuery)},
		{"wait for the connection", chromedp.Poll(`document.body.innerText.includes("Connected to Neo4j")`, nil, chromedp.WithPollingTimeout(45*time.Second))},
		// the editor is filled from cmd=edit
		{"wait for the query in the editor", chromedp.Poll(`(document.querySelector('[data-testid="activeEditor"]') || {innerText: ""}).innerText.includes("MET_WITH")`, nil, chromedp.WithPollingTimeout(45*time.Second))},
		// Browser connects in the background: a query run before that fails with BoltConnectionError, so
		// run it again (from the frame's own button) until the rows come back
		{"run it and wait for its rows", chromedp.ActionFunc(func(ctx context.Context) error {
			shows := fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).some(e => e.innerText.includes(%q))`, result, want)
			run := chromedp.Click(`[data-testid="editor-Run"]`, chromedp.ByQuery)
			for attempt := 0; ; attempt++ {
				if err := run.Do(ctx); err != nil {
					return err
				}
				err := chromedp.Poll(shows, nil, chromedp.WithPollingTimeout(8*time.Second)).Do(ctx)
				if err == nil || attempt == 5 {
					return err
				}
				run = chromedp.Click(`[data-testid="rerunFrameButton"]`, chromedp.ByQuery)
			}
		})},
		{"find the result frame", chromedp.Evaluate(fmt.Sprintf(`(() => {
			const f = Array.from(document.querySelectorAll('[data-testid="frame"]')).find(e => e.innerText.includes(%q));
			f.id = "newsgraph-result";
			f.scrollIntoView();
			return f.innerText;
		})()`, want), &shown)},
		// frames slide in: let the result frame reach its size before taking its picture
		{"let the frame settle", chromedp.Sleep(time.Second)},
		{"take a screenshot", chromedp.Screenshot(`#newsgraph-result`, &shot, chromedp.ByQuery)},
	}
	for _, st := range steps {
		sctx, cancel := context.WithTimeout(tab, time.Minute)
		err = chromedp.Run(sctx, st.do)
		cancel()
		if err != nil {
			err = fmt.Errorf("%s: %w", st.what, err)
			var page []byte
			if chromedp.Run(tab, chromedp.FullScreenshot(&page, 100)) == nil {
				_ = os.WriteFile(filepath.Join(artifacts(t), "browser-failure.png"), page, 0o644)
			}
			break
		}
	}
	if err != nil {
		t.Fatalf("Neo4j Browser at %s: %v", base, err)
	}
	path := filepath.Join(artifacts(t), "browser-met-with.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s; frame text: %.300q", path, shown)
	for _, r := range rows.Rows {
		if name := fmt.Sprint(r[1]); !strings.Contains(shown, name) {
			t.Errorf("the result frame does not show %q", name)
		}
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	dark := inked(img)
	t.Logf("screenshot %dx%d: %.2f%% of pixels dark", img.Bounds().Dx(), img.Bounds().Dy(), 100*dark)
	// rendered rows of text ink a few percent of the page in dark pixels; a blank or unstyled page
	// (white, light grey, light blue) has next to none
	if dark < 0.01 {
		t.Errorf("screenshot looks blank: %.2f%% of pixels dark", 100*dark)
	}
}

// artifacts is the folder for files a person may want to look at after the test: NEWSGRAPH_ARTIFACTS,
// or a temporary folder.
func artifacts(t *testing.T) string {
	dir := os.Getenv("NEWSGRAPH_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// inked returns the share of dark pixels (luminance under 60%) in img.
func inked(img image.Image) float64 {
	b := img.Bounds()
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if 299*r+587*g+114*bl < 600*0xffff {
				dark++
			}
		}
	}
	if n := b.Dx() * b.Dy(); n > 0 {
		return float64(dark) / float64(n)
	}
	return 0
}
