import { describe, expect, it } from "vitest";
import { exportHref } from "@/components/transactions/list-params";
import { type CsvColumn, csvFilename, toCsv } from "@/lib/csv/csv";

interface Row {
  key: string;
  note: string | null;
  amount: number | undefined;
}
const COLUMNS: CsvColumn<Row>[] = [
  { header: "key", value: (r) => r.key },
  { header: "note", value: (r) => r.note },
  { header: "amount", value: (r) => r.amount },
];

describe("toCsv", () => {
  it("writes a header and one CRLF line per row, quoting what needs it and leaving empty cells empty", () => {
    expect(
      toCsv(COLUMNS, [
        { key: "SHP-1", note: 'said "hi", left', amount: 12.5 },
        { key: "SHP-2", note: null, amount: undefined },
      ]),
    ).toBe('key,note,amount\r\nSHP-1,"said ""hi"", left",12.5\r\nSHP-2,,\r\n');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(toCsv(COLUMNS, [{ key: "=HYPERLINK(1)", note: "-2+3", amount: 1 }])).toBe(
      "key,note,amount\r\n'=HYPERLINK(1),'-2+3,1\r\n",
    );
  });

  it("is only a header for no rows", () => {
    expect(toCsv(COLUMNS, [])).toBe("key,note,amount\r\n");
  });
});

describe("export links", () => {
  it("names the file after the list and the day", () => {
    expect(csvFilename("Stuck work", new Date("2026-11-02T23:59:00Z"))).toBe("crossdock-stuck-work-2026-11-02.csv");
  });

  it("carries the list's filters but not its page position or size", () => {
    expect(exportHref({ status: "failed", site: "east", cursor: "abc", limit: "2" })).toBe(
      "/api/transactions/export?status=failed&site=east",
    );
    expect(exportHref({})).toBe("/api/transactions/export");
  });
});
