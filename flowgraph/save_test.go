package flowgraph

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// WriteFileAtomic never renames over something that is not a file: a link to
// a device (here /dev/null, in a temporary folder) is refused and stays.
func TestWriteFileAtomicRefusesDevices(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skip("no", os.DevNull)
	}
	dir := t.TempDir()
	link := filepath.Join(dir, "out.json")
	if err := os.Symlink(os.DevNull, link); err != nil {
		t.Skip(err)
	}
	err := WriteFileAtomic(link, []byte("[]"))
	if err == nil || !strings.Contains(err.Error(), "it is not a regular file") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if target, err := os.Readlink(link); err != nil || target != os.DevNull {
		t.Fatalf("the link was replaced: %q %v", target, err)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmp) > 0 {
		t.Fatalf("temporary files left: %v", tmp)
	}
}

// A file is replaced, keeping its permissions.
func TestWriteFileAtomicReplacesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.json")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if b, _ := os.ReadFile(path); err != nil || string(b) != "new" || info.Mode().Perm() != 0o640 {
		t.Fatalf("%q %v %v", b, info.Mode(), err)
	}
}
