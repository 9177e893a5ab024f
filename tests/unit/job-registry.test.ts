import { describe, expect, it } from "vitest";
import { z } from "zod";
import { JOBS, jobsForEvent, manualJob, planJob, QUEUE_NAMES, QUEUES } from "@/lib/queue/config";
import { classifyError } from "@/lib/queue/errors";
import { AppError } from "@/lib/errors";

const P1 = "019a0000-0000-7000-8000-000000000001";
const P2 = "019a0000-0000-7000-8000-000000000002";
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

  it("fans a movement out to per-product jobs with deterministic ids, per-product dedup and a debounced refresh", () => {
    const event = { id: 42n, type: "movement.posted" as const, payload: { movementId: M, type: "out", productIds: [P1, P2, P1] } };
    const jobs = jobsForEvent(event, { summaryDebounceMs: 5000 });
    expect(jobs.map((j) => `${j.queue} ${j.name} ${j.opts.jobId}`)).toEqual([
      `stock stock.in-stock stock.in-stock.${P1}.e42`,
      `stock stock.in-stock stock.in-stock.${P2}.e42`,
      `alerts alerts.check-product alerts.check-product.${P1}.e42`,
      `alerts alerts.check-product alerts.check-product.${P2}.e42`,
      "stock stock.refresh-summary stock.refresh-summary.e42",
    ]);
    expect(jobs[2].opts.deduplication).toEqual({ id: `alerts.check-product.${P1}`, keepLastIfActive: true });
    expect(jobs[4].opts).toMatchObject({ delay: 5000, deduplication: { id: "stock.refresh-summary", keepLastIfActive: true } });
    // The same row gives the same jobs: a re-dispatch is a no-op in BullMQ.
    expect(jobsForEvent(event, { summaryDebounceMs: 5000 })).toEqual(jobs);
    // BullMQ refuses ':' in custom ids.
    for (const j of jobs) expect(j.opts.jobId).not.toContain(":");
  });

  it("routes thresholds and emails, and refuses payloads that do not fit", () => {
    expect(jobsForEvent({ id: 7, type: "product.changed", payload: { productIds: [P1] } }, { summaryDebounceMs: 0 }).map((j) => j.opts.jobId)).toEqual([`alerts.check-product.${P1}.e7`]);
    expect(jobsForEvent({ id: 8, type: "email.requested", payload: { emailId: P2 } }, { summaryDebounceMs: 0 })[0]).toMatchObject({ queue: "email", name: "email.send", opts: { jobId: `email.send.${P2}` } });
    expect(() => jobsForEvent({ id: 9, type: "movement.posted", payload: { movementId: 42 } }, { summaryDebounceMs: 0 })).toThrow(z.ZodError);
    expect(() => planJob("alerts.check-product", { productId: "nope" }, { jobId: "x" })).toThrow(z.ZodError);
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
