package acceptance

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
)

// TestPoolReferencesAtPreview: a client that refers to a scope, an identity provider and an
// attribute its pool does not have previews with a warning for each, naming the missing item
// and what the pool has, and creates nothing; with cognito:strictPoolReferences the preview
// fails instead.
func TestPoolReferencesAtPreview(t *testing.T) {
	emu := startEmulator(t, "moto")
	pool := emu.newPool(t, "references") // has the resource server `orders` with scope `read`
	pt := program(t, "pool-references")
	pt.SetConfig(t, "cognito:endpoint", emu.url)
	pt.SetConfig(t, "userPoolId", pool)

	stream := make(chan events.EngineEvent)
	var warnings []string
	done := make(chan struct{})
	go func() {
		for e := range stream {
			if d := e.DiagnosticEvent; d != nil && d.Severity == "warning" {
				warnings = append(warnings, strings.TrimSpace(d.Message))
			}
		}
		close(done)
	}()
	pt.Preview(t, optpreview.EventStreams(stream))
	<-done
	want := map[string][]string{
		"`allowedOAuthScopes` lists `orders/write`": {"`orders/read`", pool},
		"`supportedIdentityProviders` lists `Okta`": {"`COGNITO`"},
		"`readAttributes` lists `custom:plan`":      {"`email`"},
	}
	for prefix, names := range want {
		n := 0
		for _, w := range warnings {
			if strings.HasPrefix(w, prefix) {
				n++
				for _, name := range names {
					if !strings.Contains(w, name) {
						t.Errorf("the warning does not name %s: %s", name, w)
					}
				}
			}
		}
		if n != 1 {
			t.Errorf("%q warned %d times, expected once: %q", prefix, n, warnings)
		}
	}
	if n := emu.mustAdmin(t, pool, "count"); n != "0" {
		t.Fatalf("the preview created %s clients", n)
	}

	pt.SetConfig(t, "cognito:strictPoolReferences", "true")
	res, err := pt.CurrentStack().Preview(pt.Context())
	if err == nil {
		t.Fatalf("the preview passed with strictPoolReferences:\n%s", res.StdOut)
	}
	if !strings.Contains(err.Error(), "orders/write") || !strings.Contains(err.Error(), "strictPoolReferences") {
		t.Fatalf("the failure does not name the missing scope and the switch: %v", err)
	}
}
