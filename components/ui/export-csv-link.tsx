// "Export CSV" next to a list: a plain link to the list's export route with the same
// filters, so the file holds exactly the rows the list shows (all pages of them).
export function ExportCsvLink({ href, label = "Export CSV" }: { href: string; label?: string }) {
  return (
    <a
      href={href}
      download
      className="inline-flex h-8 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-700 hover:border-zinc-400 hover:text-zinc-950"
    >
      {label}
    </a>
  );
}
