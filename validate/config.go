package validate

import (
	"fmt"
	"os"
	"path/filepath"

	"flowsmith/flowgraph"
	"flowsmith/i18n"
)

// ConfigName is the file flowsmith looks for next to flows and in their parents.
const ConfigName = ".flowsmith.json"

// Config is a project's .flowsmith.json:
//
//	{"rules": {"<id>": "off" | "info" | "warning" | "error"}, "languages": ["en", "de", …]}
type Config struct {
	Path      string
	Rules     map[string]Severity
	Languages []string // the language catalog; nil means the default catalog
}

// severity is the configured severity of a rule (nil-safe).
func (c *Config) severity(id string) Severity {
	if c != nil {
		if s, ok := c.Rules[id]; ok {
			return s
		}
	}
	if r := LookupRule(id); r != nil {
		return r.Severity
	}
	return Error
}

// FindConfig walks up from the folder of a flow file to the file system root and
// returns the first .flowsmith.json found, or "".
func FindConfig(flowPath string) string {
	dir, err := filepath.Abs(filepath.Dir(flowPath))
	if err != nil || flowPath == "-" {
		dir, _ = os.Getwd()
	}
	for {
		p := filepath.Join(dir, ConfigName)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ParseConfig reads configuration bytes. Problems inside them (bad JSON,
// unknown rule ids, bad severities) come back as findings against the
// configuration file.
func ParseConfig(path string, src []byte) (*Config, []Finding) {
	cfg := &Config{Path: path, Rules: map[string]Severity{}}
	root, err := flowgraph.ParseTree(path, src)
	if err != nil {
		return cfg, []Finding{configFinding("config-error", err.Pos, "", err.Msg, "")}
	}
	var out []Finding
	if root.Value.Kind != flowgraph.Object {
		return cfg, []Finding{configFinding("config-error", root.Pos(0), "", "the configuration must be a JSON object", "")}
	}
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	for _, m := range root.Value.Members {
		ptr := flowgraph.Pointer("", m.Key)
		switch m.Key {
		case "rules":
			if m.Value.Kind != flowgraph.Object {
				out = append(out, configFinding("config-error", root.Pos(m.Value.Start), ptr, "\"rules\" must be an object of rule id → severity", ""))
				continue
			}
			for _, r := range m.Value.Members {
				rp := flowgraph.Pointer(ptr, r.Key)
				if LookupRule(r.Key) == nil {
					out = append(out, configFinding("unknown-rule", root.Pos(r.KeyStart), rp,
						fmt.Sprintf("no rule has the id %q", r.Key), didYouMean(r.Key, ids)))
					continue
				}
				sev, err := ParseSeverity(r.Value.Text())
				if err != nil {
					out = append(out, configFinding("config-error", root.Pos(r.Value.Start), rp, err.Error(), ""))
					continue
				}
				cfg.Rules[r.Key] = sev
			}
		case "languages":
			list := m.Value.Strings()
			if m.Value.Kind != flowgraph.Array || len(list) != len(m.Value.Items) || len(list) == 0 {
				out = append(out, configFinding("config-error", root.Pos(m.Value.Start), ptr, "\"languages\" must be a non-empty array of language codes", ""))
				continue
			}
			if _, err := i18n.NewCatalog(list); err != nil {
				out = append(out, configFinding("config-error", root.Pos(m.Value.Start), ptr, "\"languages\": "+err.Error(), ""))
				continue
			}
			cfg.Languages = list
		default:
			out = append(out, configFinding("config-error", root.Pos(m.KeyStart), ptr,
				fmt.Sprintf("unknown configuration key %q", m.Key), didYouMean(m.Key, []string{"rules", "languages"})))
		}
	}
	return cfg, out
}

func configFinding(rule string, pos flowgraph.Pos, ptr, msg, hint string) Finding {
	sev := Error
	if r := LookupRule(rule); r != nil {
		sev = r.Severity
	}
	return Finding{Rule: rule, Severity: sev, Pointer: ptr, Pos: pos, Message: msg, Hint: hint}
}
