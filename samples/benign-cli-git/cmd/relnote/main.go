// Command relnote prints release notes for the commits since the last tag.
//
//	relnote [-C dir] [-from tag] [-to rev] [-version v1.2.3]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/acme-tools/relnote"
	"github.com/acme-tools/relnote/internal/gitutil"
)

func main() {
	dir := flag.String("C", ".", "run in this git working tree")
	from := flag.String("from", "", "start of the range (default: previous tag)")
	to := flag.String("to", "HEAD", "end of the range")
	version := flag.String("version", "", "version heading (default: git describe --tags)")
	flag.Parse()

	if *version == "" {
		cmd := exec.Command("git", "describe", "--tags")
		cmd.Dir = *dir
		out, err := cmd.Output()
		if err != nil {
			fmt.Fprintln(os.Stderr, "relnote: cannot describe HEAD; pass -version:", err)
			os.Exit(2)
		}
		*version = strings.TrimSpace(string(out))
	}
	if *from == "" {
		if prev, err := gitutil.Run(*dir, "describe", "--tags", "--abbrev=0", *to+"^"); err == nil {
			*from = prev
		}
	}
	subjects, err := gitutil.Subjects(*dir, *from, *to)
	if err != nil {
		fmt.Fprintln(os.Stderr, "relnote:", err)
		os.Exit(1)
	}
	if err := relnote.Group(subjects).Write(os.Stdout, *version); err != nil {
		fmt.Fprintln(os.Stderr, "relnote:", err)
		os.Exit(1)
	}
}
