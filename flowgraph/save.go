package flowgraph

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFileAtomic replaces path with data so that readers see either the old or
// the new file, never a mix: it writes a temporary file in the same folder, syncs
// it, keeps the old file's permissions, renames it over the old one and syncs the
// folder. On failure the old file is untouched and the temporary file is removed.
// A path that names something other than a file (a device such as /dev/stdout,
// a pipe) is refused: renaming over it would replace the device itself.
func WriteFileAtomic(path string, data []byte) (err error) {
	perm := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		if info.IsDir() {
			return fmt.Errorf("cannot save %s: it is a directory", path)
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("cannot save %s: it is not a regular file", path)
		}
		perm = info.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot save %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrapPath(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrapPath(err))
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrapPath(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrapPath(err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot save %s: %w", path, unwrapPath(err))
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync() // best effort: some file systems cannot sync folders
		d.Close()
	}
	return nil
}

// unwrapPath drops the temporary file's name from an error, which means nothing
// to the user.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// Canonical lays the whole document out in st, keeping every value's text and
// the key order, and ends it with a newline.
func (d *Document) Canonical(st Style) []byte {
	w := &writer{st: st, src: d.Src}
	w.write(d.Root, "", false)
	w.buf.WriteString(st.Newline)
	return w.buf.Bytes()
}
