import { ResourceValidationPolicy } from "@pulumi/policy";
import { aculabResourceType, isHidden, readBoolean, readString } from "../report/resources";
import { knownProps } from "./props";
import { describeResource } from "./stack";

export const tollfreeCallTypes: ResourceValidationPolicy = {
  name: "tollfree-call-types",
  description:
    "Warns when a toll-free number accepts payphone calls, which carry a surcharge the number's owner pays.",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    const type = aculabResourceType(args.type);
    if (!type) return;
    const props = knownProps(args.props);
    const didType = readString(props.didType);
    const allowPayphone = readBoolean(props.allowPayphone);
    if (didType !== "tollfree" && !isHidden(didType)) return;
    const resource = describeResource({ kind: type.kind, name: args.name });
    if (allowPayphone === true && didType === "tollfree") {
      reportViolation(
        `${resource} is a toll-free number that accepts payphone calls (allowPayphone: true); ` +
          "you pay the payphone surcharge on every such call.",
      );
    } else if (allowPayphone === true || (isHidden(allowPayphone) && didType === "tollfree")) {
      reportViolation(
        `${resource} may be a toll-free number that accepts payphone calls: ` +
          "its didType or allowPayphone is only known after apply.",
      );
    }
  },
};
