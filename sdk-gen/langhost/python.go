package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// pythonToolchain picks the Python to use from the Pulumi.yaml runtime options, with the Python
// toolchain library the real host is built on: `virtualenv` (relative to the project directory),
// `toolchain` (pip, poetry or uv; by default uv or poetry when their lock file is present, else
// pip), and without a virtualenv the python3 (or python) on the PATH.
func pythonToolchain(info *pulumirpc.ProgramInfo) (toolchain.Toolchain, error) {
	opts := toolchain.PythonOptions{
		Root:       info.GetRootDirectory(),
		ProgramDir: info.GetProgramDirectory(),
		Toolchain:  toolchain.Auto,
	}
	m := info.GetOptions().AsMap()
	if v, ok := m["virtualenv"].(string); ok {
		opts.Virtualenv = v
	}
	if v, ok := m["toolchain"].(string); ok {
		switch v {
		case "pip":
			opts.Toolchain = toolchain.Pip
		case "poetry":
			opts.Toolchain = toolchain.Poetry
		case "uv":
			opts.Toolchain = toolchain.Uv
		default:
			return nil, fmt.Errorf("runtime option toolchain: unknown value %q (pip, poetry or uv)", v)
		}
	}
	if v, ok := m["typechecker"].(string); ok && v != "" {
		// The real host runs mypy or pyright before the program; this one does not.
		return nil, fmt.Errorf("runtime option typechecker (%s) is not supported by this language host", v)
	}
	return toolchain.ResolveToolchain(opts)
}

// execScript finds pulumi-language-python-exec, the script (shipped in the Pulumi Go SDK module)
// that sets up the Python SDK from its flags and then runs the program. install-pulumi.sh puts it
// beside this binary, where the real host expects it too.
func execScript() (string, error) {
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), "pulumi-language-python-exec")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if p, err := exec.LookPath("pulumi-language-python-exec"); err == nil {
		return p, nil
	}
	return "", errors.New("pulumi-language-python-exec is neither beside this language host nor on the PATH")
}

// runPython runs `python pulumi-language-python-exec <flags> <entry point> <args>` with the
// project's Python. The flag names are the ones that script's argparse declares; --parallel is
// required there (it calls int() on it) and --dry_run is the string "true" or "false".
func (h *host) runPython(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	script, err := execScript()
	if err != nil {
		return nil, err
	}
	tc, err := pythonToolchain(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	args := []string{script}
	args = append(args, flagArgs(
		"monitor", req.GetMonitorAddress(),
		"engine", h.engineAddress(),
		"organization", req.GetOrganization(),
		"project", req.GetProject(),
		"root_directory", info.GetRootDirectory(),
		"stack", req.GetStack(),
		"pwd", req.GetPwd(),
		"dry_run", strconv.FormatBool(req.GetDryRun()),
		"parallel", itoa(req.GetParallel()),
		"tracing", h.tracing,
	)...)
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	cmd, err := tc.Command(ctx, args...)
	if err != nil {
		return nil, err
	}
	env, err := configEnv(req, false)
	if err != nil {
		return nil, err
	}
	// Unbuffered, so the program's prints reach the engine as they happen and are not lost if
	// the program dies.
	env = append(env, "PYTHONUNBUFFERED=1")
	cmd.Env = append(cmd.Environ(), env...)
	cmd.Dir = req.GetPwd()
	return runProgram(cmd), nil
}

// installPython creates the virtualenv if the project names one and it is missing, then installs
// requirements.txt into it (or runs poetry/uv install).
func installPython(ctx context.Context, info *pulumirpc.ProgramInfo, stdout, stderr io.Writer) error {
	tc, err := pythonToolchain(info)
	if err != nil {
		return err
	}
	// The toolchain reports its own progress ("Creating virtual environment...", ...).
	return tc.InstallDependencies(ctx, info.GetProgramDirectory(), false, true, stdout, stderr)
}

func aboutPython(ctx context.Context, info *pulumirpc.ProgramInfo) (*pulumirpc.AboutResponse, error) {
	if info == nil {
		return commandAbout(ctx, "python3", "-c", "import platform; print(platform.python_version())")
	}
	tc, err := pythonToolchain(info)
	if err != nil {
		return nil, err
	}
	about, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: about.PythonExecutable, Version: about.PythonVersion.String()}, nil
}

func pythonDependencies(
	ctx context.Context, info *pulumirpc.ProgramInfo, transitive bool,
) ([]*pulumirpc.DependencyInfo, error) {
	tc, err := pythonToolchain(info)
	if err != nil {
		return nil, err
	}
	pkgs, err := tc.ListPackages(ctx, transitive)
	if err != nil {
		return nil, err
	}
	deps := make([]*pulumirpc.DependencyInfo, 0, len(pkgs))
	for _, p := range pkgs {
		deps = append(deps, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return deps, nil
}
