package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/constant"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// What every language's SDK reads from the environment. PULUMI_CONFIG is a JSON object of the
// stack's config (secrets decrypted), PULUMI_CONFIG_SECRET_KEYS a JSON list of which keys must be
// kept secret.
func configEnv(req *pulumirpc.RunRequest, legacyKeys bool) ([]string, error) {
	cfg := req.GetConfig()
	if legacyKeys {
		// The Node.js SDK still reads keys in the old "<namespace>:config:<name>" form (it
		// accepts both, but older SDK versions only that one); the real host converts them.
		old := make(map[string]string, len(cfg))
		for k, v := range cfg {
			key, err := config.ParseKey(k)
			if err != nil {
				return nil, err
			}
			old[key.Namespace()+":config:"+key.Name()] = v
		}
		cfg = old
	}
	if cfg == nil {
		cfg = map[string]string{}
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	keysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	return []string{pulumi.EnvConfig + "=" + string(cfgJSON), pulumi.EnvConfigSecretKeys + "=" + string(keysJSON)}, nil
}

// runProgram runs a program to completion and turns its exit into the engine's answer.
func runProgram(cmd *exec.Cmd) *pulumirpc.RunResponse {
	// Child output goes to our stdout/stderr, which the engine reads and shows. Wrapping the
	// writers makes exec copy through a pipe instead of handing over our file descriptors: Node
	// switches the descriptors it gets to non-blocking mode, which would break our own writes.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	// When the engine cancels the request (Ctrl-C), interrupt the program so its SDK can finish
	// cleanly; kill it if it has not exited a few seconds later.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the program (%s): %v", cmd.Path, err)}
	}
	if status, ok := exit.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program was killed by signal %v", status.Signal())}
	}
	// All three SDKs exit with 32 after they have already reported the error to the engine;
	// "bail" tells the engine to stop without adding a message of its own.
	if exit.ExitCode() == constant.ExitStatusLoggedError {
		return &pulumirpc.RunResponse{Bail: true}
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", exit.ExitCode())}
}

// flagArgs builds "--name value" pairs, leaving out empty values, for the nodejs and python
// entry scripts, which take the same settings under slightly different names.
func flagArgs(pairs ...string) []string {
	var args []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			args = append(args, "--"+pairs[i], pairs[i+1])
		}
	}
	return args
}

// commandAbout runs `<name> <args>` for About's version string.
func commandAbout(ctx context.Context, name string, args ...string) (*pulumirpc.AboutResponse, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, path, args...).Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	v := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(string(out)), "v"), "go")
	return &pulumirpc.AboutResponse{Executable: path, Version: v}, nil
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }
