package flowgraph

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestOpsLayout(t *testing.T) {
	tests := []struct {
		name, file string
		op         Op
		want       string // a snippet the result must contain
	}{
		{"no HTML escapes", "recovery.json", SetValue("/3/prompt", NewString("Say: Terms & <b>conditions</b>")),
			`"prompt": "Say: Terms & <b>conditions</b>"`},
		{"replace string keeps neighbours", "recovery.json", SetValue("/3/prompt", NewString("Say: Bye.")),
			"    \"prompt\": \"Say: Bye.\",\n    \"doesNotRequireReply\": true,"},
		{"add member multi-line", "recovery.json", SetValue("/2/outcomes/inconclusive", NewString("greeting")),
			"      \"noFace\": \"greeting\",\n      \"inconclusive\": \"greeting\"\n    }"},
		{"add member to inline object", "recovery.json", SetValue("/3/outcomes/0/note", NewBool(true)),
			`{"id": "done", "targetNodeId": "end", "condition": "", "note": true}`},
		{"add nested missing parents", "recovery.json", SetValue("/1/awaitExternal/poll/intervalMs", NewNumber(500)),
			"    \"x-note\": \"kept as written\",\n    \"awaitExternal\": {\n      \"poll\": {\n        \"intervalMs\": 500\n      }\n    }\n  },"},
		{"tabs kept", "body-tabs.json", SetValue("/zone", NewString("eu")),
			"\t\"metadata\": {},\n\t\"zone\": \"eu\"\n}"},
		{"fill empty object multi-line", "body-tabs.json", SetValue("/metadata/team", NewString("kyc")),
			"\t\"metadata\": {\n\t\t\"team\": \"kyc\"\n\t}\n}"},
		{"remove last member", "recovery.json", Remove("/1/x-note"),
			"    ]\n  },\n  {\n    \"id\": \"recognize\""},
		{"remove first item", "recovery.json", Remove("/0"), "[\n  {\n    \"id\": \"greeting\""},
		{"remove only member", "body-tabs.json", Remove("/flow/1/type"), "\t\t{\n\t\t\t\"id\": \"end\"\n\t\t}"},
		{"insert conditional outcome", "recovery.json", InsertItem("/1/outcomes", 0, NewConditionalOutcome("stop", "closing", "The user wants to stop")),
			"    \"outcomes\": [\n      {\n        \"id\": \"stop\",\n        \"targetNodeId\": \"closing\",\n        \"condition\": \"The user wants to stop\"\n      },\n      {\n        \"id\": \"ready\","},
		{"compact file stays compact", "compact.json", SetValue("/1/note", NewString("x")),
			`{"id":"end","type":"end","note":"x"}]`},
		{"rename rewrites references", "recovery.json", RenameNode("greeting", "hello"),
			"\"outcome\": \"hello\""},
		{"rename legacy edge sources", "legacy.json", RenameNode("otp", "sms_code"),
			`{"id": "e3", "source": "sms_code", "sourceHandle": "verified", "target": "end"}`},
		{"rename key", "recovery.json", RenameKey("/2/outcomes/newUser", "new_user"), `"new_user": "closing"`},
		{"to body", "compact.json", ToSessionBody(), `{"flow":[{"id":"start"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustLoad(t, tt.file)
			nd, c, err := d.Do(tt.op)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(nd.Src), tt.want) {
				t.Errorf("result lacks %q:\n%s", tt.want, nd.Src)
			}
			back, err := nd.Apply(c.Inverse())
			if err != nil || string(back.Src) != string(d.Src) {
				t.Errorf("inverse did not restore the bytes (err %v)", err)
			}
		})
	}
}

func TestMoveItemInRootArray(t *testing.T) {
	d := mustLoad(t, "recovery.json")
	nd, _, err := d.Do(MoveItem("", 4, 0))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(nd.IDs(), " "); got != "end start greeting recognize closing" {
		t.Errorf("order %q", got)
	}
}

func TestEditChangesOnlyThatField(t *testing.T) {
	d := mustLoad(t, "recovery.json")
	nd, _, err := d.Do(SetValue("/1/prompt", NewString("Say: Welcome back.")))
	if err != nil {
		t.Fatal(err)
	}
	before, after := strings.Split(string(d.Src), "\n"), strings.Split(string(nd.Src), "\n")
	if len(before) != len(after) {
		t.Fatalf("line count changed")
	}
	changed := 0
	for i := range before {
		if before[i] != after[i] {
			changed++
			if !strings.Contains(after[i], "Welcome back") {
				t.Errorf("line %d changed: %q", i+1, after[i])
			}
		}
	}
	if changed != 1 {
		t.Errorf("%d lines changed, want 1", changed)
	}
}

func TestConversions(t *testing.T) {
	d := mustLoad(t, "legacy.json")
	nd, _, err := d.Do(ConvertLegacy())
	if err != nil {
		t.Fatal(err)
	}
	if nd.Form != FormBare {
		t.Fatalf("form %v", nd.Form)
	}
	otp := nd.Nodes[nd.NodeByID("otp")]
	if otp.Type != "two_factor_sms" || otp.Value.Has("channels") || otp.Value.Get("otpLength").Str != "6" {
		t.Errorf("otp node: %s", nd.Src[otp.Value.Start:otp.Value.End])
	}
	if got := otp.Value.Get("outcomes").Get("verified").Text(); got != "end" {
		t.Errorf("otp verified → %q", got)
	}
	g := nd.Nodes[nd.NodeByID("greeting")]
	if len(g.Edges) != 1 || g.Edges[0].Cond != "The user is ready" || g.Edges[0].Key != "e2" {
		t.Errorf("greeting edges %+v", g.Edges)
	}
	if nd.Nodes[0].Value.Has("position") || nd.Nodes[0].Get("outcome") != "greeting" {
		t.Errorf("start: %s", nd.Src[nd.Nodes[0].Value.Start:nd.Nodes[0].Value.End])
	}

	body := mustLoad(t, "recovery.json")
	wrapped, _, err := body.Do(ToSessionBody())
	if err != nil || wrapped.Form != FormBody {
		t.Fatalf("to body: %v", err)
	}
	unwrapped, _, err := wrapped.Do(ToBareFlow())
	if err != nil || string(unwrapped.Src) != string(body.Src) {
		t.Errorf("bare → body → bare changed the text (err %v):\n%s", err, unwrapped.Src)
	}
	if _, _, err := mustLoad(t, "body-tabs.json").Do(ToBareFlow()); err == nil {
		t.Error("unwrapping a body with other keys must refuse")
	}
}

// Get is a test helper: the text of a node member.
func (n Node) Get(key string) string { return n.Value.Get(key).Text() }

// randomOp picks an operation that fits the document.
func randomOp(r *rand.Rand, d *Document) Op {
	n := len(d.Nodes)
	pick := func() *Node { return &d.Nodes[r.IntN(n)] }
	switch r.IntN(10) {
	case 0:
		node, _ := NewNode(TypeNames()[r.IntN(len(Catalog))], fmt.Sprintf("n%d", r.IntN(1000)))
		return AddNode(node, r.IntN(n+1))
	case 1:
		if n > 1 {
			return DeleteNode(pick().ID)
		}
	case 2:
		return RenameNode(pick().ID, fmt.Sprintf("r%d", r.IntN(1000)))
	case 3:
		return SetValue(pick().Ptr+"/prompt", NewString(fmt.Sprintf("Say: line %d ünïcode \"q\"", r.IntN(99))))
	case 4:
		if p := pick(); len(p.Edges) > 0 {
			e := p.Edges[r.IntN(len(p.Edges))]
			return SetTarget(e.Ptr, d.Nodes[r.IntN(n)].ID)
		}
	case 5:
		if p := pick(); p.Value.Kind == Object && len(p.Value.Members) > 2 {
			return Remove(Pointer(p.Ptr, p.Value.Members[r.IntN(len(p.Value.Members))].Key))
		}
	case 6:
		return MoveItem(d.FlowPtr, r.IntN(n), r.IntN(n))
	case 7:
		return SetValue(pick().Ptr+"/awaitExternal/poll/timeoutMs", NewNumber(float64(r.IntN(9000))))
	case 8:
		if d.Form == FormBare {
			return ToSessionBody()
		}
		return SetValue("/langs", NewArray(NewString("en"), NewString("de")))
	case 9:
		if p := pick(); p.Value.Get("outcomes").Is(Array) {
			return InsertItem(p.Ptr+"/outcomes", 0, NewConditionalOutcome("o", "end", "The user agrees"))
		}
	}
	return SetValue(pick().Ptr+"/x", NewObject("a", NewArray(NewNumber(1), NewNull())))
}

func TestRandomOpsUndoToOriginalBytes(t *testing.T) {
	for _, file := range []string{"recovery.json", "body-tabs.json", "compact.json"} {
		for seed := uint64(1); seed <= 40; seed++ {
			r := rand.New(rand.NewPCG(seed, 7))
			orig := mustLoad(t, file)
			d, h := orig, &History{}
			for step := 0; step < 25; step++ {
				nd, err := h.Do(d, randomOp(r, d))
				if err == nil {
					d = nd
				}
			}
			final := string(d.Src)
			for h.CanUndo() {
				var err error
				if d, _, err = h.Undo(d); err != nil {
					t.Fatalf("%s seed %d: undo: %v", file, seed, err)
				}
			}
			if string(d.Src) != string(orig.Src) {
				t.Fatalf("%s seed %d: undo did not restore the original bytes", file, seed)
			}
			for h.CanRedo() {
				d, _, _ = h.Redo(d)
			}
			if string(d.Src) != final {
				t.Fatalf("%s seed %d: redo did not reach the final state", file, seed)
			}
		}
	}
}
