// lib/validation.ts's PostgreSQL-safe input and lib/errors.ts's mapping of data exceptions.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, fromDatabaseError } from "@/lib/errors";
import { bigintCursorSchema, decodeCursor } from "@/lib/pagination";
import { inDateRange, isoDate, isoDateTime, parse, textProblem, unsafeTextIssues } from "@/lib/validation";

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

describe("text PostgreSQL can store", () => {
  it("refuses NUL and lone surrogates, keeps pairs", () => {
    expect(textProblem("a\u0000b")).toMatch(/NUL/);
    expect(textProblem("\ud800")).toMatch(/surrogate/);
    expect(textProblem("x\udc00")).toMatch(/surrogate/);
    expect(textProblem("\udbff\udbff")).toMatch(/surrogate/);
    expect(textProblem("📦 ok é")).toBeNull();
  });

  it("finds offenders anywhere, keys included, with their paths, without recursion", () => {
    expect(unsafeTextIssues({ a: ["ok", "\u0000"], b: { "\ud800": 1 } }).map((i) => i.path).sort()).toEqual(["a.1", "b.\ufffd"]);
    let deep: unknown = "\u0000";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(unsafeTextIssues(deep)).toHaveLength(1);
  });

  it("parse() refuses them before the schema runs", () => {
    expect(() => parse(z.object({ name: z.string() }), { name: "a\u0000" })).toThrow(AppError);
    expect(() => parse(z.record(z.string(), z.string()), { "\udfff": "x" })).toThrow(/surrogate/);
  });
});

describe("dates PostgreSQL can store", () => {
  it("lie in the years 1 to 9999, offsets included", () => {
    expect(inDateRange("0000-01-01")).toBe(false);
    expect(inDateRange("0001-01-01")).toBe(true);
    expect(inDateRange("0001-01-01T00:00:00+01:00")).toBe(false);
    expect(inDateRange("9999-12-31")).toBe(true);
    expect(isoDate().safeParse("0000-02-29").success).toBe(false);
    expect(isoDateTime().safeParse("0000-12-31T23:59:59Z").success).toBe(false);
    expect(isoDateTime().safeParse("2026-06-01").success).toBe(true);
  });
});

describe("cursors", () => {
  it("bigint cursors stay within bigint; NUL inside a cursor is an invalid cursor", () => {
    expect(decodeCursor(b64("9223372036854775807"), bigintCursorSchema)).toBe("9223372036854775807");
    expect(() => decodeCursor(b64("9223372036854775808"), bigintCursorSchema)).toThrow(/cursor/);
    expect(() => decodeCursor(b64("a\u0000"), z.string())).toThrow(/cursor/);
  });
});

describe("fromDatabaseError", () => {
  const prismaError = (originalCode: string) =>
    Object.assign(new Error("db"), { name: "PrismaClientKnownRequestError", code: "P2010", meta: { driverAdapterError: { cause: { originalCode } } } });

  it("maps every data exception (SQLSTATE class 22) to 422, from Prisma or pg", () => {
    for (const e of [prismaError("22003"), prismaError("22008"), prismaError("22P02"), Object.assign(new Error("pg"), { code: "22021" })]) {
      const mapped = fromDatabaseError(e);
      expect(mapped).toBeInstanceOf(AppError);
      expect((mapped as AppError).status).toBe(422);
      expect((mapped as AppError).message).not.toMatch(/invalid byte|out of range for type/);
    }
    expect((fromDatabaseError(prismaError("22003")) as AppError).message).toMatch(/out of range/);
  });

  it("leaves other failures alone", () => {
    const e = prismaError("40P01");
    expect(fromDatabaseError(e)).toBe(e);
  });
});
