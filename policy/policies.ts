import { PolicyPackArgs } from "@pulumi/policy";
import { maxMonthlyCost } from "./maxMonthlyCost";
import { maxNumbers } from "./maxNumbers";
import { noReleaseWithoutApproval } from "./noReleaseWithoutApproval";
import { tollfreeCallTypes } from "./tollfreeCallTypes";

export const aculabPolicyPackArgs: PolicyPackArgs = {
  description:
    "Guards Aculab Cloud inbound numbers: budget, count, irreversible releases, toll-free call types.",
  policies: [maxMonthlyCost, maxNumbers, noReleaseWithoutApproval, tollfreeCallTypes],
};
