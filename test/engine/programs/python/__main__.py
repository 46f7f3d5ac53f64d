"""Registers no resource: calls the plugin's getSupportedRegions through the generated SDK and
exports what the program saw of the engine (project, stack, config, preview or update)."""

import pulumi
import pulumi_aculab as aculab

manitoba = aculab.get_supported_regions_output(country="Canada", state="Manitoba")

# Shown among the run's diagnostics, so that a test can read what preview and up told the program.
pulumi.log.info("dry run: " + str(pulumi.runtime.is_dry_run()).lower())

pulumi.export("language", "python")
pulumi.export("project", pulumi.get_project())
pulumi.export("stack", pulumi.get_stack())
pulumi.export("endpoint", pulumi.Config("aculab").require("endpoint"))
pulumi.export("dryRun", pulumi.runtime.is_dry_run())
pulumi.export("manitobaRegions", manitoba.regions)
