import { AculabClient, AculabError, DidType, PurchaseParams } from "../client";
import { CheckFailure } from "./inputs";
import { Location } from "./location";

export interface DryRunResult {
  failures: CheckFailure[];
  /** The location in Aculab's spelling when the program's was refused and Aculab lists another. */
  location: Location;
}

/**
 * What a check asks Aculab before anything is bought, kept for the provider process (one
 * NumberAccount per account and process, see session.ts): the dry run of each distinct purchase,
 * and Aculab's supported countries, states and regions, which change far more slowly than a
 * deployment runs. A refusal is kept too; a failure to get a list (network, 429) is not, so the
 * next check asks again.
 */
export class PreflightCache {
  private readonly dryRuns = new Map<string, Promise<DryRunResult>>();
  private readonly lists = new Map<string, Promise<string[] | undefined>>();

  constructor(private readonly client: AculabClient) {}

  /**
   * tel_purchase_development, asked once for resources with the same purchase: accepted, nothing
   * fails at `location`; refused, `afterRefusal` tells what the check reports.
   */
  dryRun(
    params: PurchaseParams,
    location: Location,
    afterRefusal: (error: unknown) => Promise<DryRunResult>,
  ): Promise<DryRunResult> {
    const key = JSON.stringify(params);
    let result = this.dryRuns.get(key);
    if (!result) {
      result = this.client
        .purchaseNumbersDevelopment(params)
        .then(() => ({ failures: [], location }), afterRefusal);
      this.dryRuns.set(key, result);
    }
    return result;
  }

  /** Undefined when Aculab refuses the question (an unknown country, say) or cannot answer now. */
  countries(didType: DidType): Promise<string[] | undefined> {
    return this.ask(["countries", didType], () => this.client.getSupportedCountries({ didType }));
  }

  states(country: string): Promise<string[] | undefined> {
    return this.ask(["states", country], () => this.client.getSupportedStates({ country }));
  }

  regions(
    country: string,
    state: string | undefined,
    didType: DidType,
  ): Promise<string[] | undefined> {
    return this.ask(["regions", country, state ?? null, didType], () =>
      this.client.getSupportedRegions({ country, state, didType }),
    );
  }

  /** Not kept: only a refused dry run asks, and dry runs are kept. */
  regulationAddresses(): ReturnType<AculabClient["listRegulationAddresses"]> {
    return this.client.listRegulationAddresses();
  }

  private ask(key: unknown[], question: () => Promise<string[]>): Promise<string[] | undefined> {
    const id = JSON.stringify(key);
    let answer = this.lists.get(id);
    if (!answer) {
      answer = question().catch((error: unknown) => {
        if (error instanceof AculabError && error.status === 401) throw error;
        if (!(error instanceof AculabError && judgesInputs(error))) this.lists.delete(id);
        return undefined;
      });
      this.lists.set(id, answer);
    }
    return answer;
  }
}

/** Whether Aculab's refusal judged the question: a validation refusal, not "later". */
const judgesInputs = (error: AculabError) =>
  error.outcome === "rejected" && (error.status === 400 || error.status === 200);
