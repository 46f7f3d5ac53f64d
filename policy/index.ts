export { maxMonthlyCost } from "./maxMonthlyCost";
export type { MaxMonthlyCostConfig } from "./maxMonthlyCost";
export { maxNumbers } from "./maxNumbers";
export type { MaxNumbersConfig } from "./maxNumbers";
export { noReleaseWithoutApproval } from "./noReleaseWithoutApproval";
export type { NoReleaseWithoutApprovalConfig } from "./noReleaseWithoutApproval";
export { tollfreeCallTypes } from "./tollfreeCallTypes";
export { oneHolderPerNumber } from "./oneHolderPerNumber";
export { aculabPolicyPackArgs } from "./policies";
