import { errorMessage } from "../common/errorMessage";
import { CapturedResource } from "./capture";
import { ProviderClient, ProviderOperationError } from "./providerClient";

type Props = Record<string, unknown>;

export interface StateEntry {
  urn: string;
  type: string;
  name: string;
  id: string;
  inputs: Props;
  outputs: Props;
  /** Set when a create or update failed part-way: the engine keeps what the provider reported. */
  initErrors?: string[];
}

export type StepOp =
  "same" | "create" | "update" | "replace" | "delete" | "read" | "refresh-delete";

export interface Step {
  op: StepOp;
  urn: string;
  type: string;
  name: string;
  replaces?: string[];
  error?: string;
}

export interface DeploymentResult {
  steps: Step[];
  errors: Step[];
}

/** Runs tasks at most `limit` at a time, as the engine's step executor does (`--parallel`). */
async function inParallel<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The part of the Pulumi engine that drives a resource provider: check, diff, create, update,
 * replace (create before delete), delete, read. It keeps state like a checkpoint. It is the fast
 * tool for host-level tests and the demo without a CLI; it proves nothing about the engine itself.
 *
 * What it does not model (the engine suite, test/engine/, runs the real CLI for these):
 * - the default provider resource (`pulumi:providers:pulumi-nodejs`) whose inputs are the whole
 *   stack config, secrets included;
 * - a program's resource objects, onto which the engine copies outputs (an output named like one
 *   of Resource's own properties, such as `__name`, breaks the real program, not this one);
 * - preview JSON (`pulumi preview --json`), pending operations after a crash, `pulumi import`,
 *   policy packs, plugin discovery, and TypeScript compilation of the program;
 * - dependency ordering between resources: steps run in input order, `parallel` at a time.
 * State is keyed by URN, except a replaced resource whose delete failed, kept pending deletion
 * under a key of its own beside its replacement, as the engine keeps it; the next `up` or
 * `destroy` deletes it, and a refresh reads it without touching the live resource.
 */
export class LocalEngine {
  readonly state = new Map<string, StateEntry>();

  constructor(
    private readonly options: { project?: string; stack?: string; parallel?: number } = {},
  ) {}

  urnOf(resource: { type: string; name: string }): string {
    return `urn:pulumi:${this.options.stack ?? "dev"}::${this.options.project ?? "aculab-program"}::${resource.type}::${resource.name}`;
  }

  private get parallel(): number {
    return this.options.parallel ?? 16;
  }

  /** `pulumi preview`: check and diff only. */
  async preview(
    provider: ProviderClient,
    resources: CapturedResource[],
  ): Promise<DeploymentResult> {
    const steps: Step[] = [];
    await inParallel(resources, this.parallel, async (resource) => {
      const urn = this.urnOf(resource);
      const old = this.state.get(urn);
      const step: Step = { op: "same", urn, type: resource.type, name: resource.name };
      try {
        const checked = await provider.check(urn, old?.inputs ?? {}, resource.inputs);
        if (checked.failures.length > 0) throw new Error(describeFailures(checked.failures));
        if (!old) step.op = "create";
        else {
          const diff = await provider.diff(urn, old.id, old.outputs, checked.inputs, old.inputs);
          if (diff.changes === "some") step.op = diff.replaces.length > 0 ? "replace" : "update";
          if (diff.replaces.length > 0) step.replaces = diff.replaces;
        }
      } catch (error) {
        step.error = errorMessage(error);
      }
      steps.push(step);
    });
    for (const entry of this.state.values()) {
      if (!resources.some((r) => this.urnOf(r) === entry.urn)) {
        steps.push({ op: "delete", urn: entry.urn, type: entry.type, name: entry.name });
      }
    }
    return { steps, errors: steps.filter((s) => s.error) };
  }

  /** `pulumi up`. */
  async up(provider: ProviderClient, resources: CapturedResource[]): Promise<DeploymentResult> {
    const steps: Step[] = [];
    const replaced: StateEntry[] = [];
    await inParallel(resources, this.parallel, async (resource) => {
      const urn = this.urnOf(resource);
      const old = this.state.get(urn);
      const step: Step = { op: "same", urn, type: resource.type, name: resource.name };
      steps.push(step);
      try {
        const checked = await provider.check(urn, old?.inputs ?? {}, resource.inputs);
        if (checked.failures.length > 0) throw new Error(describeFailures(checked.failures));
        const inputs = checked.inputs;
        if (!old) {
          step.op = "create";
          await this.create(provider, resource, urn, inputs);
          return;
        }
        const diff = await provider.diff(urn, old.id, old.outputs, inputs, old.inputs);
        if (diff.changes !== "some" && !old.initErrors) return;
        if (diff.replaces.length > 0) {
          step.op = "replace";
          step.replaces = diff.replaces;
          await this.create(provider, resource, urn, inputs);
          replaced.push(old);
          return;
        }
        step.op = "update";
        try {
          const updated = await provider.update(urn, old.id, old.outputs, inputs, old.inputs);
          this.state.set(urn, {
            ...old,
            inputs,
            outputs: updated.properties,
            initErrors: undefined,
          });
        } catch (error) {
          if (error instanceof ProviderOperationError && error.partial) {
            this.state.set(urn, {
              ...old,
              inputs,
              outputs: error.partial.properties,
              initErrors: error.partial.reasons,
            });
          }
          throw error;
        }
      } catch (error) {
        step.error = errorMessage(error);
      }
    });
    const wanted = new Set(resources.map((r) => this.urnOf(r)));
    // A resource the program dropped, and a replaced resource still pending deletion (kept under
    // a key of its own, beside the live resource with the same URN), are deleted now.
    const deletions = [...this.state]
      .filter(([key, entry]) => !wanted.has(entry.urn) || key !== entry.urn)
      .map(([, entry]) => entry);
    // Replaced resources are deleted last, after their replacements exist (create-before-delete).
    await inParallel([...deletions, ...replaced], this.parallel, async (entry) => {
      const isReplacement = replaced.includes(entry);
      const step: Step | undefined = isReplacement
        ? undefined
        : { op: "delete", urn: entry.urn, type: entry.type, name: entry.name };
      if (step) steps.push(step);
      try {
        await provider.delete(entry.urn, entry.id, entry.outputs, entry.inputs);
        if (!isReplacement) this.forget(entry);
      } catch (error) {
        const failure = `deleting ${isReplacement ? "the replaced " : ""}${entry.urn}: ${errorMessage(error)}`;
        if (step) step.error = failure;
        else
          steps.push({
            op: "delete",
            urn: entry.urn,
            type: entry.type,
            name: entry.name,
            error: failure,
          });
        // A replaced resource whose delete failed stays in state, pending deletion, as in Pulumi.
        if (isReplacement) this.state.set(`${entry.urn}#pending-delete-${entry.id}`, entry);
      }
    });
    return { steps, errors: steps.filter((s) => s.error) };
  }

  private async create(
    provider: ProviderClient,
    resource: CapturedResource,
    urn: string,
    inputs: Props,
  ): Promise<void> {
    try {
      const created = await provider.create(urn, inputs);
      this.state.set(urn, {
        urn,
        type: resource.type,
        name: resource.name,
        id: created.id,
        inputs,
        outputs: created.properties,
      });
    } catch (error) {
      if (error instanceof ProviderOperationError && error.partial) {
        this.state.set(urn, {
          urn,
          type: resource.type,
          name: resource.name,
          id: error.partial.id,
          inputs,
          outputs: error.partial.properties,
          initErrors: error.partial.reasons,
        });
      }
      throw error;
    }
  }

  /** `pulumi refresh`: read every resource; one the provider no longer finds leaves state. */
  async refresh(provider: ProviderClient): Promise<DeploymentResult> {
    const steps: Step[] = [];
    await inParallel([...this.state], this.parallel, async ([key, entry]) => {
      const step: Step = { op: "read", urn: entry.urn, type: entry.type, name: entry.name };
      steps.push(step);
      try {
        const read = await provider.read(entry.urn, entry.id, entry.outputs, entry.inputs);
        if (read.id === "") {
          step.op = "refresh-delete";
          this.state.delete(key);
          return;
        }
        const { __provider: _p, ...readInputs } = read.inputs;
        const inputs =
          Object.keys(readInputs).length > 0
            ? { ...read.inputs, __provider: entry.inputs.__provider }
            : entry.inputs;
        if (inputs.__provider === undefined) delete inputs.__provider;
        this.state.set(key, { ...entry, id: read.id, outputs: read.properties, inputs });
      } catch (error) {
        step.error = errorMessage(error);
      }
    });
    return { steps, errors: steps.filter((s) => s.error) };
  }

  /**
   * Drops exactly this entry: state is keyed by URN for live resources and by a key of its own for
   * a replaced resource pending deletion, so a URN alone can name the wrong one.
   */
  private forget(entry: StateEntry): void {
    for (const [key, value] of this.state) if (value === entry) this.state.delete(key);
  }

  /** `pulumi destroy`. */
  async destroy(provider: ProviderClient): Promise<DeploymentResult> {
    const steps: Step[] = [];
    await inParallel([...this.state.values()], this.parallel, async (entry) => {
      const step: Step = { op: "delete", urn: entry.urn, type: entry.type, name: entry.name };
      steps.push(step);
      try {
        await provider.delete(entry.urn, entry.id, entry.outputs, entry.inputs);
        this.forget(entry);
      } catch (error) {
        step.error = errorMessage(error);
      }
    });
    return { steps, errors: steps.filter((s) => s.error) };
  }
}

function describeFailures(failures: Array<{ property: string; reason: string }>): string {
  return failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
}
