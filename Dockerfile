FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# The image talks to an external Temporal (TEMPORAL_ADDRESS), so the CLI build is skipped.
ENV TEMPORAL_ADDRESS=temporal:7233
RUN npm ci --omit=dev
COPY . .
USER node
EXPOSE 3000
