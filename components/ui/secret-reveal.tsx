"use client";
// A secret shown once (a new API token, a webhook signing secret): a success notice with the value
// in a read-only field that selects itself, and a copy button.
import { useState, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { Input } from "./field";

export function SecretReveal({ id, title, body, label, secret, copyLabel, copiedLabel }: { id: string; title: ReactNode; body: ReactNode; label: string; secret: string; copyLabel: string; copiedLabel: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <Alert tone="success" title={title}>
      <p>{body}</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <Input id={id} readOnly value={secret} className="font-mono text-xs md:text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button variant="secondary" onClick={copy} className="shrink-0">
          {copied ? copiedLabel : copyLabel}
        </Button>
      </div>
    </Alert>
  );
}
