package acceptance

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/providertest/pulumitest/assertpreview"
	"github.com/pulumi/providertest/pulumitest/optnewstack"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optremove"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// baselineVersion is the release whose state every example must preview cleanly under the
// provider being tested: 0.1.0, commit ce773c9.
const baselineVersion = "0.1.0"

// upgradeStack is the stack name of recordings and replays alike, so the recorded URNs fit.
const upgradeStack = "upgrade"

// Deliberate exceptions: changes an upgrade from the baseline may show, each also in
// CHANGELOG.md. None so far.
var upgradeExceptions = map[string]string{}

// upgrade previews the example's state recorded with the baseline release (as
// providertest.PreviewProviderUpgrade does, on the already installed program): the provider
// being tested must propose no change and no replacement. The recording is
// testdata/recorded/TestProviderUpgrade/<lang>/<version>/{stack.json,config.json}; when it is
// missing, COGNITO_BASELINE_BIN (the baseline release's binary) records it (CONTRIBUTING.md).
func upgrade(t *testing.T, ex *example) {
	dir := filepath.Join("testdata", "recorded", "TestProviderUpgrade", ex.lang, baselineVersion)
	stackFile, configFile := filepath.Join(dir, "stack.json"), filepath.Join(dir, "config.json")
	if _, err := os.Stat(stackFile); err != nil {
		record(t, ex, dir)
	}
	var config map[string]string
	readJSON(t, configFile, &config)
	var state apitype.UntypedDeployment
	readJSON(t, stackFile, &state)

	ex.useStack(t, upgradeStack, config, optnewstack.DisableAutoDestroy())
	ex.ImportStack(t, state)
	res := ex.Preview(t, optpreview.Diff())
	if len(upgradeExceptions) == 0 {
		assertpreview.HasNoReplacements(t, res)
		assertpreview.HasNoChanges(t, res)
	}
	// The recorded clients live in no emulator: forget the stack without destroying them.
	if err := ex.CurrentStack().Workspace().RemoveStack(ex.Context(), upgradeStack, optremove.Force()); err != nil {
		t.Logf("removing the upgrade stack: %v", err)
	}
}

// record runs the example with the baseline release's binary against moto and keeps its state
// and the configuration it ran with.
func record(t *testing.T, ex *example, dir string) {
	t.Helper()
	old := os.Getenv("COGNITO_BASELINE_BIN")
	if old == "" {
		t.Fatalf("no upgrade baseline at %s: record it with COGNITO_BASELINE_BIN=<pulumi-resource-cognito %s> (CONTRIBUTING.md)", dir, baselineVersion)
	}
	emu := startEmulator(t, "moto")
	baseline := onProgram(t, ex.lang, ex.WorkingDir(), old, false)
	config := map[string]string{
		"cognito:endpoint": emu.url,
		"cognito:region":   "us-east-1",
		"userPoolId":       emu.newPool(t, "baseline-"+ex.lang),
	}
	// Not destroyed afterwards: the emulator goes with the test, and 0.1.0 refuses every run of
	// an attached process after the first Cancel (fixed since), destroy included.
	baseline.useStack(t, upgradeStack, config, optnewstack.DisableAutoDestroy())
	baseline.Up(t)
	state := baseline.ExportStack(t)
	state.Deployment = redacted(t, state.Deployment)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeJSON(t, filepath.Join(dir, "stack.json"), state)
	writeJSON(t, filepath.Join(dir, "config.json"), config)
	t.Logf("recorded the %s baseline in %s", baselineVersion, dir)
}

// redacted replaces every secret's value in a state export (the Automation API exports them in
// plain text) with a placeholder: recordings hold no secret, not even an emulator's.
func redacted(t *testing.T, deployment json.RawMessage) json.RawMessage {
	t.Helper()
	var v any
	if err := json.Unmarshal(deployment, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["plaintext"]; ok && v["4dabf18193072939515e22adb298388d"] != nil {
				v["plaintext"] = `"REDACTED BY THE ACCEPTANCE TESTS"`
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readJSON(t *testing.T, path string, into any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
