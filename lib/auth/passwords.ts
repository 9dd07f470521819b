import bcrypt from "bcryptjs";

// bcrypt (pure JS, no native build) with cost 12: ~250 ms per check, which is what makes
// guessing expensive; sign-in rate limits do the rest.
const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the account does not exist, so a wrong email costs as much time
// as a wrong password and response times do not reveal which accounts exist.
export const DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKxGhuVq8pUoaUEi5c6rRz0cW/1Jyk6Jq1Z4K";

export const PASSWORD_RULES = "at least 12 characters";

export function checkPasswordStrength(password: string): string | null {
  return password.length >= 12 ? null : `The password must have ${PASSWORD_RULES}.`;
}
