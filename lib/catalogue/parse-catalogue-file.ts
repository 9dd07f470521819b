import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { type CatalogueFile, catalogueFileSchema } from "./catalogue-schema";

// A catalogue file's text -> the validated catalogue, or every problem with its line,
// column and field ("catalogue.yaml:14:18 workflows[2].sla_minutes: The SLA is between 1
// and 100,000 minutes."). zod says which field; the YAML node of that field says where.

export type FieldPath = (string | number)[];

export interface CatalogueProblem {
  line: number; // 1-based
  column: number; // 1-based
  field: string; // workflows[2].sla_minutes
  message: string;
}

export class CatalogueFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: CatalogueProblem[],
  ) {
    super(problems.map((p) => formatProblem(file, p)).join("\n"));
  }
}

// In the order the file reads, whatever order the checks ran in.
export function byLine(problems: CatalogueProblem[]): CatalogueProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

export function formatProblem(file: string, p: CatalogueProblem): string {
  return `${file}:${p.line}:${p.column} ${p.field ? `${p.field}: ` : ""}${p.message}`;
}

export interface ParsedCatalogue {
  catalogue: CatalogueFile;
  // where a field of the file is, for problems found later (a site that does not exist)
  locate(path: FieldPath, message: string): CatalogueProblem;
}

export function parseCatalogueFile(file: string, text: string): ParsedCatalogue {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new CatalogueFileError(
      file,
      doc.errors.map((e) => ({
        line: e.linePos?.[0].line ?? 1,
        column: e.linePos?.[0].col ?? 1,
        field: "",
        // the first line, without the position the problem already carries
        message: e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
      })),
    );
  const locate = (path: FieldPath, message: string): CatalogueProblem => {
    const offset = offsetOf(doc, path);
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col, field: fieldName(path), message };
  };
  // An empty file is an empty catalogue (it changes nothing).
  const parsed = catalogueFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success)
    throw new CatalogueFileError(
      file,
      byLine(
        parsed.error.issues.map((issue) => {
          // A misspelt key: point at the key itself and name it.
          if (issue.code === "unrecognized_keys")
            return locate(
              [...issue.path, ...issue.keys.slice(0, 1)] as FieldPath,
              `Unknown field ${issue.keys.join(", ")}: check the spelling (fields are snake_case, as in catalogue/demo.yaml).`,
            );
          return locate(issue.path as FieldPath, issue.message);
        }),
      ),
    );
  return { catalogue: parsed.data, locate };
}

// The offset of the deepest node on `path` that the file has: the field's value, or its
// key for a field named as unknown, or the entry it is missing from.
function offsetOf(doc: Document, path: FieldPath): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      // the value, or the key when it has none
      offset = (pair.value as Node | null)?.range?.[0] ?? (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

// ["workflows", 2, "sla_minutes"] -> "workflows[2].sla_minutes"
function fieldName(path: FieldPath): string {
  return path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${key}` : key),
    "",
  );
}
