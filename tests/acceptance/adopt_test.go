package acceptance

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
)

// TestAdoptAPool is the documented path from a pool of hand-made clients to a program that
// manages all of them: `pulumi-resource-cognito import-pool` writes the import document,
// `pulumi import --file` imports the clients and generates the code, and that program
// previews with no changes. Five clients as varied as the console makes them: with and
// without a secret, OAuth and not, custom token units, and a name that is no identifier.
func TestAdoptAPool(t *testing.T) {
	for _, lang := range []string{"yaml", "typescript"} {
		t.Run(lang, func(t *testing.T) { adoptPool(t, lang, "moto", "create-five", 5) })
	}
}

// TestImportEachAnalyticsForm imports a client of each analytics form Cognito takes (a
// project's ARN alone, for which Cognito fills in its service-linked role; an application id
// with a role; and with an external id) and previews the generated program: what import
// writes must pass Check and show no change. On the strict emulator, which fills in the role
// as Cognito does.
func TestImportEachAnalyticsForm(t *testing.T) {
	adoptPool(t, "yaml", "strict", "create-analytics", 3)
}

func adoptPool(t *testing.T, lang, kind, create string, count int) {
	emu := startEmulator(t, kind)
	pool := emu.newPool(t, "adopt-"+lang)
	made := strings.Fields(emu.mustAdmin(t, pool, create))
	if len(made) != count {
		t.Fatalf("expected %d hand-made clients, made %v", count, made)
	}

	file := filepath.Join(t.TempDir(), "clients.json")
	cmd := exec.Command(providerBin, "import-pool", pool, "--region", "us-east-1", "--endpoint", emu.url, "--out", file)
	cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("import-pool: %v\n%s", err, out)
	}
	var doc struct {
		Resources []struct{ Type, Name, ID string }
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the import document is not JSON: %v\n%s", err, data)
	}
	names := map[string]string{}
	for _, r := range doc.Resources {
		names[r.ID] = r.Name
	}
	for _, id := range made {
		if names[pool+"/"+id] == "" {
			t.Fatalf("client %s is not in the import document:\n%s", id, data)
		}
	}

	program := filepath.Join("testdata", "programs", "adopt-"+lang)
	ex := onProgram(t, lang, mirrorProgram(t, program, "adopt-"+lang, lang), providerBin, lang != "yaml")
	ex.emu, ex.pool = emu, pool
	ex.useStack(t, "adopt", map[string]string{"cognito:endpoint": emu.url, "cognito:region": "us-east-1"})

	code := filepath.Join(t.TempDir(), "generated")
	pulumi(t, ex, "import", "--file", file, "--yes", "--protect=false", "--generate-code", "--out", code)
	generated, err := os.ReadFile(code)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(generated), "clientSecret") {
		t.Fatalf("the generated code carries a client secret:\n%s", generated)
	}
	dir := ex.CurrentStack().Workspace().WorkDir()
	switch lang {
	case "yaml":
		appendFile(t, filepath.Join(dir, "Pulumi.yaml"), "\n"+string(generated))
	case "typescript":
		if err := os.WriteFile(filepath.Join(dir, "index.ts"), generated, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("generated program:\n%s", generated)

	preview := ex.Preview(t, optpreview.ExpectNoChanges(), optpreview.Diff())
	if same := preview.ChangeSummary["same"]; same < count {
		t.Fatalf("expected the %d clients unchanged, got %v\n%s", count, preview.ChangeSummary, preview.StdOut)
	}
	state := ex.ExportStack(t)
	var deployment struct {
		Resources []struct {
			Type string
			ID   string
		}
	}
	if err := json.Unmarshal(state.Deployment, &deployment); err != nil {
		t.Fatal(err)
	}
	managed := map[string]bool{}
	for _, r := range deployment.Resources {
		if r.Type == "cognito:index:UserPoolClient" {
			managed[r.ID] = true
		}
	}
	for _, id := range made {
		if !managed[pool+"/"+id] {
			t.Errorf("client %s is not managed by the stack", id)
		}
	}
}

// pulumi runs the CLI on the example's stack, in the environment providertest gave it (the
// attached provider, the local backend).
func pulumi(t *testing.T, ex *example, args ...string) string {
	t.Helper()
	stdout, stderr, code := runPulumi(t, ex.PulumiTest, args...)
	if code != 0 {
		t.Fatalf("pulumi %s: exit %d\n%s\n%s", strings.Join(args, " "), code, stdout, stderr)
	}
	return stdout
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// TestDiscoverClients: a program reads every client of a pool through getUserPoolClients.
func TestDiscoverClients(t *testing.T) {
	emu := startEmulator(t, "moto")
	pool := emu.newPool(t, "discover")
	made := strings.Fields(emu.mustAdmin(t, pool, "create-five"))
	pt := program(t, "discover")
	pt.SetConfig(t, "cognito:endpoint", emu.url)
	pt.SetConfig(t, "userPoolId", pool)
	up := pt.Up(t)
	listed, _ := up.Outputs["clients"].Value.([]any)
	found := map[string]string{}
	for _, c := range listed {
		if m, ok := c.(map[string]any); ok {
			found[fmt.Sprint(m["clientId"])] = fmt.Sprint(m["clientName"])
		}
	}
	if len(found) != len(made) {
		t.Fatalf("listed %v, made %v", found, made)
	}
	for _, id := range made {
		if found[id] == "" {
			t.Errorf("client %s is not listed: %v", id, found)
		}
	}
	if found[made[4]] != "42" {
		t.Errorf("client %s is listed as %q, not \"42\"", made[4], found[made[4]])
	}
}

// TestAdviceAtPreview: discouraged settings are warnings, each once per resource, naming the
// property and the safer choice; the preview succeeds and creates nothing.
func TestAdviceAtPreview(t *testing.T) {
	emu := startEmulator(t, "moto")
	pool := emu.newPool(t, "advice")
	pt := program(t, "advice")
	pt.SetConfig(t, "cognito:endpoint", emu.url)
	pt.SetConfig(t, "userPoolId", pool)
	stream := make(chan events.EngineEvent)
	warnings := map[string]int{}
	done := make(chan struct{})
	go func() {
		for e := range stream {
			if d := e.DiagnosticEvent; d != nil && d.Severity == "warning" {
				warnings[resourceName(d.URN)+": "+strings.TrimSpace(d.Message)]++
			}
		}
		close(done)
	}()
	pt.Preview(t, optpreview.EventStreams(stream))
	<-done
	want := map[string]string{
		"legacy: `explicitAuthFlows` includes `ALLOW_USER_PASSWORD_AUTH`":         "`ALLOW_USER_SRP_AUTH`",
		"legacy: `preventUserExistenceErrors` is `LEGACY`":                        "`ENABLED`",
		"legacy: `refreshTokenValidity` keeps refresh tokens valid for 3650 days": "`refreshTokenRotation`",
		"spa: `allowedOAuthFlows` includes `implicit`":                            "`code`",
	}
	for prefix, safer := range want {
		n := 0
		for message, count := range warnings {
			if strings.HasPrefix(message, prefix) {
				n += count
				if !strings.Contains(message, safer) {
					t.Errorf("the warning does not name the safer choice %s: %s", safer, message)
				}
			}
		}
		if n != 1 {
			t.Errorf("%q was warned %d times, expected once: %v", prefix, n, warnings)
		}
	}
	if len(warnings) != len(want) {
		t.Errorf("expected %d warnings, got %v", len(want), warnings)
	}
	if n := emu.mustAdmin(t, pool, "count"); n != "0" {
		t.Fatalf("the preview created %s clients", n)
	}
}

func resourceName(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}
