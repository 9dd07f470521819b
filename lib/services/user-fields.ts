import { z } from "zod";
import { checkPasswordStrength } from "@/lib/auth/passwords";
import { ROLES } from "@/lib/auth/permissions";

// Field rules shared by creating and updating users, so both answer the same way.

export const userEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }).max(254));

export const userName = z
  .string()
  .trim()
  .max(200)
  .nullish()
  .transform((v) => (v ? v : null));

export const userRole = z.enum(ROLES, { message: `Choose one of: ${ROLES.join(", ")}.` });

// Site codes as ingest knows them; an empty list means every site. Commas are refused
// because the admin form takes a comma-separated list.
export const userSites = z
  .array(
    z
      .string()
      .trim()
      .min(1, "A site code cannot be empty.")
      .max(100)
      .regex(/^[^,]+$/, "A site code cannot contain a comma."),
  )
  .max(100)
  .transform((sites) => [...new Set(sites)].sort());

export const userPassword = z.string().superRefine((password, ctx) => {
  const problem = checkPasswordStrength(password);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

// The user as the audit log records it: never the password hash.
export interface AuditedUser {
  email: string;
  name: string | null;
  role: string;
  sites: string[];
  disabled: boolean;
}
