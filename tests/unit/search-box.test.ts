import { describe, expect, it } from "vitest";
import { isSearchShortcut } from "@/components/search/search-shortcut";
import { searchDestination } from "@/lib/domain/search-destination";
import { escapeLike } from "@/lib/queries/search-transactions";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("isSearchShortcut", () => {
  it("takes / outside fields, and Ctrl-K or Cmd-K anywhere", () => {
    expect(isSearchShortcut(key("/"), false)).toBe(true);
    expect(isSearchShortcut(key("k", { ctrlKey: true }), false)).toBe(true);
    expect(isSearchShortcut(key("K", { metaKey: true }), true)).toBe(true);
  });

  it("leaves / to a field being typed in, and ignores plain k and Alt combinations", () => {
    expect(isSearchShortcut(key("/"), true)).toBe(false);
    expect(isSearchShortcut(key("k"), false)).toBe(false);
    expect(isSearchShortcut(key("k", { ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(isSearchShortcut(key("/", { ctrlKey: true }), false)).toBe(false);
  });
});

describe("searchDestination", () => {
  it("opens the trace of a single hit, or of the one exact hit among prefix matches", () => {
    expect(searchDestination([{ id: "a", exact: false }])).toEqual({ kind: "trace", id: "a" });
    expect(
      searchDestination([
        { id: "a", exact: false },
        { id: "b", exact: true },
      ]),
    ).toEqual({ kind: "trace", id: "b" });
  });

  it("lists several exact hits or several prefix hits, and says when there is none", () => {
    expect(
      searchDestination([
        { id: "a", exact: true },
        { id: "b", exact: true },
      ]),
    ).toEqual({ kind: "list" });
    expect(
      searchDestination([
        { id: "a", exact: false },
        { id: "b", exact: false },
      ]),
    ).toEqual({ kind: "list" });
    expect(searchDestination([])).toEqual({ kind: "none" });
  });
});

describe("escapeLike", () => {
  it("makes LIKE wildcards and the escape character literal", () => {
    expect(escapeLike("ODD_100%")).toBe("ODD\\_100\\%");
    expect(escapeLike("a\\b")).toBe("a\\\\b");
    expect(escapeLike("SHP-1")).toBe("SHP-1");
  });
});
