import { DataTable } from "@/components/ui/data-table";
import { formatUtc } from "@/components/ui/format";
import { isRole, ROLE_LABELS } from "@/lib/auth/permissions";
import type { UserListItem } from "@/lib/queries/list-users";
import { EditUserForm } from "./edit-user-form";

const HEADERS = ["Email", "Name", "Role", "Sites", "Status", "Edit"];

export function UserTable({
  users,
  actorId,
  knownSites,
}: {
  users: UserListItem[];
  actorId: number;
  knownSites: string[];
}) {
  return (
    <DataTable caption="Users: enabled first, then by email" headers={HEADERS} minWidth="900px">
      {users.map((u) => (
        <tr key={u.id} data-user-email={u.email} className="align-top">
          <td className="px-3 py-2">
            {u.email}
            {u.id === actorId ? <span className="ml-1 text-xs text-zinc-500">(you)</span> : null}
          </td>
          <td className="px-3 py-2">{u.name ?? <span className="text-zinc-400">—</span>}</td>
          <td className="px-3 py-2 whitespace-nowrap">{isRole(u.role) ? ROLE_LABELS[u.role] : u.role}</td>
          <td className="px-3 py-2">
            {u.sites.length > 0 ? u.sites.join(", ") : <span className="text-zinc-500">All sites</span>}
          </td>
          <td className="px-3 py-2">
            {u.disabledAt ? (
              <span
                title={`Disabled ${formatUtc(u.disabledAt)}`}
                className="inline-flex rounded-md bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 ring-1 ring-inset ring-zinc-500/25"
              >
                Disabled
              </span>
            ) : (
              <span className="inline-flex rounded-md bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-inset ring-green-600/25">
                Active
              </span>
            )}
            {u.hasPassword ? null : <span className="ml-2 text-xs text-zinc-500">single sign-on only</span>}
          </td>
          <td className="px-3 py-2">
            <details>
              <summary className="cursor-pointer text-sm font-medium text-blue-700 hover:underline">Edit</summary>
              <EditUserForm user={u} isSelf={u.id === actorId} knownSites={knownSites} />
            </details>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
