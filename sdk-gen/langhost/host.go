package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"google.golang.org/protobuf/types/known/emptypb"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// host implements pulumirpc.LanguageRuntime for one language. Calls it does not implement answer
// Unimplemented (from the embedded type); the engine treats that as "nothing to do" for the
// optional ones (GetRequiredPlugins, RuntimeOptionsPrompts, Template, ...).
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	lang    string // "nodejs", "python" or "go"
	tracing string // the engine's --tracing endpoint, handed on to nodejs and python programs

	life context.Context    // ends when the host should stop serving
	quit context.CancelFunc // ends life

	mu     sync.Mutex
	engine string // the engine's gRPC address: from the command line, or from Handshake
}

// setEngine records the engine's address and stops the host once that engine is gone, so a host
// whose engine crashed does not linger.
func (h *host) setEngine(addr string) error {
	h.mu.Lock()
	h.engine = addr
	h.mu.Unlock()
	if err := rpcutil.Healthcheck(h.life, addr, 5*time.Minute, h.quit); err != nil {
		return fmt.Errorf("watching the engine at %s: %w", addr, err)
	}
	return nil
}

func (h *host) engineAddress() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engine
}

// GetPluginInfo reports the pinned Pulumi version (set with -ldflags at build time), as the real
// hosts, which are released with the CLI, do.
func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// Handshake is only used when the engine attaches to a running host instead of starting it; it
// carries the engine address the command line would otherwise have given.
func (h *host) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() == "" {
		return nil, errors.New("handshake: no engine address")
	}
	if err := h.setEngine(req.GetEngineAddress()); err != nil {
		return nil, err
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GeneratePackage is what `pulumi package gen-sdk` calls: bind the schema (resolving references
// to other packages through the engine's schema loader) and run the pinned code generator for
// this language, with the same tool name and arguments as the real host of this Pulumi version,
// so the files are the same as the real host would write.
func (h *host) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	if h.lang == "go" && len(req.GetExtraFiles()) > 0 {
		return nil, errors.New("overlays are not supported for Go")
	}
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, fmt.Errorf("parsing the schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	// Schema problems go back as diagnostics, which the CLI prints and fails on when they are errors.
	rpcDiags := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: rpcDiags}, nil
	}

	var files map[string][]byte
	switch h.lang {
	case "nodejs":
		// `local` (gen-sdk --local) makes a package.json meant to be linked from a local path.
		files, err = nodejs.GeneratePackage("pulumi-language-nodejs", pkg,
			req.GetExtraFiles(), req.GetLocalDependencies(), req.GetLocal(), loader)
	case "python":
		// The pinned Python generator has no local mode; the real host ignores `local` too.
		files, err = python.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), loader)
	case "go":
		files, err = gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	}
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		path := filepath.Join(req.GetDirectory(), name)
		// Same modes as the real hosts use, so the output matches theirs byte for byte and mode
		// for mode.
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: rpcDiags}, nil
}

// GetRequiredPackages returns no packages. The engine uses the answer to install missing
// plugins before a run; without it, it loads each provider when the program first registers one
// of its resources (the generated SDKs send the provider version with every registration), which
// finds the plugins already installed in $PULUMI_HOME. Automatic plugin download is off in this
// project's environment anyway.
func (h *host) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages; same answer.
func (h *host) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// Run runs the program once for preview, up, refresh, destroy or import: the engine calls it
// with the address of its resource monitor, and the program's SDK registers resources there.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if req.GetInfo() == nil {
		return nil, errors.New("run: the engine sent no program info")
	}
	switch h.lang {
	case "nodejs":
		return h.runNodejs(ctx, req)
	case "python":
		return h.runPython(ctx, req)
	default:
		return h.runGo(ctx, req)
	}
}

// InstallDependencies backs `pulumi install` (and `pulumi new`, `up` after a convert): npm
// install, pip install -r requirements.txt into the project's virtualenv, or go mod download.
// Output streams back to the CLI as it comes.
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	info := req.GetInfo()
	if info == nil {
		return errors.New("install: the engine sent no program info")
	}
	ctx := server.Context()
	switch h.lang {
	case "nodejs":
		err = installNodejs(ctx, info, stdout, stderr)
	case "python":
		err = installPython(ctx, info, stdout, stderr)
	default:
		err = installGo(ctx, info, stdout, stderr)
	}
	if err != nil {
		return err
	}
	return closer.Close()
}

// About tells the CLI which runtime executable and version a program uses; `pulumi up` records it
// in the update's metadata and `pulumi about` prints it.
func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	switch h.lang {
	case "nodejs":
		return commandAbout(ctx, "node", "--version")
	case "python":
		return aboutPython(ctx, req.GetInfo())
	default:
		return commandAbout(ctx, "go", "env", "GOVERSION")
	}
}

// GetProgramDependencies lists the program's packages for `pulumi about`.
func (h *host) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	info := req.GetInfo()
	if info == nil {
		return nil, errors.New("dependencies: the engine sent no program info")
	}
	var deps []*pulumirpc.DependencyInfo
	var err error
	switch h.lang {
	case "nodejs":
		deps, err = nodejsDependencies(ctx, info, req.GetTransitiveDependencies())
	case "python":
		deps, err = pythonDependencies(ctx, info, req.GetTransitiveDependencies())
	default:
		deps, err = goDependencies(ctx, info, req.GetTransitiveDependencies())
	}
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// GenerateProgram turns PCL into a program in this language. `pulumi import` uses it to print
// the code for what it imported (and `pulumi convert` to write projects).
func (h *host) GenerateProgram(
	_ context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer client.Close()

	parser := syntax.NewParser()
	for name, text := range req.GetSource() {
		if err := parser.ParseFile(strings.NewReader(text), name); err != nil {
			return nil, err
		}
	}
	if parser.Diagnostics.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{
			Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(parser.Diagnostics),
		}, nil
	}
	var opts []pcl.BindOption
	if h.lang != "go" {
		// As the real nodejs and python hosts: call invokes in their output form.
		opts = append(opts, pcl.PreferOutputVersionedInvokes)
	}
	if !req.GetStrict() {
		opts = append(opts, pcl.NonStrictBindOptions()...)
	}
	program, diags, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(client), opts...)
	if err != nil {
		return nil, err
	}
	rpcDiags := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() || program == nil {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: rpcDiags}, nil
	}

	var files map[string][]byte
	switch h.lang {
	case "nodejs":
		files, diags, err = nodejs.GenerateProgram(program)
	case "python":
		files, diags, err = python.GenerateProgram(program)
	default:
		files, diags, err = gogen.GenerateProgram(program)
	}
	if err != nil {
		return nil, err
	}
	rpcDiags = append(rpcDiags, plugin.HclDiagnosticsToRPCDiagnostics(diags)...)
	return &pulumirpc.GenerateProgramResponse{Source: files, Diagnostics: rpcDiags}, nil
}
