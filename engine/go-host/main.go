// pulumi-language-go for the engine suite.
//
// The Go module proxy refuses the upstream host (github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3,
// "403 Forbidden: This module version is not available"), so this is a host of our own. Run
// builds the program with `go build` (or runs the prebuilt binary Pulumi.yaml names in
// `runtime.options.binary`) and starts it with the environment sdk/v3's go/pulumi reads
// (PULUMI_MONITOR, PULUMI_ENGINE, PULUMI_PROJECT, ...). GeneratePackage is pkg/v3's codegen/go.
// What it leaves out is listed in docs/engine.md.
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"pulumi-aculab/engine/internal/langhost"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

const name = "pulumi-language-go"

type host struct {
	langhost.Base
}

func main() {
	langhost.Serve(name, func(engineAddress string) pulumirpc.LanguageRuntimeServer {
		return &host{Base: langhost.Base{EngineAddress: engineAddress}}
	})
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := langhost.ProgramDir(info, req.GetPwd())

	program := langhost.StringOption(info, "binary")
	if program != "" {
		if !filepath.IsAbs(program) {
			program = filepath.Join(programDir, program)
		}
	} else {
		built, cleanup, err := build(ctx, programDir)
		if err != nil {
			return &pulumirpc.RunResponse{Error: err.Error()}, nil
		}
		defer cleanup()
		program = built
	}

	config, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	// The variables go/pulumi's getEnvInfo reads (sdk/v3 go/pulumi/run.go).
	env := append(os.Environ(), config...)
	env = append(env,
		"PULUMI_MONITOR="+req.GetMonitorAddress(),
		"PULUMI_ENGINE="+h.EngineAddress,
		"PULUMI_PROJECT="+req.GetProject(),
		"PULUMI_STACK="+req.GetStack(),
		"PULUMI_ORGANIZATION="+req.GetOrganization(),
		"PULUMI_ROOT_DIRECTORY="+langhost.RootDir(info, req.GetPwd()),
		"PULUMI_DRY_RUN="+strconv.FormatBool(req.GetDryRun()),
		"PULUMI_PARALLEL="+strconv.Itoa(int(req.GetParallel())),
	)
	cmd := exec.CommandContext(ctx, program, req.GetArgs()...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	return langhost.RunProgram(cmd), nil
}

// build compiles the program's main package into a temporary folder. The compiler's messages go
// to the engine as the program's output.
func build(ctx context.Context, dir string) (string, func(), error) {
	tmp, err := os.MkdirTemp("", "pulumi-go-program-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { _ = os.RemoveAll(tmp) }
	out := filepath.Join(tmp, "program")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, ".")
	cmd.Dir = dir
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("go build in %s failed: %w", dir, err)
	}
	return out, cleanup, nil
}

// InstallDependencies runs `go mod download` in the program folder.
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetDirectory())
	stdout, stderr := langhost.InstallOutput(server)
	cmd := exec.CommandContext(server.Context(), "go", "mod", "download")
	cmd.Dir = dir
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go mod download in %s: %w", dir, err)
	}
	return nil
}

func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	goPath, err := exec.LookPath("go")
	if err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, goPath, "env", "GOVERSION").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOVERSION: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: goPath, Version: strings.TrimSpace(string(out))}, nil
}

func (h *host) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return langhost.GeneratePackage(req, func(pkg *schema.Package, _ schema.ReferenceLoader) (map[string][]byte, error) {
		files, err := gogen.GeneratePackage(name, pkg, req.GetLocalDependencies())
		if err != nil {
			return nil, err
		}
		// codegen/go takes no extra files; they are copied as they are, as the CLI asks.
		for path, contents := range req.GetExtraFiles() {
			files[path] = contents
		}
		return files, nil
	})
}

// GenerateProgram is pkg/v3's codegen/go program generator: the code `pulumi import` prints.
func (h *host) GenerateProgram(
	_ context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	return langhost.GenerateProgram(req, gogen.GenerateProgram)
}
