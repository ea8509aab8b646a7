package journal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteReadRemove(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	flow := filepath.Join(t.TempDir(), "kyc flow.json")
	when := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

	if e, err := Read(flow); e != nil || err != nil {
		t.Fatalf("no recovery yet: got %v, %v", e, err)
	}
	src := []byte("[\n  {\"id\": \"start\", \"prompt\": \"Say: Terms & <b>é</b>\"}\n]\n")
	if err := Write(flow, Hash([]byte("old")), src, when); err != nil {
		t.Fatal(err)
	}
	e, err := Read(flow)
	if err != nil || e == nil {
		t.Fatalf("read back: %v, %v", e, err)
	}
	if e.Src != string(src) || e.Base != Hash([]byte("old")) || !e.Written.Equal(when) || e.Path != flow {
		t.Errorf("entry changed on the way: %+v", e)
	}
	files, _ := filepath.Glob(filepath.Join(state, "flowsmith", "recovery", "*"))
	if len(files) != 1 || !strings.HasSuffix(files[0], "-kycflow.json.json") {
		t.Fatalf("recovery files: %v", files)
	}
	if info, _ := os.Stat(files[0]); info.Mode().Perm() != 0o600 {
		t.Errorf("recovery file mode %v, want 0600 (flows may hold personal data)", info.Mode().Perm())
	}
	other := filepath.Join(filepath.Dir(flow), "other.json")
	if e, _ := Read(other); e != nil {
		t.Error("another file's recovery was found")
	}
	if err := Remove(flow); err != nil {
		t.Fatal(err)
	}
	if e, _ := Read(flow); e != nil {
		t.Error("removed recovery still found")
	}
	if err := Remove(flow); err != nil {
		t.Errorf("removing twice: %v", err)
	}
}

func TestDamagedRecoveryIsAnErrorNotAPanic(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	flow := filepath.Join(t.TempDir(), "f.json")
	if err := Write(flow, "", []byte("[]"), time.Now()); err != nil {
		t.Fatal(err)
	}
	f, _ := file(flow)
	for _, bad := range []string{"", "{\"src\": ", "\x00\x01", "{\"written\": \"yesterday\"}"} {
		os.WriteFile(f, []byte(bad), 0o600)
		if e, err := Read(flow); err == nil || e != nil {
			t.Errorf("damaged recovery %q: got %v, %v", bad, e, err)
		}
	}
}

func TestUntitledAndDir(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	if err := Write("", "", []byte("[]"), time.Now()); err != nil {
		t.Fatal(err)
	}
	if e, err := Read(""); err != nil || e == nil || e.Path != "" {
		t.Errorf("untitled recovery: %v, %v", e, err)
	}
	t.Setenv("XDG_STATE_HOME", "relative/path") // ignored, as the XDG spec says
	d, err := Dir()
	if err != nil || !filepath.IsAbs(d) {
		t.Errorf("Dir() = %q, %v", d, err)
	}
}
