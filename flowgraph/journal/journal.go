// Package journal keeps unsaved edits safe: the editor writes the document's
// current bytes to a recovery file under the user's state directory shortly
// after every edit, and removes it on save. If the editor dies (kill -9, power
// loss, a closed terminal), opening the same file again finds the recovery.
package journal

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	json "github.com/goccy/go-json"

	"flowsmith/flowgraph"
)

// Entry is one recovery file.
type Entry struct {
	Path    string    `json:"path"`    // the flow file, absolute ("" for an untitled document)
	Base    string    `json:"base"`    // hash of the file on disk when the edits began
	Written time.Time `json:"written"` // when the entry was written
	Src     string    `json:"src"`     // the document's bytes
}

// Dir is where recovery files live: $XDG_STATE_HOME/flowsmith/recovery, else the
// platform's state folder (~/.local/state on Linux and the BSDs, the user
// cache folder elsewhere, which is where macOS and Windows keep such state).
func Dir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "flowsmith", "recovery"), nil
	}
	if runtime.GOOS != "darwin" && runtime.GOOS != "windows" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "state", "flowsmith", "recovery"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "flowsmith", "recovery"), nil
}

// Hash fingerprints file contents for Entry.Base.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// file is the recovery file of a flow path: one per absolute path ("untitled"
// for documents that have none yet).
func file(path string) (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	name := "untitled"
	if path != "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return "", err
		}
		name = Hash([]byte(abs))[:24] + "-" + sanitizeName(filepath.Base(abs))
	}
	return filepath.Join(dir, name+".json"), nil
}

// sanitizeName keeps a file name readable in the recovery folder.
func sanitizeName(s string) string {
	out := []rune{}
	for _, r := range s {
		if r == '.' || r == '-' || r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			out = append(out, r)
		}
		if len(out) >= 40 {
			break
		}
	}
	return string(out)
}

// Write records the current bytes of the document at path (atomically, readable
// only by the user: flows may hold personal data).
func Write(path, base string, src []byte, now time.Time) error {
	f, err := file(path)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(f), 0o700); err != nil {
		return fmt.Errorf("cannot keep a recovery copy: %w", err)
	}
	abs := path
	if path != "" {
		abs, _ = filepath.Abs(path)
	}
	data, err := json.Marshal(Entry{Path: abs, Base: base, Written: now.UTC(), Src: string(src)})
	if err != nil {
		return err
	}
	if err := flowgraph.WriteFileAtomic(f, data); err != nil {
		return fmt.Errorf("cannot keep a recovery copy: %w", err)
	}
	return os.Chmod(f, 0o600)
}

// Read returns the recovery entry for path, or nil when there is none. A
// recovery file that is damaged is reported as an error, never trusted.
func Read(path string) (*Entry, error) {
	f, err := file(path)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(f)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// Check the bytes before they reach the codec: go-json may panic on
	// malformed input.
	if _, lerr := flowgraph.ParseTree(f, data); lerr != nil {
		return nil, fmt.Errorf("the recovery file %s is damaged: %s", f, lerr.Msg)
	}
	var e Entry
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("the recovery file %s is damaged: %w", f, err)
	}
	return &e, nil
}

// Remove deletes the recovery entry for path; none is fine.
func Remove(path string) error {
	f, err := file(path)
	if err != nil {
		return err
	}
	if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
