# The hub image for docker compose: the same package and lock file as `make`.
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
RUN UV_PROJECT_ENVIRONMENT=/venv uv sync --frozen --no-dev --no-editable

FROM python:3.12-slim
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1
RUN useradd --system --home /var/lib/uccn uccn && mkdir -p /var/lib/uccn && chown uccn /var/lib/uccn
USER uccn
WORKDIR /var/lib/uccn
EXPOSE 8000
CMD ["uccn", "serve", "--host", "0.0.0.0"]
