FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY pyproject.toml ./
RUN pip install --upgrade "pip>=25.1" && pip install --group run

COPY . .
# collectstatic needs settings but no database and no real secret.
RUN DATABASE_URL=postgres://build@localhost/build SECRET_KEY=build-only \
    python manage.py collectstatic --noinput

RUN useradd --create-home hamstrings
USER hamstrings
EXPOSE 8000
CMD ["gunicorn", "hamstrings.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
