// Package langhost is what our language hosts (engine/nodejs-host, engine/python-host,
// engine/go-host) have in common: serving the LanguageRuntime protocol on a port the engine reads
// from standard output, the RPCs every host answers the same way, running a program as a child
// process with the exit-code contract of Pulumi's SDKs, and `pulumi package gen-sdk` through
// pkg/v3's own code generators.
//
// The upstream hosts are refused by the Go module proxy (docs/engine.md); these are ours, written
// against the same pinned sdk/v3 and pkg/v3 modules as the CLI.
package langhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// ExitedAfterReportingError is the exit code the Node.js, Python and Go SDKs use after they have
// already shown the user an actionable error: the engine must not add another message.
const ExitedAfterReportingError = 32

// Base answers the RPCs that are the same for every host. Embed it; it embeds the generated
// Unimplemented server, so whatever a host does not define answers Unimplemented.
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	// The engine's gRPC address: the first non-flag argument, or what Handshake says.
	EngineAddress string
}

func (b *Base) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		b.EngineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: strings.TrimPrefix(version.Version, "v")}, nil
}

// Plugins are found on PATH and through Pulumi.yaml's plugins section; none is installed on
// demand (the suite runs offline).
func (b *Base) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (b *Base) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (b *Base) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// Serve registers the host, prints its port (the engine reads it from the first line of standard
// output) and serves until the engine stops it. newHost receives the engine address from the
// command line.
func Serve(name string, newHost func(engineAddress string) pulumirpc.LanguageRuntimeServer) {
	var engineAddress string
	for _, arg := range os.Args[1:] {
		if !strings.HasPrefix(arg, "-") {
			engineAddress = arg
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, newHost(engineAddress))
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: could not start: %v\n", name, err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "%s: stopped: %v\n", name, err)
		os.Exit(1)
	}
}

// RunProgram runs a program to completion with its output on the host's (which the engine shows
// as the program's), and turns its exit into a RunResponse: 0 is success, 32 means the SDK has
// already reported the error (Bail), anything else is an error naming the code.
func RunProgram(cmd *exec.Cmd) *pulumirpc.RunResponse {
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if exit.ExitCode() == ExitedAfterReportingError {
				return &pulumirpc.RunResponse{Bail: true}
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode()),
			}
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run %s: %v", cmd.Path, err)}
	}
	return &pulumirpc.RunResponse{}
}

// ConfigEnv is the stack config as the SDKs read it: PULUMI_CONFIG (a JSON object of
// "project:key" to value) and PULUMI_CONFIG_SECRET_KEYS (a JSON array of the secret keys).
func ConfigEnv(req *pulumirpc.RunRequest) ([]string, error) {
	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	keys, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	return []string{"PULUMI_CONFIG=" + string(config), "PULUMI_CONFIG_SECRET_KEYS=" + string(keys)}, nil
}

// ProgramDir is the folder of the program: Pulumi.yaml's `main`, or the project folder.
func ProgramDir(info *pulumirpc.ProgramInfo, pwd string) string {
	if dir := info.GetProgramDirectory(); dir != "" {
		return dir
	}
	return pwd
}

// RootDir is the folder holding Pulumi.yaml.
func RootDir(info *pulumirpc.ProgramInfo, pwd string) string {
	if dir := info.GetRootDirectory(); dir != "" {
		return dir
	}
	return ProgramDir(info, pwd)
}

// StringOption is a string runtime option from Pulumi.yaml (`runtime.options.<name>`), or "".
func StringOption(info *pulumirpc.ProgramInfo, name string) string {
	if info.GetOptions() == nil {
		return ""
	}
	if v, ok := info.GetOptions().AsMap()[name].(string); ok {
		return v
	}
	return ""
}

// BoolOption is a boolean runtime option, or def when it is not set.
func BoolOption(info *pulumirpc.ProgramInfo, name string, def bool) bool {
	if info.GetOptions() == nil {
		return def
	}
	if v, ok := info.GetOptions().AsMap()[name].(bool); ok {
		return v
	}
	return def
}

// Generator turns a bound schema into an SDK's files (path relative to the SDK folder → contents).
type Generator func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error)

// GeneratePackage serves `pulumi package gen-sdk`: it binds the schema the CLI sends with the
// CLI's own schema loader (for references to other packages), hands it to one of pkg/v3's
// generators and writes the files into the folder the CLI names. The binder's diagnostics go back
// to the CLI, which prints them; errors among them stop generation.
func GeneratePackage(req *pulumirpc.GeneratePackageRequest, generate Generator) (*pulumirpc.GeneratePackageResponse, error) {
	if req.GetLoaderTarget() == "" {
		return nil, errors.New("GeneratePackage: the engine sent no schema loader address")
	}
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, fmt.Errorf("connecting to the schema loader: %w", err)
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, fmt.Errorf("the schema is not valid JSON: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, fmt.Errorf("binding the schema: %w", err)
	}
	response := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return response, nil
	}

	files, err := generate(pkg, loader)
	if err != nil {
		return nil, fmt.Errorf("generating the SDK: %w", err)
	}
	if err := WriteFiles(req.GetDirectory(), files); err != nil {
		return nil, err
	}
	return response, nil
}

// ProgramGenerator is one of pkg/v3's program generators (codegen/go, codegen/python).
type ProgramGenerator func(program *pcl.Program) (map[string][]byte, hcl.Diagnostics, error)

// GenerateProgram serves the code `pulumi import` prints (and `pulumi convert`): it parses the PCL
// the CLI sends, binds it with the CLI's schema loader and hands it to one of pkg/v3's program
// generators, as the upstream hosts do. Diagnostics go back to the CLI; errors stop generation.
func GenerateProgram(req *pulumirpc.GenerateProgramRequest, generate ProgramGenerator) (*pulumirpc.GenerateProgramResponse, error) {
	if req.GetLoaderTarget() == "" {
		return nil, errors.New("GenerateProgram: the engine sent no schema loader address")
	}
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, fmt.Errorf("connecting to the schema loader: %w", err)
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)

	parser := syntax.NewParser()
	names := make([]string, 0, len(req.GetSource()))
	for name := range req.GetSource() {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := parser.ParseFile(strings.NewReader(req.GetSource()[name]), name); err != nil {
			return nil, err
		}
	}
	if parser.Diagnostics.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(parser.Diagnostics)}, nil
	}
	options := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !req.GetStrict() {
		options = append(options, pcl.NonStrictBindOptions()...)
	}
	program, diags, err := pcl.BindProgram(parser.Files, loader, options...)
	if err != nil {
		return nil, err
	}
	diagnostics := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() || program == nil {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: diagnostics}, nil
	}
	files, diags, err := generate(program)
	if err != nil {
		return nil, err
	}
	diagnostics = append(diagnostics, plugin.HclDiagnosticsToRPCDiagnostics(diags)...)
	return &pulumirpc.GenerateProgramResponse{Source: files, Diagnostics: diagnostics}, nil
}

// WriteFiles writes generated files under dir, in a stable order.
func WriteFiles(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// InstallOutput gives the writers for a dependency install's standard output and error: each
// write goes to the engine as an InstallDependencies response at once (one stream, so one lock).
func InstallOutput(server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) (stdout, stderr io.Writer) {
	lock := &sync.Mutex{}
	return installWriter{server, lock, false}, installWriter{server, lock, true}
}

type installWriter struct {
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]
	lock   *sync.Mutex
	stderr bool
}

func (w installWriter) Write(p []byte) (int, error) {
	chunk := append([]byte(nil), p...)
	response := &pulumirpc.InstallDependenciesResponse{Stdout: chunk}
	if w.stderr {
		response = &pulumirpc.InstallDependenciesResponse{Stderr: chunk}
	}
	w.lock.Lock()
	defer w.lock.Unlock()
	if err := w.server.Send(response); err != nil {
		return 0, err
	}
	return len(p), nil
}
