import { GraphQLError } from "graphql";
import { Lru } from "../../src/server/cost/lru";
import { ResponseBudget } from "../../src/server/responseBudget";

describe("ResponseBudget", () => {
  it("counts UTF-8 bytes and refuses a string that does not fit, with RESPONSE_TOO_LARGE", () => {
    const budget = new ResponseBudget(10);
    expect(budget.take("重庆")).toBe("重庆");
    expect(budget.spent).toBe(6);
    let error: unknown;
    try {
      budget.take("12345");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE", maxBytes: 10 });
    // What did not fit is not counted: a smaller string still does.
    expect(budget.spent).toBe(6);
    expect(budget.take("1234")).toBe("1234");
    expect(budget.spent).toBe(10);
  });
});

describe("Lru", () => {
  it("keeps the most recently used entries up to its capacity", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.size).toBe(2);
  });
});
