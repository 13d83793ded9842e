package acceptance

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/providertest/pulumitest"
	"github.com/pulumi/providertest/pulumitest/opttest"
)

// TestPluginDownload installs the provider the way a user on a machine with a normal Pulumi
// does: a TypeScript program with the packed SDK (npm tarball) on a clean Pulumi home, no
// manual `pulumi plugin install`, automatic plugin acquisition on. The engine must download
// the release archive from the SDK's pluginDownloadURL (served here from dist/ on loopback
// through PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES), install it, and run it.
func TestPluginDownload(t *testing.T) {
	dist := os.Getenv("COGNITO_DIST_DIR")
	if dist == "" {
		t.Fatal("COGNITO_DIST_DIR is not set: make test builds the host archive and the packed SDKs (sdk-gen/dist.sh host)")
	}
	version := strings.TrimSpace(os.Getenv("COGNITO_DIST_VERSION"))
	archive := filepath.Join(dist, "pulumi-resource-cognito-v"+version+"-linux-amd64.tar.gz")
	if _, err := os.Stat(archive); err != nil {
		t.Fatalf("no host archive: %v", err)
	}
	checkArchive(t, archive)
	tgz, _ := filepath.Glob(filepath.Join(dist, "pulumi-cognito-cognito-*.tgz"))
	if len(tgz) != 1 {
		t.Fatalf("expected one packed npm SDK in %s, found %v", dist, tgz)
	}

	// The release server: dist/ on loopback, recording what was fetched.
	var mu sync.Mutex
	var fetched []string
	files := http.FileServer(http.Dir(dist))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fetched = append(fetched, r.URL.Path)
		mu.Unlock()
		files.ServeHTTP(w, r)
	})}
	go server.Serve(l)
	t.Cleanup(func() { server.Close() })

	// A program outside the repository that depends on the packed SDK only.
	dir := filepath.Join(t.TempDir(), "download")
	copyTree(t, filepath.Join("testdata", "programs", "download"), dir)
	pkg := map[string]any{
		"name":    "plugin-download",
		"private": true,
		"main":    "index.ts",
		"dependencies": map[string]string{
			"@pulumi-cognito/cognito": "file:" + tgz[0],
			"@pulumi/pulumi":          "3.259.0",
		},
		"devDependencies": map[string]string{"@types/node": "^20", "typescript": "^5.0.0"},
	}
	data, _ := json.MarshalIndent(pkg, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "package.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}

	home := t.TempDir()
	t.Setenv("PULUMI_HOME", home)
	t.Setenv("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "")
	t.Setenv("PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES",
		"^github://api.github.com/pulumi-cognito/pulumi-cognito="+"http://"+l.Addr().String())
	emu := startEmulator(t, "moto")
	pt := pulumitest.NewPulumiTest(t, dir, opttest.TestInPlace())
	pt.SetConfig(t, "cognito:endpoint", emu.url)
	pt.SetConfig(t, "userPoolId", emu.newPool(t, "download"))
	up := pt.Up(t)
	if id, _ := up.Outputs["clientId"].Value.(string); id == "" {
		t.Fatalf("no client id: %v", up.Outputs)
	}
	mu.Lock()
	defer mu.Unlock()
	want := "/pulumi-resource-cognito-v" + version + "-linux-amd64.tar.gz"
	if len(fetched) == 0 || fetched[0] != want {
		t.Fatalf("the engine fetched %v, expected %s", fetched, want)
	}
	if _, err := os.Stat(filepath.Join(home, "plugins", "resource-cognito-v"+version, "pulumi-resource-cognito")); err != nil {
		t.Fatalf("the plugin is not installed in the Pulumi home: %v", err)
	}
}

// checkArchive: the host's release archive holds what a user and a licence need, and the
// binary is executable.
func checkArchive(t *testing.T, path string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s is not gzip: %v", path, err)
	}
	entries := map[string]*tar.Header{}
	r := tar.NewReader(gz)
	for {
		h, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		entries[strings.TrimPrefix(h.Name, "./")] = h
	}
	for _, name := range []string{"pulumi-resource-cognito", "LICENSE", "README.md", "THIRD_PARTY_NOTICES.txt"} {
		h, ok := entries[name]
		if !ok {
			t.Errorf("%s has no %s (it has %v)", filepath.Base(path), name, keys(entries))
			continue
		}
		if name == "pulumi-resource-cognito" && h.Mode&0o111 == 0 {
			t.Errorf("the binary in %s is not executable (mode %o)", filepath.Base(path), h.Mode)
		}
	}
}

func keys(m map[string]*tar.Header) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
