-- CloudEvents types that producers name in their own scheme (e.g. com.acme.wms.ShipmentConfirmed)
-- -> the workflow and, optionally, the stage they mean (lib/ingest/cloudevent-type.ts). A
-- type with no stage here takes it from data.stage. Set by admins; read by ingest.
CREATE TABLE "cloudevent_types" (
    "type" TEXT NOT NULL,
    "workflow_id" INTEGER NOT NULL,
    "stage" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cloudevent_types_pkey" PRIMARY KEY ("type"),
    CONSTRAINT "cloudevent_types_stage_check" CHECK ("stage" IN ('received', 'transformed', 'published', 'delivered', 'acknowledged', 'failed', 'retry_scheduled', 'dead_lettered', 'replay_requested', 'resolved', 'cancelled'))
);
CREATE INDEX "cloudevent_types_workflow_id_idx" ON "cloudevent_types"("workflow_id");

ALTER TABLE "cloudevent_types" ADD CONSTRAINT "cloudevent_types_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;
