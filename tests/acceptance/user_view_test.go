package acceptance

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
)

// getUserPoolClient returns the settings plain: only a lookup that asks for the secret
// (includeSecret) has a secret in its result, so neither YAML nor an SDK language makes every
// setting secret.
func TestLookupKeepsSettingsPlainUnlessTheSecretIsAskedFor(t *testing.T) {
	emu := startEmulator(t, "moto")
	config := func(pool string) map[string]string {
		return map[string]string{"cognito:endpoint": emu.url, "cognito:region": "us-east-1", "userPoolId": pool}
	}
	t.Run("yaml", func(t *testing.T) {
		pt := program(t, "lookup")
		for k, v := range config(emu.newPool(t, "lookup")) {
			pt.SetConfig(t, k, v)
		}
		lookupKeepsSettingsPlain(t, pt.Up(t).Outputs)
	})
	// In an SDK language the invoke's result is one Output: secret as a whole when any field is.
	t.Run("typescript", func(t *testing.T) {
		dir := mirrorProgram(t, filepath.Join("testdata", "programs", "lookup-typescript"), "lookup-typescript", "typescript")
		ex := onProgram(t, "typescript", dir, providerBin, true)
		ex.useStack(t, "lookup", config(emu.newPool(t, "lookup-typescript")))
		lookupKeepsSettingsPlain(t, ex.Up(t).Outputs)
	})
}

func lookupKeepsSettingsPlain(t *testing.T, outputs auto.OutputMap) {
	t.Helper()
	for _, plain := range []string{"name", "callbackUrls"} {
		if outputs[plain].Secret {
			t.Errorf("output %s is secret, though its lookup asked for no secret", plain)
		}
	}
	if got := fmt.Sprint(outputs["name"].Value); got != "web" {
		t.Errorf("name = %q, want web", got)
	}
	if got := fmt.Sprint(outputs["callbackUrls"].Value); !strings.Contains(got, "https://app.example.com/callback") {
		t.Errorf("callbackUrls = %s", got)
	}
	if v, ok := outputs["secret"]; ok && v.Value != nil && v.Value != "" {
		t.Errorf("a lookup without includeSecret returned the secret")
	}
	asked := outputs["secretAsked"]
	if !asked.Secret || fmt.Sprint(asked.Value) == "" {
		t.Errorf("with includeSecret the secret is missing or not secret: %+v", asked.Secret)
	}
}

// `pulumi import` with a pool id that is not there for these credentials says so, and gives
// no advice about the state (which holds nothing yet).
func TestImportFromAPoolThatIsNotThere(t *testing.T) {
	emu := startEmulator(t, "moto")
	pt := program(t, "unreachable")
	pt.SetConfig(t, "cognito:endpoint", emu.url)
	pt.SetConfig(t, "cognito:region", "us-east-1")
	pt.SetConfig(t, "userPoolId", "us-east-1_NoSuchPool1")
	stdout, stderr, code := runPulumi(t, pt, "import", "cognito:index:UserPoolClient", "client",
		"us-east-1_NoSuchPool1/1example23456789", "--yes")
	output := stdout + stderr
	if code == 0 {
		t.Fatalf("importing from a pool that is not there succeeded:\n%s", output)
	}
	for _, want := range []string{"there is no user pool us-east-1_NoSuchPool1", "check the pool id, its region and the account"} {
		if !strings.Contains(output, want) {
			t.Errorf("the output lacks %q:\n%s", want, output)
		}
	}
	for _, wrong := range []string{"state delete", "pulumi refresh"} {
		if strings.Contains(output, wrong) {
			t.Errorf("the output advises %q, which does not fit an import:\n%s", wrong, output)
		}
	}
}

// A program that exports outputs a client does not have (no secret, no analytics) previews
// quietly: the state holds a definite (null) value for every declared output, so nothing is
// unknown when nothing changes.
func TestAPreviewOfNothingIsQuietForOutputsTheClientLacks(t *testing.T) {
	emu := startEmulator(t, "moto")
	pt := program(t, "no-secret")
	pt.SetConfig(t, "cognito:endpoint", emu.url)
	pt.SetConfig(t, "cognito:region", "us-east-1")
	pt.SetConfig(t, "userPoolId", emu.newPool(t, "no-secret"))
	pt.Up(t)
	res, err := pt.CurrentStack().Preview(pt.Context(), optpreview.ExpectNoChanges(), optpreview.Diff())
	if err != nil {
		t.Fatalf("the preview after up is not quiet: %v\n%s\n%s", err, res.StdOut, res.StdErr)
	}
	if strings.Contains(res.StdOut, "[unknown]") || strings.Contains(res.StdOut, "webClientSecret") {
		t.Errorf("the preview shows an output as changing:\n%s", res.StdOut)
	}
}
