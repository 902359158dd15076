# newsbot's image: one image, the Procfile's three processes (web, worker, clock) by command.
# Built from the repository root: docker build -t newsbot .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# Dependencies first (the spaCy model and ONNX Runtime are most of the image), then the code.
COPY pyproject.toml README.md ./
COPY analyzers/ analyzers/
COPY bot/ bot/
COPY config/ config/
COPY evaluation/ evaluation/
COPY handlers/ handlers/
RUN pip install . && useradd --create-home newsbot
USER newsbot

EXPOSE 3000
CMD ["newsbot", "serve"]
