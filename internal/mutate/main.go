// Mutate shows that the tests catch what they claim to: it makes each mutation of a list (a
// single, realistic change to the library: a guard removed, a bound off by one), one at a time,
// in a copy of the tree, runs the tests that mutation concerns, and prints a table of what the
// tests caught and the score. It exits 1 when a mutation survives that the list does not accept,
// with a reason; 2 when the list cannot be used as it is (a line whose original text is no longer
// in its file, a test selection that selects no test).
//
// make -f mingw.mk mutate runs it under Wine (windows/amd64, the simulator) with the list in
// mutations.txt, whose head says how to add a line. By hand, from the root of the tree:
//
//	go build -o build/mutate ./internal/mutate
//	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
//	  build/mutate -exec "$PWD/build/raswine exec -dir $PWD/build" [-run NAME_REGEXP]
//
// The environment goes to go test as it is: GOOS, GOARCH, CC and the rest say what to build.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	var o options
	flag.StringVar(&o.root, "root", ".", "the tree to copy and mutate")
	flag.StringVar(&o.list, "list", "mutations.txt", "the list, relative to -root")
	flag.StringVar(&o.exec, "exec", "", "go test's -exec: what runs each test binary")
	flag.StringVar(&o.tags, "tags", "winras_testhooks", "go test's -tags")
	flag.DurationVar(&o.timeout, "timeout", 2*time.Minute, "go test's -timeout, for each run")
	flag.IntVar(&o.jobs, "jobs", 2, "mutations tested at once, each in a copy of its own")
	flag.StringVar(&o.run, "run", "", "only the mutations whose names match this regular expression")
	flag.Parse()
	os.Exit(run(o, os.Stdout, os.Stderr))
}

type options struct {
	root, list, exec, tags, run string
	timeout                     time.Duration
	jobs                        int
}

// Outcomes of one mutation.
const (
	killed   = "killed"
	survived = "SURVIVED"
	accepted = "accepted"
	broken   = "BROKEN" // it does not build: not a mutation the tests can judge
)

type result struct {
	m       Mutation
	outcome string
	by      string // what failed: a test's name, "timeout", "crash"
	took    time.Duration
	output  string // of a broken run
}

func run(o options, stdout, stderr io.Writer) int {
	start := time.Now()
	text, err := os.ReadFile(filepath.Join(o.root, o.list))
	if err != nil {
		fmt.Fprintln(stderr, "mutate:", err)
		return 2
	}
	ms, err := ParseList(string(text))
	if err == nil {
		err = Check(o.root, ms)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mutate: %s cannot be used as it is:\n%v\n", o.list, err)
		return 2
	}
	if o.run != "" {
		re, err := regexp.Compile(o.run)
		if err != nil {
			fmt.Fprintln(stderr, "mutate: -run:", err)
			return 2
		}
		ms = slices.DeleteFunc(ms, func(m Mutation) bool { return !re.MatchString(m.Name) })
	}
	if len(ms) == 0 {
		fmt.Fprintln(stderr, "mutate: no mutation to run")
		return 2
	}
	o.jobs = max(1, min(o.jobs, len(ms)))

	tmp, err := os.MkdirTemp("", "winras-mutate-")
	if err != nil {
		fmt.Fprintln(stderr, "mutate:", err)
		return 2
	}
	defer os.RemoveAll(tmp)
	copies := make([]string, o.jobs)
	for i := range copies {
		copies[i] = filepath.Join(tmp, fmt.Sprint("tree", i))
		if err := copyTree(o.root, copies[i]); err != nil {
			fmt.Fprintln(stderr, "mutate: copying the tree:", err)
			return 2
		}
	}

	fmt.Fprintf(stderr, "mutate: %d mutations; first the tests they select, unmutated\n", len(ms))
	if err := baseline(o, copies[0], ms, stderr); err != nil {
		fmt.Fprintln(stderr, "mutate:", err)
		return 2
	}

	results := make([]result, len(ms))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, tree := range copies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := test(o, tree, ms[i])
				mu.Lock()
				results[i] = r
				fmt.Fprintf(stderr, "mutate: %-32s %s %s (%v)\n", r.m.Name, r.outcome, r.by, r.took.Round(time.Second))
				mu.Unlock()
			}
		}()
	}
	for i := range ms {
		next <- i
	}
	close(next)
	wg.Wait()
	return report(results, time.Since(start), stdout)
}

// baseline runs, for each package, every test the mutations select, unmutated: each must pass,
// and each selection must select a test that runs, or a mutation could survive for nothing.
func baseline(o options, tree string, ms []Mutation, stderr io.Writer) error {
	var pkgs []string
	runs := map[string][]string{}
	for _, m := range ms {
		for _, s := range m.Tests {
			if !slices.Contains(pkgs, s.Package) {
				pkgs = append(pkgs, s.Package)
			}
			if !slices.Contains(runs[s.Package], s.Run) {
				runs[s.Package] = append(runs[s.Package], s.Run)
			}
		}
	}
	passed := map[string][]string{}
	for _, pkg := range pkgs {
		t := time.Now()
		out, err := goTest(o, tree, pkg, "(?:"+strings.Join(runs[pkg], ")|(?:")+")", true)
		if err != nil {
			return fmt.Errorf("the tests of %s fail without any mutation: fix them first:\n%s", pkg, tail(out, 60))
		}
		passed[pkg] = topLevel(out, "--- PASS: ")
		fmt.Fprintf(stderr, "mutate: %s: %d tests pass (%v)\n", pkg, len(passed[pkg]), time.Since(t).Round(time.Second))
	}
	var errs []error
	for _, m := range ms {
		for _, s := range m.Tests {
			re := regexp.MustCompile(s.Run)
			if !slices.ContainsFunc(passed[s.Package], re.MatchString) {
				errs = append(errs, fmt.Errorf("line %d: %s: %s:%s selects no test that runs and passes here",
					m.Line, m.Name, s.Package, s.Run))
			}
		}
	}
	return errors.Join(errs...)
}

// test makes m in tree, runs its tests until one package's fail, and undoes it.
func test(o options, tree string, m Mutation) (r result) {
	r.m = m
	start := time.Now()
	defer func() { r.took = time.Since(start) }()
	path := filepath.Join(tree, filepath.FromSlash(m.File))
	orig, err := os.ReadFile(path)
	if err == nil {
		var mutated string
		if mutated, err = m.Apply(string(orig)); err == nil {
			err = os.WriteFile(path, []byte(mutated), 0o644)
		}
	}
	if err != nil {
		r.outcome, r.output = broken, err.Error()
		return r
	}
	defer func() {
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			panic(fmt.Sprintf("mutate: restoring %s: %v", path, err)) // every later mutation would be wrong
		}
	}()
	for _, s := range m.Tests {
		out, err := goTest(o, tree, s.Package, s.Run, false)
		if err == nil {
			continue
		}
		if strings.Contains(out, "[build failed]") || strings.Contains(out, "[setup failed]") {
			r.outcome, r.output = broken, tail(out, 30)
			return r
		}
		r.outcome, r.by = killed, culprit(out)
		if s.Package != "." {
			r.by = s.Package + ": " + r.by
		}
		return r
	}
	r.outcome = survived
	if m.Accepted != "" {
		r.outcome = accepted
	}
	return r
}

func goTest(o options, tree, pkg, run string, verbose bool) (string, error) {
	args := []string{"test", "-count=1", "-timeout", o.timeout.String(), "-run", run}
	if o.tags != "" {
		args = append(args, "-tags", o.tags)
	}
	if o.exec != "" {
		args = append(args, "-exec", o.exec)
	}
	if verbose {
		args = append(args, "-v")
	}
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Dir = tree
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// topLevel returns the names of the top-level tests on lines starting with prefix.
func topLevel(out, prefix string) []string {
	var names []string
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			name, _, _ := strings.Cut(rest, " ")
			names = append(names, name)
		}
	}
	return names
}

// culprit says what failed in a run that did.
func culprit(out string) string {
	if names := topLevel(out, "--- FAIL: "); len(names) > 0 {
		if len(names) > 2 {
			return fmt.Sprintf("%s, %s and %d more", names[0], names[1], len(names)-2)
		}
		return strings.Join(names, ", ")
	}
	switch {
	case strings.Contains(out, "panic: test timed out"):
		return "timeout"
	case strings.Contains(out, "exit status"):
		return "crash"
	}
	return "failed"
}

func tail(out string, n int) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func report(results []result, took time.Duration, w io.Writer) int {
	fmt.Fprintln(w, "| # | mutation | file | result | caught by | time |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	var nKilled, nAccepted, nBad int
	for i, r := range results {
		by := r.by
		switch r.outcome {
		case killed:
			nKilled++
			if r.m.Accepted != "" {
				by += " (listed as accepted: drop its reason)"
			}
		case accepted:
			nAccepted++
			by = "accepted: " + r.m.Accepted
		default:
			nBad++
		}
		fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %v |\n", i+1, r.m.Name, r.m.File, r.outcome, by, r.took.Round(time.Second))
	}
	for _, r := range results {
		if r.outcome == broken {
			fmt.Fprintf(w, "\n%s (line %d) does not build:\n%s\n", r.m.Name, r.m.Line, r.output)
		}
	}
	fmt.Fprintf(w, "\nscore: %d of %d killed, %d accepted, %d survived or broken (%v)\n",
		nKilled, len(results), nAccepted, nBad, took.Round(time.Second))
	if nBad > 0 {
		return 1
	}
	return 0
}

// copyTree copies the tree at src to dst, without .git and build/ (the Wine prefix, which tests
// reach through -exec).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.Name() == ".git" || d.IsDir() && rel == "build" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // a worktree's .git is a file
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, info.Mode().Perm())
	})
}
