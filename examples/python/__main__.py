"""Buys one inbound number and a block of two in Milton Keynes, and lists the UK's regions."""

import pulumi
import pulumi_aculab as aculab

config = pulumi.Config()
country = config.get("country") or "United Kingdom"
region = config.get("region") or "Milton Keynes"

support = aculab.InboundNumber("support", country=country, region=region)
sales = aculab.NumberBlock("sales", country=country, region=region, quantity=2)
regions = aculab.get_supported_regions_output(country=country)

pulumi.export("number", support.number)
pulumi.export("monthlyPrice", support.monthly_price)
pulumi.export("salesNumbers", sales.numbers)
pulumi.export("regions", regions.regions)
