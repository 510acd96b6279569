package cookbook_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/cookbook"
	"github.com/newsgraph/newsgraph/graph/graphtest"
)

// TestBrowserShowsTheCookbook drives Neo4j Browser in headless Chromium as
// an analyst would: connect, drop the style file and the favourites zip
// onto the window, run "Did two actors meet?" for Mike Pompeo and Kim Jong
// Un and check the drawn graph, then run every other favourite and check
// that it answers. It saves a screenshot of the meeting graph; with
// -update it also copies it to docs/browser.png.
//
// It needs Neo4j (as the other integration tests) and Chromium; a missing
// Chromium fails the test, and only -short skips it.
func TestBrowserShowsTheCookbook(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test: needs Neo4j and Chromium (run without -short)")
	}
	chromium := findChromium(t)
	sampleGraph(t)
	cfg := graphtest.Config()
	browserURL := neo4jBrowserURL(t)
	b := startChromium(t, chromium)

	// The Browser first tries to connect on its own and then says it could
	// not; the form is ready for input after that.
	b.do("open Neo4j Browser", chromedp.Navigate(browserURL), chromedp.WaitVisible(chromedp.CSS(`[data-testid="boltaddress"]`)))
	b.poll("the Browser's first connection attempt", `document.body.innerText.includes('Database access not available')`)
	b.connect(cfg)

	// The style, dropped as the docs tell analysts to.
	b.markFrames()
	b.dropFile(filepath.Join(repoRoot, styleFile), `[...document.querySelectorAll('[data-testid="frame"]')].some(f => !f.dataset.ngSeen)`)
	styleFrame := b.waitNewFrame()
	if !strings.HasPrefix(styleFrame.Command, ":style") || !strings.Contains(styleFrame.Text, "node.Person") {
		t.Fatalf("the :style frame after dropping %s does not show our rules:\n%s", styleFile, styleFrame.Text)
	}

	// The favourites zip, likewise.
	folder := fmt.Sprintf(`[data-testid="savedScriptsFolder-%s"]`, cookbook.FavoritesFolder)
	b.do("open the favourites", chromedp.Click(chromedp.CSS(`[data-testid="navigationFavorites"] button`)))
	b.dropFile(filepath.Join(repoRoot, "docs", "newsgraph-cookbook.zip"), `document.querySelector('`+folder+`')`)
	b.do("open the cookbook folder",
		chromedp.WaitVisible(chromedp.CSS(folder)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-testid="expandFolder-%s"]`, cookbook.FavoritesFolder))))
	var want []string
	for _, r := range cookbook.All() {
		want = append(want, r.Title, r.ParamsTitle())
	}
	got := b.favoriteTitles(folder)
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("the cookbook folder has favourites\n%q\nwant\n%q", got, want)
	}

	// The Pompeo–Kim meeting, drawn with the style.
	meet, _ := cookbook.Get("did-they-meet")
	frame := b.runRecipe(folder, meet)
	if frame.State != "graph" || frame.Nodes != 2 || frame.Relationships < 1 {
		t.Fatalf("want the graph of 2 actors and their MET edges, got %s (%d nodes, %d relationships):\n%s",
			frame.State, frame.Nodes, frame.Relationships, frame.Text)
	}
	drawn := b.drawnGraph(frame.Tag)
	style, _ := loadStyle(t)
	var captions []string
	for _, n := range drawn.Nodes {
		captions = append(captions, n.Caption)
		if !strings.EqualFold(n.Fill, style["node.Person"]["color"]) {
			t.Errorf("node %q is drawn in %s, want the style's Person colour %s", n.Caption, n.Fill, style["node.Person"]["color"])
		}
	}
	slices.Sort(captions)
	if !slices.Equal(captions, []string{"Kim Jong Un", "Mike Pompeo"}) {
		t.Errorf("drawn node captions %q, want Kim Jong Un and Mike Pompeo", captions)
	}
	if len(drawn.Relationships) < 1 {
		t.Errorf("no relationship drawn")
	}
	for _, r := range drawn.Relationships {
		if status, _, _ := strings.Cut(r.Caption, " "); !slices.Contains(statuses, status) {
			t.Errorf("MET edge captioned %q, want its status (%v) first", r.Caption, statuses)
		}
		if !strings.EqualFold(r.Fill, style["relationship.MET"]["color"]) {
			t.Errorf("MET edge drawn in %s, want the style's %s", r.Fill, style["relationship.MET"]["color"])
		}
	}
	b.saveScreenshot()

	// Every other favourite answers in the Browser too.
	for _, r := range cookbook.All() {
		if r.ID == meet.ID {
			continue
		}
		frame := b.runRecipe(folder, r)
		// Every example has an answer in the sample graph (queries_test.go
		// checks what it is).
		if !(frame.State == "graph" && frame.Nodes > 0) && !(frame.State == "table" && frame.Records > 0) {
			t.Errorf("favourite %q shows no result in the Browser (%s):\n%s", r.Title, frame.State, frame.Text)
		}
	}
}

// findChromium returns the Chromium to drive: $CHROMIUM, or the first of
// the usual names on PATH.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	hint := "install it with `apt-get install chromium` or set CHROMIUM to its path"
	if os.Getenv("CI") != "" {
		hint = ".ci/run installs it (apt-get install chromium); check its prerequisites section"
	}
	t.Fatalf("the browser test needs Chromium, which is not on PATH: %s (go test -short skips integration tests)", hint)
	return ""
}

// neo4jBrowserURL is the Browser of the test server (graphtest.BrowserURL:
// $NEO4J_BROWSER_URL, else the test instance's). It fails the test when
// nothing serves it.
func neo4jBrowserURL(t *testing.T) string {
	t.Helper()
	target, err := graphtest.BrowserURL()
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(target)
	if err != nil {
		t.Fatalf("Neo4j Browser is not served at %s (set NEO4J_BROWSER_URL when NEO4J_URI points elsewhere): %v", target, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("Neo4j Browser at %s answers %s", target, resp.Status)
	}
	return target
}

// browserSession is one headless Chromium with one tab.
type browserSession struct {
	t      *testing.T
	ctx    context.Context
	frames int // frames tagged so far
}

func startChromium(t *testing.T, path string) *browserSession {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	)
	// The whole session, browser included, ends after this long.
	parent, cancelAll := context.WithTimeout(context.Background(), 5*time.Minute)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(func() { cancelTab(); cancelAlloc(); cancelAll() })
	// The first action starts the browser; a failure here is Chromium's.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.userAgent`)); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return &browserSession{t: t, ctx: ctx}
}

// do runs actions, failing the test with a screenshot on error.
func (b *browserSession) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fail("%s: %v", what, err)
	}
}

// call runs a JavaScript function with JSON arguments and decodes its
// result into T.
func call[T any](b *browserSession, fn string, args ...any) T {
	b.t.Helper()
	js := make([]string, len(args))
	for i, a := range args {
		j, err := json.Marshal(a)
		if err != nil {
			b.t.Fatal(err)
		}
		js[i] = string(j)
	}
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T]("("+fn+")("+strings.Join(js, ", ")+")", chromedp.EvalAwaitPromise))
	if err != nil {
		b.fail("script %.60s...: %v", fn, err)
	}
	return v
}

// setInput sets a React-controlled input or select as typing would: the
// native value setter, then the input and change events React listens to.
const setInput = `(sel, value) => {
  const el = document.querySelector(sel);
  if (!el) return 'missing ' + sel;
  const proto = el.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
  el.dispatchEvent(new Event('input', {bubbles: true}));
  el.dispatchEvent(new Event('change', {bubbles: true}));
  return el.value;
}`

// connect fills the Browser's connect form and waits for the connection.
func (b *browserSession) connect(cfg graph.Config) {
	b.t.Helper()
	u, err := url.Parse(cfg.URI)
	if err != nil {
		b.t.Fatalf("NEO4J_URI: %v", err)
	}
	fields := []struct{ sel, value string }{
		{`[data-testid="bolt-scheme-select"]`, u.Scheme + "://"},
		{`[data-testid="boltaddress"]`, u.Host},
		{`[data-testid="username"]`, cfg.User},
		{`[data-testid="password"]`, cfg.Password},
	}
	if cfg.Database != "" {
		fields = append(fields, struct{ sel, value string }{`[data-testid="database"]`, cfg.Database})
	}
	for _, f := range fields {
		if got := call[string](b, setInput, f.sel, f.value); got != f.value {
			what := f.value
			if f.sel == `[data-testid="password"]` {
				what = "the password"
			}
			b.fail("cannot set %s to %s in the connect form (got %q)", f.sel, what, got)
		}
	}
	// A click while the Browser is still busy with its own first attempt to
	// connect can go unanswered; a user would click again, and so does this.
	const connected = `document.body.innerText.includes('You are connected as user')`
	for try := 1; ; try++ {
		b.do("connect", chromedp.Click(chromedp.CSS(`[data-testid="connect"]`)))
		if b.waitFor(connected, 20*time.Second) {
			return
		}
		msg := call[string](b, `() => { const f = document.querySelector('[data-testid="frame"]'); return f ? f.innerText.slice(0, 2000) : ''; }`)
		if try == 3 || strings.Contains(msg, "Neo.ClientError") || strings.Contains(strings.ToLower(msg), "unauthorized") {
			b.fail("connecting to %s as %s failed; the connect frame shows:\n%s", cfg.Redacted(), cfg.User, msg)
		}
	}
}

// poll waits until the JavaScript expression is truthy.
func (b *browserSession) poll(what, expr string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 70*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool]("!!("+expr+")",
		chromedp.WithPollingInterval(200*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		b.fail("waiting for %s: %v", what, err)
	}
}

// dropFile drops a file onto the Browser window, then waits until the
// JavaScript expression done (which tests for the drop's effect) is truthy.
//
// The drop is a DOM drop event carrying a File with the file's bytes, sent
// to the Browser's drop zone: the Browser's own handler takes it from
// there, exactly as for a file dragged from a file manager. (Chromium's
// DevTools drag emulation, Input.dispatchDragEvent, loses drops now and
// then in headless mode, which made the test flaky.)
func (b *browserSession) dropFile(path, done string) {
	b.t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		b.t.Fatal(err)
	}
	res := call[string](b, `(name, b64) => {
	  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
	  const dt = new DataTransfer();
	  dt.items.add(new File([bytes], name));
	  const zone = document.querySelector('.filedrop');
	  if (!zone) return 'no drop zone';
	  const at = {bubbles: true, cancelable: true, dataTransfer: dt, clientX: 700, clientY: 450};
	  for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, at));
	  return 'ok';
	}`, filepath.Base(path), base64.StdEncoding.EncodeToString(body))
	if res != "ok" {
		b.fail("dropping %s: %s", path, res)
	}
	if !b.waitFor(done, 30*time.Second) {
		b.fail("dropping %s onto the Browser had no effect", path)
	}
}

// waitFor reports whether the JavaScript expression becomes truthy within
// the timeout.
func (b *browserSession) waitFor(expr string, timeout time.Duration) bool {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if call[bool](b, "() => !!("+expr+")") {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (b *browserSession) favoriteTitles(folder string) []string {
	b.t.Helper()
	b.poll("the favourites of the folder", `document.querySelector('`+folder+` [data-testid^="scriptTitle-"]')`)
	return call[[]string](b, `(folder) => [...document.querySelectorAll(folder + ' [data-testid^="scriptTitle-"]')].map(e => e.textContent)`, folder)
}

// runFavorite clicks the run button of the favourite with this title.
func (b *browserSession) runFavorite(folder, title string) {
	b.t.Helper()
	res := call[string](b, `(folder, title) => {
	  const item = [...document.querySelectorAll(folder + ' [data-testid="savedScriptListItem"]')]
	    .find(e => (e.querySelector('[data-testid^="scriptTitle-"]') || {}).textContent === title);
	  if (!item) return 'no favourite';
	  const run = item.querySelector('[data-testid="savedScriptsButton-Run"]');
	  if (!run) return 'no run button';
	  run.click();
	  return 'ok';
	}`, folder, title)
	if res != "ok" {
		b.fail("favourite %q: %s", title, res)
	}
}

// runRecipe runs the recipe's parameters favourite, then its query
// favourite, and returns the query's finished frame. A frame with an error
// fails the test.
func (b *browserSession) runRecipe(folder string, r cookbook.Recipe) frameState {
	b.t.Helper()
	if len(r.Params) > 0 {
		b.markFrames()
		b.runFavorite(folder, r.ParamsTitle())
		// The Browser shows a lone client command without its comments.
		if st := b.waitNewFrame(); !strings.HasPrefix(st.Command, "// "+r.ParamsTitle()) && !strings.HasPrefix(st.Command, ":param ") {
			b.fail("running %q made a frame for %q", r.ParamsTitle(), st.Command)
		}
	}
	b.markFrames()
	b.runFavorite(folder, r.Title)
	st := b.waitNewFrame()
	if !strings.HasPrefix(st.Command, "// "+r.Title+" //") {
		b.fail("running %q made a frame for %q", r.Title, st.Command)
	}
	return st
}

// frameState is what a result frame shows.
type frameState struct {
	// Tag marks the frame in the page (data-ng-frame) for later look-ups.
	Tag string
	// Command is the frame's command, whitespace collapsed.
	Command string
	// State is pending, error, params, multi, graph, table, empty or done.
	State                         string
	Text                          string
	Nodes, Relationships, Records int
}

// markFrames marks the frames on the page, so that waitNewFrame finds the
// one the next action makes (the Browser may show the same command twice).
func (b *browserSession) markFrames() {
	b.t.Helper()
	call[bool](b, `() => { document.querySelectorAll('[data-testid="frame"]').forEach(f => { f.dataset.ngSeen = '1'; }); return true; }`)
}

// frameJS finds the frame tagged tag, or tags the newest unmarked frame,
// and reads its state.
const frameJS = `(tag) => {
  let frame = document.querySelector('[data-ng-frame="' + tag + '"]');
  if (!frame) {
    frame = [...document.querySelectorAll('[data-testid="frame"]')].find(f => !f.dataset.ngSeen);
    if (!frame) return {Tag: tag, State: 'pending'};
    frame.dataset.ngFrame = tag;
  }
  const cmd = frame.querySelector('[data-testid="frameCommand"]');
  const text = frame.innerText;
  const out = {Tag: tag, Command: cmd ? cmd.textContent.replace(/\s+/g, ' ').trim() : '', State: 'pending',
               Text: text.slice(0, 3000), Nodes: 0, Relationships: 0, Records: 0};
  if (frame.querySelector('[data-testid="cypherFrameErrorMessage"], [data-testid="errorBanner"]')) { out.State = 'error'; return out; }
  const icons = [...frame.querySelectorAll('[data-testid="multi-statement-list-icon"]')].map(i => i.title || '');
  if (icons.length) {
    if (icons.some(s => /error/i.test(s))) out.State = 'error';
    else if (icons.every(s => /success/i.test(s))) out.State = 'multi';
    return out;
  }
  if (frame.querySelector('[data-testid="rawParamData"]')) { out.State = 'params'; return out; }
  let m = text.match(/Displaying ([\d,]+) nodes?, ([\d,]+) relationships?/);
  if (m) { out.State = 'graph'; out.Nodes = +m[1].replace(/,/g, ''); out.Relationships = +m[2].replace(/,/g, ''); return out; }
  m = text.match(/Started streaming ([\d,]+) records?/);
  if (m) { out.State = 'table'; out.Records = +m[1].replace(/,/g, ''); return out; }
  if (/no changes, no records/.test(text)) out.State = 'empty';
  else if (out.Command.startsWith(':style') && /node\s*\{/.test(text)) out.State = 'done';
  return out;
}`

// waitNewFrame waits for the frame made since markFrames to finish, and
// fails the test if it shows an error.
func (b *browserSession) waitNewFrame() frameState {
	b.t.Helper()
	b.frames++
	tag := fmt.Sprintf("f%d", b.frames)
	deadline := time.Now().Add(60 * time.Second)
	var st frameState
	for time.Now().Before(deadline) {
		st = call[frameState](b, frameJS, tag)
		switch st.State {
		case "pending":
			time.Sleep(250 * time.Millisecond)
			continue
		case "error":
			b.fail("frame %q shows an error:\n%s", st.Command, st.Text)
		}
		return st
	}
	b.fail("no frame finished within a minute; the newest shows %q:\n%s", st.Command, st.Text)
	return st
}

type drawnElement struct{ Caption, Fill string }

type drawnGraph struct{ Nodes, Relationships []drawnElement }

// drawnGraph reads the SVG of the frame with this tag once
// the layout has settled: each node's caption (its text lines joined) and
// fill, each relationship's caption and colour.
func (b *browserSession) drawnGraph(tag string) drawnGraph {
	b.t.Helper()
	read := `(tag) => {
	  const frame = document.querySelector('[data-ng-frame="' + tag + '"]');
	  if (!frame) return null;
	  const caption = g => [...g.querySelectorAll('text')].map(x => x.textContent.trim()).filter(Boolean).join(' ');
	  return {
	    Nodes: [...frame.querySelectorAll('svg g.node')].map(g => ({Caption: caption(g), Fill: (g.querySelector('circle.b-outline') || {getAttribute: () => ''}).getAttribute('fill') || ''})),
	    Relationships: [...frame.querySelectorAll('svg g.relationship')].map(g => ({Caption: caption(g), Fill: (g.querySelector('path.b-outline') || {getAttribute: () => ''}).getAttribute('fill') || ''})),
	    Layout: [...frame.querySelectorAll('svg g.node')].map(g => g.getAttribute('transform')).join(';'),
	  };
	}`
	type snapshot struct {
		drawnGraph
		Layout string
	}
	var prev snapshot
	for i := 0; i < 40; i++ { // the force layout moves nodes for a second or two
		cur := call[snapshot](b, read, tag)
		if i > 0 && len(cur.Nodes) > 0 && cur.Layout == prev.Layout {
			return cur.drawnGraph
		}
		prev = cur
		time.Sleep(300 * time.Millisecond)
	}
	return prev.drawnGraph
}

// screenshotDir keeps the last screenshot (and a failure's page) after the
// test, for a person to look at.
func screenshotDir(t *testing.T) string {
	dir := filepath.Join(os.TempDir(), "newsgraph-browser-test")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// saveScreenshot saves the window, without the Browser's telemetry banner,
// and with -update copies it to docs/browser.png.
func (b *browserSession) saveScreenshot() {
	b.t.Helper()
	call[bool](b, `() => {
	  const text = [...document.querySelectorAll('span')].find(s => s.textContent.startsWith('To help make Neo4j Browser better'));
	  const close = text && text.parentElement.lastElementChild;
	  if (close && close !== text) close.click();
	  return true;
	}`)
	time.Sleep(500 * time.Millisecond)
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.fail("screenshot: %v", err)
	}
	path := filepath.Join(screenshotDir(b.t), "browser.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
	if *update {
		docs := filepath.Join(repoRoot, "docs", "browser.png")
		if err := os.WriteFile(docs, png, 0o644); err != nil {
			b.t.Fatal(err)
		}
		b.t.Logf("updated %s", docs)
	}
}

// fail saves the page for a person to look at, then fails the test.
func (b *browserSession) fail(format string, args ...any) {
	b.t.Helper()
	dir := screenshotDir(b.t)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(b.ctx), 15*time.Second)
	defer cancel()
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "failure.png"), png, 0o644)
	}
	if text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ''`)); err == nil {
		_ = os.WriteFile(filepath.Join(dir, "failure.txt"), []byte(text), 0o644)
	}
	msg := fmt.Sprintf(format, args...)
	if pw := graphtest.Config().Password; pw != "" {
		msg = strings.ReplaceAll(msg, pw, "***") // never print the password
	}
	b.t.Fatalf("%s\n(the page at the failure: %s/failure.png and failure.txt)", msg, dir)
}
