# Frontline's connector: the `frontline` CLI, compiled to JavaScript (connector/dist).
#   docker build -t frontline .
#   docker run -p 3000:3000 -e DATABASE_URL=... -e REDIS_URL=... -e FRONTLINE_SECRET_KEY=... frontline          # API
#   docker run -e DATABASE_URL=... -e REDIS_URL=... -e FRONTLINE_SECRET_KEY=... frontline worker                # jobs
#   docker run ... frontline tenant add acme --vendor zendesk ...                                                # any command
# See "Running in production" in README.md.

# Build: every dependency, then the helpdesk apps (dist/zendesk-web is served by the API).
FROM node:20-bookworm-slim AS build
ENV TURBO_TELEMETRY_DISABLED=1
WORKDIR /app
COPY . .
RUN npm ci && npm run package

# Run: production dependencies only, the sources, the compiled CLI and the packaged apps.
# `npm ci` runs the root `prepare` script, which compiles the CLI into connector/dist (esbuild
# and tsx are dependencies of the connector); the bin runs that build, never the TypeScript.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    FRONTLINE_DATA_DIR=/data
WORKDIR /app
COPY . .
RUN npm ci --omit=dev && npm cache clean --force \
    && test -f connector/dist/build-stamp.json \
    && mkdir -p /data && chown node:node /data
COPY --from=build /app/dist ./dist
# The embedded store (no DATABASE_URL) and its generated key live here; unused with PostgreSQL.
VOLUME /data
USER node
EXPOSE 3000
# Node handles SIGTERM itself: the API drains its requests, a worker finishes or hands back its jobs.
ENTRYPOINT ["node", "connector/bin/frontline.js"]
CMD ["serve"]
