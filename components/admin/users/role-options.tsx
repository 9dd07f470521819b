import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";

export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
}

export function sitesHint(knownSites: string[]): string {
  return knownSites.length > 0
    ? `Comma-separated; empty means every site. Known: ${knownSites.join(", ")}.`
    : "Comma-separated; empty means every site.";
}
