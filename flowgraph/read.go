package flowgraph

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxFileSize bounds what flowsmith reads from one file or stream. Real flows
// are kilobytes; the bound turns /dev/zero or a runaway pipe into a clear error
// instead of a hang or an exhausted machine.
const MaxFileSize = 256 << 20

// ErrTooLarge is returned for input past MaxFileSize.
var ErrTooLarge = fmt.Errorf("larger than %d MiB: not a flow file", MaxFileSize>>20)

// ReadInput reads a file's bytes ("-" reads standard input). Directories and
// devices are refused; pipes and regular files are read up to MaxFileSize.
func ReadInput(path string) ([]byte, error) {
	if path == "-" {
		return ReadLimited(os.Stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	switch m := info.Mode(); {
	case m.IsDir():
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("is a directory")}
	case m&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeSocket) != 0:
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("is a device, not a file")}
	case m.IsRegular() && info.Size() > MaxFileSize:
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrTooLarge}
	}
	hint := 512
	if info.Mode().IsRegular() {
		hint = int(info.Size()) + 1 // +1: the end is seen without growing
	}
	b, err := readAll(f, hint, MaxFileSize)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	return b, nil
}

// ReadLimited reads r to its end, failing with ErrTooLarge past MaxFileSize.
func ReadLimited(r io.Reader) ([]byte, error) { return readAll(r, 512, MaxFileSize) }

// readAll is io.ReadAll with a first buffer of hint bytes (a file's size: one
// allocation, no copies as it grows) and a size bound.
func readAll(r io.Reader, hint, limit int) ([]byte, error) {
	b := make([]byte, 0, hint)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		switch {
		case len(b) > limit: // before EOF: a reader may return its last bytes with it
			return nil, ErrTooLarge
		case err == io.EOF:
			return b, nil
		case err != nil:
			return nil, err
		case len(b) == cap(b):
			b = append(b, 0)[:len(b)] // let append pick the next size
		}
	}
}
