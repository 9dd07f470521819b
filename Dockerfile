# syntax=docker/dockerfile:1
# Crossdock: one image for the app and the worker (README, "Docker").
#   app:     node server.js                (the default command)
#   worker:  node scripts/worker.mjs
#   migrate: node scripts/db-migrate.mjs   (one-shot, before the others start)
#   admin:   node scripts/user-create.mjs ..., node scripts/apikey-create.mjs ...
# Debian rather than Alpine: Next's compiler and the pg stack are built against glibc.

FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# No install scripts: they would fetch Prisma engines and embedded PostgreSQL set-ups the
# image never uses; `npm run build` generates the Prisma client itself.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && node --import tsx scripts/assemble-standalone.ts /image

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
ENV NEXT_TELEMETRY_DISABLED=1
ENV HOSTNAME=0.0.0.0
ENV PORT=3000
WORKDIR /app
# Owned by root and not writable by the user the processes run as: the app writes nothing to disk.
COPY --from=build /image /app
USER node
EXPOSE 3000
# Node handles SIGTERM itself in both processes: the server stops accepting, lets requests in
# flight (ingest batches included) finish, then exits; the worker finishes the deliveries it
# has sent, hands back the replays it leased but did not send, and exits.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
CMD ["node", "server.js"]
