// npm run db:migrate - apply pending migrations to DATABASE_URL (or the embedded database).
import { ensureDatabase } from "@/lib/postgres/ensure-database";

const db = await ensureDatabase();
console.log("crossdock: migrations are current");
await db.stop();
