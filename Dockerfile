# GIR production image. Front-end assets come from npm at build time (never committed, no CDN).
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never \
    GIR_VAR_DIR=/var/lib/gir DJANGO_SETTINGS_MODULE=gir.settings
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-dejavu-core libmagic1 gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /app --uid 1000 gir
WORKDIR /app
# The runtime lock only (no test tools), every package checked against its hash; plain pip,
# so no installer stays behind in the image.
COPY requirements.lock ./
RUN pip install --no-cache-dir --no-deps --require-hashes -r requirements.lock
COPY --from=assets /app/node_modules ./node_modules
# .dockerignore keeps .env, var/, .venv, .git, node_modules and tests out of the context.
COPY . .
# collectstatic needs a key to import settings; the real one comes from the environment at run time.
# It must fail the build: without its manifest every page is a 500. The .mo files are committed
# (a test keeps them fresh), so compiling them again may fail without harm.
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput -v 0
RUN DJANGO_SECRET_KEY=build-only python manage.py compilemessages -v 0 || true
RUN mkdir -p /var/lib/gir/private && chown -R gir /var/lib/gir
USER gir
EXPOSE 8000
ENV GIR_BIND=0.0.0.0:8000 GIR_WEB_WORKERS=3
HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/ready/', timeout=10)"]
CMD ["gunicorn", "gir.wsgi", "-c", "gunicorn.conf.py"]
