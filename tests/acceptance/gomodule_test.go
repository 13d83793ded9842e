package acceptance

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

// The Go SDK's module path; the release tags it sdk/v<version> in the repository.
const goSDKModule = "github.com/pulumi-cognito/pulumi-cognito/sdk"

// TestGoSDKModule resolves the Go SDK the way `go get` does from a release: the module zip is
// made from the repository's committed files under sdk/ (as the Go proxy makes it from the tag
// sdk/v<version>) and served through a file GOPROXY; a fresh program outside the repository,
// with no replace directive, must get it at the release's version and build.
func TestGoSDKModule(t *testing.T) {
	version := "v" + strings.TrimSpace(os.Getenv("COGNITO_DIST_VERSION"))
	if version == "v" {
		t.Fatal("COGNITO_DIST_VERSION is not set: run the acceptance tests with `make test`")
	}
	proxy := t.TempDir()
	at := filepath.Join(proxy, filepath.FromSlash(goSDKModule), "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	zipFile, err := os.Create(filepath.Join(at, version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	// HEAD of this clone stands for the tagged commit: its committed files under sdk/, taken
	// with `git archive` (modzip.CreateFromVCS does not recognise a git worktree).
	committed := t.TempDir()
	archive := exec.Command("sh", "-c", `git -C "$1" archive --format=tar HEAD sdk | tar -x -C "$2"`, "sh", repoRoot, committed)
	if out, err := archive.CombinedOutput(); err != nil {
		t.Fatalf("git archive of sdk/: %v\n%s", err, out)
	}
	err = modzip.CreateFromDir(zipFile, module.Version{Path: goSDKModule, Version: version}, filepath.Join(committed, "sdk"))
	zipFile.Close()
	if err != nil {
		t.Fatalf("the Go SDK is not a valid module at sdk/: %v", err)
	}
	gomod, err := exec.Command("git", "-C", repoRoot, "show", "HEAD:sdk/go.mod").Output()
	if err != nil {
		t.Fatal(err)
	}
	info, _ := json.Marshal(map[string]any{"Version": version, "Time": time.Now().UTC().Format(time.RFC3339)})
	for name, data := range map[string][]byte{version + ".mod": gomod, version + ".info": info, "list": []byte(version + "\n")} {
		if err := os.WriteFile(filepath.Join(at, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	dir := t.TempDir()
	program := `package main

import (
	"github.com/pulumi-cognito/pulumi-cognito/sdk/go/cognito"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		client, err := cognito.NewUserPoolClient(ctx, "app", &cognito.UserPoolClientArgs{
			UserPoolId: pulumi.String("us-east-1_AbCdEf123"),
		})
		if err != nil {
			return err
		}
		ctx.Export("clientId", client.ID())
		return nil
	})
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	upstream, err := exec.Command("go", "env", "GOPROXY").Output()
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(proxy)+","+strings.TrimSpace(string(upstream)),
		"GONOSUMDB="+goSDKModule, "GOFLAGS=-mod=mod", "GOWORK=off")
	run := func(args ...string) string {
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("mod", "init", "example.com/user")
	run("get", goSDKModule+"@"+version)
	run("mod", "tidy")
	if got := strings.TrimSpace(run("list", "-m", "-f", "{{.Version}}", goSDKModule)); got != version {
		t.Fatalf("the program resolved %s at %s, expected %s", goSDKModule, got, version)
	}
	run("build", "-o", filepath.Join(dir, "program"), ".")
}
