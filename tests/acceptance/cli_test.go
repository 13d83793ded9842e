package acceptance

import (
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/providertest/pulumitest"
	"github.com/pulumi/providertest/pulumitest/opttest"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
)

// program runs a small YAML program of testdata/programs with the provider under test.
func program(t *testing.T, name string) *pulumitest.PulumiTest {
	t.Helper()
	return pulumitest.NewPulumiTest(t, filepath.Join("testdata", "programs", name),
		opttest.SkipInstall(), opttest.AttachProviderBinary("cognito", providerBin))
}

// replaceOnChanges on a nested property (tokenValidityUnits.accessToken) replaces the client
// when only that unit changes: the engine matches the option against the detailed diff's
// paths, so they must name the leaf.
func TestNestedReplaceOnChangesReplaces(t *testing.T) {
	emu := startEmulator(t, "moto")
	pt := program(t, "nested-replace")
	pt.SetConfig(t, "cognito:endpoint", emu.url)
	pt.SetConfig(t, "userPoolId", emu.newPool(t, "nested"))
	before := pt.Up(t).Outputs["clientId"].Value
	pt.SetConfig(t, "unit", "hours")
	preview := pt.Preview(t, optpreview.Diff())
	if preview.ChangeSummary["replace"] != 1 {
		t.Fatalf("the preview does not replace the client: %v\n%s", preview.ChangeSummary, preview.StdOut)
	}
	if !strings.Contains(preview.StdOut, "tokenValidityUnits") {
		t.Errorf("the preview does not show tokenValidityUnits:\n%s", preview.StdOut)
	}
	after := pt.Up(t).Outputs["clientId"].Value
	if after == before {
		t.Fatalf("the client kept its id %v: replaceOnChanges was ignored", before)
	}
}

// An endpoint nothing answers at: `pulumi up` gives up within seconds with one sentence naming
// the endpoint and where it was set, shows each attempt as it happens, and prints no Rust
// debug dump.
func TestAnUnreachableEndpointIsSaidWithinSeconds(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := "http://" + l.Addr().String()
	l.Close()
	pt := program(t, "unreachable")
	pt.SetConfig(t, "cognito:endpoint", endpoint)
	pt.SetConfig(t, "userPoolId", "us-east-1_NoSuchPool1")
	started := time.Now()
	res, err := pt.CurrentStack().Up(pt.Context())
	took := time.Since(started)
	if err == nil {
		t.Fatalf("pulumi up against a closed port succeeded")
	}
	output := res.StdOut + res.StdErr + err.Error()
	if took > 40*time.Second {
		t.Errorf("pulumi up took %v to give up on a closed port", took)
	}
	for _, want := range []string{
		"cannot reach Cognito at " + endpoint + " (set by `cognito:endpoint`)",
		"attempt 1 of 3",
	} {
		if !strings.Contains(output, want) {
			t.Errorf("the output lacks %q:\n%s", want, output)
		}
	}
	for _, dump := range []string{"DispatchFailure", "ConnectorError"} {
		if strings.Contains(output, dump) {
			t.Errorf("the output has a Rust debug dump (%s):\n%s", dump, output)
		}
	}
}

// An endpoint that answers HTTP but is not Cognito (a web server's error page, a bare 404):
// `pulumi up` says which endpoint answered, what it answered (status, the start of the page),
// and which setting chose it, instead of the SDK's words about a JSON body it could not read.
func TestAnEndpointThatIsNotCognitoIsNamedWithItsAnswer(t *testing.T) {
	for _, c := range []struct {
		name, contentType, body, shows string
	}{
		{"page", "text/html", "<!DOCTYPE html><html><title>Welcome to nginx!</title></html>", `body "<!DOCTYPE html><html><title>Welcome to nginx!`},
		{"bare", "", "", "empty body"},
	} {
		t.Run(c.name, func(t *testing.T) {
			server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if c.contentType != "" {
					w.Header().Set("Content-Type", c.contentType)
				}
				w.WriteHeader(http.StatusNotFound)
				_, _ = w.Write([]byte(c.body))
			}))
			defer server.Close()
			pt := program(t, "unreachable")
			pt.SetConfig(t, "cognito:endpoint", server.URL)
			pt.SetConfig(t, "userPoolId", "us-east-1_NoSuchPool1")
			res, err := pt.CurrentStack().Up(pt.Context())
			if err == nil {
				t.Fatalf("pulumi up against a web server that is not Cognito succeeded")
			}
			output := res.StdOut + res.StdErr + err.Error()
			for _, want := range []string{
				"Cognito was expected at " + server.URL + " (set by `cognito:endpoint`), but the answer was not Cognito's: HTTP 404",
				c.shows,
			} {
				if !strings.Contains(output, want) {
					t.Errorf("the output lacks %q:\n%s", want, output)
				}
			}
			for _, raw := range []string{"malformed JSON", "unhandled error", "unexpected token"} {
				if strings.Contains(output, raw) {
					t.Errorf("the output has the SDK's raw words (%s):\n%s", raw, output)
				}
			}
		})
	}
}
