import { PolicyPack } from "@pulumi/policy";
import { aculabPolicyPackArgs } from "./policies";

// Constructing the pack starts the analyzer server the Pulumi CLI talks to.
new PolicyPack("aculab", aculabPolicyPackArgs);
