import type { PrismaClient } from "@/lib/generated/prisma/client";

// Every user for the admin list: enabled ones first, then by email. Never the password hash.
export interface UserListItem {
  id: number;
  email: string;
  name: string | null;
  role: string;
  sites: string[];
  disabledAt: string | null;
  createdAt: string;
  hasPassword: boolean;
}

export async function listUsers(prisma: PrismaClient): Promise<UserListItem[]> {
  const users = await prisma.user.findMany({
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      sites: true,
      disabledAt: true,
      createdAt: true,
      passwordHash: true,
    },
    orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { email: "asc" }],
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    sites: u.sites,
    disabledAt: u.disabledAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    hasPassword: u.passwordHash !== null,
  }));
}
