// Command langhost is a small stand-in for Pulumi's nodejs, python and go language hosts
// (pulumi-language-nodejs, pulumi-language-python, pulumi-language-go).
//
// Why it exists: those hosts are Go modules of their own inside pulumi/pulumi that carry no
// version tags, and the Go module proxy this project can reach refuses their pseudo-versions. The
// libraries they are thin wrappers around (the SDK code generators in pkg/v3/codegen, the
// LanguageRuntime protocol in sdk/v3/proto/go, the Python toolchain and npm helpers in sdk/v3)
// are tagged and available at the pinned version, so this program puts a LanguageRuntime server
// around those. It covers what this project uses: `pulumi package gen-sdk` and running a program
// with up/preview/refresh/destroy/import. sdk-gen/install-pulumi.sh builds it when the real
// hosts cannot be had.
//
// Which language it serves comes from -language, or else from the name it was started as
// (pulumi-language-<lang>), so one binary can be installed under all three names.
//
// Left out, as this project does not use them: Link and Pack (`pulumi package add`, `pack-sdk`),
// RunPlugin (providers or policy packs written in these languages), Template and the runtime
// option prompts of `pulumi new`, debugger attachment, the Python `typechecker` option, and the
// Node.js synchronous-invoke channel of very old SDKs. GetRequiredPackages answers with nothing
// (see host.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", filepath.Base(os.Args[0]), err)
		os.Exit(1)
	}
}

func run() error {
	// The engine starts a language plugin as `<bin> [--logtostderr] [-v=N] [--tracing URL]
	// <engine address>` (pkg/v3/resource/plugin: buildPluginArguments, buildArgsForNewPlugin), and
	// prints nothing before its port (below).
	language := flag.String("language", "", "nodejs, python or go (default: from the executable name)")
	tracing := flag.String("tracing", "", "tracing endpoint (passed on to nodejs and python programs)")
	// glog, linked in through the Pulumi libraries, usually defines -logtostderr and -v already;
	// define them only if it did not. InitLogging reads them from the default flag set.
	if flag.Lookup("logtostderr") == nil {
		flag.Bool("logtostderr", false, "log to stderr")
	}
	if flag.Lookup("v") == nil {
		flag.Int("v", 0, "log verbosity")
	}
	flag.Parse()
	logging.InitLogging(false, 0, true)

	lang := *language
	if lang == "" {
		name := strings.TrimSuffix(filepath.Base(os.Args[0]), filepath.Ext(os.Args[0]))
		lang = strings.TrimPrefix(name, "pulumi-language-")
	}
	switch lang {
	case "nodejs", "python", "go":
	default:
		return fmt.Errorf("cannot tell which language to serve from %q: use -language nodejs|python|go "+
			"or install the binary as pulumi-language-<language>", os.Args[0])
	}

	// The engine's address is the one positional argument. It is missing only when the engine
	// attaches to an already running host (PULUMI_DEBUG_LANGUAGES), and then Handshake gives it.
	var engine string
	if flag.NArg() > 0 {
		engine = flag.Arg(0)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h := &host{lang: lang, tracing: *tracing, life: ctx, quit: cancel}
	if engine != "" {
		if err := h.setEngine(engine); err != nil {
			return err
		}
	}

	stop := make(chan bool)
	go func() { <-ctx.Done(); close(stop) }()
	// ServeWithOptions listens on 127.0.0.1 with a port the kernel picks, and registers the gRPC
	// health service the engine's connection test uses.
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		return fmt.Errorf("starting the gRPC server: %w", err)
	}
	// The launch contract: the first line on stdout is the port, nothing before it. Whatever the
	// programs we run print afterwards goes to the same stdout, which the engine shows the user.
	fmt.Printf("%d\n", handle.Port)
	return <-handle.Done
}
