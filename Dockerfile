FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the image runs against an external Postgres and Temporal, so neither the
# embedded Postgres binaries nor the Temporal CLI build (postinstall) are wanted here.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY . .
ENV NODE_ENV=production
USER node
EXPOSE 3000
# node itself, not npm: npm does not pass SIGTERM on to its child, and shutdown must drain.
CMD ["node", "--import", "tsx", "src/main.ts", "api"]
