# Production image of the labour migrant platform: the official Directus 11.17.4 image plus the
# labour-platform bundle extension and the repository's configuration (schema snapshot, roles,
# policies, permissions, presets, dashboards, translations, flows) with a bundled config applier.
#
#   docker build -t labour-platform/directus .      (or: docker-compose build)
#
# Plain Dockerfile syntax only (no BuildKit-only features), so the classic builder used by
# docker-compose 1.29 builds it too.

############################################################################################
# Stage 1: install the workspace and build the extension and the config applier.
FROM node:22-bookworm-slim AS build

# Toolchain for native modules (argon2, sqlite3) should no prebuilt binary match.
RUN apt-get update \
	&& apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
	&& rm -rf /var/lib/apt/lists/*

WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

# The whole context (see .dockerignore) before `npm ci`: the postinstall script lives in scripts/.
COPY . .
RUN npm ci

# extensions/labour-platform/dist (via @directus/extensions-sdk) and the consent page in dist/consent-page (Vite).
RUN npm run build

# scripts/config-apply.ts as one self-contained ES module, so the runtime image needs neither tsx nor
# the workspace's node_modules. It sits in /directus/config/scripts/ next to snapshots/, schema/ and
# flows/ in /directus/config, the same layout as the repository.
RUN node_modules/.bin/esbuild scripts/config-apply.ts \
		--bundle --platform=node --format=esm --target=node22 \
		--banner:js="import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" \
		--outfile=/out/config/scripts/config-apply.mjs \
	&& mkdir -p /out/config/snapshots /out/config/schema /out/config/flows \
	&& cp -R snapshots/. /out/config/snapshots/ \
	&& cp -R schema/. /out/config/schema/ \
	&& cp -R flows/. /out/config/flows/ \
	&& test -f extensions/labour-platform/dist/api.js \
	&& test -f extensions/labour-platform/dist/consent-page/index.html

############################################################################################
# Stage 2: the official Directus image, pinned exactly.
FROM directus/directus:11.17.4

LABEL org.opencontainers.image.title="Platform Arbeidsmigranten" \
	org.opencontainers.image.description="Directus 11.17.4 with the labour-platform extension for registering labour migrants in the BRP" \
	org.opencontainers.image.licenses="EUPL-1.2"

# The base image runs as `node` in /directus; EXTENSIONS_PATH defaults to ./extensions.
COPY --from=build --chown=node:node /app/extensions/labour-platform/package.json /directus/extensions/labour-platform/package.json
COPY --from=build --chown=node:node /app/extensions/labour-platform/dist /directus/extensions/labour-platform/dist
COPY --from=build --chown=node:node /out/config /directus/config

# A broken extension must stop the container rather than serve an app without the platform's rules.
ENV EXTENSIONS_MUST_LOAD=true \
	TELEMETRY=false

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
	CMD wget -q -O /dev/null http://127.0.0.1:8055/server/health || exit 1

# CMD is inherited: `node cli.js bootstrap && pm2-runtime start ecosystem.config.cjs`.
# docker-compose.yml overrides it (migrate job bootstraps, instances only start).
