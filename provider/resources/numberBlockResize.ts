import { errorMessage } from "../../common/errorMessage";
import type { NumberAccount } from "./account";
import { ReleaseError, releaseOrExplain } from "./common";
import { recordingUnconfirmed, ResourcePartiallyCreatedError } from "./errors";
import type { NumberBlockInputs } from "./inputs";
import { describeLocation, locationOf } from "./location";
import { BlockPurchase, buy } from "./numberBlockPurchase";
import {
  blockOutputs,
  holder,
  NumberBlockOutputs,
  requestedOf,
  sumOf,
  unconfirmedBlock,
  unmanagedSuffix,
} from "./numberBlockState";
import { ResourceContext } from "./resourceContext";

/**
 * The update of a block with no unconfirmed purchase (see numberBlockLifecycle.update): the same
 * numbers when the program asks for what it asked for last, else a growth or a shrink.
 */
export async function resize(
  context: ResourceContext,
  id: string,
  olds: NumberBlockOutputs,
  news: NumberBlockInputs,
  name?: string,
): Promise<{ outs: NumberBlockOutputs }> {
  const account = context.account();
  const held = olds.numbers;
  if (news.quantity === requestedOf(olds) || news.quantity === held.length) {
    const development = olds.development === true;
    return { outs: blockOutputs(news, held, olds.monthlyPrice, development, news.quantity) };
  }
  const change: Resizing = { account, id, olds, news, name };
  const outs = news.quantity > held.length ? await grow(change) : await shrink(change, context);
  return { outs };
}

/** A block's update that buys or releases: the block as recorded, and the program's inputs. */
interface Resizing {
  account: NumberAccount;
  id: string;
  olds: NumberBlockOutputs;
  news: NumberBlockInputs;
  name?: string;
}

/** A block's numbers are all real or all development: growing never mixes the two. */
function refuseMixedGrowth(account: NumberAccount, olds: NumberBlockOutputs): void {
  const development = olds.development === true;
  if (development === account.development) return;
  throw new Error(
    development
      ? `This NumberBlock holds development numbers (made up by tel_purchase_development), and aculab:development ` +
          `is now false: growing it would mix real numbers into it. Nothing was bought. Replace the block ` +
          `(pulumi up --replace <its URN>) to buy real numbers, or set aculab:development back to true.`
      : `This NumberBlock holds numbers bought for real, and aculab:development is now true: growing it would ` +
          `record made-up numbers beside them. Nothing was bought. Set aculab:development to false to grow it.`,
  );
}

/** Buys the numbers the block lacks; a purchase whose outcome is not known is recorded with it. */
async function buyMore({ account, id, olds, news }: Resizing): Promise<BlockPurchase> {
  const held = olds.numbers;
  try {
    return await buy(account, news, news.quantity - held.length);
  } catch (error) {
    const development = olds.development === true;
    throw recordingUnconfirmed(
      error,
      id,
      (unconfirmed) =>
        unconfirmedBlock(blockOutputs(news, held, olds.monthlyPrice, development), unconfirmed),
      (unconfirmed) =>
        `Growing the block at ${describeLocation(locationOf(olds))}: ${unconfirmed.message} Meanwhile the ` +
        `block holds the ${held.length} number(s) it held before, all recorded in state.`,
    );
  }
}

async function grow(change: Resizing): Promise<NumberBlockOutputs> {
  const { account, id, olds, news, name } = change;
  refuseMixedGrowth(account, olds);
  const { bought, shortfall, unmanaged } = await buyMore(change);
  const numbers = [...olds.numbers, ...bought.map((n) => n.number)];
  account.claim(numbers, holder(name), "bought");
  const monthlyPrice = olds.monthlyPrice + sumOf(bought);
  const development = olds.development === true;
  const growing = `Growing the block at ${describeLocation(locationOf(olds))}`;
  if (shortfall) {
    throw new ResourcePartiallyCreatedError(
      `${growing}: ${shortfall.message}; it now holds ${numbers.length} number(s), all recorded in state` +
        (unmanaged === undefined ? "" : `.${unmanagedSuffix(unmanaged)}`),
      id,
      blockOutputs(news, numbers, monthlyPrice, development),
      { cause: shortfall },
    );
  }
  const outs = blockOutputs(news, numbers, monthlyPrice, development, news.quantity);
  if (unmanaged !== undefined) {
    throw new ResourcePartiallyCreatedError(
      `${growing} bought the ${bought.length} number(s) asked for; ` +
        `it now holds ${numbers.length} number(s), all recorded in state.${unmanagedSuffix(unmanaged)}`,
      id,
      outs,
    );
  }
  return outs;
}

/**
 * Releases the newest numbers, those past the program's quantity. State records exactly the numbers
 * the account still holds, also when a release fails: the kept and the unreleased.
 */
async function shrink(
  { account, id, olds, news, name }: Resizing,
  context: ResourceContext,
): Promise<NumberBlockOutputs> {
  const held = olds.numbers;
  const development = olds.development === true;
  const newest = held.slice(news.quantity);
  let kept = held.slice(0, news.quantity);
  if (!development) {
    try {
      await releaseOrExplain(account, newest, {
        releaser: holder(name),
        warn: context.warn,
      });
    } catch (error) {
      const unreleased = error instanceof ReleaseError ? error.kept : newest;
      kept = held.filter((n) => !newest.includes(n) || unreleased.includes(n));
      throw new ResourcePartiallyCreatedError(
        errorMessage(error),
        id,
        blockOutputs(news, kept, await priceOfKept(account, olds, kept), development),
        { cause: error },
      );
    }
  }
  return blockOutputs(news, kept, await priceOfKept(account, olds, kept), development);
}

/**
 * The monthly cost of the numbers a block keeps, from the account's listing; if that cannot be
 * read, the old cost shared out evenly (the numbers are what matters, the price follows on refresh).
 */
async function priceOfKept(
  account: NumberAccount,
  olds: NumberBlockOutputs,
  kept: string[],
): Promise<number> {
  if (olds.development === true || kept.length === 0) return 0;
  const share = olds.numbers.length > 0 ? olds.monthlyPrice / olds.numbers.length : 0;
  try {
    const { listed } = await account.lookUp(kept);
    return kept.reduce((sum, n) => sum + (listed[n]?.monthlyPrice ?? share), 0);
  } catch {
    return share * kept.length;
  }
}
