-- A workflow's SLA at one site, where that site works on another rhythm than the rest (e.g. a
-- legacy WMS exchanging CSV batches every four hours). Without a row here a site has the
-- workflow's own SLA (workflows.sla_minutes). Read when a view judges "stuck" or draws the
-- SLA, never folded into the rollups, so changing it needs no rebuild.
CREATE TABLE "workflow_site_slas" (
    "workflow_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "sla_minutes" INTEGER NOT NULL,
    CONSTRAINT "workflow_site_slas_pkey" PRIMARY KEY ("workflow_id", "site_id"),
    CONSTRAINT "workflow_site_slas_sla_minutes_check" CHECK ("sla_minutes" BETWEEN 1 AND 100000)
);

ALTER TABLE "workflow_site_slas" ADD CONSTRAINT "workflow_site_slas_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "workflow_site_slas" ADD CONSTRAINT "workflow_site_slas_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;
