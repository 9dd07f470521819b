// Builds the VALUES list of a multi-row statement: "($1,$2),($3,$4)" plus its flat
// parameter array. PostgreSQL allows 65,535 parameters per statement, which bounds
// rows x columns; ingest batches (<= 1,000 rows x 24 columns) stay below it.
export interface MultiRow {
  text: string;
  params: unknown[];
}

export function multiRowValues(rows: readonly unknown[][], casts: readonly string[] = []): MultiRow {
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const cells = row.map((value, i) => {
      params.push(value);
      const cast = casts[i];
      return cast ? `$${params.length}::${cast}` : `$${params.length}`;
    });
    tuples.push(`(${cells.join(",")})`);
  }
  if (params.length > 65_535) throw new Error(`Statement needs ${params.length} parameters; PostgreSQL allows 65,535`);
  return { text: tuples.join(","), params };
}
