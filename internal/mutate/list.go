package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Mutation is one line of the list: a single change to one file, and the tests that must catch it.
type Mutation struct {
	Name        string
	File        string      // relative to the tree's root, slash-separated
	Tests       []Selection // in the order given
	Original    string      // occurs exactly once in File
	Replacement string
	Accepted    string // why the mutation is known to survive; "" when it must be caught
	Line        int    // in the list
}

// Selection is the tests of one package a mutation is run against: go test's -run for Package.
type Selection struct {
	Package string // as go test takes it: ".", "./cmd/rasctl"
	Run     string // a regular expression of top-level test names
}

// acceptedPrefix introduces a mutation's reason for surviving.
const acceptedPrefix = "accepted:"

// ParseList reads the list: one mutation a line, "NAME FILE TESTS ORIGINAL REPLACEMENT
// [accepted: REASON]", fields separated by blanks, ORIGINAL and REPLACEMENT Go double-quoted
// strings, TESTS comma-separated PACKAGE:REGEXP; blank lines and lines starting with # are
// skipped. Every problem of every line is reported, each with its line number.
func ParseList(text string) ([]Mutation, error) {
	var ms []Mutation
	var errs []error
	names := map[string]int{}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m, err := parseLine(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", n, err))
			continue
		}
		if first, ok := names[m.Name]; ok {
			errs = append(errs, fmt.Errorf("line %d: %s is the name of line %d too", n, m.Name, first))
			continue
		}
		names[m.Name] = n
		m.Line = n
		ms = append(ms, m)
	}
	return ms, errors.Join(errs...)
}

func parseLine(line string) (Mutation, error) {
	var m Mutation
	rest := line
	var words [3]string
	for i := range words {
		words[i], rest = nextWord(rest)
	}
	m.Name, m.File = words[0], words[1]
	if m.Name == "" || m.File == "" || words[2] == "" {
		return m, errors.New("want NAME FILE TESTS \"ORIGINAL\" \"REPLACEMENT\" [accepted: REASON]")
	}
	if filepath.IsAbs(m.File) || strings.Contains(m.File, "\\") || strings.HasPrefix(filepath.Clean(m.File), "..") {
		return m, fmt.Errorf("%s: FILE %q: a slash-separated path inside the tree", m.Name, m.File)
	}
	var err error
	if m.Tests, err = parseTests(words[2]); err != nil {
		return m, fmt.Errorf("%s: %w", m.Name, err)
	}
	if m.Original, rest, err = nextQuoted(rest); err != nil {
		return m, fmt.Errorf("%s: ORIGINAL: %w", m.Name, err)
	}
	if m.Replacement, rest, err = nextQuoted(rest); err != nil {
		return m, fmt.Errorf("%s: REPLACEMENT: %w", m.Name, err)
	}
	if m.Original == "" || m.Original == m.Replacement {
		return m, fmt.Errorf("%s: ORIGINAL is empty or the same as REPLACEMENT: no mutation", m.Name)
	}
	rest = strings.TrimSpace(rest)
	switch {
	case rest == "":
	case strings.HasPrefix(rest, acceptedPrefix) && strings.TrimSpace(rest[len(acceptedPrefix):]) != "":
		m.Accepted = strings.TrimSpace(rest[len(acceptedPrefix):])
	default:
		return m, fmt.Errorf("%s: after REPLACEMENT, only \"accepted: REASON\" (a reason is required): %q", m.Name, rest)
	}
	return m, nil
}

// parseTests reads TESTS: PACKAGE:REGEXP[,PACKAGE:REGEXP...].
func parseTests(s string) ([]Selection, error) {
	var sel []Selection
	seen := map[string]bool{}
	for _, item := range strings.Split(s, ",") {
		pkg, run, ok := strings.Cut(item, ":")
		if !ok || pkg == "" || run == "" {
			return nil, fmt.Errorf("TESTS %q: PACKAGE:REGEXP, comma-separated", item)
		}
		if pkg != "." && !strings.HasPrefix(pkg, "./") {
			return nil, fmt.Errorf("TESTS %q: the package as a path from the root (\".\", \"./cmd/rasctl\")", item)
		}
		if _, err := regexp.Compile(run); err != nil {
			return nil, fmt.Errorf("TESTS %q: %w", item, err)
		}
		if seen[pkg] {
			return nil, fmt.Errorf("TESTS: %s twice: join its expressions with |", pkg)
		}
		seen[pkg] = true
		sel = append(sel, Selection{Package: pkg, Run: run})
	}
	return sel, nil
}

func nextWord(s string) (word, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	end := strings.IndexFunc(s, unicode.IsSpace)
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}

func nextQuoted(s string) (value, rest string, err error) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if !strings.HasPrefix(s, `"`) {
		return "", s, errors.New("want a Go double-quoted string")
	}
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", s, fmt.Errorf("a Go double-quoted string: %w", err)
	}
	value, err = strconv.Unquote(q)
	return value, s[len(q):], err
}

// Apply returns the text of m's file with the mutation made, or an error unless the original
// occurs in it exactly once: a list whose original text no longer matches fails loudly rather than
// testing nothing.
func (m Mutation) Apply(text string) (string, error) {
	switch n := strings.Count(text, m.Original); n {
	case 1:
		return strings.Replace(text, m.Original, m.Replacement, 1), nil
	case 0:
		return "", fmt.Errorf("line %d: %s: its original text is not in %s (the code changed: update the line)", m.Line, m.Name, m.File)
	default:
		return "", fmt.Errorf("line %d: %s: its original text is in %s %d times; make it one", m.Line, m.Name, m.File, n)
	}
}

// Check applies every mutation to the files under root, in memory, and reports each that does not
// apply.
func Check(root string, ms []Mutation) error {
	var errs []error
	for _, m := range ms {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(m.File)))
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: %s: %w", m.Line, m.Name, err))
			continue
		}
		if _, err := m.Apply(string(b)); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
