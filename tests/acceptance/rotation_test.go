package acceptance

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
)

// TestSecretRotation rotates a client secret with one `pulumi up` and no replacement of the
// client, in YAML (examples/rotation) and TypeScript (examples/rotation-typescript), on the
// strict emulator: tokens are issued with the new secret, the old one still works until the
// rotation ends and is refused after it, and the client id never changes.
func TestSecretRotation(t *testing.T) {
	for _, c := range []struct{ dir, lang string }{{"rotation", "yaml"}, {"rotation-typescript", "typescript"}} {
		t.Run(c.lang, func(t *testing.T) {
			ex := onProgram(t, c.lang, mirrorExample(t, c.dir, c.lang), providerBin, true)
			ex.lang = c.lang
			ex.onEmulator(t, startEmulator(t, "strict"))
			rotation(t, ex)
		})
	}
}

func rotation(t *testing.T, ex *example) {
	ex.Up(t)
	out := ex.outputs(t)
	client, first := out["clientId"].value, out["clientSecret"].value
	if !out["clientSecret"].secret || first == "" {
		t.Fatalf("clientSecret is not a secret with a value")
	}
	if _, err := clientCredentials(ex.emu.url, client, first); err != nil {
		t.Fatalf("the secret resource's secret gets no token: %v", err)
	}
	ids := strings.Fields(ex.emu.mustAdmin(t, ex.pool, "secrets", client))
	if len(ids) != 2 {
		t.Fatalf("the client has secrets %v, expected its own and the resource's", ids)
	}

	// A rotation now would need a third secret: the preview says so.
	ex.SetConfig(t, "rotation", "2")
	preview := ex.Preview(t, optpreview.Diff())
	if !strings.Contains(preview.StdOut+preview.StdErr, "the most Cognito allows") {
		t.Errorf("the preview of a rotation on a full client does not warn:\n%s", preview.StdOut)
	}
	ex.SetConfig(t, "rotation", "1")

	// Retire the client's first secret once: import it, and the next up deletes it.
	var own string
	for _, id := range ids {
		if id != out["secretId"].value {
			own = id
		}
	}
	ex.Import(t, "cognito:index:UserPoolClientSecret", "first", ex.pool+"/"+client+"/"+own, "")
	ex.Up(t)
	if ids := strings.Fields(ex.emu.mustAdmin(t, ex.pool, "secrets", client)); len(ids) != 1 {
		t.Fatalf("after retiring the first secret the client has %v", ids)
	}

	// The rotation: one up, the same client, a new secret; the old one refused afterwards.
	ex.SetConfig(t, "rotation", "2")
	preview = ex.Preview(t, optpreview.Diff())
	if preview.ChangeSummary["replace"] != 1 {
		t.Fatalf("the rotation preview: %v\n%s", preview.ChangeSummary, preview.StdOut)
	}
	ex.Up(t)
	out = ex.outputs(t)
	if out["clientId"].value != client {
		t.Fatalf("the client was replaced: %s -> %s", client, out["clientId"].value)
	}
	second := out["clientSecret"].value
	if second == first || second == "" {
		t.Fatalf("the secret did not change")
	}
	if _, err := clientCredentials(ex.emu.url, client, second); err != nil {
		t.Fatalf("the new secret gets no token: %v", err)
	}
	if _, err := clientCredentials(ex.emu.url, client, first); !isOAuthError(err, "invalid_client") {
		t.Fatalf("the rotated-out secret: %v, expected invalid_client", err)
	}
	if ids := strings.Fields(ex.emu.mustAdmin(t, ex.pool, "secrets", client)); len(ids) != 1 {
		t.Fatalf("after the rotation the client has secrets %v", ids)
	}
	// Nothing more to do, and the client shows no drift from the rotation.
	ex.Preview(t, optpreview.ExpectNoChanges())
	ex.Refresh(t)
	ex.Preview(t, optpreview.ExpectNoChanges())

	// Destroying it all deletes the client and its secrets with it: nothing to warn about (the
	// secret resource is deletedWith the client, so the engine skips its delete).
	destroyed := ex.Destroy(t)
	for _, noise := range []string{"was not deleted", "last secret", "warning"} {
		if strings.Contains(destroyed.StdOut+destroyed.StdErr, noise) {
			t.Errorf("the destroy says %q:\n%s", noise, destroyed.StdOut)
		}
	}
	if ids, err := ex.emu.admin(ex.pool, "secrets", client); err == nil {
		t.Errorf("after the destroy the client still exists, with secrets %v", ids)
	}
}
