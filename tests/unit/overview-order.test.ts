import { describe, expect, it } from "vitest";
import { type OverviewOrder, orderCards, type RankedCard } from "@/lib/domain/dashboard/overview-order";

// The overview's cards: what needs attention first by default (value at risk, then stuck
// transactions, then failure rate), or alphabetical when the URL asks for it.

const card = (workflow: string, extra: Partial<RankedCard> = {}): RankedCard => ({
  workflow,
  valueAtRisk: [],
  stuck: 0,
  failureRate: null,
  ...extra,
});

const CARDS: RankedCard[] = [
  card("goods_receipt", { stuck: 3, failureRate: 0.01 }),
  card("invoice_posting", { valueAtRisk: [{ currency: "USD", amount: "1200.0000" }], stuck: 1 }),
  card("order_release", { failureRate: 0.2 }),
  card("pack_confirmation", { stuck: 3, failureRate: 0.05 }),
  card("returns"),
  card("shipment_confirmation", {
    valueAtRisk: [
      { currency: "EUR", amount: "900.0000" },
      { currency: "SEK", amount: "5000.0000" },
    ],
  }),
];

const names = (order: OverviewOrder, cards = CARDS) => orderCards(cards, order).map((c) => c.workflow);

describe("orderCards", () => {
  it("puts value at risk first, then stuck work, then the failure rate, then the name", () => {
    expect(names("attention")).toEqual([
      "shipment_confirmation", // largest amount in any one currency (SEK 5,000)
      "invoice_posting",
      "pack_confirmation", // 3 stuck, failing more than goods_receipt
      "goods_receipt",
      "order_release",
      "returns",
    ]);
  });

  it("orders by name when asked, whatever the figures", () => {
    expect(names("name")).toEqual([...CARDS.map((c) => c.workflow)].sort());
  });

  it("ranks by what the role can see: hidden values reveal nothing through the order", () => {
    const hidden = CARDS.map((c) => ({ ...c, valueAtRisk: null }));
    expect(names("attention", hidden)).toEqual([
      "pack_confirmation",
      "goods_receipt",
      "invoice_posting",
      "order_release",
      "returns",
      "shipment_confirmation",
    ]);
  });

  it("leaves the cards it was given as they were", () => {
    const before = CARDS.map((c) => c.workflow);
    orderCards(CARDS, "attention");
    expect(CARDS.map((c) => c.workflow)).toEqual(before);
  });
});
