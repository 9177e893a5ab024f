// clientIp: forwarded headers count only behind proxies we declare (TRUST_PROXY).
import { afterEach, describe, expect, it } from "vitest";
import { clientIp } from "@/lib/rate-limit";

const h = (init: Record<string, string>) => new Headers(init);
const saved = process.env.TRUST_PROXY;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = saved;
});

describe("clientIp", () => {
  it("ignores X-Forwarded-For and X-Real-IP unless TRUST_PROXY is set", () => {
    for (const v of [undefined, "", "0", "false", "no"]) {
      if (v === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = v;
      expect(clientIp(h({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "198.51.100.1" }))).toBe("direct");
      expect(clientIp(h({ "x-forwarded-for": "203.0.113.8" }))).toBe("direct");
      expect(clientIp(h({}))).toBe("direct");
    }
  });

  it("TRUST_PROXY=1 takes the address our proxy appended (rightmost), not what the client sent", () => {
    process.env.TRUST_PROXY = "1";
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 7.7.7.7,203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(h({ "x-forwarded-for": "::ffff:203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(h({ "x-forwarded-for": "2001:DB8::1" }))).toBe("2001:db8::1");
    expect(clientIp(h({ "x-real-ip": "198.51.100.1" }))).toBe("unknown");
    expect(clientIp(h({}))).toBe("unknown");
    process.env.TRUST_PROXY = "true";
    expect(clientIp(h({ "x-forwarded-for": "1.1.1.1, 203.0.113.9" }))).toBe("203.0.113.9");
  });

  it("TRUST_PROXY=2 skips our inner proxy's own entry", () => {
    process.env.TRUST_PROXY = "2";
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }))).toBe("203.0.113.7");
    expect(clientIp(h({ "x-forwarded-for": "10.0.0.2" }))).toBe("unknown");
  });

  it("refuses junk in the trusted position", () => {
    process.env.TRUST_PROXY = "1";
    expect(clientIp(h({ "x-forwarded-for": "<script>" }))).toBe("unknown");
    expect(clientIp(h({ "x-forwarded-for": "1".repeat(100) }))).toBe("unknown");
  });
});
