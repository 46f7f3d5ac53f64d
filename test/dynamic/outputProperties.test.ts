import * as path from "node:path";
import { captureProgramWithOutputs, createDeployment, Deployment } from "../../harness";
import { outputNames } from "../../provider/model";

// The dynamic resource classes declare no outputs by hand: every output of the model is an Output
// property of the object a program holds, also those the program did not set (an InboundNumber's
// allowLandline, a NumberBlock's basedOn), so reading one never gives undefined instead of an Output.
const program = path.join(__dirname, "..", "programs", "outputs");

describe("the dynamic resources' output properties", () => {
  let deployment: Deployment;
  beforeAll(async () => {
    deployment = await createDeployment(program);
  });
  afterAll(() => deployment.close());

  it("are exactly the model's outputs of each resource", async () => {
    const { outputs } = await captureProgramWithOutputs(
      deployment.workspace.programDir,
      deployment.config,
    );
    expect(outputs).toEqual({
      inboundNumber: [...outputNames("InboundNumber")].sort(),
      numberBlock: [...outputNames("NumberBlock")].sort(),
    });
    expect(outputNames("InboundNumber")).toEqual(
      expect.arrayContaining(["allowLandline", "allowCellular", "allowPayphone", "development"]),
    );
    expect(outputNames("NumberBlock")).toEqual(
      expect.arrayContaining(["allowPartial", "basedOn", "regulationAddress", "requestedQuantity"]),
    );
  });
});
