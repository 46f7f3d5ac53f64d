// The program behind the dynamic-resource preview fixtures (test/engine/previewFixtures.test.ts).
// Its resources come from the stack config `resources`, so one program reaches every state a
// scenario needs: the generator sets one set of resources, runs `pulumi up`, sets another and
// runs `pulumi preview --json`.
//
//   resources: {"<name>": {"kind": "InboundNumber" | "NumberBlock", "protect"?: true, ...inputs}}
//
// An input value may also be {"secret": "<config key>"}: the stack's secret config value, read
// with config.requireSecret; or {"after": "<resource>", "output": "<property>", "value": v}: v,
// once that resource's output is known, so that it is unknown during a preview that creates it.
// `functions: true` exports the answers of two data functions.
import * as pulumi from "@pulumi/pulumi";
import * as aculab from "pulumi-aculab";

type Value =
  | string
  | number
  | boolean
  | { secret: string }
  | { after: string; output: string; value: string | number | boolean };

type Spec = { kind: "InboundNumber" | "NumberBlock"; protect?: boolean } & Record<string, Value>;

const config = new pulumi.Config();
const specs = config.requireObject<Record<string, Spec>>("resources");
const made: Record<string, Record<string, pulumi.Output<unknown>>> = {};

function input(value: Value): pulumi.Input<string | number | boolean> {
  if (typeof value !== "object") return value;
  if ("secret" in value) return config.requireSecret(value.secret);
  const source = made[value.after]?.[value.output];
  if (!source)
    throw new Error(`resources: ${value.after}.${value.output} is not declared before it is used`);
  return source.apply(() => value.value);
}

for (const [name, { kind, protect, ...props }] of Object.entries(specs)) {
  const args = Object.fromEntries(Object.entries(props).map(([key, value]) => [key, input(value)]));
  const options = protect ? { protect } : {};
  made[name] = (kind === "InboundNumber"
    ? new aculab.InboundNumber(name, args as aculab.InboundNumberArgs, options)
    : new aculab.NumberBlock(name, args as aculab.NumberBlockArgs, options)) as unknown as Record<
    string,
    pulumi.Output<unknown>
  >;
}

export const functions = config.getBoolean("functions")
  ? {
      manitobaRegions: aculab.getSupportedRegionsOutput({ country: "Canada", state: "Manitoba" })
        .regions,
      ownedNumbers: aculab.listNumbersOutput({}).numbers,
    }
  : undefined;
