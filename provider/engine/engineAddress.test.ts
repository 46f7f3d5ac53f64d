import { engineAddressOf } from "./engineAddress";

describe("engineAddressOf", () => {
  it.each([
    [["127.0.0.1:41234"], "127.0.0.1:41234"],
    [["--logtostderr", "-v=9", "127.0.0.1:41234"], "127.0.0.1:41234"],
    [["--tracing", "file:/tmp/trace", "127.0.0.1:41234"], "127.0.0.1:41234"],
    [["-v=3", "--tracing", "127.0.0.1:9", "127.0.0.1:41234"], "127.0.0.1:41234"],
    [[], undefined],
    [["--logtostderr", "-v=9"], undefined],
  ])("%j → %s", (args, address) => expect(engineAddressOf(args)).toBe(address));
});
