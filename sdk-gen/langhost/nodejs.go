package main

import (
	"context"
	"fmt"
	"io"
	"os/exec"

	"github.com/google/shlex"

	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// nodeOptions are the Pulumi.yaml runtime options for nodejs this host honours.
type nodeOptions struct {
	typescript     bool   // run .ts through ts-node (default true, as with the real host)
	tsconfig       string // tsconfig path for ts-node
	nodeargs       string // extra arguments for node itself
	packagemanager npm.PackageManagerType
}

func parseNodeOptions(info *pulumirpc.ProgramInfo) nodeOptions {
	opts := nodeOptions{typescript: true, packagemanager: npm.AutoPackageManager}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"].(bool); ok {
		opts.typescript = v
	}
	if v, ok := m["tsconfig"].(string); ok {
		opts.tsconfig = v
	}
	if v, ok := m["nodeargs"].(string); ok {
		opts.nodeargs = v
	}
	if v, ok := m["packagemanager"].(string); ok && v != "" {
		opts.packagemanager = npm.PackageManagerType(v)
	}
	return opts
}

// runNodejs runs the program through the run script of the @pulumi/pulumi package the program
// itself depends on (node_modules/@pulumi/pulumi/cmd/run), which loads the program's entry point
// with ts-node or plain node and connects it to the engine. Its flags are those listed in that
// script's usage(); the config travels in the environment.
func (h *host) runNodejs(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	opts := parseNodeOptions(info)
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the PATH: " + err.Error()}, nil
	}
	// Resolve the script from the program directory the way Node would, so workspaces and
	// hoisted node_modules work.
	resolve := exec.CommandContext(ctx, node, "-e",
		`process.stdout.write(require.resolve("@pulumi/pulumi/cmd/run", {paths: [process.argv[1]]}))`,
		info.GetProgramDirectory())
	runScript, err := resolve.Output()
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"could not find @pulumi/pulumi/cmd/run from %s; has `npm install` been run? (%v)",
			info.GetProgramDirectory(), err)}, nil
	}

	args, err := shlex.Split(opts.nodeargs)
	if err != nil {
		return &pulumirpc.RunResponse{Error: "runtime option nodeargs: " + err.Error()}, nil
	}
	args = append(args, string(runScript))
	args = append(args, flagArgs(
		"monitor", req.GetMonitorAddress(),
		"engine", h.engineAddress(),
		"organization", req.GetOrganization(),
		"project", req.GetProject(),
		"root-directory", info.GetRootDirectory(),
		"stack", req.GetStack(),
		"pwd", info.GetProgramDirectory(),
		"parallel", itoa(req.GetParallel()),
		"tracing", h.tracing,
	)...)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	// The entry point ("." for the package's main) and the program's own arguments come last.
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	env, err := configEnv(req, true)
	if err != nil {
		return nil, err
	}
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(cmd.Environ(), env...)
	return runProgram(cmd), nil
}

// installNodejs runs the project's package manager's install (npm unless the project says or its
// lock file shows otherwise).
func installNodejs(ctx context.Context, info *pulumirpc.ProgramInfo, stdout, stderr io.Writer) error {
	opts := parseNodeOptions(info)
	fmt.Fprintf(stdout, "Installing dependencies...\n\n")
	if _, err := npm.Install(ctx, opts.packagemanager, info.GetProgramDirectory(), false, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Finished installing dependencies\n\n")
	return nil
}

func nodejsDependencies(
	ctx context.Context, info *pulumirpc.ProgramInfo, transitive bool,
) ([]*pulumirpc.DependencyInfo, error) {
	pm, err := npm.ResolvePackageManager(parseNodeOptions(info).packagemanager, info.GetProgramDirectory())
	if err != nil {
		return nil, err
	}
	pkgs, err := pm.ListPackages(ctx, info.GetProgramDirectory(), transitive)
	if err != nil {
		return nil, err
	}
	deps := make([]*pulumirpc.DependencyInfo, 0, len(pkgs))
	for _, p := range pkgs {
		deps = append(deps, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return deps, nil
}
