// pulumi-language-python for the engine suite.
//
// The Go module proxy refuses the upstream host
// (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3, "403 Forbidden: This
// module version is not available"), so this is a host of our own. As Pulumi's does, it leaves
// the work to Python: Run starts the program through pulumi-language-python-exec (the script in
// the pinned sdk/v3 module, installed beside this binary), which configures the `pulumi` package
// of the program's environment and runs __main__.py. Virtual environments are handled by sdk/v3's
// python/toolchain package (pip only). GeneratePackage is pkg/v3's codegen/python. What it leaves
// out is listed in docs/engine.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"pulumi-aculab/engine/internal/langhost"

	python "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"google.golang.org/grpc"
)

const (
	name       = "pulumi-language-python"
	execScript = "pulumi-language-python-exec"
)

type host struct {
	langhost.Base
}

func main() {
	langhost.Serve(name, func(engineAddress string) pulumirpc.LanguageRuntimeServer {
		return &host{Base: langhost.Base{EngineAddress: engineAddress}}
	})
}

// pythonFor is the program's Python: the virtual environment Pulumi.yaml names
// (`runtime.options.virtualenv`, relative to the project root), or python3 (PULUMI_PYTHON_CMD
// overrides it) when it names none.
func pythonFor(info *pulumirpc.ProgramInfo, pwd string) (toolchain.Toolchain, error) {
	if tc := langhost.StringOption(info, "toolchain"); tc != "" && tc != "pip" {
		return nil, fmt.Errorf("runtime option toolchain: %q is not supported by this language host (only pip)", tc)
	}
	if tc := langhost.StringOption(info, "typechecker"); tc != "" {
		return nil, fmt.Errorf("runtime option typechecker: %q is not supported by this language host", tc)
	}
	return toolchain.ResolveToolchain(toolchain.PythonOptions{
		Root:       langhost.RootDir(info, pwd),
		ProgramDir: langhost.ProgramDir(info, pwd),
		Virtualenv: langhost.StringOption(info, "virtualenv"),
		Toolchain:  toolchain.Pip,
	})
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	tc, err := pythonFor(info, req.GetPwd())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		// The toolchain's message names the folder and the commands that create it.
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	script := filepath.Join(filepath.Dir(self), execScript)
	if _, err := os.Stat(script); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("%s is missing beside %s: %v", execScript, self, err)}, nil
	}

	programDir := langhost.ProgramDir(info, req.GetPwd())
	program := programDir
	if entry := info.GetEntryPoint(); entry != "" && entry != "." {
		program = filepath.Join(programDir, entry)
	}
	// The flags pulumi-language-python-exec parses (argparse): --parallel is always required (it
	// is converted with int()), --dry_run takes the value "true".
	args := []string{script}
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.EngineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("stack", req.GetStack())
	flag("pwd", req.GetPwd())
	flag("root_directory", info.GetRootDirectory())
	args = append(args, "--parallel", strconv.Itoa(int(req.GetParallel())))
	if req.GetDryRun() {
		args = append(args, "--dry_run", "true")
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	cmd, err := tc.Command(ctx, args...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	config, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	// Unbuffered, so that the program's prints reach the engine as they happen.
	cmd.Env = append(cmd.Env, append(config, "PYTHONUNBUFFERED=1")...)
	cmd.Dir = req.GetPwd()
	return langhost.RunProgram(cmd), nil
}

// InstallDependencies creates the virtual environment Pulumi.yaml names, if missing, and runs
// `python -m pip install -r requirements.txt` in the program folder (sdk/v3's toolchain, as
// `pulumi install` does for pip projects).
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	info := req.GetInfo()
	tc, err := pythonFor(info, req.GetDirectory())
	if err != nil {
		return err
	}
	stdout, stderr := langhost.InstallOutput(server)
	dir := langhost.ProgramDir(info, req.GetDirectory())
	if err := tc.InstallDependencies(server.Context(), dir, false, true, stdout, stderr); err != nil {
		return fmt.Errorf("installing the Python dependencies of %s: %w", dir, err)
	}
	return nil
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	tc, err := pythonFor(req.GetInfo(), "")
	if err != nil {
		return nil, err
	}
	about, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: about.PythonExecutable, Version: about.PythonVersion.String()}, nil
}

func (h *host) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return langhost.GeneratePackage(req, func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
		if len(req.GetLocalDependencies()) > 0 {
			return nil, errors.New("local dependencies are not supported by this language host: " +
				strings.Join(keys(req.GetLocalDependencies()), ", "))
		}
		return python.GeneratePackage(name, pkg, req.GetExtraFiles(), loader)
	})
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// GenerateProgram is pkg/v3's codegen/python program generator: the code `pulumi import` prints.
func (h *host) GenerateProgram(
	_ context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	return langhost.GenerateProgram(req, python.GenerateProgram)
}
