package tui

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"flowsmith/examples"
)

var update = flag.Bool("update", false, "rewrite the golden screens in testdata/")

// goldenModel opens bytes under a fixed, relative path so that screens do not
// depend on the machine (no temp dirs, no clocks, no terminal queries).
func goldenModel(t *testing.T, name string, src []byte, w, h int) *tm {
	t.Helper()
	return newTM(t, Options{Path: name, Src: src}, w, h)
}

func brokenSrc(t *testing.T, name string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "examples", "broken", name))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestGoldenScreens(t *testing.T) {
	sizes := [][2]int{{80, 24}, {140, 45}}
	screens := []struct {
		name  string
		setup func(t *testing.T, w, h int) *tm
	}{
		{"example", func(t *testing.T, w, h int) *tm {
			x := goldenModel(t, "sample.json", examples.Sample(), w, h)
			return x.press("j", "enter") // the greeting in the editor
		}},
		{"errors", func(t *testing.T, w, h int) *tm {
			x := goldenModel(t, "enter-email-cancelled.json", brokenSrc(t, "enter-email-cancelled.json"), w, h)
			return x.press("3", "enter") // first error, jumped to in the editor
		}},
		{"help", func(t *testing.T, w, h int) *tm {
			return goldenModel(t, "sample.json", examples.Sample(), w, h).press("?")
		}},
		{"quit", func(t *testing.T, w, h int) *tm {
			x := goldenModel(t, "sample.json", examples.Sample(), w, h)
			return x.press("j", "r", "ctrl+u", "type:welcome", "enter", "q")
		}},
		{"readonly", func(t *testing.T, w, h int) *tm {
			return goldenModel(t, "bad.json", []byte("[\n  {\"id\": \"start\",\n   \"type\": \"start\" \"outcome\": \"x\"}\n]\n"), w, h)
		}},
	}
	for _, sc := range screens {
		for _, sz := range sizes {
			name := sc.name + "_" + itoa(sz[0]) + "x" + itoa(sz[1])
			t.Run(name, func(t *testing.T) {
				x := sc.setup(t, sz[0], sz[1])
				got := ansi.Strip(x.m.view())
				checkGolden(t, name, got, sz[0], sz[1])
			})
		}
	}
}

func checkGolden(t *testing.T, name, got string, w, h int) {
	t.Helper()
	lines := strings.Split(got, "\n")
	if len(lines) != h {
		t.Errorf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d cells wide (screen %d): %q", i+1, lw, w, l)
		}
	}
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -run Golden -update)", err)
	}
	if string(want) != got {
		t.Errorf("screen differs from %s (go test ./tui -run Golden -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
