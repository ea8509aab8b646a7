package tui

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"flowsmith/examples"
)

// Tests of the editor's reliability: save failures.

// saveFailure checks what every failed save must leave: the message with path
// and reason, the dialog offering "save as", the document, its history and
// the file on disk unchanged, and no temporary file.
func saveFailure(t *testing.T, x *rt, path, reason string, disk []byte) {
	t.Helper()
	c := x.m.ctx
	src, undo := append([]byte(nil), c.Doc.Src...), c.Hist.Len()
	x.press("ctrl+s")
	x.waitScreen("Save failed")
	scr := x.screen()
	for _, want := range []string{"Cannot save", filepath.Base(path), reason, "Nothing was written", "save as…"} {
		if !strings.Contains(strings.Join(strings.Fields(scr), " "), want) {
			t.Errorf("the dialog does not show %q:\n%s", want, scr)
		}
	}
	if msg := x.m.ctx.lastMessage; !strings.Contains(msg, "cannot save "+path+": "+reason) || !strings.Contains(x.status(), "cannot save") {
		t.Errorf("status bar: %s (message %q)", x.status(), msg)
	}
	for _, noise := range []string{"syscall", "errno", ".tmp", "*fs.PathError", "&{", "open /"} {
		if strings.Contains(scr, noise) {
			t.Errorf("Go error noise %q on screen:\n%s", noise, scr)
		}
	}
	if !bytes.Equal(c.Doc.Src, src) || c.Hist.Len() != undo || !c.Modified {
		t.Error("the document, its history and its modified mark are kept")
	}
	if disk != nil {
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, disk) {
			t.Errorf("the file on disk changed (%v)", err)
		}
	}
	if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	// "save as" is offered and works.
	other := filepath.Join(t.TempDir(), "elsewhere.json")
	x.press("a")
	x.waitScreen("Save as")
	x.press("ctrl+u", "type:"+other, "enter")
	x.waitMessage("saved " + other)
	if !bytes.Equal(mustRead(t, other), src) {
		t.Error("save as wrote the document")
	}
	if c.Hist.Len() != undo {
		t.Error("the history survives the save")
	}
}

func editedRT(t *testing.T, path string) *rt {
	t.Helper()
	x := newRT(t, Options{Path: path}, 140, 45)
	x.waitFor("the document", func() bool { return x.m.ctx.Doc != nil })
	x.rename("greeting", "hello")
	return x
}

func TestSaveReadOnlyFile(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	x := editedRT(t, path)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	saveFailure(t, x, path, "the file is read-only", examples.Sample())
}

func TestSavePathBecameFolder(t *testing.T) {
	stateDir(t)
	path := writeTemp(t, "flow.json", examples.Sample())
	x := editedRT(t, path)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	saveFailure(t, x, path, "it is a folder now, not a file", nil)
	if info, err := os.Stat(path); err != nil || !info.IsDir() {
		t.Error("the folder is left alone")
	}
}

// Saving a file that is a symbolic link writes the file it names and keeps
// the link.
func TestSaveThroughSymlink(t *testing.T) {
	stateDir(t)
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	if err := os.WriteFile(real, examples.Sample(), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	x := editedRT(t, link)
	x.press("ctrl+s")
	x.waitMessage("saved " + link)
	if target, err := os.Readlink(link); err != nil || target != "real.json" {
		t.Fatalf("the link was replaced: %q %v", target, err)
	}
	if !bytes.Contains(mustRead(t, real), []byte(`"hello"`)) {
		t.Fatal("the file the link names was not written")
	}
	// The watch sees the save as the editor's own.
	x.rename("hello", "hi")
	x.press("ctrl+s")
	x.waitMessage("saved " + link)
}

// A device is not a file: saving to one is refused, whether the file is a
// symbolic link to it (saving writes through links) or it is named directly
// (saving to /dev/tty would write the flow's bytes, escape sequences
// included, to the terminal). A full disk is TestSaveDiskFullTmpfs.
func TestSaveToDeviceRefused(t *testing.T) {
	for _, dev := range []string{"/dev/full", "/dev/null"} {
		if _, err := os.Stat(dev); err != nil {
			t.Skip("no " + dev)
		}
	}
	stateDir(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "flow.json")
	if err := os.Symlink("/dev/full", path); err != nil {
		t.Fatal(err)
	}
	x := newRT(t, Options{Path: path, Src: examples.Sample()}, 140, 45)
	x.rename("greeting", "hello")
	saveFailure(t, x, path, "it is a device, not a file", nil)
	if target, err := os.Readlink(path); err != nil || target != "/dev/full" {
		t.Error("the link is left alone")
	}
	// Saved as a device named directly: refused too, nothing is lost.
	y := newRT(t, Options{}, 140, 45) // the untitled sample: ctrl+s asks where
	y.rename("greeting", "hello")
	c := y.m.ctx
	src, undo := append([]byte(nil), c.Doc.Src...), c.Hist.Len()
	y.press("ctrl+s")
	y.waitScreen("Save as")
	y.press("ctrl+u", "type:/dev/null", "enter")
	y.waitScreen("Overwrite?")
	y.press("y")
	y.waitScreen("Save failed", "/dev/null", "it is a device, not a file", "Nothing was written")
	if !strings.Contains(y.m.ctx.lastMessage, "cannot save /dev/null: it is a device") {
		t.Errorf("message %q", y.m.ctx.lastMessage)
	}
	if !bytes.Equal(c.Doc.Src, src) || c.Hist.Len() != undo || !c.Modified || c.Path != "" {
		t.Errorf("the document, its history and its modified mark are kept (path %q)", c.Path)
	}
}

// Disk full on a real file system: a 64 KiB tmpfs filled up (needs root).
func TestSaveDiskFullTmpfs(t *testing.T) {
	stateDir(t)
	dir := mountTmpfs(t, "size=64k")
	path := filepath.Join(dir, "flow.json")
	if err := os.WriteFile(path, examples.Sample(), 0o644); err != nil {
		t.Fatal(err)
	}
	fill(t, dir)
	x := editedRT(t, path)
	saveFailure(t, x, path, "the disk is full", examples.Sample())
}

// Read-only folder: a read-only file system (root), or a folder without write
// permission (anyone else; see TestSaveUnprivileged).
func TestSaveReadOnlyFileSystem(t *testing.T) {
	stateDir(t)
	dir := mountTmpfs(t, "size=1m")
	path := filepath.Join(dir, "flow.json")
	if err := os.WriteFile(path, examples.Sample(), 0o644); err != nil {
		t.Fatal(err)
	}
	x := editedRT(t, path)
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("remount read-only: %v %s", err, out)
	}
	saveFailure(t, x, path, "the folder is on a read-only file system", examples.Sample())
}

// mountTmpfs mounts a small tmpfs for the test, or skips when that is not
// permitted.
func mountTmpfs(t *testing.T, opts string) string {
	t.Helper()
	dir, why := tryTmpfs(t, opts)
	if dir == "" {
		t.Skip(why)
	}
	return dir
}

// tryTmpfs mounts a small tmpfs for the test; when that is not permitted it
// returns "" and why.
func tryTmpfs(t *testing.T, opts string) (dir, why string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return "", "mounting a tmpfs needs root"
	}
	dir, err := os.MkdirTemp("", "flowsmith-tmpfs-")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		os.Remove(dir)
		return "", fmt.Sprintf("mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		exec.Command("umount", dir).Run()
		os.Remove(dir)
	})
	return dir, ""
}

// fill writes a file that takes all the room left in dir's file system.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "ballast"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 1024)
	for {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	for _, n := range []int{512, 64, 1} { // the last partial blocks
		for {
			if _, err := f.Write(buf[:n]); err != nil {
				break
			}
		}
	}
}
