package tui

import (
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"
)

// The editor watches the folder of the file being edited (not the file: other
// tools save atomically, renaming a new file over the old one, which a watch on
// the old file would miss). Events for the file are debounced; then a command
// compares the file with the fingerprint of what was loaded or saved, and a
// change is said in the status bar at once. The next save asks (the
// fingerprint check of saveCmd): reload, overwrite or cancel.
//
// The watch runs in a goroutine that feeds a channel; a command waiting on the
// channel turns each change into a message. Closing the watch ends both.

// watchDebounce is how long the folder must be quiet after an event for the
// file before the change is reported (editors and tools write in bursts).
var watchDebounce = 200 * time.Millisecond

// dirWatch watches one file through its folder.
type dirWatch struct {
	w       *fsnotify.Watcher
	dir     string
	name    string // the file's base name
	changes chan struct{}
	once    sync.Once
	// For tests: the events seen for the file, when the last came, and the
	// changes reported after debouncing.
	events, fired atomic.Int64
	last          atomic.Int64 // unix nanoseconds
}

// Messages of the watch.
type (
	watchStartedMsg struct {
		path string
		w    *dirWatch
		err  error
	}
	// diskEventMsg: the watch saw the file change (debounced).
	diskEventMsg struct{ w *dirWatch }
	// diskStatusMsg: the file compared with what the editor last loaded or
	// saved (want).
	diskStatusMsg struct {
		path             string
		want             fingerprint
		changed, deleted bool
	}
)

// startWatchCmd starts watching the folder of path.
func startWatchCmd(path string) tea.Cmd {
	return func() tea.Msg {
		abs, err := filepath.Abs(path)
		if err != nil {
			return watchStartedMsg{path: path, err: err}
		}
		fw, err := fsnotify.NewWatcher()
		if err != nil {
			return watchStartedMsg{path: path, err: err}
		}
		d := &dirWatch{w: fw, dir: filepath.Dir(abs), name: filepath.Base(abs), changes: make(chan struct{}, 1)}
		if err := fw.Add(d.dir); err != nil {
			fw.Close()
			return watchStartedMsg{path: path, err: err}
		}
		go d.loop()
		return watchStartedMsg{path: path, w: d}
	}
}

// loop debounces the folder's events for the file into the changes channel;
// it closes the channel when the watch is closed.
func (d *dirWatch) loop() {
	defer close(d.changes)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case ev, ok := <-d.w.Events:
			if !ok {
				timer.Stop()
				return
			}
			if filepath.Base(ev.Name) != d.name || ev.Op == fsnotify.Chmod {
				continue
			}
			d.events.Add(1)
			d.last.Store(time.Now().UnixNano())
			timer.Reset(watchDebounce)
		case _, ok := <-d.w.Errors:
			if !ok {
				timer.Stop()
				return
			}
			// An overflow: events were lost, so look at the file.
			timer.Reset(watchDebounce)
		case <-timer.C:
			d.fired.Add(1)
			select {
			case d.changes <- struct{}{}:
			default: // one is already waiting
			}
		}
	}
}

// next waits for the next change; it returns nil once the watch is closed.
func (d *dirWatch) next() tea.Cmd {
	return func() tea.Msg {
		if _, ok := <-d.changes; !ok {
			return nil
		}
		return diskEventMsg{w: d}
	}
}

// close ends the watch (safe to call more than once).
func (d *dirWatch) close() {
	if d == nil {
		return
	}
	d.once.Do(func() { d.w.Close() })
}

func closeWatchCmd(d *dirWatch) tea.Cmd {
	if d == nil {
		return nil
	}
	return func() tea.Msg { d.close(); return nil }
}

// diskStatusCmd compares the file with what was loaded or saved.
func diskStatusCmd(path string, want fingerprint) tea.Cmd {
	return func() tea.Msg {
		changed, deleted := changedOnDisk(path, want)
		return diskStatusMsg{path: path, want: want, changed: changed, deleted: deleted}
	}
}

// watchFile starts watching the folder of path, unless it is watched already;
// a watch on another file is closed.
func (a *app) watchFile(path string) tea.Cmd {
	b := &a.bg
	if !b.on || path == "" || (b.watchPath != "" && samePathText(b.watchPath, path)) {
		return nil
	}
	old := b.watch
	b.watch, b.watchPath = nil, path
	return tea.Batch(closeWatchCmd(old), startWatchCmd(path))
}

// watchMsg handles the watch's messages.
func (a *app) watchMsg(msg tea.Msg) (tea.Cmd, bool) {
	b, c := &a.bg, a.ctx
	switch msg := msg.(type) {
	case watchStartedMsg:
		if msg.err != nil || msg.path != b.watchPath || b.watch != nil {
			// Not watching is no reason to stop editing: saves still check.
			msg.w.close()
			return nil, true
		}
		b.watch = msg.w
		return msg.w.next(), true
	case diskEventMsg:
		if msg.w != b.watch {
			return nil, true
		}
		if c.Path == "" {
			return msg.w.next(), true
		}
		return tea.Batch(msg.w.next(), diskStatusCmd(c.Path, c.disk)), true
	case diskStatusMsg:
		b.checks++
		if msg.path != c.Path || !sameFingerprint(msg.want, c.disk) {
			return nil, true // saved or reloaded meanwhile
		}
		switch {
		case msg.deleted:
			b.diskChanged = true
			c.Error("⚠ deleted on disk by another program · ctrl+s writes it again")
		case msg.changed:
			b.diskChanged = true
			c.Error("⚠ changed on disk by another program · ctrl+s asks: reload, overwrite or cancel")
		case b.diskChanged:
			b.diskChanged = false
			c.Message("the file on disk is back to what you loaded")
		}
		return nil, true
	}
	return nil, false
}

func sameFingerprint(a, b fingerprint) bool {
	return a.exists == b.exists && a.size == b.size && a.mod.Equal(b.mod) && a.sum == b.sum
}

// stopBackground ends the background work when the program has quit.
func (a *app) stopBackground() {
	a.bg.watch.close()
	a.bg.watch = nil
}
