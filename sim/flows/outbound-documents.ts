// The documents of the outbound chain as each system writes them: the source's message
// (JSON from the modern WMS and the ERP, CSV lines from the legacy south WMS) and the
// middleware's mapping into the target's format. What an engineer sees at each hop.
import { HOUR, iso, localDate } from "../clock";
import { CARRIER, EDI_GATEWAY } from "../landscape";
import { LTL_CARRIERS, locationOf } from "../master-data";
import type { SalesOrder } from "./sales-order";

interface Documents {
  payload: unknown;
  mapped?: unknown;
}

export function releaseDocuments(o: SalesOrder, start: number, shopperHash: number): Documents {
  const { customer, lines, site } = o;
  return {
    payload: {
      orderId: o.orderId,
      channel: o.channel,
      customerId: customer.id,
      ...(o.channel === "edi" ? { ediPartner: customer.ediPartner, ediDocument: "850" } : {}),
      currency: customer.currency,
      requestedShipDate: localDate(start + 24 * HOUR),
      // web orders carry the shopper's email: what payload masking is for
      shipTo:
        o.channel === "web"
          ? { city: customer.city, email: `shopper${shopperHash % 9973}@example.com` }
          : { city: customer.city, region: customer.region, country: customer.country },
      lines: lines.map((l, i) => ({
        line: i + 1,
        sku: l.sku.id,
        qty: l.qty,
        uom: l.sku.uom,
        unitPrice: l.sku.unitPrice,
      })),
    },
    mapped: site.batch
      ? ["H", o.orderId, customer.id, site.letter, ...lines.map((l) => `${l.sku.id}:${l.qty}:${l.sku.uom}`)].join(";")
      : {
          ORDNO: o.orderId,
          CUSTNO: customer.id,
          WHSE: site.letter,
          LINES: lines.map((l) => ({ ITEM: l.sku.id, QTY: l.qty, UOM: l.sku.uom })),
        },
  };
}

export function pickDocuments(
  o: SalesOrder,
  pickId: string,
  pickAt: number,
  backorderId: string | undefined,
): Documents {
  const { lines, site } = o;
  return {
    payload: site.batch
      ? lines
          .map((l) => `PICK|${pickId}|${o.orderId}|${l.sku.id}|${l.qty}|${l.picked}|${locationOf(site.code, l.sku)}`)
          .join("\n")
      : {
          pickId,
          orderId: o.orderId,
          wave: `W-${site.letter}${Math.floor(pickAt / HOUR) % 100000}`,
          lines: lines.map((l) => ({
            sku: l.sku.id,
            location: locationOf(site.code, l.sku),
            ordered: l.qty,
            picked: l.picked,
            uom: l.sku.uom,
          })),
          ...(backorderId ? { shortPick: true, backorderId } : {}),
        },
    mapped: {
      documentType: "PICK_CONFIRM",
      salesOrder: o.orderId,
      items: lines.map((l) => ({ material: l.sku.id, qty: l.picked, uom: l.sku.uom })),
      ...(backorderId ? { backorder: backorderId } : {}),
    },
  };
}

export function packDocuments(o: SalesOrder, packId: string, cartons: number, weightKg: number): Documents {
  return {
    payload: { packId, orderId: o.orderId, cartons, weightKg },
    mapped: {
      documentType: "PACK_CONFIRM",
      salesOrder: o.orderId,
      handlingUnits: cartons,
      grossWeight: weightKg,
      weightUnit: "KG",
    },
  };
}

export interface ShipmentFacts {
  shipmentId: string;
  loadId: string;
  shipAt: number;
  lane: number;
  tracking: string;
  ordered: number;
  picked: number;
  backorderId: string | undefined;
  cartons: number;
  weightKg: number;
}

// The carrier label: a UPS parcel label for web orders, an LTL pro number and bill of
// lading for truck loads.
export function shipmentDocuments(o: SalesOrder, f: ShipmentFacts): Documents {
  const ltl = LTL_CARRIERS[f.lane % LTL_CARRIERS.length]!;
  const carrier =
    o.channel === "web"
      ? {
          name: "UPS",
          system: CARRIER,
          service: "Ground",
          trackingNumber: `1Z${f.tracking}`,
          labelId: `LBL-${o.serial}`,
          labelFormat: "ZPL",
        }
      : {
          name: ltl.name,
          scac: ltl.scac,
          proNumber: `${ltl.scac}${o.serial.slice(-9)}`,
          billOfLading: `BOL-${o.serial}`,
        };
  return {
    payload: {
      shipmentId: f.shipmentId,
      orderId: o.orderId,
      loadId: f.loadId,
      shippedAt: iso(f.shipAt),
      partial: f.picked < f.ordered,
      ...(f.backorderId ? { backorderId: f.backorderId, backorderedQty: f.ordered - f.picked } : {}),
      lines: o.lines.map((l) => ({ sku: l.sku.id, qty: l.picked, uom: l.sku.uom })),
      cartons: f.cartons,
      weightKg: f.weightKg,
      carrier,
    },
    mapped: {
      deliveryNote: f.shipmentId,
      salesOrder: o.orderId,
      shipTo: o.customer.id,
      goodsIssueDate: localDate(f.shipAt),
      route: f.loadId,
      items: o.lines.map((l) => ({ material: l.sku.id, qty: l.picked })),
    },
  };
}

export function invoiceDocuments(
  o: SalesOrder,
  ids: { invoiceId: string; shipmentId: string; loadId: string },
  amount: string,
): Documents {
  const { customer } = o;
  return {
    payload: {
      ...ids,
      orderId: o.orderId,
      customerId: customer.id,
      amount,
      currency: customer.currency,
      terms: "NET30",
      // EDI customers get their invoice as an 810 through the EDI gateway
      delivery: customer.ediPartner
        ? { via: EDI_GATEWAY, partner: customer.ediPartner, document: "810" }
        : { via: "email" },
    },
  };
}
