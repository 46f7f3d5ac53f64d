import { PolicyPackArgs } from "@pulumi/policy";
import { maxMonthlyCost } from "./maxMonthlyCost";
import { maxNumbers } from "./maxNumbers";
import { noReleaseWithoutApproval } from "./noReleaseWithoutApproval";
import { oneHolderPerNumber } from "./oneHolderPerNumber";
import { tollfreeCallTypes } from "./tollfreeCallTypes";

export const aculabPolicyPackArgs: PolicyPackArgs = {
  description:
    "Guards Aculab Cloud inbound numbers: budget, count, irreversible releases, toll-free call types, one resource per number.",
  policies: [
    maxMonthlyCost,
    maxNumbers,
    noReleaseWithoutApproval,
    tollfreeCallTypes,
    oneHolderPerNumber,
  ],
};
