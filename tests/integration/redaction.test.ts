import { beforeAll, describe, expect, it } from "vitest";
import { forgetRedactionRules } from "@/lib/ingest/redaction-rules";
import { ingest, newApiKey } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { useTestDatabase } from "../helpers/test-database";

const db = useTestDatabase();
let key: string;
beforeAll(async () => {
  key = await newApiKey(db.pool);
});

describe("payload redaction at ingest", () => {
  it("never lets the default redacted fields reach the database", async () => {
    const [first] = shipmentEvents("SHP-RED-1");
    const payload = {
      shipment: "SHP-RED-1",
      customer: { id: "C-9", email: "secret.buyer@example.com", phone: "+1-555-0100" },
      shipTo: { address: { street: "742 Evergreen Terrace", city: "Springfield" } },
      payment: { card: "4111111111111111" },
    };
    expect((await ingest(key, { ...first, payload })).status).toBe(200);
    const { rows } = await db.pool.query(
      `SELECT p.payload::text AS text, p.payload FROM event_payloads p JOIN events e ON e.id = p.event_id WHERE e.event_id = $1`,
      [first!.id],
    );
    expect(rows[0].text).not.toMatch(/secret\.buyer|555-0100|Evergreen|4111111111111111/);
    expect(rows[0].payload).toEqual({
      shipment: "SHP-RED-1",
      customer: { id: "C-9", email: "[redacted]", phone: "[redacted]" },
      shipTo: { address: "[redacted]" },
      payment: { card: "[redacted]" },
    });
  });

  it("applies a rule an admin adds to the next ingest", async () => {
    await db.pool.query(
      `INSERT INTO redaction_rules (path, created_by) VALUES ('lines.unitPrice', 'admin@example.com')`,
    );
    forgetRedactionRules(db.pool);
    const [first] = shipmentEvents("SHP-RED-2");
    await ingest(key, {
      ...first,
      payload: {
        lines: [
          { sku: "A", unitPrice: 12.5 },
          { sku: "B", unitPrice: 3 },
        ],
      },
    });
    const { rows } = await db.pool.query(
      `SELECT p.payload FROM event_payloads p JOIN events e ON e.id = p.event_id WHERE e.event_id = $1`,
      [first!.id],
    );
    expect(rows[0].payload).toEqual({
      lines: [
        { sku: "A", unitPrice: "[redacted]" },
        { sku: "B", unitPrice: "[redacted]" },
      ],
    });
  });
});
