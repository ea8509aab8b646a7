// Package examples ships the example flows inside the binary: the sample flow
// newcomers see, and the templates a new file can start from.
package examples

import (
	"embed"
	"io/fs"
	"path"
	"strings"
)

//go:embed *.json
var files embed.FS

// SampleName is the flow `flowsmith` opens when given no file.
const SampleName = "sample.json"

// Sample returns the built-in sample flow.
func Sample() []byte {
	b, _ := files.ReadFile(SampleName) // embedded: cannot fail
	return b
}

// Names lists the embedded example files (sorted).
func Names() []string {
	entries, _ := fs.ReadDir(files, ".")
	var names []string
	for _, e := range entries {
		if path.Ext(e.Name()) == ".json" {
			names = append(names, e.Name())
		}
	}
	return names
}

// Read returns an embedded example by file name.
func Read(name string) ([]byte, error) { return files.ReadFile(name) }

// Title turns a file name into a menu title: "kyc-document.json" → "kyc document".
func Title(name string) string {
	return strings.ReplaceAll(strings.TrimSuffix(name, ".json"), "-", " ")
}

// Skeleton is the blank flow a new file starts from: start → greeting → closing → end.
const Skeleton = `[
  {
    "id": "start",
    "type": "start",
    "outcome": "greeting"
  },
  {
    "id": "greeting",
    "type": "conversation",
    "prompt": "Say: Hi {name}! I'm your verification assistant. This only takes a minute, and I'll guide you through every step.",
    "outcomes": [
      {
        "id": "ready",
        "targetNodeId": "closing",
        "condition": ""
      }
    ]
  },
  {
    "id": "closing",
    "type": "conversation",
    "prompt": "Say: Thank you, {name}. You're all set, and you can close this window now.",
    "doesNotRequireReply": true,
    "outcomes": [
      {
        "id": "done",
        "targetNodeId": "end",
        "condition": ""
      }
    ]
  },
  {
    "id": "end",
    "type": "end"
  }
]
`
