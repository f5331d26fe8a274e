// Package snapshot reads and writes graphs on disk: a build's snapshot (graph.jsonl, mentions.jsonl),
// the exports (JSON lines, GraphML, a Cypher script, neo4j-admin CSV) and any of them back. Every file
// is written through a temporary file or folder and moved into place whole, readable by all (0644).
package snapshot

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/graph"
)

// Read reads a graph from path: a snapshot or export folder (its graph.jsonl, or its csv/
// folder), a .jsonl file, a .graphml file, or a folder of neo4j-admin CSV files.
func Read(path string) (*graph.Graph, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if st.IsDir() {
		if csvs, _ := filepath.Glob(filepath.Join(path, "nodes_*.csv")); len(csvs) > 0 {
			return graph.ReadCSV(path)
		}
		if _, err := os.Stat(filepath.Join(path, "graph.jsonl")); err != nil {
			if csvs, _ := filepath.Glob(filepath.Join(path, "csv", "nodes_*.csv")); len(csvs) > 0 {
				return graph.ReadCSV(filepath.Join(path, "csv"))
			}
		}
		path = filepath.Join(path, "graph.jsonl")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	defer f.Close()
	if strings.EqualFold(filepath.Ext(path), ".cypher") {
		return nil, fmt.Errorf("%s is a Cypher script, not a snapshot: run it with newsgraph query --write --file %s", path, path)
	}
	if strings.EqualFold(filepath.Ext(path), ".graphml") {
		return graph.ReadGraphML(f, path)
	}
	return graph.ReadJSONL(f, path)
}

// Write writes graph.jsonl (and mentions.jsonl when withMentions) into dir, each through a temporary
// file renamed into place, so a reader never sees half a snapshot.
func Write(dir string, g *graph.Graph, mentions []graph.ArticleMentions, withMentions bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("snapshot folder %s: %w", dir, err)
	}
	// temporary files of an earlier run that was killed before it could rename or remove them
	for _, name := range []string{"graph.jsonl", "mentions.jsonl"} {
		stale, _ := filepath.Glob(filepath.Join(dir, ".tmp-"+name+"*"))
		for _, f := range stale {
			_ = os.Remove(f)
		}
	}
	if err := WriteFileAtomic(filepath.Join(dir, "graph.jsonl"), func(f *os.File) error { return graph.WriteJSONL(f, g) }); err != nil {
		return err
	}
	if withMentions {
		return WriteFileAtomic(filepath.Join(dir, "mentions.jsonl"), func(f *os.File) error { return graph.WriteMentions(f, mentions) })
	}
	return nil
}

// WriteFileAtomic writes a file through a temporary file in its folder (made if missing), readable by
// all (0644), renamed into place only when write succeeded: a reader never sees half a file, and a
// failure leaves the file there before as it was.
func WriteFileAtomic(path string, write func(*os.File) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// files names the file (or folder) of each export format.
var files = map[string]string{"jsonl": "graph.jsonl", "graphml": "graph.graphml", "cypher": "graph.cypher", "csv": "csv"}

// Format reports whether f is an export format: jsonl, graphml, cypher or csv.
func Format(f string) bool { return files[f] != "" }

// Writers write the export formats of one file each; a test may put a failing one in to stand for a
// full disk.
var Writers = map[string]func(io.Writer, *graph.Graph) error{
	"jsonl":   graph.WriteJSONL,
	"graphml": graph.WriteGraphML,
	"cypher":  cypher.WriteScript,
}

// Export writes g into dir in each format asked for (see Format) and returns the files it wrote. Everything is written into a temporary
// folder beside dir first and moved into place only when all of it is written, so a failure (a full
// disk) leaves the earlier export as it was; the csv folder is replaced as a whole, so no file of an
// earlier export (an Event label since deleted) survives into the new one.
func Export(g *graph.Graph, dir string, formats []string) (written []string, err error) {
	for _, f := range formats {
		if !Format(f) {
			return nil, fmt.Errorf("export format %q: want jsonl, graphml, cypher or csv", f)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(dir, ".tmp-export-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	writeFile := func(name string, write func(*os.File) error) error {
		path := filepath.Join(tmp, name)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
		}
		if err := f.Chmod(0o644); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
		}
		return f.Close()
	}
	for _, format := range formats {
		var err error
		if format == "csv" {
			if _, err = graph.WriteCSV(filepath.Join(tmp, "csv"), g); err == nil {
				err = readableByAll(filepath.Join(tmp, "csv"))
			}
		} else {
			w := Writers[format]
			err = writeFile(files[format], func(f *os.File) error { return w(f, g) })
		}
		if err != nil {
			return nil, err
		}
	}
	// all written: move each into place
	for _, format := range formats {
		name := files[format]
		dst := filepath.Join(dir, name)
		if format == "csv" {
			old := dst + ".old"
			_ = os.RemoveAll(old)
			if err := os.Rename(dst, old); err != nil && !os.IsNotExist(err) {
				return written, fmt.Errorf("replace %s: %w", dst, err)
			}
			if err := os.Rename(filepath.Join(tmp, name), dst); err != nil {
				_ = os.Rename(old, dst)
				return written, fmt.Errorf("replace %s: %w", dst, err)
			}
			_ = os.RemoveAll(old)
			entries, _ := os.ReadDir(dst)
			for _, e := range entries {
				written = append(written, filepath.Join(dst, e.Name()))
			}
			continue
		}
		if err := os.Rename(filepath.Join(tmp, name), dst); err != nil {
			return written, fmt.Errorf("replace %s: %w", dst, err)
		}
		written = append(written, dst)
	}
	return written, nil
}

// readableByAll makes folder dir 0755 and the files in it 0644, whatever the umask they were made under.
func readableByAll(dir string) error {
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.Chmod(filepath.Join(dir, e.Name()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
