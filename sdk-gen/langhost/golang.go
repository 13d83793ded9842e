package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// runGo builds the program with `go build` (or takes the prebuilt executable named by the
// `binary` runtime option, relative to the program directory) and runs it. The Go SDK's
// pulumi.Run reads all its settings from PULUMI_* environment variables (sdk/go/pulumi/run.go);
// the program gets no command-line flags from us.
func (h *host) runGo(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	program := ""
	if v, ok := info.GetOptions().AsMap()["binary"].(string); ok && v != "" {
		program = v
		if !filepath.IsAbs(program) {
			program = filepath.Join(info.GetProgramDirectory(), program)
		}
	} else {
		// A temporary binary per run, removed when the run ends; Go's build cache makes the
		// rebuild for the next run (`up` runs the program twice: preview, then update) cheap.
		dir, err := os.MkdirTemp("", "pulumi-go-program-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		program = filepath.Join(dir, "program")
		build := exec.CommandContext(ctx, "go", "build", "-o", program, ".")
		build.Dir = info.GetProgramDirectory()
		if out, err := build.CombinedOutput(); err != nil {
			// The compiler's messages are what the user needs to see.
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("go build failed: %v\n%s", err, out)}, nil
		}
	}

	env, err := configEnv(req, false)
	if err != nil {
		return nil, err
	}
	set := func(k, v string) {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	set(pulumi.EnvOrganization, req.GetOrganization())
	set(pulumi.EnvProject, req.GetProject())
	set(pulumi.EnvPulumiRootDirectory, info.GetRootDirectory())
	set(pulumi.EnvStack, req.GetStack())
	set(pulumi.EnvDryRun, strconv.FormatBool(req.GetDryRun()))
	set(pulumi.EnvParallel, itoa(req.GetParallel()))
	set(pulumi.EnvMonitor, req.GetMonitorAddress())
	set(pulumi.EnvEngine, h.engineAddress())

	cmd := exec.CommandContext(ctx, program, req.GetArgs()...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(cmd.Environ(), env...)
	return runProgram(cmd), nil
}

// installGo downloads the program's modules (`go mod download`), so the first run's build does
// not have to.
func installGo(ctx context.Context, info *pulumirpc.ProgramInfo, stdout, stderr io.Writer) error {
	cmd := exec.CommandContext(ctx, "go", "mod", "download")
	cmd.Dir = info.GetProgramDirectory()
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go mod download: %w", err)
	}
	return nil
}

// goDependencies lists the program's modules from `go list -m -json`: the main module's
// requirements, or with transitive every module in the build list.
func goDependencies(
	ctx context.Context, info *pulumirpc.ProgramInfo, transitive bool,
) ([]*pulumirpc.DependencyInfo, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-m", "-json", "all")
	cmd.Dir = info.GetProgramDirectory()
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -m all: %w", err)
	}
	var deps []*pulumirpc.DependencyInfo
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var m struct {
			Path, Version  string
			Main, Indirect bool
		}
		if err := dec.Decode(&m); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		if m.Main || (!transitive && m.Indirect) {
			continue
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: m.Path, Version: m.Version})
	}
	return deps, nil
}
