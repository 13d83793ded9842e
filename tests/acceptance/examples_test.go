package acceptance

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/providertest/grpclog"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	rpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

// TestExamples runs each example program through its whole life against moto: the upgrade
// from the previous release first (on a stack of its own), then up, no-op up, preview and
// refresh, an update in place, a replacement, drift and deletion behind Pulumi's back, import,
// destroy.
func TestExamples(t *testing.T) {
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			ex := newExample(t, lang, providerBin)
			t.Run("upgrade", func(t *testing.T) { upgrade(t, ex) })
			t.Run("lifecycle", func(t *testing.T) {
				ex.onEmulator(t, startEmulator(t, "moto"))
				lifecycle(t, ex)
			})
		})
	}
}

// TestExamplesOnTheStrictEmulator runs YAML and TypeScript again on the strict emulator, which
// resets what an update leaves out, where the clients must also issue tokens as the program
// says.
func TestExamplesOnTheStrictEmulator(t *testing.T) {
	for _, lang := range []string{"yaml", "typescript"} {
		t.Run(lang, func(t *testing.T) {
			ex := newExample(t, lang, providerBin)
			ex.onEmulator(t, startEmulator(t, "strict"))
			lifecycle(t, ex)
		})
	}
}

// output is one stack output.
type output struct {
	value  string
	secret bool
}

func (ex *example) outputs(t *testing.T) map[string]output {
	t.Helper()
	outs, err := ex.CurrentStack().Outputs(ex.Context())
	if err != nil {
		t.Fatalf("stack outputs: %v", err)
	}
	m := map[string]output{}
	for k, v := range outs {
		s, _ := v.Value.(string)
		m[k] = output{value: s, secret: v.Secret}
	}
	return m
}

// checkClients compares both clients in the emulator with the program: the web client's
// access token lifetime in minutes and whether it has a secret.
func (ex *example) checkClients(t *testing.T, minutes string, webSecret bool) map[string]output {
	t.Helper()
	out := ex.outputs(t)
	web, m2m := out["webClientId"].value, out["m2mClientId"].value
	if web == "" || m2m == "" {
		t.Fatalf("outputs lack the client ids: %v", out)
	}
	secret := "none"
	if webSecret {
		if !out["webClientSecret"].secret || out["webClientSecret"].value == "" {
			t.Fatalf("webClientSecret is not a secret with a value: %+v", out["webClientSecret"].secret)
		}
		secret = out["webClientSecret"].value
	} else if out["webClientSecret"].value != "" {
		t.Fatalf("the web client has no secret, but webClientSecret is set")
	}
	if !out["m2mClientSecret"].secret || out["m2mClientSecret"].value == "" {
		t.Fatalf("m2mClientSecret is not a secret with a value")
	}
	name := ex.emu.mustAdmin(t, ex.pool, "check-web", web, minutes, secret)
	if !strings.HasPrefix(name, "webClient-") {
		t.Fatalf("web client name %q is not autonamed from webClient", name)
	}
	if out["webClientName"].value != name {
		t.Fatalf("output webClientName %q is not the emulator's %q", out["webClientName"].value, name)
	}
	ex.emu.mustAdmin(t, ex.pool, "check-m2m", m2m, out["m2mClientSecret"].value)
	return out
}

func (ex *example) count(t *testing.T) string {
	t.Helper()
	return ex.emu.mustAdmin(t, ex.pool, "count")
}

func (ex *example) exists(id string) bool {
	_, err := ex.emu.admin(ex.pool, "exists", id)
	return err == nil
}

// isSecret says whether a Struct value is the engine's secret envelope.
func isSecret(v *structpb.Value) bool {
	s := v.GetStructValue()
	return s != nil && s.Fields["4dabf18193072939515e22adb298388d"].GetStringValue() == "1b47061264138c4ac30d75fd1eb44270"
}

// secretsStaySecret: every Create and Update answer that has a clientSecret carries it as a
// secret.
func secretsStaySecret(t *testing.T, log *grpclog.GrpcLog) {
	t.Helper()
	creates, err := log.Creates()
	if err != nil {
		t.Fatalf("reading Creates from the gRPC log: %v", err)
	}
	for i := range creates {
		if v, ok := creates[i].Response.GetProperties().GetFields()["clientSecret"]; ok && !isSecret(v) {
			t.Errorf("Create of %s answered clientSecret in the clear", creates[i].Request.GetUrn())
		}
	}
	updates, err := log.Updates()
	if err != nil {
		t.Fatalf("reading Updates from the gRPC log: %v", err)
	}
	for i := range updates {
		if v, ok := updates[i].Response.GetProperties().GetFields()["clientSecret"]; ok && !isSecret(v) {
			t.Errorf("Update of %s answered clientSecret in the clear", updates[i].Request.GetUrn())
		}
	}
}

// noChangesReached: an operation that should change nothing sent no Create, Update or Delete,
// and every Diff answered no changes.
func noChangesReached(t *testing.T, log *grpclog.GrpcLog, what string) {
	t.Helper()
	for _, m := range []grpclog.Method{grpclog.Create, grpclog.Update, grpclog.Delete} {
		if n := len(log.WhereMethod(m)); n > 0 {
			t.Errorf("%s sent %d %s calls", what, n, m)
		}
	}
	diffs, err := log.Diffs()
	if err != nil {
		t.Fatalf("reading Diffs from the gRPC log: %v", err)
	}
	for i := range diffs {
		if diffs[i].Response.GetChanges() != rpc.DiffResponse_DIFF_NONE {
			t.Errorf("%s: Diff of %s answered %v %v", what, diffs[i].Request.GetUrn(),
				diffs[i].Response.GetChanges(), diffs[i].Response.GetDiffs())
		}
	}
	if len(diffs) == 0 {
		t.Errorf("%s: no Diff reached the provider", what)
	}
}

// expectChanges runs an operation that must find changes (it fails with --expect-no-changes).
func expectChanges(t *testing.T, what string, run func() error) {
	t.Helper()
	if err := run(); err == nil {
		t.Fatalf("%s found no changes", what)
	} else if !strings.Contains(err.Error(), "no changes were expected") {
		t.Fatalf("%s failed, but not because of changes: %v", what, err)
	}
}

const (
	user         = "acceptance-user"
	userPassword = "Correct-Horse-9-battery"
)

func lifecycle(t *testing.T, ex *example) {
	strict := ex.emu.kind == "strict"
	ctx := ex.Context()
	if strict {
		ex.emu.mustAdmin(t, ex.pool, "create-user", user, userPassword)
	}

	// 1. Preview promises two clients; up makes them as asked, secrets secret.
	preview := ex.Preview(t)
	if n := preview.ChangeSummary["create"]; n < 2 {
		t.Fatalf("preview of a new stack: %v", preview.ChangeSummary)
	}
	ex.Up(t)
	secretsStaySecret(t, ex.GrpcLog(t))
	out := ex.checkClients(t, "60", true)
	if n := ex.count(t); n != "2" {
		t.Fatalf("the pool has %s clients after the first up, expected 2", n)
	}
	if strict {
		checkTokens(t, ex, 60, out["webClientSecret"].value)
	}

	// 2. Nothing more to do: up, preview and refresh change nothing and send no change.
	ex.Up(t, optup.ExpectNoChanges())
	noChangesReached(t, ex.GrpcLog(t), "a second up")
	ex.Preview(t, optpreview.ExpectNoChanges(), optpreview.Diff())
	noChangesReached(t, ex.GrpcLog(t), "a preview after up")
	ex.Refresh(t, optrefresh.ExpectNoChanges())

	// 3. A new access token lifetime updates the web client in place.
	webBefore, webSecretBefore := out["webClientId"].value, out["webClientSecret"].value
	ex.SetConfig(t, "accessTokenMinutes", "30")
	ex.Up(t)
	log := ex.GrpcLog(t)
	secretsStaySecret(t, log)
	if n := len(log.WhereMethod(grpclog.Update)); n != 1 {
		t.Errorf("the lifetime change sent %d Updates, expected 1 (the web client)", n)
	}
	out = ex.checkClients(t, "30", true)
	if out["webClientId"].value != webBefore || out["webClientSecret"].value != webSecretBefore {
		t.Fatalf("the web client was replaced or its secret changed by an update in place")
	}
	if strict {
		checkTokens(t, ex, 30, webSecretBefore)
	}
	ex.Up(t, optup.ExpectNoChanges())

	// 4. A client without a secret replaces the web client: new id, the old one gone.
	ex.SetConfig(t, "webGenerateSecret", "false")
	ex.Up(t)
	out = ex.checkClients(t, "30", false)
	webAfter := out["webClientId"].value
	if webAfter == webBefore {
		t.Fatalf("the web client kept its id %s; expected a replacement", webBefore)
	}
	if ex.exists(webBefore) {
		t.Fatalf("the replaced web client %s is still in the pool", webBefore)
	}
	if n := ex.count(t); n != "2" {
		t.Fatalf("the pool has %s clients after the replacement, expected 2", n)
	}
	if strict {
		if _, err := signIn(ex.emu.url, webBefore, webSecretBefore); !isOAuthError(err, "invalid_client") {
			t.Fatalf("the replaced client's sign-in: %v, expected invalid_client", err)
		}
		checkTokens(t, ex, 30, "")
	}
	ex.Up(t, optup.ExpectNoChanges())

	// 5a. Drift made in the console is found by refresh and undone by up.
	ex.emu.mustAdmin(t, ex.pool, "drift", webAfter)
	expectChanges(t, "refresh after drift", func() error {
		_, err := ex.CurrentStack().Refresh(ctx, optrefresh.ExpectNoChanges())
		return err
	})
	ex.Refresh(t)
	web, _ := ex.resource(t, "webClient")
	if urls, _ := web["callbackUrls"].([]any); len(urls) != 2 || urls[1] != "https://drift.example.com/callback" {
		t.Fatalf("after refresh the state's callbackUrls are %v; the URL added in the console is missing", web["callbackUrls"])
	}
	expectChanges(t, "preview after refresh", func() error {
		_, err := ex.CurrentStack().Preview(ctx, optpreview.ExpectNoChanges())
		return err
	})
	ex.Up(t)
	ex.checkClients(t, "30", false)
	ex.Up(t, optup.ExpectNoChanges())
	ex.Refresh(t, optrefresh.ExpectNoChanges())

	// 5b. A client deleted in the console is dropped by refresh and made again by up.
	m2mBefore := out["m2mClientId"].value
	ex.emu.mustAdmin(t, ex.pool, "delete", m2mBefore)
	ex.Refresh(t)
	if _, held := ex.resource(t, "m2mClient"); held {
		t.Fatalf("after refresh the state still has the deleted m2m client %s", m2mBefore)
	}
	ex.Up(t)
	out = ex.checkClients(t, "30", false)
	if out["m2mClientId"].value == m2mBefore || !ex.exists(out["m2mClientId"].value) {
		t.Fatalf("the m2m client was not made again")
	}
	if strict {
		checkTokens(t, ex, 30, "")

		// 5c. An OAuth change in the console stops the m2m tokens until refresh and up.
		m2m := out["m2mClientId"].value
		ex.emu.mustAdmin(t, ex.pool, "drift-oauth", m2m)
		if _, err := clientCredentials(ex.emu.url, m2m, out["m2mClientSecret"].value); !isOAuthError(err, "unauthorized_client") {
			t.Fatalf("after the console change the m2m token request: %v, expected unauthorized_client", err)
		}
		ex.Refresh(t)
		expectChanges(t, "preview after the console change", func() error {
			_, err := ex.CurrentStack().Preview(ctx, optpreview.ExpectNoChanges())
			return err
		})
		ex.Up(t)
		ex.checkClients(t, "30", false)
		checkTokens(t, ex, 30, "")
	}

	// 6. pulumi import adopts a client made outside Pulumi; the program that declares it then
	// previews with no changes.
	importedName := "legacy-spa-" + ex.lang
	imported := ex.emu.mustAdmin(t, ex.pool, "create-imported", importedName)
	ex.Import(t, "cognito:index:UserPoolClient", "imported", ex.pool+"/"+imported, "")
	ex.emu.mustAdmin(t, ex.pool, "check-imported", imported, importedName)
	ex.SetConfig(t, "importedClientName", importedName)
	if ex.lang == "yaml" {
		declareImported(t, ex)
	}
	ex.Preview(t, optpreview.ExpectNoChanges(), optpreview.Diff())
	ex.Up(t, optup.ExpectNoChanges())
	ex.emu.mustAdmin(t, ex.pool, "check-imported", imported, importedName)
	if n := ex.count(t); n != "3" {
		t.Fatalf("the pool has %s clients, expected 3", n)
	}

	// 7. destroy leaves no client.
	ex.Destroy(t)
	if n := ex.count(t); n != "0" {
		t.Fatalf("%s clients left after destroy", n)
	}
}

// resource returns the outputs the state holds for a client of the program, and whether the
// state has it.
func (ex *example) resource(t *testing.T, name string) (map[string]any, bool) {
	t.Helper()
	var deployment struct {
		Resources []struct {
			URN     string         `json:"urn"`
			Type    string         `json:"type"`
			Outputs map[string]any `json:"outputs"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(ex.ExportStack(t).Deployment, &deployment); err != nil {
		t.Fatalf("reading the stack export: %v", err)
	}
	for _, r := range deployment.Resources {
		if r.Type == "cognito:index:UserPoolClient" && strings.HasSuffix(r.URN, "::"+name) {
			return r.Outputs, true
		}
	}
	return nil, false
}

// declareImported adds the block README.md shows for the imported client (Pulumi YAML has no
// conditional resources), before the outputs.
func declareImported(t *testing.T, ex *example) {
	t.Helper()
	path := filepath.Join(ex.WorkingDir(), "Pulumi.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block := `  imported:
    type: cognito:UserPoolClient
    properties:
      userPoolId: ${userPoolId}
      clientName: ${importedClientName}
      explicitAuthFlows:
        - ALLOW_USER_SRP_AUTH
        - ALLOW_REFRESH_TOKEN_AUTH
      preventUserExistenceErrors: ENABLED
      refreshTokenValidity: 7

outputs:`
	text := strings.Replace(string(data), "\noutputs:", "\n"+block, 1)
	if text == string(data) {
		t.Fatalf("no outputs section in %s", path)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
