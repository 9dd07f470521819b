import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";

// The payload an engineer typed in the edit-and-replay editor: strict JSON (no comments,
// no trailing commas), and when it is not, where: line and column of the first problem,
// so a 2,000-line payload does not become a hunt.

export type JsonEdit = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

const WORDS: Record<string, string> = {
  InvalidSymbol: "an unexpected character",
  InvalidNumberFormat: "a malformed number",
  PropertyNameExpected: "a property name in double quotes is expected",
  ValueExpected: "a value is expected",
  ColonExpected: "':' is expected",
  CommaExpected: "',' is expected",
  CloseBraceExpected: "'}' is expected",
  CloseBracketExpected: "']' is expected",
  EndOfFileExpected: "nothing more is expected after the value",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "comments are not allowed in JSON",
  UnexpectedEndOfString: "a string is not closed",
  UnexpectedEndOfNumber: "a number is cut off",
  InvalidUnicode: "an invalid \\u escape",
  InvalidEscapeCharacter: "an invalid escape",
  InvalidCharacter: "a character that must be escaped",
};

export function parseJsonEdit(text: string): JsonEdit {
  if (text.trim() === "")
    return { ok: false, line: 1, column: 1, message: "The payload is empty; enter a JSON value." };
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first) {
    const { line, column } = positionOf(text, first.offset);
    const code = printParseErrorCode(first.error);
    return { ok: false, line, column, message: `Line ${line}, column ${column}: ${WORDS[code] ?? code}.` };
  }
  return { ok: true, value };
}

// 1-based line and column of a character offset.
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
