-- The search box matches business references by prefix (`LIKE 'SHP-70%'`). A plain btree
-- index answers that only when the database's collation is "C"; most servers are created
-- with a language collation (en_US.UTF-8, C.UTF-8), where the prefix arm became a scan of
-- the whole table. text_pattern_ops indexes answer both the equality and the prefix under
-- any collation, so they replace the plain ones (no query sorts by these columns).
DROP INDEX "transactions_business_key_idx";
CREATE INDEX "transactions_business_key_idx" ON "transactions"("business_key" text_pattern_ops);
DROP INDEX "transactions_order_id_idx";
CREATE INDEX "transactions_order_id_idx" ON "transactions"("order_id" text_pattern_ops);
DROP INDEX "transactions_shipment_id_idx";
CREATE INDEX "transactions_shipment_id_idx" ON "transactions"("shipment_id" text_pattern_ops);
DROP INDEX "transactions_load_id_idx";
CREATE INDEX "transactions_load_id_idx" ON "transactions"("load_id" text_pattern_ops);
DROP INDEX "transactions_invoice_id_idx";
CREATE INDEX "transactions_invoice_id_idx" ON "transactions"("invoice_id" text_pattern_ops);
DROP INDEX "transactions_sku_idx";
CREATE INDEX "transactions_sku_idx" ON "transactions"("sku" text_pattern_ops);
DROP INDEX "transactions_customer_id_idx";
CREATE INDEX "transactions_customer_id_idx" ON "transactions"("customer_id" text_pattern_ops);
