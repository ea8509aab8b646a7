package flowgraph

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// zeros is an endless stream, like /dev/zero behind a pipe.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "flow.json")
	if err := os.WriteFile(file, []byte(`[{"id":"start"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path, want string // want: "" for success, else a part of the error
	}{
		{file, ""},
		{dir, "is a directory"},
		{"/dev/zero", "is a device"},
		{filepath.Join(dir, "missing.json"), "no such file"},
	}
	for _, c := range cases {
		b, err := ReadInput(c.path)
		switch {
		case c.want == "" && (err != nil || string(b) != `[{"id":"start"}]`):
			t.Errorf("%s: %q, %v", c.path, b, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v, want %q", c.path, err, c.want)
		}
	}
}

func TestReadAllBound(t *testing.T) {
	if _, err := readAll(zeros{}, 16, 1000); !errors.Is(err, ErrTooLarge) {
		t.Errorf("an endless stream: %v, want ErrTooLarge", err)
	}
	b, err := readAll(io.LimitReader(zeros{}, 1000), 16, 1000)
	if err != nil || len(b) != 1000 {
		t.Errorf("exactly at the bound: %d bytes, %v", len(b), err)
	}
	b, err = readAll(strings.NewReader("abc"), 4, 1000)
	if err != nil || string(b) != "abc" {
		t.Errorf("a sized read: %q, %v", b, err)
	}
	// A reader that returns its last bytes together with io.EOF.
	if _, err := readAll(iotest.DataErrReader(io.LimitReader(zeros{}, 1001)), 2048, 1000); !errors.Is(err, ErrTooLarge) {
		t.Errorf("past the bound, with EOF on the last read: %v, want ErrTooLarge", err)
	}
}
