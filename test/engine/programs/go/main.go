// Registers no resource: calls the plugin's getSupportedRegions through the generated Go SDK and
// exports what the program saw of the engine (project, stack, config, preview or update).
package main

import (
	"fmt"

	"github.com/aculab-pulumi/pulumi-aculab/sdk/go/aculab"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		manitoba, err := aculab.GetSupportedRegions(ctx, &aculab.GetSupportedRegionsArgs{
			Country: "Canada",
			State:   pulumi.StringRef("Manitoba"),
		})
		if err != nil {
			return err
		}
		// Shown among the run's diagnostics, so that a test can read what preview and up told the program.
		if err := ctx.Log.Info(fmt.Sprintf("dry run: %t", ctx.DryRun()), nil); err != nil {
			return err
		}
		ctx.Export("language", pulumi.String("go"))
		ctx.Export("project", pulumi.String(ctx.Project()))
		ctx.Export("stack", pulumi.String(ctx.Stack()))
		ctx.Export("endpoint", pulumi.String(config.Require(ctx, "aculab:endpoint")))
		ctx.Export("dryRun", pulumi.Bool(ctx.DryRun()))
		ctx.Export("manitobaRegions", pulumi.ToStringArray(manitoba.Regions))
		return nil
	})
}
