# taskd: the Task Status and Human Task APIs on the embedded SQLite store by default.
#
#   docker build -t taskd .
#   docker run -p 3000:3000 -v taskd-data:/var/lib/taskd \
#     -e AUTH_TOKENS_FILE=/run/secrets/taskd-tokens.json taskd
#
# Configuration is by environment only (README.md, "Configuration"). The server
# binds 0.0.0.0 here, so protected mode applies: configure credentials
# (AUTH_TOKENS_FILE, AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY_FILE, AUTH_CLIENTS_FILE)
# or opt out explicitly with AUTH_DISABLED=true.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source when no prebuilt binary can be fetched,
# against the Node image's own headers, so the build never downloads them; the
# copy leaves out node::ObjectWrap's cleanup hook of Node 24.19+, which aborts
# the process when better-sqlite3 12's statements are collected (see the script).
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY scripts/node-headers-for-sqlite.sh /tmp/
RUN bash /tmp/node-headers-for-sqlite.sh /usr/local /opt/node-headers
ENV npm_config_nodedir=/opt/node-headers \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
WORKDIR /app
COPY package.json package-lock.json ./
# Behind a TLS-intercepting proxy, pass its CA as a build secret (never a layer):
#   docker build --secret id=npm_ca,src=/path/to/ca.pem .
RUN --mount=type=secret,id=npm_ca \
  if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi \
  && npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY spec ./spec
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE}
# The heap budget: without it V8 sizes the old generation from the host's memory (up
# to 4 GB) and lets it grow lazily; with it the process stays near 150 MB under load.
# The largest bulk update allowed (50,000 ids) peaks near 220 MB. Override with -e.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=256 \
    HOST=0.0.0.0 \
    PORT=3000 \
    STORE_URL=sqlite:/var/lib/taskd/taskd.db
WORKDIR /app
# Root owns the application; the server runs as the image's unprivileged `node`
# user and may write only to its data directory.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/spec ./spec
COPY --from=build /app/dist ./dist
RUN mkdir -p /var/lib/taskd && chown node:node /var/lib/taskd
VOLUME ["/var/lib/taskd"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "dist/healthcheck.js"]
# SIGTERM finishes requests in flight within SHUTDOWN_GRACE_MS, closes the store, exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server.js"]
