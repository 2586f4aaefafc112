// Package relnote turns a list of commit subjects into grouped release notes
// (features, fixes, other) following the Conventional Commits prefixes.
package relnote

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Section names in output order.
var sections = []string{"Features", "Fixes", "Other"}

// Notes groups commit subjects by section.
type Notes map[string][]string

// Group classifies commit subjects by their "feat:" / "fix:" prefix.
func Group(subjects []string) Notes {
	n := Notes{}
	for _, s := range subjects {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		switch {
		case strings.HasPrefix(s, "feat"):
			n["Features"] = append(n["Features"], trimPrefix(s))
		case strings.HasPrefix(s, "fix"):
			n["Fixes"] = append(n["Fixes"], trimPrefix(s))
		default:
			n["Other"] = append(n["Other"], s)
		}
	}
	for _, v := range n {
		sort.Strings(v)
	}
	return n
}

func trimPrefix(s string) string {
	if i := strings.Index(s, ":"); i >= 0 {
		return strings.TrimSpace(s[i+1:])
	}
	return s
}

// Write renders the notes as Markdown under a heading for version.
func (n Notes) Write(w io.Writer, version string) error {
	if _, err := fmt.Fprintf(w, "## %s\n", version); err != nil {
		return err
	}
	for _, sec := range sections {
		if len(n[sec]) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n### %s\n\n", sec)
		for _, item := range n[sec] {
			fmt.Fprintf(w, "- %s\n", item)
		}
	}
	return nil
}
