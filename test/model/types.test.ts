import * as pulumi from "@pulumi/pulumi";
import type { InboundNumber, NumberBlock } from "../../provider/dynamic";
import type {
  FunctionArgs,
  FunctionResult,
  ModelType,
  ProviderSettings,
  ResourceInputs,
  ResourceOutputs,
} from "../../provider/model";

// The types derived from the model, held to what the lifecycle, the classes and the functions
// were written against. These are compile-time checks: ts-jest fails the file on a type error.

type Flat<T> = T extends object ? { [K in keyof T]: T[K] } : T;
type Equal<A, B> =
  (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
const same = <A, B>(proof: Equal<A, B>) => proof;

type DidType = "geographic" | "national" | "mobile" | "tollfree";
type Location = {
  country: string;
  state?: string;
  region: string;
  regulationAddress?: string;
  basedOn?: string;
  allowLandline?: boolean;
  allowCellular?: boolean;
  allowPayphone?: boolean;
};

describe("the types derived from the model", () => {
  it("are the resources' inputs and outputs", () => {
    expect(
      same<ResourceInputs<"InboundNumber">, Location & { didType?: DidType; number?: string }>(
        true,
      ),
    ).toBe(true);
    expect(
      same<
        ResourceOutputs<"InboundNumber">,
        Location & {
          didType: DidType;
          number: string;
          monthlyPrice: number;
          purchased: string;
          development?: boolean;
        }
      >(true),
    ).toBe(true);
    expect(
      same<
        ResourceInputs<"NumberBlock">,
        Location & { didType?: DidType; quantity: number; allowPartial?: boolean }
      >(true),
    ).toBe(true);
    expect(
      same<
        ResourceOutputs<"NumberBlock">,
        Location & {
          didType: DidType;
          quantity: number;
          allowPartial?: boolean;
          numbers: string[];
          monthlyPrice: number;
          requestedQuantity?: number;
          development?: boolean;
        }
      >(true),
    ).toBe(true);
  });

  it("make every output a property of the dynamic resource classes", () => {
    expect(same<InboundNumber["allowLandline"], pulumi.Output<boolean | undefined>>(true)).toBe(
      true,
    );
    expect(same<InboundNumber["didType"], pulumi.Output<DidType>>(true)).toBe(true);
    expect(same<InboundNumber["development"], pulumi.Output<boolean | undefined>>(true)).toBe(true);
    expect(same<NumberBlock["requestedQuantity"], pulumi.Output<number | undefined>>(true)).toBe(
      true,
    );
    expect(same<NumberBlock["basedOn"], pulumi.Output<string | undefined>>(true)).toBe(true);
    expect(same<NumberBlock["numbers"], pulumi.Output<string[]>>(true)).toBe(true);
  });

  it("are the functions' arguments and results", () => {
    expect(same<FunctionArgs<"getSupportedCountries">, { didType?: DidType }>(true)).toBe(true);
    expect(
      same<
        FunctionArgs<"getSupportedRegions">,
        { country: string; state?: string; didType?: DidType }
      >(true),
    ).toBe(true);
    expect(same<FunctionArgs<"listRegulationAddresses">, Record<never, never>>(true)).toBe(true);
    expect(
      same<
        FunctionResult<"listRegulationAddresses">,
        { addresses: Record<string, { country: string; state?: string; region: string }> }
      >(true),
    ).toBe(true);
    expect(same<FunctionResult<"listNumbers">, { numbers: ModelType<"OwnedNumber">[] }>(true)).toBe(
      true,
    );
    expect(
      same<
        ModelType<"OwnedNumber">,
        {
          number: string;
          country: string;
          state?: string;
          region: string;
          didType: DidType;
          monthlyPrice: number;
          purchased: string;
        }
      >(true),
    ).toBe(true);
  });

  it("are the provider's settings once resolved", () => {
    expect(
      same<
        ProviderSettings,
        {
          cloudId: string;
          username: string;
          apiKey: string;
          endpoint?: string;
          development: boolean;
          maxConcurrency?: number;
          timeoutMs?: number;
          listingWaitMs?: number;
        }
      >(true),
    ).toBe(true);
  });
});
