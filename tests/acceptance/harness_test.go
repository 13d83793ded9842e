// Acceptance tests of the cognito provider, the way Pulumi's own providers are tested: each
// example program runs through the Automation API (github.com/pulumi/providertest's
// pulumitest) with the locally built provider binary attached, against a local Cognito
// emulator, offline.
//
//	COGNITO_PROVIDER_BIN=.../pulumi-resource-cognito go test ./...
//
// `make test` sets everything (sdk-gen/acceptance.sh); see CONTRIBUTING.md for running one test.
package acceptance

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/providertest/pulumitest"
	"github.com/pulumi/providertest/pulumitest/optnewstack"
	"github.com/pulumi/providertest/pulumitest/opttest"
)

var (
	// repoRoot is the clone this test runs in.
	repoRoot string
	// providerBin is the provider binary under test.
	providerBin string
	// python has boto3 (the moto venv), for cognito_admin.py and create-user-pool.py.
	python string
)

func TestMain(m *testing.M) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	repoRoot = root
	providerBin = os.Getenv("COGNITO_PROVIDER_BIN")
	if providerBin == "" {
		fmt.Fprintln(os.Stderr, "COGNITO_PROVIDER_BIN is not set: run the acceptance tests with `make test` (sdk-gen/acceptance.sh)")
		os.Exit(1)
	}
	out, err := exec.Command(filepath.Join(root, "sdk-gen", "install-moto.sh")).Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "sdk-gen/install-moto.sh:", err)
		os.Exit(1)
	}
	python = filepath.Join(strings.TrimSpace(string(out)), "python")
	offline()
	os.Exit(m.Run())
}

// offline keeps Pulumi and the AWS SDK on this machine: no update check, no plugin download,
// no registry, no user profiles; dummy credentials (the emulators take any). The attached
// provider is started with this process's environment, so this is where its AWS settings go.
func offline() {
	home, err := os.MkdirTemp("", "acceptance-pulumi-home")
	if err == nil {
		os.Setenv("PULUMI_HOME", home)
	}
	for k, v := range map[string]string{
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		"PULUMI_DISABLE_REGISTRY_RESOLVE":             "true",
		"PULUMI_IGNORE_AMBIENT_PLUGINS":               "true",
		"PULUMI_SKIP_CONFIRMATIONS":                   "true",
		"AWS_ACCESS_KEY_ID":                           "testing",
		"AWS_SECRET_ACCESS_KEY":                       "testing",
		"AWS_REGION":                                  "us-east-1",
		"AWS_EC2_METADATA_DISABLED":                   "true",
		"AWS_CONFIG_FILE":                             "/nonexistent/aws-config",
		"AWS_SHARED_CREDENTIALS_FILE":                 "/nonexistent/aws-credentials",
		// No STS here (the tests run against several emulators at once): the provider learns
		// no account and records none, at once (tests/gone.rs covers the recording).
		"AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9",
		"NO_PROXY":             "127.0.0.1,localhost",
		"no_proxy":             "127.0.0.1,localhost",
	} {
		os.Setenv(k, v)
	}
	for _, k := range []string{"AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_DEFAULT_REGION",
		"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "PULUMI_ACCESS_TOKEN", "PULUMI_BACKEND_URL"} {
		os.Unsetenv(k)
	}
}

// emulator is a Cognito emulator on loopback for one test: moto, or the strict one
// (sdk-gen/strict-cognito), which resets what an update leaves out and issues OAuth tokens.
type emulator struct {
	kind string
	url  string
}

func startEmulator(t *testing.T, kind string) *emulator {
	t.Helper()
	script := map[string]string{"moto": "moto.sh", "strict": "strict-cognito.sh"}[kind]
	if script == "" {
		t.Fatalf("no emulator %q", kind)
	}
	script = filepath.Join(repoRoot, "sdk-gen", script)
	dir := t.TempDir()
	out, err := exec.Command(script, "start", dir).Output()
	if err != nil {
		t.Fatalf("starting %s: %v", kind, err)
	}
	t.Cleanup(func() { _ = exec.Command(script, "stop", dir).Run() })
	return &emulator{kind: kind, url: strings.TrimSpace(string(out))}
}

// newPool makes a user pool, with the resource server `orders` the m2m example needs.
func (e *emulator) newPool(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command(python, filepath.Join(repoRoot, "sdk-gen", "create-user-pool.py"), e.url, name).Output()
	if err != nil {
		t.Fatalf("creating a pool: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// admin runs a cognito_admin.py command against the pool; the error carries its message.
func (e *emulator) admin(pool string, args ...string) (string, error) {
	cmd := exec.Command(python, append([]string{"cognito_admin.py", e.url, pool}, args...)...)
	cmd.Env = append(os.Environ(), "E2E_EMULATOR="+e.kind)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cognito_admin.py %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

func (e *emulator) mustAdmin(t *testing.T, pool string, args ...string) string {
	t.Helper()
	out, err := e.admin(pool, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// mirror copies examples/<lang> and the SDK it uses into a scratch tree with the repository's
// layout, so the examples' relative references to sdk/ work unchanged and nothing is
// installed into the clone. Returns the program's directory.
func mirror(t *testing.T, lang string) string {
	t.Helper()
	return mirrorExample(t, lang, lang)
}

// mirrorExample copies examples/<dir>, a program in lang, the same way.
func mirrorExample(t *testing.T, dir, lang string) string {
	t.Helper()
	return mirrorProgram(t, filepath.Join(repoRoot, "examples", dir), dir, lang)
}

// mirrorProgram copies the program in src to examples/<dir> of a scratch tree, with the SDK
// of lang where examples find it.
func mirrorProgram(t *testing.T, src, dir, lang string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "repo")
	copyTree(t, src, filepath.Join(dst, "examples", dir))
	switch lang {
	case "typescript":
		// The example depends on the built SDK in sdk/nodejs/bin (make sdks builds it), published
		// with its package.json, as npm would install the released package.
		copyTree(t, filepath.Join(repoRoot, "sdk", "nodejs", "bin"), filepath.Join(dst, "sdk", "nodejs", "bin"))
		for _, f := range []string{"package.json", "README.md"} {
			copyFile(t, filepath.Join(repoRoot, "sdk", "nodejs", f), filepath.Join(dst, "sdk", "nodejs", "bin", f))
		}
	case "python":
		copyTree(t, filepath.Join(repoRoot, "sdk", "python"), filepath.Join(dst, "sdk", "python"))
	case "go":
		copyTree(t, filepath.Join(repoRoot, "sdk", "go"), filepath.Join(dst, "sdk", "go"))
		copyFile(t, filepath.Join(repoRoot, "sdk", "go.mod"), filepath.Join(dst, "sdk", "go.mod"))
		copyFile(t, filepath.Join(repoRoot, "sdk", "go.sum"), filepath.Join(dst, "sdk", "go.sum"))
	}
	return filepath.Join(dst, "examples", dir)
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	skip := map[string]bool{"node_modules": true, "venv": true, "__pycache__": true, "build": true}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if skip[d.Name()] || strings.HasSuffix(d.Name(), ".egg-info") {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasPrefix(d.Name(), "Pulumi.") && d.Name() != "Pulumi.yaml" {
			return nil // stack settings of someone's own runs
		}
		return copyOne(path, filepath.Join(dst, rel))
	})
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := copyOne(src, dst); err != nil {
		t.Fatal(err)
	}
}

func copyOne(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, info.Mode().Perm())
}

// example is one example program ready to run: the pulumitest, its pool and emulator.
// runPulumi runs the pulumi CLI on the test's current stack, in its workspace and with its
// environment, for commands the Automation API has no method for (import, state), and
// returns what it printed on stdout and stderr and its exit code.
func runPulumi(t *testing.T, pt *pulumitest.PulumiTest, args ...string) (string, string, int) {
	t.Helper()
	ws := pt.CurrentStack().Workspace()
	var env []string
	for k, v := range ws.GetEnvVars() {
		env = append(env, k+"="+v)
	}
	args = append(args, "--stack", pt.CurrentStack().Name())
	stdout, stderr, code, err := ws.PulumiCommand().Run(context.Background(), ws.WorkDir(), bytes.NewReader(nil), nil, nil, env, args...)
	if err != nil && code == 0 {
		t.Fatalf("pulumi %s did not run: %v\n%s%s", strings.Join(args, " "), err, stdout, stderr)
	}
	return stdout, stderr, code
}

type example struct {
	*pulumitest.PulumiTest
	lang string
	pool string
	emu  *emulator
}

// newExample prepares examples/<lang> (its dependencies installed, as `pulumi install` does)
// with the provider binary `bin` attached: providertest starts it, and the engine talks to it
// in every operation. It has no stack yet: see useStack.
func newExample(t *testing.T, lang, bin string) *example {
	t.Helper()
	return onProgram(t, lang, mirror(t, lang), bin, true)
}

func onProgram(t *testing.T, lang, dir, bin string, install bool) *example {
	t.Helper()
	opts := []opttest.Option{
		opttest.TestInPlace(),
		opttest.SkipStackCreate(),
		opttest.AttachProviderBinary("cognito", bin),
	}
	if lang == "yaml" || !install {
		opts = append(opts, opttest.SkipInstall()) // nothing (more) to install
	}
	return &example{PulumiTest: pulumitest.NewPulumiTest(t, dir, opts...), lang: lang}
}

// useStack gives the example a new stack (in a backend of its own) with this configuration.
func (ex *example) useStack(t *testing.T, name string, config map[string]string, opts ...optnewstack.NewStackOpt) {
	t.Helper()
	ex.NewStack(t, name, opts...)
	for k, v := range config {
		ex.SetConfig(t, k, v)
	}
}

// onEmulator gives the example a stack whose clients go to a new pool of the emulator.
func (ex *example) onEmulator(t *testing.T, emu *emulator) {
	t.Helper()
	ex.emu = emu
	ex.pool = emu.newPool(t, "acceptance-"+ex.lang)
	ex.useStack(t, "acceptance", map[string]string{
		"cognito:endpoint": emu.url,
		"cognito:region":   "us-east-1",
		"userPoolId":       ex.pool,
	})
}

// languages are the example programs, each in its own language.
var languages = []string{"yaml", "typescript", "python", "go"}
