import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FOLLOWUP_PRODUCTS_PER_JOB, JOBS, jobsForEvents, manualJob, parseOutboxEvent, planJob, QUEUE_NAMES, QUEUES } from "@/lib/queue/config";
import { classifyError } from "@/lib/queue/errors";
import { AppError } from "@/lib/errors";

const P1 = "019a0000-0000-7000-8000-000000000001";
const P2 = "019a0000-0000-7000-8000-000000000002";
const P3 = "019a0000-0000-7000-8000-000000000003";
const M = "019a0000-0000-7000-8000-0000000000aa";

describe("the job registry", () => {
  it("gives every queue attempts, exponential backoff and retention, and every job a known queue", () => {
    for (const q of QUEUE_NAMES) {
      const o = QUEUES[q].defaultJobOptions;
      expect(o.attempts).toBeGreaterThan(1);
      expect(o.backoff).toMatchObject({ type: "exponential" });
      expect(o.removeOnComplete).toBeTruthy();
      expect(o.removeOnFail).toBeTruthy();
    }
    for (const j of Object.values(JOBS)) expect(QUEUE_NAMES).toContain(j.queue);
  });

  const ev = (id: number, type: "movement.posted" | "product.changed" | "email.requested", payload: unknown) => parseOutboxEvent({ id, type, payload });

  it("coalesces a batch into one follow-ups job for its distinct products, with a deterministic id and a debounced refresh", () => {
    const batch = [
      ev(42, "movement.posted", { movementId: M, type: "out", productIds: [P2, P1, P2] }),
      ev(43, "movement.posted", { movementId: M, type: "in", productIds: [P1] }),
      ev(44, "product.changed", { productIds: [P3] }),
    ];
    const jobs = jobsForEvents(batch, { summaryDebounceMs: 5000 });
    expect(jobs.map((j) => `${j.queue} ${j.name}`)).toEqual(["stock stock.followups", "stock stock.refresh-summary"]);
    expect(jobs[0].data).toEqual({ productIds: [P1, P2, P3] });
    expect(jobs[0].opts.jobId).toMatch(/^stock\.followups\.e42-44-[0-9a-f]{16}\.0$/);
    expect(jobs[1].opts).toMatchObject({ jobId: "stock.refresh-summary.e42", delay: 5000, deduplication: { id: "stock.refresh-summary", keepLastIfActive: true } });
    // The same rows give the same jobs (a re-dispatch is a no-op in BullMQ), in any order …
    expect(jobsForEvents([...batch].reverse(), { summaryDebounceMs: 5000 })[0].opts.jobId).toBe(jobs[0].opts.jobId);
    // … and a different set of rows is different work with its own id.
    expect(jobsForEvents(batch.slice(0, 2), { summaryDebounceMs: 5000 })[0].opts.jobId).not.toBe(jobs[0].opts.jobId);
    // BullMQ refuses ':' in custom ids.
    for (const j of jobs) expect(j.opts.jobId).not.toContain(":");
  });

  it("splits a large product set into jobs of at most FOLLOWUP_PRODUCTS_PER_JOB", () => {
    const many = Array.from({ length: FOLLOWUP_PRODUCTS_PER_JOB * 2 + 1 }, (_, i) => `019a0000-0000-7000-8000-${String(i).padStart(12, "0")}`);
    const jobs = jobsForEvents([ev(1, "movement.posted", { movementId: M, type: "in", productIds: many })], { summaryDebounceMs: 0 });
    const followups = jobs.filter((j) => j.name === "stock.followups");
    expect(followups.map((j) => (j.data as { productIds: string[] }).productIds.length)).toEqual([FOLLOWUP_PRODUCTS_PER_JOB, FOLLOWUP_PRODUCTS_PER_JOB, 1]);
    expect(new Set(followups.map((j) => j.opts.jobId)).size).toBe(3);
  });

  it("routes thresholds and emails, and refuses payloads that do not fit", () => {
    expect(jobsForEvents([ev(7, "product.changed", { productIds: [P1] })], { summaryDebounceMs: 0 }).map((j) => j.name)).toEqual(["stock.followups"]);
    expect(jobsForEvents([ev(8, "email.requested", { emailId: P2 })], { summaryDebounceMs: 0 })).toEqual([
      expect.objectContaining({ queue: "email", name: "email.send", opts: { jobId: `email.send.${P2}` } }),
    ]);
    expect(jobsForEvents([], { summaryDebounceMs: 0 })).toEqual([]);
    expect(() => ev(9, "movement.posted", { movementId: 42 })).toThrow(z.ZodError);
    expect(() => planJob("alerts.check-product", { productId: "nope" }, { jobId: "x" })).toThrow(z.ZodError);
    expect(() => planJob("stock.followups", { productIds: [] }, { jobId: "x" })).toThrow(z.ZodError);
    expect(() => planJob("alerts.sweep", { extra: 1 } as never, { jobId: "x" })).toThrow(z.ZodError);
    expect(manualJob("maintenance.backup", {}, "manual-1").opts.jobId).toBe("maintenance.backup.manual-1");
  });
});

describe("classifyError", () => {
  it("retries what a retry can fix and fails the rest at once", () => {
    expect(classifyError(new AppError("VALIDATION_FAILED", "x")).retryable).toBe(false);
    expect(classifyError(new AppError("NOT_FOUND", "x")).retryable).toBe(false);
    expect(classifyError(new AppError("UNAVAILABLE", "x")).retryable).toBe(true);
    expect(classifyError(Object.assign(new Error("deadlock"), { code: "40P01" })).retryable).toBe(true);
    expect(classifyError(Object.assign(new Error("conn"), { code: "08006" })).retryable).toBe(true);
    expect(classifyError(Object.assign(new Error("unique"), { code: "23505" })).retryable).toBe(false);
    expect(classifyError(Object.assign(new Error("pool"), { code: "P2024" })).retryable).toBe(true);
    expect(classifyError(Object.assign(new Error("unreachable"), { code: "P1001" })).retryable).toBe(true);
    expect(classifyError(Object.assign(new Error("bad"), { code: "P2002" })).retryable).toBe(false);
    expect(classifyError(z.object({ a: z.string() }).safeParse({}).error).retryable).toBe(false);
    expect(classifyError(new Error("ECONNREFUSED 127.0.0.1:25")).retryable).toBe(true);
  });
});
