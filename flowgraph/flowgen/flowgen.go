// Package flowgen generates large, realistic, valid flows for benchmarks and
// stress tests: every rule of the catalog passes on them.
package flowgen

import (
	"bytes"
	"fmt"
)

// Flow returns a bare flow of about n nodes (at least 7) as 2-space JSON. It is
// a chain of verification blocks, each a greeting conversation that branches
// on the user's answer and a liveness check whose retries loop back to the
// greeting, ending in two closing conversations and two end nodes.
func Flow(n int) []byte {
	blocks := max(1, (n-5)/2)
	var b bytes.Buffer
	b.WriteString("[\n")
	node := func(format string, args ...any) {
		b.WriteString("  ")
		fmt.Fprintf(&b, format, args...)
		b.WriteString(",\n")
	}
	node(`{"id": "start", "type": "start", "outcome": "greeting_0"}`)
	for k := 0; k < blocks; k++ {
		next := fmt.Sprintf("greeting_%d", k+1)
		if k == blocks-1 {
			next = "closing_success"
		}
		node(`{"id": "greeting_%d", "type": "conversation", "prompt": "Say: Hi {name}, this is step %d of the check. Please look straight at the camera and keep your face inside the frame for a few seconds.", "outcomes": [{"id": "ready", "targetNodeId": "liveness_%d", "condition": "The user is ready"}, {"id": "not_now", "targetNodeId": "closing_unverified", "condition": "The user declines or does not answer"}]}`, k, k+1, k)
		node(`{"id": "liveness_%d", "type": "liveness_detection", "outcomes": {"livenessDetected": "%s", "deepfakeDetected": "closing_unverified", "noFace": "greeting_%d", "inconclusive": "greeting_%d"}}`, k, next, k, k)
	}
	node(`{"id": "closing_success", "type": "conversation", "prompt": "Say: Thank you, {name}. You are verified.", "doesNotRequireReply": true, "outcomes": [{"id": "done", "targetNodeId": "end_success", "condition": ""}]}`)
	node(`{"id": "closing_unverified", "type": "conversation", "prompt": "Say: Thank you for your time. Please try again later.", "doesNotRequireReply": true, "outcomes": [{"id": "done", "targetNodeId": "end_unverified", "condition": ""}]}`)
	node(`{"id": "end_success", "type": "end"}`)
	b.WriteString(`  {"id": "end_unverified", "type": "end"}` + "\n]\n")
	return b.Bytes()
}
