import bcrypt from "bcryptjs";

// bcrypt cost 11 ≈ 150 ms here: slow for an attacker, quick enough for a login.
const COST = 11;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
