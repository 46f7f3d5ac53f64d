// pulumi-language-nodejs for the engine suite.
//
// The Go module proxy refuses the upstream language host
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 answers
// "403 Forbidden: This module version is not available" for every version), so
// this is a small host of our own that speaks the same LanguageRuntime protocol
// and hands the real work to @pulumi/pulumi's own scripts, resolved from the
// program (or policy pack) directory: cmd/run for programs,
// cmd/run-policy-pack and cmd/run-plugin for plugins. GeneratePackage
// (`pulumi package gen-sdk --language nodejs`) is pkg/v3's codegen/nodejs. What it
// leaves out is listed in docs/engine.md: package-manager selection,
// required-plugin discovery, program generation and `pulumi new` templating.
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
	"strings"
	"sync"

	"pulumi-aculab/engine/internal/langhost"

	nodejs "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

const name = "pulumi-language-nodejs"

type host struct {
	langhost.Base
}

func main() {
	langhost.Serve(name, func(engineAddress string) pulumirpc.LanguageRuntimeServer {
		return &host{Base: langhost.Base{EngineAddress: engineAddress}}
	})
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: "node", Version: strings.TrimSpace(string(out))}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := info.GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}
	runScript, err := resolveModule(programDir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := []string{runScript}
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
	flag("root-directory", info.GetRootDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	entry := info.GetEntryPoint()
	if entry == "" || entry == "." {
		args = append(args, ".")
		if programDir != req.GetPwd() {
			args[len(args)-1] = programDir
		}
	} else {
		args = append(args, filepath.Join(programDir, entry))
	}
	args = append(args, req.GetArgs()...)

	config, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(), config...)
	env = append(env, "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(langhost.BoolOption(info, "typescript", true)))
	if tsconfig := langhost.StringOption(info, "tsconfig"); tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	return langhost.RunProgram(cmd), nil
}

// RunPlugin runs a policy pack (kind "analyzer") or a resource provider
// written in Node.js, streaming its output back to the engine, which reads the
// plugin's gRPC port from the first line of standard output.
func (h *host) RunPlugin(
	req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetProgram()
	}
	script := "@pulumi/pulumi/cmd/run-plugin"
	if req.GetKind() == "analyzer" {
		script = "@pulumi/pulumi/cmd/run-policy-pack"
	}
	resolved, err := resolveModule(dir, script)
	if err != nil {
		return err
	}
	args := append([]string{resolved}, req.GetArgs()...)
	args = append(args, dir)

	cmd := exec.CommandContext(server.Context(), "node", args...)
	// A policy pack runs in its own folder, as it always has with Pulumi's own host:
	// @pulumi/policy reads the pack's version from ./package.json, so started in the
	// project folder (Pwd) it fails with "Cannot find module <project>/package.json".
	// Providers and other plugins run in the engine's working directory.
	cmd.Dir = req.GetPwd()
	if req.GetKind() == "analyzer" {
		cmd.Dir = dir
	}
	cmd.Env = req.GetEnv()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	var send sync.Mutex
	var copies sync.WaitGroup
	forward := func(r io.Reader, wrap func([]byte) *pulumirpc.RunPluginResponse) {
		defer copies.Done()
		buf := make([]byte, 32*1024)
		for {
			n, readErr := r.Read(buf)
			if n > 0 {
				chunk := append([]byte(nil), buf[:n]...)
				send.Lock()
				_ = server.Send(wrap(chunk))
				send.Unlock()
			}
			if readErr != nil {
				return
			}
		}
	}
	copies.Add(2)
	go forward(stdout, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	go forward(stderr, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	copies.Wait()
	code := 0
	if err := cmd.Wait(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return err
		}
		code = exit.ExitCode()
	}
	return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

// InstallDependencies runs `npm install` in the program directory, as
// `pulumi install` does for npm projects.
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory()
	}
	cmd := exec.CommandContext(server.Context(), "npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	_ = server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: out})
	if err != nil {
		return fmt.Errorf("npm install in %s: %w", dir, err)
	}
	return nil
}

// resolveModule finds a module the way Node would from dir, so that the
// program's own copy of @pulumi/pulumi runs it.
func resolveModule(dir, module string) (string, error) {
	script := fmt.Sprintf("console.log(require.resolve(%q, {paths: [%q]}))", module, dir)
	out, err := exec.Command("node", "-e", script).Output()
	if err != nil {
		return "", fmt.Errorf("it looks like @pulumi/pulumi is not installed in %s (could not resolve %s); "+
			"run npm install there", dir, module)
	}
	return strings.TrimSpace(string(out)), nil
}

// GeneratePackage writes a Node.js SDK for the schema the CLI sends (pkg/v3's codegen/nodejs).
func (h *host) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return langhost.GeneratePackage(req, func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return nodejs.GeneratePackage(name, pkg, req.GetExtraFiles(), req.GetLocalDependencies(), req.GetLocal(), loader)
	})
}
