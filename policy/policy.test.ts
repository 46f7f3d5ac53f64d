import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  StackValidationArgs,
  unknownCheckingProxy,
} from "@pulumi/policy";
import { numberBlockLifecycle } from "../provider/resources/numberBlock";
import { SECRET_PLACEHOLDER as SECRET_PLACEHOLDER_TEXT } from "../report/resources";
import {
  aculabPolicyPackArgs,
  maxMonthlyCost,
  maxNumbers,
  noReleaseWithoutApproval,
  oneHolderPerNumber,
  tollfreeCallTypes,
} from "./index";

/** Policies run with props behind @pulumi/policy's proxy, which throws on reading an unknown. */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";

const DYNAMIC_NUMBER = "pulumi-nodejs:dynamic/aculab:InboundNumber";
const DYNAMIC_BLOCK = "pulumi-nodejs:dynamic/aculab:NumberBlock";
const NATIVE_NUMBER = "aculab:index:InboundNumber";
const NATIVE_BLOCK = "aculab:index:NumberBlock";

class NotApplicable extends Error {}

const options = (protect: boolean): PolicyResourceOptions => ({
  protect,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
});

const urnOf = (type: string, name: string) => `urn:pulumi:dev::telephony::${type}::${name}`;

interface Shape {
  type: string;
  name: string;
  props: Record<string, unknown>;
  protect?: boolean;
}

function resourceArgs(shape: Shape, config: object = {}): ResourceValidationArgs {
  return {
    type: shape.type,
    name: shape.name,
    urn: urnOf(shape.type, shape.name),
    props: unknownCheckingProxy(shape.props),
    opts: options(shape.protect ?? false),
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
}

function stackArgs(shapes: Shape[], config: object = {}): StackValidationArgs {
  const resources: PolicyResource[] = shapes.map((shape) => ({
    type: shape.type,
    name: shape.name,
    urn: urnOf(shape.type, shape.name),
    props: unknownCheckingProxy(shape.props),
    opts: options(shape.protect ?? false),
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  return {
    resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
}

async function violations(run: (report: (message: string) => void) => unknown): Promise<string[]> {
  const messages: string[] = [];
  await run((message) => messages.push(message));
  return messages;
}

// What a dynamic resource carries in its props besides its own: the serialized provider, which
// every policy must pass over (the start of the text the shim serializes to).
const SERIALIZED_PROVIDER =
  "exports.handler = __f0;\n\nvar __provider = {configure: __f1, check: __f3, diff: __f4, create: __f5, " +
  "read: __f6, update: __f7, delete: __f8};\n\nfunction __f2() {\n  return (function() {\n    with({ type: " +
  '"InboundNumber", this: undefined, arguments: undefined }) {\n\nreturn () => ' +
  'require("pulumi-aculab/dynamic-host").dynamicProviders[type];\n\n    }\n  }).apply(undefined, undefined)' +
  ".apply(this, arguments);\n}\n";

// Resources as a stack policy sees them during preview: unchanged ones with their recorded
// outputs, new or changed ones with their inputs (neither provider supports preview). Locations,
// numbers and prices are Aculab's: full country names, digit strings, the account's USD prices.
const reception: Shape = {
  type: DYNAMIC_NUMBER,
  name: "reception",
  props: {
    __provider: SERIALIZED_PROVIDER,
    country: "United Kingdom",
    region: "Milton Keynes",
    didType: "geographic",
    number: "441908538008",
    monthlyPrice: 3,
    purchased: "2025-01-15",
  },
};
const nightPool: Shape = {
  type: NATIVE_BLOCK,
  name: "night-pool",
  props: {
    country: "Spain",
    region: "Madrid",
    didType: "geographic",
    quantity: 2,
    numbers: ["34911100001", "34911100002"],
    monthlyPrice: 8,
  },
};
const newSupportPool: Shape = {
  type: DYNAMIC_BLOCK,
  name: "support-pool",
  props: {
    __provider: SERIALIZED_PROVIDER.replace('"InboundNumber"', '"NumberBlock"'),
    country: "Spain",
    region: "901",
    didType: "tollfree",
    quantity: 3,
    allowLandline: true,
  },
};
// A block growing from 2 to 4 numbers: preview shows its new inputs, not its old outputs.
const growingPool: Shape = {
  type: NATIVE_BLOCK,
  name: "sales-pool",
  props: {
    country: "United States",
    state: "New York",
    region: "New York City",
    didType: "geographic",
    quantity: 4,
    numbers: ["12125550001", "12125550002"],
    monthlyPrice: 3,
  },
};
const prices = [
  { country: "Spain", monthlyUsd: 4 },
  { country: "Spain", region: "901", didType: "tollfree", monthlyUsd: 15 },
  { country: "United States", didType: "geographic", monthlyUsd: 1.5 },
];

describe("max-monthly-cost", () => {
  const validate = (shapes: Shape[], config: object) =>
    violations((report) => maxMonthlyCost.validateStack(stackArgs(shapes, config), report));

  it("passes a stack within budget, pricing state first and the table for new numbers", async () => {
    // 3 + 8 + 3 x 15 + 4 x 1.5 = 62
    expect(
      await validate([reception, nightPool, newSupportPool, growingPool], {
        maxMonthlyUsd: 62,
        prices,
      }),
    ).toEqual([]);
  });

  it("names each resource and its cost when the stack is over budget", async () => {
    expect(
      await validate([reception, nightPool, newSupportPool, growingPool], {
        maxMonthlyUsd: 61.99,
        prices,
      }),
    ).toEqual([
      'Aculab numbers would cost $62.00 per month, over the budget of $61.99: InboundNumber "reception" $3.00, ' +
        'NumberBlock "night-pool" $8.00, NumberBlock "support-pool" $45.00, NumberBlock "sales-pool" $6.00.',
    ]);
  });

  it("refuses to pass a stack it cannot price, naming what to price", async () => {
    expect(await validate([reception, newSupportPool], { maxMonthlyUsd: 100 })).toEqual([
      'Cannot confirm the Aculab budget of $100.00 per month: no price for NumberBlock "support-pool" ' +
        "(add their location to this policy's prices, or their quantity is only known after apply).",
    ]);
  });

  it("prices a quantity only known after apply as unknown, and still catches a known overrun", async () => {
    const unknownPool: Shape = {
      ...newSupportPool,
      props: { ...newSupportPool.props, quantity: UNKNOWN_NUMBER },
    };
    expect(await validate([reception, unknownPool], { maxMonthlyUsd: 1, prices })).toEqual([
      'Aculab numbers would cost at least $3.00 per month, over the budget of $1.00: InboundNumber "reception" $3.00.',
    ]);
  });

  it("ignores other resources and is not applicable without a budget", async () => {
    const pet: Shape = {
      type: "random:index/randomPet:RandomPet",
      name: "mascot",
      props: { length: 2 },
    };
    expect(await validate([pet], { maxMonthlyUsd: 0 })).toEqual([]);
    await expect(validate([reception], {})).rejects.toThrow("no budget configured (maxMonthlyUsd)");
  });
});

describe("max-numbers", () => {
  const validate = (shapes: Shape[], config: object) =>
    violations((report) => maxNumbers.validateStack(stackArgs(shapes, config), report));

  it("counts numbers across both type-token families", async () => {
    // 1 + 2 + 3 + 4 = 10
    const stack = [reception, nightPool, newSupportPool, growingPool];
    expect(await validate(stack, { maxNumbers: 10 })).toEqual([]);
    expect(await validate(stack, { maxNumbers: 9 })).toEqual([
      'The stack would hold 10 Aculab numbers, over the limit of 9: InboundNumber "reception" 1, ' +
        'NumberBlock "night-pool" 2, NumberBlock "support-pool" 3, NumberBlock "sales-pool" 4.',
    ]);
  });

  it("cannot confirm the limit while a quantity is only known after apply", async () => {
    const unknownPool: Shape = {
      ...newSupportPool,
      props: { ...newSupportPool.props, quantity: UNKNOWN_NUMBER },
    };
    expect(await validate([reception, unknownPool], { maxNumbers: 5 })).toEqual([
      'Cannot confirm the limit of 5 Aculab numbers: the quantity of NumberBlock "support-pool" is only known after apply.',
    ]);
  });

  it("counts a block by its numbers when its quantity is not shown", async () => {
    const { quantity: _quantity, ...withoutQuantity } = nightPool.props;
    expect(await validate([{ ...nightPool, props: withoutQuantity }], { maxNumbers: 1 })).toEqual([
      'The stack would hold 2 Aculab numbers, over the limit of 1: NumberBlock "night-pool" 2.',
    ]);
  });
});

describe("no-release-without-approval", () => {
  const validate = (shape: Shape, config: object = {}) =>
    violations((report) =>
      (
        noReleaseWithoutApproval.validateResource as (
          a: ResourceValidationArgs,
          r: typeof report,
        ) => void
      )(resourceArgs(shape, config), report),
    );

  it("fails an unprotected number, naming it and the way to approve", async () => {
    expect(await validate(reception)).toEqual([
      'InboundNumber "reception" is not protected, so a change could delete or replace it and release its numbers ' +
        'irreversibly. Set the resource option protect: true, or approve the release by adding "reception" to ' +
        "approvedReleases of no-release-without-approval.",
    ]);
    expect(await validate({ ...nightPool, type: DYNAMIC_BLOCK })).toHaveLength(1);
  });

  it("passes a protected resource, or one whose release is approved by name or URN", async () => {
    expect(await validate({ ...reception, protect: true })).toEqual([]);
    expect(await validate(reception, { approvedReleases: ["reception"] })).toEqual([]);
    expect(
      await validate(nightPool, { approvedReleases: [urnOf(NATIVE_BLOCK, "night-pool")] }),
    ).toEqual([]);
    expect(await validate(nightPool, { approvedReleases: ["reception"] })).toHaveLength(1);
  });

  it("leaves other resources alone", async () => {
    expect(
      await validate({ type: "random:index/randomPet:RandomPet", name: "mascot", props: {} }),
    ).toEqual([]);
  });

  it("is mandatory by default", () => {
    expect(noReleaseWithoutApproval.enforcementLevel).toBe("mandatory");
  });
});

// Issue 20: a NumberBlock whose quantity goes down releases numbers in an update, which `protect`
// does not stop. During preview a stack policy sees such a block as the inputs check returned,
// where check notes the quantity the recorded inputs asked for (__shrinksFrom).
describe("no-release-without-approval: a block's shrink", () => {
  const validate = (shapes: Shape[], config: object = {}) =>
    violations((report) =>
      (
        noReleaseWithoutApproval as unknown as {
          validateStack: (a: StackValidationArgs, r: typeof report) => void;
        }
      ).validateStack(stackArgs(shapes, config), report),
    );
  const approve = (name: string) =>
    `\`protect\` does not stop a shrink (an update in place). Keep its quantity, or approve the release by ` +
    `adding "${name}" to approvedReleases of no-release-without-approval.`;

  // ops-pool shrinks from 4 to 2 through the dynamic door (its props: check's inputs); night-pool
  // from 2 to 1 through the plugin, as a provider that previews its update would show it (the
  // recorded numbers beside the new quantity).
  const opsPool: Shape = {
    type: DYNAMIC_BLOCK,
    name: "ops-pool",
    protect: true,
    props: {
      __provider: SERIALIZED_PROVIDER.replace('"InboundNumber"', '"NumberBlock"'),
      __resourceName: "ops-pool",
      country: "United Kingdom",
      region: "London",
      didType: "geographic",
      quantity: 2,
      __shrinksFrom: 4,
    },
  };
  const shrunkNightPool: Shape = {
    ...nightPool,
    protect: true,
    props: { ...nightPool.props, quantity: 1 },
  };
  const unknownPool: Shape = {
    ...opsPool,
    name: "unknown-pool",
    props: { ...opsPool.props, quantity: UNKNOWN_NUMBER, __shrinksFrom: 2 },
  };
  const expected = [
    `NumberBlock "night-pool" shrinks from 2 to 1 numbers, releasing 34911100002 irreversibly. ${approve("night-pool")}`,
    `NumberBlock "ops-pool" shrinks from 4 to 2 numbers, releasing 2 of its numbers (the newest) irreversibly. ${approve("ops-pool")}`,
    `NumberBlock "unknown-pool" may shrink: its quantity is only known after apply, and a smaller one releases ` +
      `some of its 2 numbers irreversibly. ${approve("unknown-pool")}`,
  ];

  it("fails a protected block that shrinks, naming the numbers released or how many, in any resource order", async () => {
    const stack = [reception, opsPool, growingPool, shrunkNightPool, newSupportPool, unknownPool];
    expect(await validate(stack)).toEqual(expected);
    // The engine gives a stack policy its resources in no fixed order: the messages do not change.
    expect(await validate([...stack].reverse())).toEqual(expected);
    expect(
      await validate([
        unknownPool,
        shrunkNightPool,
        reception,
        opsPool,
        newSupportPool,
        growingPool,
      ]),
    ).toEqual(expected);
  });

  it("passes a shrink approved by name or URN, and blocks that keep or grow their quantity", async () => {
    expect(
      await validate([opsPool, shrunkNightPool, unknownPool], {
        approvedReleases: ["ops-pool", urnOf(NATIVE_BLOCK, "night-pool"), "unknown-pool"],
      }),
    ).toEqual([]);
    expect(await validate([opsPool], { approvedReleases: ["night-pool"] })).toEqual([expected[1]]);
    // Unchanged blocks show their outputs (quantity equals numbers.length), new and growing ones
    // their inputs; an InboundNumber never shrinks.
    expect(await validate([reception, nightPool, newSupportPool, growingPool])).toEqual([]);
    const { __shrinksFrom: _noted, ...notShrinking } = opsPool.props;
    expect(await validate([{ ...opsPool, props: { ...notShrinking, quantity: 4 } }])).toEqual([]);
  });

  it("writes a number the view hides as a secret as [secret]", async () => {
    const secretPool: Shape = {
      ...shrunkNightPool,
      props: { ...shrunkNightPool.props, numbers: ["34911100001", SECRET_PLACEHOLDER_TEXT] },
    };
    expect(await validate([secretPool])).toEqual([
      `NumberBlock "night-pool" shrinks from 2 to 1 numbers, releasing [secret] irreversibly. ${approve("night-pool")}`,
    ]);
  });

  it("catches the shrink check really notes, through either door's inputs, and not a block it creates", async () => {
    const context = {
      account: () => undefined as never,
      accountIfConfigured: () => undefined,
      warn: () => undefined,
    };
    const recorded = { country: "Spain", region: "Madrid", didType: "geographic", quantity: 3 };
    const checked = await numberBlockLifecycle.check(
      context,
      { ...recorded, quantity: 1 },
      recorded,
    );
    expect(checked.inputs).toEqual({ ...recorded, quantity: 1, __shrinksFrom: 3 });
    const grown = await numberBlockLifecycle.check(context, { ...recorded, quantity: 5 }, recorded);
    const created = await numberBlockLifecycle.check(context, { ...recorded, quantity: 1 }, {});
    const pool = (props: object, type = NATIVE_BLOCK): Shape => ({
      type,
      name: "madrid-pool",
      protect: true,
      props: props as Record<string, unknown>,
    });
    expect(await validate([pool(checked.inputs)])).toEqual([
      `NumberBlock "madrid-pool" shrinks from 3 to 1 numbers, releasing 2 of its numbers (the newest) irreversibly. ${approve("madrid-pool")}`,
    ]);
    expect(await validate([pool(checked.inputs, DYNAMIC_BLOCK)])).toHaveLength(1);
    expect(await validate([pool(grown.inputs), pool(created.inputs, DYNAMIC_BLOCK)])).toEqual([]);
  });
});

describe("tollfree-call-types", () => {
  const validate = (shape: Shape) =>
    violations((report) =>
      (tollfreeCallTypes.validateResource as (a: ResourceValidationArgs, r: typeof report) => void)(
        resourceArgs(shape),
        report,
      ),
    );
  // Canada's 855 prefix accepts payphone calls; the United Kingdom's 800 refuses them outright.
  const tollfree = (props: Record<string, unknown>): Shape => ({
    type: NATIVE_NUMBER,
    name: "freephone",
    props: {
      country: "Canada",
      region: "855",
      didType: "tollfree",
      allowLandline: true,
      ...props,
    },
  });

  it("warns when a toll-free number accepts payphone calls", async () => {
    expect(await validate(tollfree({ allowPayphone: true }))).toEqual([
      'InboundNumber "freephone" is a toll-free number that accepts payphone calls (allowPayphone: true); ' +
        "you pay the payphone surcharge on every such call.",
    ]);
  });

  it("stays quiet when payphone calls are refused or the number is not toll-free", async () => {
    expect(await validate(tollfree({ allowPayphone: false }))).toEqual([]);
    expect(await validate(tollfree({}))).toEqual([]);
    expect(
      await validate({
        ...tollfree({ allowPayphone: true }),
        props: { didType: "geographic", allowPayphone: true },
      }),
    ).toEqual([]);
  });

  it("warns when whether it is toll-free or allows payphones is only known after apply", async () => {
    const expected = [
      'InboundNumber "freephone" may be a toll-free number that accepts payphone calls: ' +
        "its didType or allowPayphone is only known after apply.",
    ];
    expect(await validate(tollfree({ allowPayphone: UNKNOWN_STRING }))).toEqual(expected);
    expect(await validate(tollfree({ didType: UNKNOWN_STRING, allowPayphone: true }))).toEqual(
      expected,
    );
  });

  it("is advisory", () => {
    expect(tollfreeCallTypes.enforcementLevel).toBe("advisory");
  });
});

// Invariant 6 of issue 11: two resources holding one number fail the stack, whichever door
// (dynamic or plugin type tokens) each comes through.
describe("one-holder-per-number", () => {
  const validate = (shapes: Shape[]) =>
    violations((report) => oneHolderPerNumber.validateStack(stackArgs(shapes), report));
  const fix =
    "releasing it for one (a delete, a replacement, a shrink) takes it from the other. " +
    "Keep one resource per number: remove `number` from the adopting InboundNumber, or delete one of them " +
    "from state with `pulumi state delete` (which releases nothing).";

  // A plugin InboundNumber adopting the dynamic "reception"'s number: preview shows its inputs.
  const receptionCopy: Shape = {
    type: NATIVE_NUMBER,
    name: "reception-copy",
    props: {
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic",
      number: "441908538008",
    },
  };

  it("fails an InboundNumber that adopts a number another InboundNumber holds", async () => {
    expect(await validate([reception, nightPool, receptionCopy])).toEqual([
      `Aculab number 441908538008 is held by InboundNumber "reception" and InboundNumber "reception-copy": ${fix}`,
    ]);
  });

  it("fails two blocks, of either family, listing one number, and an InboundNumber adopting a block's", async () => {
    const dayPool: Shape = {
      type: DYNAMIC_BLOCK,
      name: "day-pool",
      props: { ...nightPool.props, numbers: ["34911100002", "34911100003"] },
    };
    const adopter: Shape = {
      type: DYNAMIC_NUMBER,
      name: "madrid-line",
      props: { country: "Spain", region: "Madrid", number: "34911100003" },
    };
    const expected = [
      `Aculab number 34911100002 is held by NumberBlock "day-pool" and NumberBlock "night-pool": ${fix}`,
      `Aculab number 34911100003 is held by NumberBlock "day-pool" and InboundNumber "madrid-line": ${fix}`,
    ];
    expect(await validate([nightPool, dayPool, adopter])).toEqual(expected);
    // The engine gives a stack policy its resources in no fixed order: the messages do not change.
    expect(await validate([adopter, nightPool, dayPool])).toEqual(expected);
    expect(await validate([dayPool, adopter, nightPool])).toEqual(expected);
  });

  it("passes a stack where every number has one holder, and compares no unknown numbers", async () => {
    const unknownNumber: Shape = {
      ...receptionCopy,
      props: { ...receptionCopy.props, number: UNKNOWN_STRING },
    };
    const unknownList: Shape = {
      ...nightPool,
      name: "unknown-pool",
      props: { ...nightPool.props, numbers: UNKNOWN_ARRAY },
    };
    const other: Shape = {
      ...receptionCopy,
      name: "other-line",
      props: { ...receptionCopy.props, number: "441908538009" },
    };
    expect(await validate([reception, nightPool, newSupportPool, growingPool, other])).toEqual([]);
    expect(await validate([reception, unknownNumber, nightPool, unknownList])).toEqual([]);
  });
});

describe("the pack", () => {
  it("holds the five policies", () => {
    expect(aculabPolicyPackArgs.policies.map((p) => p.name)).toEqual([
      "max-monthly-cost",
      "max-numbers",
      "no-release-without-approval",
      "tollfree-call-types",
      "one-holder-per-number",
    ]);
  });

  it("reads arrays behind the unknown-checking proxy, unknown entries included", async () => {
    const pool: Shape = {
      ...nightPool,
      props: {
        ...nightPool.props,
        quantity: undefined,
        numbers: ["34911100001", UNKNOWN_STRING],
      },
    };
    expect(
      await violations((report) =>
        maxNumbers.validateStack(stackArgs([pool], { maxNumbers: 1 }), report),
      ),
    ).toEqual([
      'The stack would hold 2 Aculab numbers, over the limit of 1: NumberBlock "night-pool" 2.',
    ]);
    const unknownList: Shape = {
      ...nightPool,
      props: { ...nightPool.props, quantity: undefined, numbers: UNKNOWN_ARRAY },
    };
    expect(
      await violations((report) =>
        maxNumbers.validateStack(stackArgs([unknownList], { maxNumbers: 1 }), report),
      ),
    ).toEqual([
      'Cannot confirm the limit of 1 Aculab numbers: the quantity of NumberBlock "night-pool" is only known after apply.',
    ]);
  });
});

describe("examples/github-actions/aculab-policy.json", () => {
  const exampleConfig = JSON.parse(
    readFileSync(join(__dirname, "..", "examples", "github-actions", "aculab-policy.json"), "utf8"),
  );

  it("configures the pack's policies by name", () => {
    expect(Object.keys(exampleConfig)).toEqual(aculabPolicyPackArgs.policies.map((p) => p.name));
  });

  it("prices a stack with its table and passes it within its budget", async () => {
    const stack = [reception, nightPool, newSupportPool, growingPool];
    const config = exampleConfig["max-monthly-cost"];
    expect(
      await violations((report) => maxMonthlyCost.validateStack(stackArgs(stack, config), report)),
    ).toEqual([]);
    expect(
      await violations((report) =>
        maxMonthlyCost.validateStack(stackArgs(stack, { ...config, maxMonthlyUsd: 60 }), report),
      ),
    ).toEqual([
      'Aculab numbers would cost $62.00 per month, over the budget of $60.00: InboundNumber "reception" $3.00, ' +
        'NumberBlock "night-pool" $8.00, NumberBlock "support-pool" $45.00, NumberBlock "sales-pool" $6.00.',
    ]);
  });
});
