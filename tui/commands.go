package tui

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"

	"flowsmith/flowgraph"
)

// All file-system and process work happens here, in commands; Update never
// touches the disk.

// fingerprint is what the editor remembers of the file on disk, to notice when
// someone else changed it.
type fingerprint struct {
	exists bool
	size   int64
	mod    time.Time
	sum    [32]byte
}

func fingerprintOf(info fs.FileInfo, data []byte) fingerprint {
	return fingerprint{exists: true, size: info.Size(), mod: info.ModTime(), sum: sha256.Sum256(data)}
}

// Messages the commands send back.
type (
	loadedMsg struct {
		path     string
		src      []byte
		fp       fingerprint
		notExist bool
		reload   bool
		err      error
	}
	diskMsg  struct{ fp fingerprint } // the fingerprint of a file opened from bytes
	savedMsg struct {
		path string
		src  []byte
		fp   fingerprint
	}
	saveFailedMsg struct {
		path string
		err  error
	}
	externalChangeMsg struct {
		path    string
		deleted bool
	}
	exportedMsg struct {
		path string
		err  error
	}
	pathInfoMsg struct {
		path   string
		exists bool
		isDir  bool
		then   func(exists bool) tea.Cmd
	}
	tempReadyMsg struct {
		ptr, path, editor string
		err               error
	}
	editorExitMsg struct {
		ptr, path string
		err       error
	}
	editorTextMsg struct {
		ptr, text string
		err       error
	}
)

// loadCmd reads a flow file.
func loadCmd(path string, reload bool) tea.Cmd {
	return func() tea.Msg {
		info, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return loadedMsg{path: path, notExist: true, reload: reload}
		}
		if err == nil && info.IsDir() {
			err = &saveError{reason: "it is a folder"}
		} else if err == nil && !info.Mode().IsRegular() {
			// A device or a pipe: reading /dev/zero would never end.
			err = &saveError{reason: "it is not a regular file"}
		}
		if err != nil {
			return loadedMsg{path: path, err: err, reload: reload}
		}
		src, err := flowgraph.ReadInput(path)
		if err != nil {
			return loadedMsg{path: path, err: err, reload: reload}
		}
		return loadedMsg{path: path, src: src, fp: fingerprintOf(info, src), reload: reload}
	}
}

// diskCmd records the fingerprint of the file a document was given as bytes.
// If the file no longer holds those bytes, the fingerprint is made to never
// match, so that the next save asks before overwriting.
func diskCmd(path string, src []byte) tea.Cmd {
	return func() tea.Msg {
		info, err := os.Stat(path)
		if err != nil {
			return diskMsg{}
		}
		fp := fingerprintOf(info, src)
		if !info.Mode().IsRegular() {
			return diskMsg{fp: fp} // a device has no content to compare (and /dev/zero no end)
		}
		if data, err := os.ReadFile(path); err != nil || sha256.Sum256(data) != fp.sum {
			fp.size = -1
		}
		return diskMsg{fp: fp}
	}
}

// changedOnDisk compares the file with what was loaded or last saved.
func changedOnDisk(path string, want fingerprint) (changed, deleted bool) {
	info, err := os.Stat(path)
	if err != nil {
		return want.exists, want.exists
	}
	if !want.exists {
		return true, false // created by someone else meanwhile
	}
	if !info.Mode().IsRegular() {
		return false, false // a device or a folder: checkWritable decides
	}
	if info.Size() == want.size && info.ModTime().Equal(want.mod) {
		return false, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return true, false
	}
	return sha256.Sum256(data) != want.sum, false
}

// saveCmd writes the document atomically. Unless force is set it first checks
// that the file on disk is still the one that was opened. A file that cannot
// be written fails with the path and the reason (saveFailedMsg) and is left as
// it was.
func saveCmd(path string, data []byte, want fingerprint, force bool) tea.Cmd {
	return func() tea.Msg {
		if err := checkWritable(path); err != nil {
			return saveFailedMsg{path: path, err: err}
		}
		if !force {
			if changed, deleted := changedOnDisk(path, want); changed {
				return externalChangeMsg{path: path, deleted: deleted}
			}
		}
		if err := writeFlowFile(path, data); err != nil {
			return saveFailedMsg{path: path, err: err}
		}
		info, err := os.Stat(path)
		if err != nil {
			return saveFailedMsg{path: path, err: err}
		}
		return savedMsg{path: path, src: data, fp: fingerprintOf(info, data)}
	}
}

// saveError is a save refused before anything was written.
type saveError struct{ reason string }

func (e *saveError) Error() string { return e.reason }

// checkWritable refuses, before writing, what a save must not replace: a
// folder (the path became one since the file was opened), a read-only file,
// and anything that is not a file — a device (saving to /dev/tty would write
// the flow's bytes, escape sequences included, to the terminal) or a pipe,
// named directly or through a symbolic link.
func checkWritable(path string) error {
	info, err := os.Stat(path) // through a symbolic link: the file it names
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // a new file
	case err != nil:
		return err
	case info.IsDir():
		return &saveError{reason: "it is a folder now, not a file"}
	case info.Mode()&fs.ModeDevice != 0:
		return &saveError{reason: "it is a device, not a file (flows are saved only to regular files)"}
	case !info.Mode().IsRegular():
		return &saveError{reason: "it is not a regular file (flows are saved only to regular files)"}
	case info.Mode().Perm()&0o222 == 0:
		return &saveError{reason: "the file is read-only (" + info.Mode().Perm().String() + ")"}
	}
	return nil
}

// writeFlowFile writes a flow file atomically (flowgraph.WriteFileAtomic),
// so that on failure the old file is untouched. A symbolic link is written
// through: the file it names is replaced, the link stays. Anything but a
// regular file is refused (checkWritable says why first; WriteFileAtomic
// refuses too, should the path have changed in between).
func writeFlowFile(path string, data []byte) error {
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t
	}
	return flowgraph.WriteFileAtomic(target, data)
}

// reasonOf says why a file operation failed, in words, without Go's wrapping
// or the names of temporary files: "the disk is full (no space left on
// device)", "permission denied" …
func reasonOf(err error) string {
	var se *saveError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &se):
		return se.reason
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full (no space left on device)"
	case errors.Is(err, syscall.EDQUOT):
		return "the disk quota is used up"
	case errors.Is(err, syscall.EROFS):
		return "the folder is on a read-only file system"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (the folder or the file is not writable by you)"
	case errors.Is(err, syscall.EISDIR):
		return "it is a folder, not a file"
	case errors.Is(err, fs.ErrNotExist):
		return "the folder does not exist"
	case errors.Is(err, syscall.ENOTDIR):
		return "a part of the path is not a folder"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "the name is too long"
	case errors.Is(err, syscall.EIO):
		return "input/output error (the disk may be failing or gone)"
	}
	for {
		u := errors.Unwrap(err)
		if u == nil {
			break
		}
		err = u
	}
	msg := err.Error()
	if _, after, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "cannot save ") {
		msg = after
	}
	return clean(msg)
}

// exportCmd writes the validated document to another file. It refuses to write
// over the file being edited (the same file under another name included).
func exportCmd(path string, data []byte, editing string) tea.Cmd {
	return func() tea.Msg {
		if editing != "" {
			a, err1 := os.Stat(path)
			b, err2 := os.Stat(editing)
			if err1 == nil && err2 == nil && os.SameFile(a, b) {
				return exportedMsg{path: path, err: errors.New("that is the file being edited; save with ctrl+s instead")}
			}
		}
		return exportedMsg{path: path, err: flowgraph.WriteFileAtomic(path, data)}
	}
}

// pathInfoCmd checks a path chosen in a prompt before writing to it.
func pathInfoCmd(path string, then func(exists bool) tea.Cmd) tea.Cmd {
	return func() tea.Msg {
		info, err := os.Stat(path)
		return pathInfoMsg{path: path, exists: err == nil, isDir: err == nil && info.IsDir(), then: then}
	}
}

// writeTempCmd puts a prompt in a temporary file for $EDITOR.
func writeTempCmd(ptr, text, editor string) tea.Cmd {
	return func() tea.Msg {
		editor = editorName(editor)
		f, err := os.CreateTemp("", "flowsmith-prompt-*.txt")
		if err != nil {
			return tempReadyMsg{ptr: ptr, err: err}
		}
		_, err = f.WriteString(text + "\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return tempReadyMsg{ptr: ptr, path: f.Name(), editor: editor, err: err}
	}
}

// editorCmd runs $EDITOR on the temporary file, suspending the program.
func editorCmd(m tempReadyMsg) tea.Cmd {
	parts := strings.Fields(m.editor)
	c := exec.Command(parts[0], append(parts[1:], m.path)...)
	return tea.ExecProcess(c, func(err error) tea.Msg {
		return editorExitMsg{ptr: m.ptr, path: m.path, err: err}
	})
}

// editorName is the user's editor command: the override, $VISUAL, $EDITOR, vi.
func editorName(override string) string {
	for _, e := range []string{override, os.Getenv("VISUAL"), os.Getenv("EDITOR")} {
		if strings.TrimSpace(e) != "" {
			return e
		}
	}
	return "vi"
}

// fileEditorCmd opens a whole file in $EDITOR (the read-only view of an
// unparsable file), then reports back so that it is reloaded.
func fileEditorCmd(path, override string) tea.Cmd {
	parts := strings.Fields(editorName(override))
	c := exec.Command(parts[0], append(parts[1:], path)...)
	return tea.ExecProcess(c, func(err error) tea.Msg { return fileEditedMsg{path: path, err: err} })
}

// readTempCmd reads the edited prompt back and removes the temporary file.
func readTempCmd(m editorExitMsg) tea.Cmd {
	return func() tea.Msg {
		defer os.Remove(m.path)
		if m.err != nil {
			return editorTextMsg{ptr: m.ptr, err: m.err}
		}
		data, err := os.ReadFile(m.path)
		return editorTextMsg{ptr: m.ptr, text: string(data), err: err}
	}
}

// defaultExportPath suggests where an export goes: next to the file, never the
// file itself.
func defaultExportPath(path string) string {
	if path == "" {
		return "flow.export.json"
	}
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + ".export" + ext
}
