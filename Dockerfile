# The console's image: the same code runs web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# collectstatic needs settings that load; these values exist only for the build.
RUN DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=build WEBHOOK_SECRET_KEYS=build-only CLIENT_SECRET_HASH_KEY=build-only python manage.py collectstatic --noinput \
    && mkdir -p var && useradd --system --home-dir /app console && chown -R console var
USER console

EXPOSE 8000
CMD ["gunicorn", "console.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
