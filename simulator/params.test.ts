// The parameter rules every service shares, checked over real HTTP.

import { startSimulator } from "./server";
import { aculabError, call } from "../test/support/simulatorCalls";
import type { RunningSimulator } from "./types";

let sim: RunningSimulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.stop());

describe("GET and POST", () => {
  test("a form-encoded POST is served like a GET", async () => {
    const get = await call(sim, "tel_get_supported_regions", {
      country: "Canada",
      state: "Manitoba",
    });
    const post = await call(
      sim,
      "tel_get_supported_regions",
      {},
      {
        form: [
          ["country", "Canada"],
          ["state", "Manitoba"],
        ],
      },
    );
    expect(get).toMatchObject({ status: 200, body: ["Oakbank", "Winnipeg"] });
    expect(post).toMatchObject({ status: 200, body: ["Oakbank", "Winnipeg"] });
    expect(sim.requests().map((r) => r.method)).toEqual(["GET", "POST"]);
  });

  test("query and form body combine", async () => {
    const res = await call(
      sim,
      "tel_get_supported_regions",
      { country: "Canada" },
      {
        form: [["state", "Manitoba"]],
      },
    );
    expect(res).toMatchObject({ status: 200, body: ["Oakbank", "Winnipeg"] });
  });

  test("a POST body that is not form-encoded is refused with 0002", async () => {
    const { cloudId, username, apiKey } = sim.credentials;
    const res = await fetch(`${sim.url}/tel_get_supported_states`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${cloudId}/${username}:${apiKey}`).toString("base64")}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ country: "Canada" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(
      aculabError("0002", "POST bodies must be application/x-www-form-urlencoded"),
    );
  });

  test("other methods answer 405 with Allow", async () => {
    const res = await fetch(`${sim.url}/tel_list_numbers`, { method: "PUT" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
    expect(await res.json()).toEqual(aculabError("0405", "Use GET or POST, not PUT"));
  });

  test("an unknown path answers 404", async () => {
    const res = await call(sim, "tel_buy_everything");
    expect(res).toMatchObject({
      status: 404,
      body: aculabError("0404", "No service at /tel_buy_everything"),
    });
  });
});

describe("parameter names", () => {
  test("a name given twice in the query is 0003", async () => {
    const res = await call(sim, "tel_get_supported_states", [
      ["country", "Canada"],
      ["country", "Spain"],
    ]);
    expect(res).toMatchObject({
      status: 400,
      body: aculabError("0003", "Parameter 'country' was given more than once"),
    });
  });

  test("a name given in both query and body is 0003", async () => {
    const res = await call(
      sim,
      "tel_get_supported_states",
      { country: "Canada" },
      { form: [["country", "Canada"]] },
    );
    expect(res).toMatchObject({
      status: 400,
      body: aculabError("0003", "Parameter 'country' was given more than once"),
    });
  });

  test("an unknown name is 0002 naming it", async () => {
    const res = await call(sim, "tel_list_numbers", { colour: "blue" });
    expect(res).toMatchObject({
      status: 400,
      body: aculabError("0002", "Unknown parameter 'colour'"),
    });
  });

  test("tel_list_regulation_addresses takes no parameters", async () => {
    const res = await call(sim, "tel_list_regulation_addresses", { country: "France" });
    expect(res).toMatchObject({
      status: 400,
      body: aculabError("0002", "Unknown parameter 'country'"),
    });
  });

  test("a missing required parameter is 0001, and so is an empty one", async () => {
    const missing = await call(sim, "tel_get_supported_states");
    const empty = await call(sim, "tel_get_supported_states", { country: "" });
    for (const res of [missing, empty]) {
      expect(res).toMatchObject({
        status: 400,
        body: aculabError("0001", "Parameter 'country' is required"),
      });
    }
  });
});

describe("value formats", () => {
  const bilbao = { country: "Spain", region: "Bilbao" };

  test.each(["true", "TRUE", "1", "yes", ""])("boolean '%s' is 0002", async (value) => {
    const res = await call(sim, "tel_purchase_development", { ...bilbao, allow_partial: value });
    expect(res).toMatchObject({
      status: 400,
      body: aculabError(
        "0002",
        `Parameter 'allow_partial' must be "True" or "False", not '${value}'`,
      ),
    });
  });

  test("quantity 0 is 0004", async () => {
    const res = await call(sim, "tel_purchase_development", { ...bilbao, quantity: "0" });
    expect(res).toMatchObject({
      status: 400,
      body: aculabError("0004", "Parameter 'quantity' must not be zero"),
    });
  });

  test.each(["-1", "1.5", "abc", "", " 2", "1e2"])("quantity '%s' is 0002", async (value) => {
    const res = await call(sim, "tel_purchase_development", { ...bilbao, quantity: value });
    expect(res).toMatchObject({
      status: 400,
      body: aculabError(
        "0002",
        `Parameter 'quantity' must be a positive whole number, not '${value}'`,
      ),
    });
  });

  test("quantity with leading zeros is a decimal number", async () => {
    const res = await call(sim, "tel_purchase_development", { ...bilbao, quantity: "002" });
    expect(res).toMatchObject({ status: 200, body: ["34944109999", "34944109998"] });
  });

  test("did_type outside the four types is 0002", async () => {
    const res = await call(sim, "tel_get_supported_countries", { did_type: "Mobile" });
    expect(res).toMatchObject({
      status: 400,
      body: aculabError(
        "0002",
        "Parameter 'did_type' must be one of geographic, national, mobile, tollfree, not 'Mobile'",
      ),
    });
  });

  test("did_type=mobile lists the United Kingdom", async () => {
    const res = await call(sim, "tel_get_supported_countries", { did_type: "mobile" });
    expect(res).toMatchObject({ status: 200, body: ["United Kingdom"] });
  });
});

describe("unicode", () => {
  test("\\uXXXX escapes are decoded, in any hex case", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Germany",
      region: "M\\u00F6nchengladbach",
    });
    expect(res).toMatchObject({ status: 200, body: ["492161555001"] });
    const [logged] = sim.requests();
    expect(logged.params.region).toBe("M\u00f6nchengladbach");
    expect(logged.rawParams.region).toBe("M\\u00F6nchengladbach");
  });

  test("a character beyond U+FFFF arrives as a surrogate pair of escapes", async () => {
    const res = await call(sim, "tel_purchase_development", {
      country: "Spain",
      region: "Bilbao \\ud83d\\ude00",
    });
    expect(res).toMatchObject({
      status: 400,
      body: aculabError(
        "0002",
        "Region 'Bilbao \u{1F600}' is not available in Spain for geographic numbers",
      ),
    });
    expect(sim.requests()[0].params.region).toBe("Bilbao \u{1F600}");
  });

  test("raw non-ASCII is refused with a pointer to the escapes", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Germany",
      region: "M\u00f6nchengladbach",
    });
    expect(res).toMatchObject({
      status: 400,
      body: aculabError(
        "0002",
        "Parameter 'region' contains non-ASCII characters: send each as a \\uXXXX escape (for example M\\u00f6nchengladbach)",
      ),
    });
    expect(sim.ownedNumbers()).toEqual({});
  });

  test("raw non-ASCII in a POST body is refused too", async () => {
    const res = await call(
      sim,
      "tel_get_supported_states",
      {},
      { form: [["country", "Espa\u00f1a"]] },
    );
    expect(res.status).toBe(400);
    expect((res.body as { error: { code: string } }).error.code).toBe("0002");
  });

  test("a lone surrogate escape is 0002", async () => {
    const res = await call(sim, "tel_get_supported_states", { country: "X\\ud83d" });
    expect(res).toMatchObject({
      status: 400,
      body: aculabError("0002", "Parameter 'country' has an unpaired UTF-16 surrogate escape"),
    });
  });

  test("a truncated escape is 0002", async () => {
    const res = await call(sim, "tel_get_supported_states", { country: "Can\\u00a" });
    expect(res).toMatchObject({
      status: 400,
      body: aculabError("0002", "Parameter 'country' has a malformed \\u escape at position 3"),
    });
  });

  test("answers carry real characters as ordinary JSON strings", async () => {
    const res = await fetch(`${sim.url}/tel_get_supported_regions?country=Germany`, {
      headers: {
        Authorization: `Basic ${Buffer.from("1-2-0/bob@example.com:aculab-simulator-dev-key").toString("base64")}`,
      },
    });
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await res.text()).toBe('["M\u00f6nchengladbach","Berlin"]');
  });
});
