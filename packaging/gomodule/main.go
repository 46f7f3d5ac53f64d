// Command gomodule writes the Go SDK as a module proxy serves it (the GOPROXY protocol's
// <module>/@v/{list,<version>.info,<version>.mod,<version>.zip}), so the engine suite installs the
// module a user's `go get` would fetch after the release tags sdk/go/<version>, and a mirror can
// serve the folder as it is. The zip comes from golang.org/x/mod/zip, the go command's own rules
// (file set, size limits, path checks), rather than a zip of ours that could differ from the proxy's.
//
//	go run . <module dir> <module path> <version> <commit time RFC 3339> <out dir>
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "gomodule: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 5 {
		return fmt.Errorf("usage: gomodule <module dir> <module path> <version> <time> <out dir>")
	}
	dir, path, version, when, out := args[0], args[1], args[2], args[3], args[4]
	commitTime, err := time.Parse(time.RFC3339, when)
	if err != nil {
		return fmt.Errorf("the commit time %q is not RFC 3339: %w", when, err)
	}
	escaped, err := module.EscapePath(path)
	if err != nil {
		return err
	}
	versions := filepath.Join(out, filepath.FromSlash(escaped), "@v")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		return err
	}
	base := filepath.Join(versions, version)
	zipFile, err := os.Create(base + ".zip")
	if err != nil {
		return err
	}
	defer zipFile.Close()
	if err := modzip.CreateFromDir(zipFile, module.Version{Path: path, Version: version}, dir); err != nil {
		return err
	}
	goMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return err
	}
	info, err := json.Marshal(map[string]any{"Version": version, "Time": commitTime.UTC()})
	if err != nil {
		return err
	}
	for file, content := range map[string][]byte{
		base + ".mod":                   goMod,
		base + ".info":                  info,
		filepath.Join(versions, "list"): []byte(version + "\n"),
	} {
		if err := os.WriteFile(file, content, 0o644); err != nil {
			return err
		}
	}
	return zipFile.Close()
}
