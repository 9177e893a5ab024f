"use client";
// Who is signed in on this handheld, for the client parts that work offline (the outbox keeps
// each movement's user and only ever sends it as that user). Given by app/floor/layout.tsx.
import { createContext, useContext, type ReactNode } from "react";

export type FloorUser = { id: string; name: string };

const Ctx = createContext<FloorUser | null>(null);

export function FloorUserProvider({ user, children }: { user: FloorUser; children: ReactNode }) {
  return <Ctx.Provider value={user}>{children}</Ctx.Provider>;
}

export function useFloorUser(): FloorUser | null {
  return useContext(Ctx);
}
