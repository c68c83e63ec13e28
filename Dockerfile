# Multi-stage: compile TypeScript with dev dependencies, run with production ones only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The npm workspace (the typed client) must be present for `npm ci`; the service does not import it.
COPY packages/client/package.json ./packages/client/
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json codegen.ts ./
COPY schema ./schema
COPY src ./src
COPY web ./web
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/client/package.json ./packages/client/
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
# TRUSTED_DOCUMENTS' default manifest.
COPY packages/client/src/generated/persisted-documents.json ./packages/client/src/generated/
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY schema ./schema
COPY cypher ./cypher
COPY data ./data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD node -e "fetch('http://127.0.0.1:4000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The heap budget (docs/operations.md "Memory"): SERVICE_HEAP_MB, in MiB.
CMD ["sh", "-c", "exec node --max-old-space-size=${SERVICE_HEAP_MB:-1024} --no-memory-reducer dist/src/main.js"]
