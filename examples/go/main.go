// Buys one inbound number and a block of two in Milton Keynes, and lists the UK's regions.
package main

import (
	"github.com/aculab-pulumi/pulumi-aculab/sdk/go/aculab"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		country := cfg.Get("country")
		if country == "" {
			country = "United Kingdom"
		}
		region := cfg.Get("region")
		if region == "" {
			region = "Milton Keynes"
		}

		support, err := aculab.NewInboundNumber(ctx, "support", &aculab.InboundNumberArgs{
			Country: pulumi.String(country),
			Region:  pulumi.String(region),
		})
		if err != nil {
			return err
		}
		sales, err := aculab.NewNumberBlock(ctx, "sales", &aculab.NumberBlockArgs{
			Country:  pulumi.String(country),
			Region:   pulumi.String(region),
			Quantity: pulumi.Int(2),
		})
		if err != nil {
			return err
		}
		regions, err := aculab.GetSupportedRegions(ctx, &aculab.GetSupportedRegionsArgs{Country: country})
		if err != nil {
			return err
		}

		ctx.Export("number", support.Number)
		ctx.Export("monthlyPrice", support.MonthlyPrice)
		ctx.Export("salesNumbers", sales.Numbers)
		ctx.Export("regions", pulumi.ToStringArray(regions.Regions))
		return nil
	})
}
