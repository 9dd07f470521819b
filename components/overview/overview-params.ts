import { parseAsStringLiteral } from "nuqs/server";
import { DEFAULT_OVERVIEW_ORDER, OVERVIEW_ORDERS } from "@/lib/domain/dashboard/overview-order";

// The overview's card order in the URL (?order=name), like the filters, so a bookmarked or
// shared overview keeps it. Display only: it is not part of the query key, the cards are
// the same whatever their order. The default is left out of the URL.
export const overviewOrderParser = parseAsStringLiteral(OVERVIEW_ORDERS)
  .withDefault(DEFAULT_OVERVIEW_ORDER)
  .withOptions({ clearOnDefault: true, history: "push" });
