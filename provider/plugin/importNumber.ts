import {
  inboundNumberInputProperties,
  inboundNumberInputsSchema,
  inboundNumberLifecycle,
  InboundNumberOutputs,
  locationFilter,
  locationOf,
  ResourceContext,
} from "../resources";
import { pickInputs } from "../resources/common";
import { zodMessages } from "../zodMessages";

/**
 * `pulumi import aculab:index:InboundNumber <name> <number>`: the engine calls Read with the id only.
 * The number's location comes from the account's whole listing; the shared read then fills the
 * outputs. The inputs name the number, so the imported resource adopts exactly that number and its
 * check verifies ownership instead of dry-running a purchase.
 */
export async function importInboundNumber(
  context: ResourceContext,
  id: string,
): Promise<{ id: string; props?: InboundNumberOutputs; inputs?: Record<string, unknown> }> {
  const wellFormed = inboundNumberInputsSchema.shape.number.safeParse(id, {
    error: zodMessages,
  });
  if (!wellFormed.success) {
    throw new Error(
      `Cannot import InboundNumber "${id}": the id is the number itself; ${wellFormed.error.issues[0].message}`,
    );
  }
  const account = context.account();
  if (account.development) {
    throw new Error(
      `Cannot import InboundNumber ${id} in development mode (aculab:development), where no real number is held: ` +
        `import into a stack with development off.`,
    );
  }
  const owned = (await account.listNumbers({}, true))[id];
  if (!owned) {
    throw new Error(
      `Cannot import InboundNumber ${id}: this Aculab account does not own it. ` +
        `Import a number that listNumbers() returns, digits only, e.g. 441908538007.`,
    );
  }
  const location = locationOf(owned);
  // The shared read answers from the account's recent listing of the location; make it current,
  // since the number may have been bought moments ago outside Pulumi.
  await account.listNumbers(locationFilter(location), true);
  const read = await inboundNumberLifecycle.read(context, id, {
    ...location,
    number: id,
  } as InboundNumberOutputs);
  if (!read.props) return { id: "" };
  // An import's inputs are what the program will declare: the location the outputs echo, and
  // the number adopted.
  return { id, props: read.props, inputs: pickInputs(read.props, inboundNumberInputProperties) };
}
