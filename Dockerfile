# One image for the web app, the one-shot migration and the worker (pg_dump for backups included).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first, for layer caching. `postinstall` runs `prisma generate`, which needs the schema.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-engine-stub.sh ./scripts/prisma-engine-stub.sh
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
# pg_dump for backups; a CJK font so label PDFs print Chinese names.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=node:node /app ./
# The backup volume's mount point, owned by the user the worker runs as.
RUN mkdir -p /backups && chown node:node /backups
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s CMD node -e "fetch('http://127.0.0.1:3000/api/v1/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# One web worker process per CPU (WEB_CONCURRENCY): Next.js plus the movement fast path, see scripts/serve.ts.
CMD ["node", "--import", "tsx", "scripts/serve.ts", "-H", "0.0.0.0", "-p", "3000"]
