FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_PRODUCTION=1
# WeasyPrint needs Pango; DejaVu covers every Kazakh letter in PDFs; npm for the
# front-end assets (Bootstrap, htmx) from the package registry.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core npm gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock package.json .npmrc ./
RUN pip install --no-cache-dir -r requirements.lock && npm install --no-audit --no-fund
COPY . .
RUN SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
       python manage.py collectstatic --no-input
RUN useradd --system --uid 1000 app && chown -R app /app
USER app
EXPOSE 8000
# gunicorn reads gunicorn.conf.py (bind, workers, an access log without query strings)
CMD ["gunicorn", "mentorship.wsgi:application"]
