# The hub image for docker compose: the same package and lock file as `make`.
# The explorer's and GraphiQL's bundles, from the same npm lock file as `make web`.
FROM node:20-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/build.mjs ./
COPY web/src src
# The explorer sends its GraphQL documents by hash, from the hub's manifest.
COPY hub/trusted_documents.json /hub/trusted_documents.json
RUN node build.mjs /dist

FROM python:3.12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
COPY hub hub
COPY schema schema
COPY bot bot
COPY jobs jobs
COPY services services
COPY graph graph
COPY brain brain
COPY names names
COPY --from=web /dist hub/static/dist
RUN UV_PROJECT_ENVIRONMENT=/venv uv sync --frozen --no-dev --no-editable

FROM python:3.12-slim
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1
RUN useradd --system --home /var/lib/uccn uccn && mkdir -p /var/lib/uccn && chown uccn /var/lib/uccn
USER uccn
WORKDIR /var/lib/uccn
EXPOSE 8000
CMD ["uccn", "serve", "--host", "0.0.0.0"]
