package acceptance

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/providertest/pulumitest"
	"github.com/pulumi/providertest/pulumitest/opttest"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// TestMigrateFromPulumiAws walks docs/migrating.md under the real engine: a stack whose state
// holds five app clients as pulumi-aws wrote them (one per flow kind, and one with a secret
// whose client another resource reads) moves to this provider, and in the end every client
// is still in Cognito with the same id and secret, and a preview shows no change.
//
// The pulumi-aws plugin cannot be downloaded here, so the state is written with `pulumi stack
// import`, and a stand-in plugin (testdata/awsstub) answers for the old resources: it changes
// nothing, and fails any create, update or delete, so a step that would touch an old client
// fails the test. The program never declares the old resources (YAML would need the real
// plugin's schema), so step 4's `pulumi up` is limited with `--target` to the re-pointed
// resource, which the guide recommends anyway.
func TestMigrateFromPulumiAws(t *testing.T) {
	emu := startEmulator(t, "strict")
	pool := emu.newPool(t, "migrate")
	var made []map[string]any
	if err := json.Unmarshal([]byte(emu.mustAdmin(t, pool, "create-migrate")), &made); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, c := range made {
		ids[c["ClientName"].(string)] = c["ClientId"].(string)
	}

	stub := filepath.Join(t.TempDir(), "pulumi-resource-aws")
	if out, err := exec.Command("go", "build", "-o", stub, "./testdata/awsstub").CombinedOutput(); err != nil {
		t.Fatalf("building the stand-in aws plugin: %v\n%s", err, out)
	}
	dir0 := mirrorProgram(t, filepath.Join("testdata", "programs", "migrate"), "migrate", "yaml")
	ex := &example{PulumiTest: pulumitest.NewPulumiTest(t, dir0,
		opttest.TestInPlace(), opttest.SkipStackCreate(), opttest.SkipInstall(),
		opttest.AttachProviderBinary("cognito", providerBin),
		opttest.AttachProviderBinary("aws", stub),
	), lang: "yaml"}
	ex.emu, ex.pool = emu, pool
	ex.useStack(t, "migrate", map[string]string{
		"cognito:endpoint": emu.url, "cognito:region": "us-east-1",
		"userPoolId": pool, "backendClientId": ids["backend"],
	})
	ex.Up(t)
	secretsBefore := emu.mustAdmin(t, pool, "secrets", ids["backend"])

	// The state as a pulumi-aws stack has it.
	before := withPulumiAwsClients(t, ex.ExportStack(t), pool, made)
	ex.ImportStack(t, before)
	dir := t.TempDir()
	exported := filepath.Join(dir, "before.json")
	data, err := json.Marshal(before)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exported, data, 0o600); err != nil {
		t.Fatal(err)
	}

	// Step 2: plan.
	plan := filepath.Join(dir, "cognito-migration")
	if out, err := exec.Command(providerBin, "migrate", exported, "--out", plan).CombinedOutput(); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	report := readFile(t, filepath.Join(plan, "report.md"))
	if !strings.Contains(report, "backendSecret") {
		t.Fatalf("the report does not name the resource that reads the backend client:\n%s", report)
	}
	if out, err := exec.Command(providerBin, "migrate", exported, "--out", plan).CombinedOutput(); err == nil ||
		!strings.Contains(string(out), "--force") {
		t.Fatalf("a second plan overwrote the first without --force: %v\n%s", err, out)
	}

	// Step 3: import, and add the generated code.
	code := filepath.Join(dir, "generated.yaml")
	pulumi(t, ex, "import", "--file", filepath.Join(plan, "import.json"), "--yes", "--protect=false", "--generate-code", "--out", code)
	work := ex.CurrentStack().Workspace().WorkDir()
	program := filepath.Join(work, "Pulumi.yaml")
	// The program already has a `resources:` section (it ends with it): the generated
	// resources join it.
	generated := readFile(t, code)
	if i := strings.Index(generated, "resources:\n"); i >= 0 {
		generated = generated[i+len("resources:\n"):]
	}
	appendFile(t, program, generated)

	// Step 4: point the reader at the new client; the up touches nothing else.
	text := strings.Replace(readFile(t, program), "clientId: ${backendClientId}", "clientId: ${backend.clientId}", 1)
	if err := os.WriteFile(program, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	reader := urnOf(t, before, "cognito:index:UserPoolClientSecret", "backendSecret")
	up := pulumi(t, ex, "up", "--yes", "--target", reader)
	for _, bad := range []string{"deleted", "replaced", "created"} {
		if strings.Contains(up, bad) {
			t.Fatalf("step 4 %s something:\n%s", bad, up)
		}
	}

	// Step 5: drop the old resources from the state, as the script says.
	script := readFile(t, filepath.Join(plan, "state-delete.sh"))
	deletes := 0
	for _, line := range strings.Split(script, "\n") {
		if !strings.HasPrefix(line, "pulumi state delete ") {
			continue
		}
		if strings.Contains(line, "--target-dependents") {
			t.Fatalf("the script drops dependents from the state: %s", line)
		}
		args := strings.Fields(strings.ReplaceAll(strings.TrimPrefix(line, "pulumi "), "'", ""))
		pulumi(t, ex, args...)
		deletes++
	}
	if deletes != 6 { // five clients and the pulumi-aws provider nothing else uses
		t.Fatalf("expected 6 state removals, ran %d:\n%s", deletes, script)
	}

	// Step 7: nothing changes.
	ex.Preview(t, optpreview.ExpectNoChanges(), optpreview.Diff())
	state := ex.ExportStack(t)
	var deployment struct{ Resources []struct{ Type, ID string } }
	if err := json.Unmarshal(state.Deployment, &deployment); err != nil {
		t.Fatal(err)
	}
	managed := map[string]bool{}
	for _, r := range deployment.Resources {
		if strings.HasPrefix(r.Type, "aws:") {
			t.Errorf("an old resource is still in the state: %s %s", r.Type, r.ID)
		}
		if r.Type == "cognito:index:UserPoolClient" {
			managed[r.ID] = true
		}
	}
	for _, c := range made {
		id := c["ClientId"].(string)
		if !managed[pool+"/"+id] {
			t.Errorf("client %s is not managed by the stack", id)
		}
		want := "-"
		if s, ok := c["ClientSecret"].(string); ok && s != "" {
			want = s
		}
		if got := emu.mustAdmin(t, pool, "client-secret", id); got != want {
			t.Errorf("client %s: secret changed (%q, was %q)", id, got, want)
		}
	}
	if after := emu.mustAdmin(t, pool, "secrets", ids["backend"]); after != secretsBefore {
		t.Errorf("the backend client's secrets changed: %q, were %q", after, secretsBefore)
	}
}

// withPulumiAwsClients adds the clients to an exported state as pulumi-aws v6 records them
// (a default provider, the old resources, the reader depending on the backend client), with
// the secrets in plain text, as `pulumi stack export --show-secrets` writes them.
func withPulumiAwsClients(t *testing.T, in apitype.UntypedDeployment, pool string, made []map[string]any) apitype.UntypedDeployment {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal(in.Deployment, &d); err != nil {
		t.Fatal(err)
	}
	resources, _ := d["resources"].([]any)
	var stack string
	for _, r := range resources {
		if r.(map[string]any)["type"] == "pulumi:pulumi:Stack" {
			stack = r.(map[string]any)["urn"].(string)
		}
	}
	prefix := stack[:strings.Index(stack, "pulumi:pulumi:Stack::")]
	provider := prefix + "pulumi:providers:aws::default_6_83_0"
	providerID := "0c7ad5b4-7c1e-4c55-9a2b-6f7e1d1e9a01"
	added := []any{map[string]any{
		"urn": provider, "custom": true, "id": providerID, "type": "pulumi:providers:aws",
		"inputs": map[string]any{"region": "us-east-1"}, "outputs": map[string]any{"region": "us-east-1"},
	}}
	urns := map[string]string{}
	for i, c := range made {
		name := c["ClientName"].(string)
		urn := prefix + "aws:cognito/userPoolClient:UserPoolClient::" + name
		urns[name] = urn
		str := func(k string) any {
			if v, ok := c[k]; ok {
				return v
			}
			return ""
		}
		list := func(k string) any {
			if v, ok := c[k]; ok {
				return v
			}
			return []any{}
		}
		num := func(k string) any {
			if v, ok := c[k]; ok {
				return v
			}
			return 0
		}
		var units any
		if u, ok := c["TokenValidityUnits"].(map[string]any); ok && len(u) > 0 {
			units = map[string]any{"accessToken": u["AccessToken"], "idToken": u["IdToken"], "refreshToken": u["RefreshToken"]}
			if i%2 == 0 { // some pulumi-aws releases write blocks as one-element lists
				units = []any{units}
			}
		}
		secret := any("")
		if s, ok := c["ClientSecret"].(string); ok && s != "" {
			plain, _ := json.Marshal(s)
			secret = map[string]any{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": string(plain)}
		}
		added = append(added, map[string]any{
			"urn": urn, "custom": true, "id": c["ClientId"], "type": "aws:cognito/userPoolClient:UserPoolClient",
			"parent": stack, "provider": provider + "::" + providerID,
			"inputs": map[string]any{"userPoolId": pool, "name": name},
			"outputs": map[string]any{
				"id": c["ClientId"], "userPoolId": pool, "name": name, "clientSecret": secret,
				"generateSecret":                  secret != "",
				"allowedOauthFlows":               list("AllowedOAuthFlows"),
				"allowedOauthFlowsUserPoolClient": c["AllowedOAuthFlowsUserPoolClient"] == true,
				"allowedOauthScopes":              list("AllowedOAuthScopes"),
				"callbackUrls":                    list("CallbackURLs"),
				"logoutUrls":                      list("LogoutURLs"),
				"defaultRedirectUri":              str("DefaultRedirectURI"),
				"explicitAuthFlows":               list("ExplicitAuthFlows"),
				"supportedIdentityProviders":      list("SupportedIdentityProviders"),
				"readAttributes":                  list("ReadAttributes"),
				"writeAttributes":                 list("WriteAttributes"),
				"accessTokenValidity":             num("AccessTokenValidity"),
				"idTokenValidity":                 num("IdTokenValidity"),
				"refreshTokenValidity":            num("RefreshTokenValidity"),
				"tokenValidityUnits":              units,
				"preventUserExistenceErrors":      str("PreventUserExistenceErrors"),
				"enableTokenRevocation":           c["EnableTokenRevocation"] == true,
				"authSessionValidity":             num("AuthSessionValidity"),
				"analyticsConfiguration":          nil,
				"refreshTokenRotation":            nil,
			},
		})
	}
	// The old resources go before everything that is not the stack, so that the reader comes
	// after what it depends on.
	var out []any
	for _, r := range resources {
		m := r.(map[string]any)
		if m["type"] == "cognito:index:UserPoolClientSecret" {
			m["dependencies"] = []any{urns["backend"]}
			m["propertyDependencies"] = map[string]any{"clientId": []any{urns["backend"]}}
		}
		out = append(out, m)
		if m["type"] == "pulumi:pulumi:Stack" {
			out = append(out, added...)
		}
	}
	d["resources"] = out
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return apitype.UntypedDeployment{Version: in.Version, Deployment: data}
}

func urnOf(t *testing.T, state apitype.UntypedDeployment, typ, name string) string {
	t.Helper()
	var d struct{ Resources []struct{ URN, Type string } }
	if err := json.Unmarshal(state.Deployment, &d); err != nil {
		t.Fatal(err)
	}
	for _, r := range d.Resources {
		if r.Type == typ && strings.HasSuffix(r.URN, "::"+name) {
			return r.URN
		}
	}
	t.Fatalf("no %s named %s in the state", typ, name)
	return ""
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
