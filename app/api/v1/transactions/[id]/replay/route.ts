import { getPool } from "@/lib/db";
import { apiCommand } from "@/lib/http/api-command";
import { requestReplay, requestReplaySchema } from "@/lib/services/replay/request-replay";

export const dynamic = "force-dynamic";

// POST /api/v1/transactions/{id}/replay - replay one failed or dead-lettered transaction (finished ones with force and a reason)
export const POST = apiCommand({
  scope: "replay",
  name: "POST /api/v1/transactions/{id}/replay",
  fields: ["reason", "force"],
  // The replay dialog's rules: a forced replay needs a reason.
  schema: requestReplaySchema,
  input: (body, params) => ({ ...body, transactionId: params.id }),
  run: async (input, by, audit) => {
    const replay = await requestReplay(getPool(), by, input, audit);
    return {
      status: 202,
      body: {
        replayId: replay.replayId,
        transactionId: input.transactionId,
        system: replay.system,
        status: "queued",
        statusUrl: `/api/v1/replays/${replay.replayId}`,
      },
    };
  },
});
